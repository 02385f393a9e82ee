"""Grounding: each figure in a draft traced to the facts (critic.grounding, numbers.unsupported)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from critic import review
from critic.grounding import fact_figures, figures_in, judge
from drafter import load_facts

ROOT = Path(__file__).resolve().parent.parent
FACTS = {
    "impact": {"money": {"amount": 1234567, "currency": "USD"}, "orders": 3200, "total": 16000},
    "what_went_wrong": "Since Monday the model recommended the wrong products.",
    "found_on": dt.date(2026, 11, 25),
    "steps": [{"due": "2026-12-04", "resources": "2 engineers for 2 days"}],
    "next_report_due": "2026-12-01T17:00:00",
}


def _verdict(text: str):
    (figure,) = list(figures_in(text))
    return figure, judge(figure, fact_figures(FACTS))


@pytest.mark.parametrize(
    "text",
    [
        "$1.2 million",  # rounded to the precision shown
        "$1,234,567",
        "1.23M USD",
        "3,200 orders",
        "3.2k orders",
        "48 hours",  # "2 days" in another unit
        "Friday 4 December",
        "4 December 2026",
        "2026-12-04",
        "Monday 23 November",  # "since Monday", dated back from 25 November
        "5 pm",  # 17:00
        "1 step",  # the number of steps in the list
    ],
)
def test_supported_figures(text: str) -> None:
    _, verdict = _verdict(text)
    assert verdict.supported and not verdict.derived, (text, verdict)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("$9.8 million", "no amount in the facts"),
        ("7,777 orders", "no number in the facts"),
        ("Friday 11 December", "no date in the facts falls on that day"),
        ("Monday 4 December", "4 December 2026 is a Friday"),
        ("3 weeks", "no duration in the facts"),
        ("9 am", "no time in the facts"),
    ],
)
def test_unsupported_figures_say_why(text: str, reason: str) -> None:
    _, verdict = _verdict(text)
    assert not verdict.supported and reason in verdict.reason, (text, verdict)


def test_arithmetic_the_facts_support_is_allowed_and_explained() -> None:
    _, share = _verdict("20%")
    assert share.supported and share.derived == "3,200 of 16,000 in the facts is 20.0%"
    _, total = _verdict("19,200 orders")
    assert total.supported and "3,200 + 16,000" in total.derived


def test_review_flags_invented_figures_in_place_and_counts_them() -> None:
    text = "This week the failure cost us $9.8 million and 3,200 orders; 20% of all orders."
    with_facts = review(text, kind="briefing", facts=FACTS)
    without = review(text, kind="briefing")
    found = [f for f in with_facts.findings if f.rule == "numbers.unsupported"]
    assert [(text[f.start : f.end], f.severity) for f in found] == [
        ("$9.8 million", "error"),
        ("20%", "suggestion"),
    ]
    assert not with_facts.passed and with_facts.score < without.score
    assert "3,200 of 16,000" in found[1].message
    assert not any(f.rule == "numbers.unsupported" for f in without.findings)


def test_placeholders_are_errors_until_filled() -> None:
    text = "The failure cost us [add: revenue impact in $] this week."
    report = review(text, kind="briefing")
    (finding,) = [f for f in report.findings if f.rule == "numbers.placeholder"]
    assert finding.severity == "error" and text[finding.start : finding.end].startswith("[add:")
    assert not report.passed


def test_facts_may_be_a_pydantic_model_and_the_qa_kind_skips_document_rules() -> None:
    facts = load_facts(ROOT / "fixtures" / "incidents" / "conversion-drop.yaml")
    text = "**Q: What is this costing us?**\n\nA: So far, $50,000 in lost revenue, not $60,000.\n"
    report = review(text, kind="qa", facts=facts)
    assert report.kind == "qa"
    assert [text[f.start : f.end] for f in report.findings if f.rule == "numbers.unsupported"] == [
        "$60,000"
    ]
    assert not any(f.rule.startswith("structure.") for f in report.findings)
