"""The figure check reads number words, rates, dates and near-miss figures by what they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import load_facts
from drafter.grounding import known_figures, unsupported_in_texts

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts(ROOT / "fixtures" / "incidents" / "conversion-drop.yaml")


def test_the_example_facts_hold_what_the_cases_assume() -> None:
    known = known_figures(FACTS)
    assert 2026.0 in known.years and 3.0 in known.counts
    assert (2026, 12, 11) in known.dates  # a day 11 and three plan steps exist in the facts
    assert 2000.0 not in known.quantities and 15000.0 not in known.quantities


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("We lost 2,000 orders.", ["2,000"]),  # within 5% of the year 2026: still invented
        ("Fifteen thousand customers saw errors.", ["Fifteen thousand"]),
        ("Errors reached 11 per minute.", ["11"]),  # not supported by the 11th of December
        ("We will report again on 3 January.", ["3 January"]),  # not by three plan steps
        ("Refunds reached twenty-four thousand euros.", ["twenty-four thousand"]),
        ("On January 3rd we report again.", ["January 3rd"]),
    ],
)
def test_invented_figures_are_flagged(sentence: str, flagged: list[str]) -> None:
    assert unsupported_in_texts([sentence], FACTS) == flagged


@pytest.mark.parametrize(
    "sentence",
    [
        "Conversion fell 15% this week.",
        "We estimate $50,000 of lost revenue.",
        "About 3,200 customers were affected.",  # as stated
        "We found it on 25 November 2026 and will report on 4 December.",
        "December 4th is the next update.",
        "In 2026 this is our worst incident.",
        "Our plan has 3 steps; two engineers and one analyst will do it.",
        "We caught it 5 days late.",
    ],
)
def test_figures_from_the_facts_pass(sentence: str) -> None:
    assert unsupported_in_texts([sentence], FACTS) == []
