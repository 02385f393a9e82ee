"""Drafter benchmarks: prints figures, asserts nothing.

- cold `brief draft FACTS` with offline/template (a new process each run) vs a bare
  `python -c "import litellm"`, interleaved in the same run, min and median (target <= 0.2x);
- the same draft in-process, warm (generate_draft: the whole flow, no litellm), and the offline
  writer alone (compose_offline_draft), median;
- the latency the draft reports (the model call only, never an import).

Usage: .venv/bin/python scripts/bench_drafter.py [--runs N] [--cold-runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "fixtures/incidents/conversion-drop.yaml"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}


def wall_s(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV, cwd=ROOT)
    return time.perf_counter() - started


def _line(label: str, samples: list[float], unit: str) -> str:
    return (
        f"{label:<40} min {min(samples):8.2f} {unit}  median {statistics.median(samples):8.2f} "
        f"{unit}  (n={len(samples)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    draft = [str(BIN / "brief"), "draft", str(FACTS), "--format", "json"]
    bare = [sys.executable, "-c", "import litellm"]
    cold, reference = [], []
    for _ in range(args.cold_runs):
        cold.append(wall_s(draft))
        reference.append(wall_s(bare))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(_line("cold `brief draft` (offline/template)", cold, "s"))
    print(_line("cold `python -c 'import litellm'`", reference, "s"))
    print(
        f"  brief draft / import litellm:          {min(cold) / min(reference):6.2f}x by min, "
        f"{statistics.median(cold) / statistics.median(reference):6.2f}x by median "
        "(target <= 0.2x)"
    )

    import drafter

    facts = drafter.load_facts(FACTS)
    result = drafter.generate_draft(facts)
    warm, writer = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = drafter.generate_draft(facts)
        warm.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        drafter.compose_offline_draft(facts)
        writer.append((time.perf_counter() - started) * 1000)
    print(_line("offline draft in-process, warm", warm, "ms"))
    print(_line("offline writer alone", writer, "ms"))
    print(f"latency the draft reports (model call):  {result.meta.latency_ms:.2f} ms")
    print(f"litellm imported in this process:        {'litellm' in sys.modules}")


if __name__ == "__main__":
    main()
