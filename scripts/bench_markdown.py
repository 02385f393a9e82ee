"""Benchmark Markdown-to-plain-text (critic/markdown.py) on hostile input; print figures.

    python scripts/bench_markdown.py [--runs 5]

Each case is timed with to_plain() and printed as a ratio to the REFERENCE measured in the same
run: to_plain() of plain prose (no markup) of the same size. A linear-time reader keeps every
ratio near a small constant whatever the size; the doubling column, time(2n) / time(n), is about 2
for linear work and about 4 for quadratic. Issue 12 measured 81 s for 120 KB of "*a " and 49 s
for a 5 MB draft before this reader (a whole review()).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from critic.markdown import to_plain  # noqa: E402

DRAFTS = ROOT / "fixtures" / "drafts"
PROSE = "The fraud model refused good orders on Tuesday and we lost 2,000 sales. "
CASES = {
    '"*a " repeated': "*a ",
    '"_a " repeated': "_a ",
    '"**a " repeated': "**a ",
    '"~~a " repeated': "~~a ",
    '"[a " repeated': "[a ",
    '"[a](" repeated': "[a](",
    '"<!-- " repeated': "<!-- ",
    '"`a " repeated': "`a ",
    '"<a " repeated': "<a ",
}


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _times(text: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        to_plain(text, "briefing")
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    size = 120_000
    reference = _times(_fill(PROSE, size), args.runs)
    ref_median = statistics.median(reference)
    print(f"to_plain, {size:,} characters, {args.runs} runs")
    print(
        f"  REFERENCE plain prose: min {min(reference) * 1000:.1f} ms, "
        f"median {ref_median * 1000:.1f} ms"
    )
    print(f"  {'case':<22} {'min ms':>8} {'median ms':>10} {'x ref':>7} {'time(2n)/time(n)':>17}")
    for name, unit in CASES.items():
        samples = _times(_fill(unit, size), args.runs)
        doubled = statistics.median(_times(_fill(unit, size * 2), max(3, args.runs // 2)))
        median = statistics.median(samples)
        print(
            f"  {name:<22} {min(samples) * 1000:8.1f} {median * 1000:10.1f} "
            f"{median / ref_median:7.2f} {doubled / median:17.2f}"
        )
    drafts = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(DRAFTS.glob("*.md")))
    big = _fill(drafts + "\n\n", 5_000_000)
    big_ref = _times(_fill(PROSE, len(big)), 1)[0]
    big_time = min(_times(big, 2))
    print(
        f"  5 MB of real drafts ({len(big):,} chars): {big_time:.2f} s; plain prose of the same "
        f"size {big_ref:.2f} s (x{big_time / big_ref:.2f})"
    )


if __name__ == "__main__":
    main()
