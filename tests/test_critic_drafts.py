"""The three example drafts in fixtures/drafts behave as a new user would expect."""

from __future__ import annotations

from pathlib import Path

from critic import review

DRAFTS = Path(__file__).resolve().parent.parent / "fixtures" / "drafts"


def _read(name: str) -> str:
    return (DRAFTS / name).read_text(encoding="utf-8")


def _flagged_families(report) -> set[str]:
    return {f.family for f in report.findings if f.severity in {"warning", "error"}}


def test_good_briefing_passes_cleanly() -> None:
    report = review(_read("good_briefing.md"))
    assert report.passed and all(report.coverage.values())
    assert not [f for f in report.findings if f.severity in {"warning", "error"}]
    assert report.metrics.words <= 250 and report.metrics.ownership_count >= 2


def test_deflecting_draft_flagged_for_jargon_and_blame() -> None:
    text = _read("deflecting_jargon.md")
    report = review(text)
    assert not report.passed
    assert {"jargon", "blame", "numbers", "structure"} <= _flagged_families(report)
    words = {text[f.start : f.end] for f in report.findings}
    assert {"model drift", "beyond our control", "a bit of an issue"} <= words


def test_rambling_draft_flagged_for_length() -> None:
    report = review(_read("rambling_briefing.md"))
    rules = {f.rule for f in report.findings if f.severity in {"warning", "error"}}
    assert {"length.words", "length.sentence", "length.grade"} <= rules
    assert not report.passed
