"""Benchmark the critic and print figures (no pass/fail: speed targets live here, not in tests).

    python scripts/bench_critic.py [--runs 30] [--cold-runs 5] [--cold-rounds 2] [--batch 200]

Every figure is printed beside a reference measured in the same run, interleaved with it so
machine noise hits both alike, with min and median and the ratio of each:

* warm review() of a ~300-word briefing vs bare nlp(text) of the same pipeline (target <= 1.15x),
  and of drafts the process has not reviewed before, each vs its own bare nlp(text);
* critic.Checker re-check after a one-sentence edit vs a fresh review() of the same edited text
  (target <= 0.15x), and whether the two reports are equal;
* cold `brief critique one.md` vs `python -c "import spacy; spacy.load(<model>)"`
  (target <= 0.85x);
* review_many() of N briefings with 2 worker processes vs 1 (target >= 1.6x on an idle machine).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
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


def _ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _line(label: str, samples: list[float], unit: str = "ms") -> str:
    return (
        f"{label:<44} min {min(samples):8.1f} {unit}  median {statistics.median(samples):8.1f} "
        f"{unit}  (n={len(samples)})"
    )


def _ratio(label: str, ours: list[float], reference: list[float], target: str) -> str:
    by_min = min(ours) / min(reference)
    by_median = statistics.median(ours) / statistics.median(reference)
    return f"  {label:<42} {by_min:6.2f}x by min, {by_median:6.2f}x by median  (target {target})"


def _edits(text: str, count: int) -> list[str]:
    """`count` versions of `text`, each with one word changed in one sentence (a different one
    each time, round the sentences of the prose)."""
    stops = [m.end() for m in re.finditer(r"[a-z]{4,}(?=[.!?](?:\s|$))", text)]
    out = []
    for n in range(count):
        cut = stops[n % len(stops)]
        out.append(text[:cut] + f" {['today', 'again', 'overall', 'already'][n % 4]}" + text[cut:])
    return out


def bench_warm(text: str, runs: int) -> None:
    import critic
    from critic.engine import _prepare
    from critic.pipeline import load_pipeline

    pipeline = load_pipeline()
    plain = _prepare(text, "auto", critic.CriticConfig()).plain.text
    for _ in range(5):
        critic.review(text)
        pipeline.nlp(plain)
    review_ms, nlp_ms = [], []
    for _ in range(runs):
        review_ms.append(_ms(lambda: critic.review(text)))
        nlp_ms.append(_ms(lambda: pipeline.nlp(plain)))
    names = ", ".join(pipeline.nlp.pipe_names)
    print(_line("warm review()", review_ms))
    print(_line(f"bare nlp(text) ({names})", nlp_ms))
    print(_ratio("review / bare nlp", review_ms, nlp_ms, "<= 1.15x"))


def bench_warm_unseen(runs: int) -> None:
    """Warm review() of drafts this process has not reviewed before (nothing kept by text from an
    earlier call can help), each paired with bare nlp() of the same draft's plain text."""
    import critic
    from critic.engine import _prepare
    from critic.pipeline import load_pipeline

    pipeline = load_pipeline()
    drafts = sorted(ROOT.glob("fixtures/critic/dev*/documents/*.md"))
    texts = [p.read_text(encoding="utf-8") for p in drafts][: runs + 3]
    for text in texts[:3]:  # warm up on three drafts not measured
        critic.review(text)
        pipeline.nlp(_prepare(text, "auto", critic.CriticConfig()).plain.text)
    review_ms, nlp_ms = [], []
    for text in texts[3:]:
        plain = _prepare(text, "auto", critic.CriticConfig()).plain.text
        review_ms.append(_ms(lambda: critic.review(text)))  # noqa: B023
        nlp_ms.append(_ms(lambda: pipeline.nlp(plain)))  # noqa: B023
    ratios = sorted(r / n for r, n in zip(review_ms, nlp_ms, strict=True))
    print(f"warm review() of {len(review_ms)} drafts not seen before, each vs its bare nlp():")
    print(
        f"  review / bare nlp per draft                min {ratios[0]:6.2f}x, median "
        f"{statistics.median(ratios):6.2f}x  (target <= 1.15x)"
    )


