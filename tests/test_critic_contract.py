"""The critic's public contract: report shape, exact offsets, batch path, inputs, isolation."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from critic import Finding, InputError, Report, review, review_many
from critic.models import ELEMENTS

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "fixtures/drafts/good_briefing.md").read_text(encoding="utf-8")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _assert_located(text: str, report: Report) -> None:
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert (finding.line, finding.column) == _line_col(text, finding.start)


def test_report_shape() -> None:
    report = review(
        "The alert threshold was set too high. We will fix the model soon. Latency doubled."
    )
    assert isinstance(report, Report)
    assert set(report.coverage) == set(ELEMENTS) and len(report.coverage) == 7
    assert report.kind == "briefing"
    assert 0 <= report.score <= 100
    assert report.passed == (not any(f.severity == "error" for f in report.findings))
    metrics = report.metrics
    assert metrics.words == 15 and metrics.sentences == 3
    assert metrics.speaking_seconds == pytest.approx(15 * 60 / 140, abs=0.1)
    assert metrics.passive_count == 1
    assert report.engine.pipeline and report.engine.version
    for finding in report.findings:
        assert isinstance(finding, Finding)
        assert finding.why.startswith("Guide")
        assert finding.suggestion


def test_offsets_point_at_flagged_words() -> None:
    text = "Revenue is fine. The alert threshold was set too high.\nWe saw model drift on Monday."
    report = review(text)
    passive = next(f for f in report.findings if f.rule == "blame.agentless-passive")
    assert text[passive.start : passive.end] == "was set"
    assert (passive.line, passive.column) == (1, 38)
    jargon = next(f for f in report.findings if f.rule == "jargon.term")
    assert text[jargon.start : jargon.end] == "model drift"
    assert (jargon.line, jargon.column) == (2, 8)
    _assert_located(text, report)


def test_markdown_offsets_and_no_false_findings_from_markup() -> None:
    text = (
        "# Impact\n\n"
        "Our **fraud model** refused *12,100* genuine orders, costing [about €180,000](https://x.io/a_b).\n\n"
        "- The alert threshold was **set** too high.\n"
        "- We saw `model_drift_v2` in the logs.\n\n"
        "```\nLatency was set to 900 ms by someone\n```\n"
    )
    report = review(text)
    rules = [f.rule for f in report.findings]
    assert "jargon.term" not in rules, "code spans and fences are not prose"
    passive = next(f for f in report.findings if f.rule == "blame.agentless-passive")
    assert (
        text[passive.start : passive.end] == "was **set"
    )  # the words, with the markup between them
    _assert_located(text, report)
    for finding in report.findings:
        assert "```" not in text[finding.start : finding.end]


def test_crlf_and_unicode_offsets() -> None:
    text = (
        "Hi Miriam,\r\n\r\nThe café’s pricing model — sadly — drifted. 😬 Mistakes were made.\r\n"
    )
    report = review(text)
    made = next(f for f in report.findings if f.rule == "blame.agentless-passive")
    assert text[made.start : made.end] == "were made"
    assert made.line == 3
    assert made.column == text.split("\r\n")[2].index("were made") + 1
    _assert_located(text, report)


def test_hard_wrapped_paragraph_is_one_sentence() -> None:
    text = "The alert threshold\nwas set too high by\nsomeone on Friday."
    report = review(text)
    passive = next(f for f in report.findings if f.rule == "blame.agentless-passive")
    assert text[passive.start : passive.end] == "was set"
    assert report.metrics.sentences == 1


def test_kind_detection_and_ceo_lines_not_judged() -> None:
    script = (
        "You: Our fraud model refused 12,100 orders.\nCEO: Why wasn't it caught earlier?\n"
        "You: I set the threshold too high.\n"
    )
    report = review(script)
    assert report.kind == "script"
    assert not [f for f in report.findings if f.rule == "blame.agentless-passive"]
    assert review(script, kind="briefing").kind == "briefing"


def test_fragment_gets_no_document_findings() -> None:
    report = review("We will retrain the model by Friday 4 December.")
    assert not [f for f in report.findings if f.family == "structure" or f.rule == "length.words"]


def test_good_draft_covers_all_elements() -> None:
    report = review(GOOD)
    assert all(report.coverage.values())
    assert report.passed and report.score >= 90


def test_review_many_matches_review() -> None:
    texts = [
        GOOD,
        "Mistakes were made. Revenue fell.",
        "You: Hello.\nCEO: Hi.\nYou: The model drifted.",
    ]
    batch = review_many(texts)
    single = [review(text) for text in texts]
    assert [r.model_dump() for r in batch] == [r.model_dump() for r in single]


@pytest.mark.parametrize("text", ["", "   \n\t ", "abc\x00def" * 10])
def test_bad_input_raises_clear_error(text: str) -> None:
    with pytest.raises(InputError):
        review(text)


def test_one_megabyte_is_bounded() -> None:
    paragraph = (
        "The alert threshold was set too high. We will fix the model soon. Many customers left.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    started = time.perf_counter()
    report = review(text)
    elapsed = time.perf_counter() - started
    assert report.engine.degraded and "max_parse_chars" in (report.engine.note or "")
    assert any(f.rule == "length.words" and f.severity == "error" for f in report.findings)
    assert elapsed < 120
    _assert_located(
        text, Report.model_validate({**report.model_dump(), "findings": report.findings[:50]})
    )


def test_markdown_heavy_input() -> None:
    text = "\n".join(
        [
            "---",
            "title: x",
            "---",
            "# T",
            "> quote with *emphasis*",
            "| a | b |",
            "|---|---|",
            "| 1 | 2 |",
        ]
        + ["* item **bold** [link](http://a.b)"] * 50
        + ["<!-- comment -->", "<br/>", "***", "Text_with_underscores and __bold__."]
    )
    report = review(text)
    _assert_located(text, report)


def test_critic_imports_neither_litellm_nor_streamlit() -> None:
    code = (
        "import sys, critic\n"
        "critic.review('The threshold was set too high. We will fix it soon.')\n"
        "bad = [m for m in ('litellm', 'streamlit', 'drafter') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
