"""Drafter benchmarks: prints figures, asserts nothing.

- offline draft in-process, warm (generate_draft through litellm's custom provider), median of N;
- the offline writer alone (compose_offline_draft), median;
- `brief draft` cold wall time (a new process each run) next to a bare `import litellm`,
  so Brief's own share of the start-up is visible.

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


def wall(command: list[str], runs: int) -> list[float]:
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    import drafter
    from drafter.llm import get_litellm

    facts = drafter.load_facts(FACTS)
    started = time.perf_counter()
    get_litellm()
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    drafter.generate_draft(facts)
    first_ms = (time.perf_counter() - started) * 1000

    warm = []
    for _ in range(args.runs):
        started = time.perf_counter()
        drafter.generate_draft(facts)
        warm.append((time.perf_counter() - started) * 1000)
    writer = []
    for _ in range(args.runs):
        started = time.perf_counter()
        drafter.compose_offline_draft(facts)
        writer.append((time.perf_counter() - started) * 1000)

    print(f"litellm import in-process:          {import_s:.2f} s")
    print(f"first offline draft after import:   {first_ms:.0f} ms (litellm's lazy imports)")
    print(
        f"offline draft in-process, warm:     median {statistics.median(warm):.1f} ms, "
        f"p90 {statistics.quantiles(warm, n=10)[-1]:.1f} ms over {args.runs} runs (target <= 50 ms)"
    )
    print(f"offline writer alone:               median {statistics.median(writer):.2f} ms")

    bare = wall([sys.executable, "-c", "import litellm"], args.cold_runs)
    cold = wall([str(BIN / "brief"), "draft", str(FACTS), "--format", "json"], args.cold_runs)
    critic_free = wall([str(BIN / "brief"), "--help"], args.cold_runs)
    print(f"bare `import litellm`, new process: median {statistics.median(bare):.2f} s")
    print(
        f"`brief draft` cold wall time:       median {statistics.median(cold):.2f} s, "
        f"min {min(cold):.2f} s over {args.cold_runs} runs"
    )
    share = statistics.median(cold) - statistics.median(bare)
    print(f"  Brief's share beyond the import:  {share:.2f} s (target <= 1 s)")
    print(f"`brief --help` cold:                median {statistics.median(critic_free):.2f} s")


if __name__ == "__main__":
    main()