def bench_recheck(text: str, runs: int) -> None:
    import critic

    checker = critic.Checker()
    checker.check(text)
    variants = _edits(text, runs + 5)
    for variant in variants[:5]:  # warm both paths
        checker.check(variant)
        critic.review(variant)
    recheck_ms, fresh_ms, equal = [], [], True
    parsed = checked = 0
    for variant in variants[5:]:
        started = time.perf_counter()
        incremental = checker.check(variant)
        recheck_ms.append((time.perf_counter() - started) * 1000)
        parsed += checker.stats.lines_parsed
        checked += checker.stats.sentences_checked
        started = time.perf_counter()
        fresh = critic.review(variant)
        fresh_ms.append((time.perf_counter() - started) * 1000)
        equal = equal and incremental == fresh
    print(_line("Checker re-check after a one-sentence edit", recheck_ms))
    print(_line("fresh review() of the same edited text", fresh_ms))
    print(_ratio("re-check / fresh review", recheck_ms, fresh_ms, "<= 0.15x"))
    print(
        f"  reports equal: {equal}; per re-check {parsed / runs:.1f} sentence(s) parsed, "
        f"{checked / runs:.1f} re-checked"
    )


def bench_cold(runs: int, rounds: int) -> None:
    """Cold processes, interleaved; one untimed run of each first, so both read warm OS file
    caches and the critic's disk caches (critic/disk_cache.py) hold this draft's entries, as
    after any earlier critique on the machine."""
    from critic.pipeline import load_pipeline

    model = load_pipeline().info.pipeline
    one = str(DRAFTS / "good_briefing.md")
    critique = [sys.executable, "-m", "brief.cli", "critique", one]
    reference = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
    for command in (critique, reference):
        subprocess.run(command, cwd=ROOT, capture_output=True)
    for round_number in range(1, rounds + 1):
        ours, ref = [], []
        for _ in range(runs):
            ours.append(_ms(lambda: subprocess.run(critique, cwd=ROOT, capture_output=True)) / 1000)
            ref.append(_ms(lambda: subprocess.run(reference, cwd=ROOT, capture_output=True)) / 1000)
        print(f"round {round_number} of {rounds} (load average {os.getloadavg()[0]:.1f})")
        print(_line("cold `brief critique one.md`", ours, "s"))
        print(_line(f"cold `import spacy; spacy.load({model!r})`", ref, "s"))
        print(_ratio("critique / spacy.load", ours, ref, "<= 0.85x"))


def bench_many(batch: int, rounds: int) -> None:
    import critic

    sources = [(DRAFTS / name).read_text(encoding="utf-8") for name in sorted(os.listdir(DRAFTS))]
    drafts = [
        sources[i % len(sources)].replace("9,400", f"{9400 + i:,}") + EXTRA for i in range(batch)
    ]
    critic.review_many(drafts[:8])
    one, two = [], []
    for _ in range(rounds):
        one.append(batch / (_ms(lambda: critic.review_many(drafts, workers=1)) / 1000))
        two.append(batch / (_ms(lambda: critic.review_many(drafts, workers=2)) / 1000))
    print(_line(f"review_many({batch}), 1 process", one, "docs/s"))
    print(_line(f"review_many({batch}), 2 processes", two, "docs/s"))
    gain_max = max(two) / max(one)
    gain_median = statistics.median(two) / statistics.median(one)
    print(
        f"  {'2 processes / 1 process':<42} {gain_max:6.2f}x by best, {gain_median:6.2f}x by "
        "median  (target >= 1.6x on an idle machine)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--cold-rounds", type=int, default=2, help="interleaved cold rounds")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2, help="review_many rounds per setting")
    parser.add_argument(
        "--only", choices=("warm", "recheck", "cold", "many"), action="append", default=None
    )
    args = parser.parse_args()
    only = set(args.only or ("warm", "recheck", "cold", "many"))

    import critic

    text = (DRAFTS / "good_briefing.md").read_text(encoding="utf-8") + EXTRA
    report = critic.review(text)
    print(
        f"engine: {report.engine.pipeline} {report.engine.version} "
        f"(degraded={report.engine.degraded}); load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print(f"briefing: {report.metrics.words} words, {len(report.findings)} findings")
    if "warm" in only:
        bench_warm(text, args.runs)
        bench_warm_unseen(args.runs)
    if "recheck" in only:
        bench_recheck(text, args.runs)
    if "cold" in only:
        bench_cold(args.cold_runs, args.cold_rounds)
    if "many" in only:
        bench_many(args.batch, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
