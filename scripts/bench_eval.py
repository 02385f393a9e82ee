"""Benchmarks for `brief eval` (prints figures; targets from issue 5).

1. Replaying the full matrix (every fixture incident x every recorded cassette set: 3 wire
   formats plus the flawed set), cold, as `brief eval --replay` in a fresh process. Target <= 20 s
   for at least 12 incidents x 2 wire formats.
2. 24 live requests at --concurrency 8 against a local OpenAI-compatible server (127.0.0.1,
   started and stopped by this script) that answers each after 1 s. Target <= 5 s.

    .venv/bin/python scripts/bench_eval.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brief.evaluation import (  # noqa: E402
    EvalResult,
    Incident,
    ModelSpec,
    load_incidents,
    recorded_sets,
    run_evaluation,
)
from brief.evaluation.fake_server import FakeOpenAIServer  # noqa: E402

CASSETTES = ROOT / "fixtures" / "cassettes"
INCIDENTS = ROOT / "fixtures" / "incidents"


def bench_replay(sets: list | None = None) -> None:
    """Cold `brief eval --replay` over the given cassette sets (default: every recorded one)."""
    sets = sets or recorded_sets(CASSETTES)
    args = [sys.executable, "-m", "brief.cli", "eval", str(INCIDENTS), "--replay"]
    for spec in sets:
        args += ["--model", str(spec)]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        started = time.perf_counter()
        subprocess.run(
            [*args, "--format", "json", "--out", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - started
        result = EvalResult.model_validate_json(out.read_text(encoding="utf-8"))
    rows = len(result.rows)
    print(
        f"replay matrix: {len(result.incidents)} incidents x {len(sets)} cassette sets = {rows} "
        f"drafts, {2 * rows} critic reviews"
    )
    print(f"  cold `brief eval --replay` wall time: {wall:.1f} s (target <= 20 s)")
    print(f"  of which the evaluation itself:      {result.wall_seconds:.1f} s")
    for summary in result.summaries:
        print(f"  {summary.model:<38} pass rate {summary.pass_rate:.0%}")


SERVE = """
import json, sys
from brief.evaluation.fake_server import FakeOpenAIServer
with FakeOpenAIServer(delay_s=float(sys.argv[1])) as server:
    print(server.api_base, flush=True)
    sys.stdin.readline()
    print(json.dumps({"peak": server.peak_in_flight, "answered": server.answered}), flush=True)
"""


@contextmanager
def server_process(delay_s: float) -> Iterator[dict[str, Any]]:
    """A FakeOpenAIServer in a child process; yields its api_base, then its counts on exit."""
    child = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(delay_s)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stdin is not None
    info: dict[str, Any] = {"api_base": child.stdout.readline().strip(), "stats": {}}
    try:
        yield info
    finally:
        child.stdin.write("\n")
        child.stdin.flush()
        info["stats"] = json.loads(child.stdout.readline() or "{}")
        child.wait(timeout=10)


def bench_live(requests: int = 24, concurrency: int = 8, delay_s: float = 1.0) -> None:
    os.environ["OPENAI_API_KEY"] = "sk-bench-not-a-real-key"  # for the local server only
    base = load_incidents([INCIDENTS])
    incidents = [
        Incident(id=f"{incident.id}-{n}", path=incident.path, facts=incident.facts)
        for n in range(requests // len(base) + 1)
        for incident in base
    ][:requests]
    model = ModelSpec.parse("openai/x")
    with FakeOpenAIServer(delay_s=0.0) as warm:  # pay litellm's import and the critic's load
        run_evaluation(incidents[:1], [model], mode="live", api_base=warm.api_base)
    # The server runs in its own process, as a provider's would: its work must not share this
    # process's interpreter lock with the client being measured.
    with server_process(delay_s) as server:
        started = time.perf_counter()
        result = run_evaluation(
            incidents, [model], mode="live", api_base=server["api_base"], concurrency=concurrency
        )
        wall = time.perf_counter() - started
    valid = sum(row.valid for row in result.rows)
    floor = delay_s * -(-requests // concurrency)
    print(
        f"live: {requests} requests at --concurrency {concurrency}, server delay {delay_s:g} s: "
        f"{wall:.2f} s (target <= 5 s; the delay alone is {floor:.0f} s)"
    )
    print(
        f"  {valid}/{requests} valid drafts, all reviewed by the critic; most requests in flight "
        f"at once: {server['stats']['peak']}"
    )


def main() -> int:
    two_formats = [
        spec
        for spec in recorded_sets(CASSETTES)
        if str(spec) in ("openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5")
    ]
    bench_replay(two_formats)  # the matrix: 12 incidents x 2 wire formats
    bench_replay()
    bench_live()
    return 0


if __name__ == "__main__":
    sys.exit(main())
