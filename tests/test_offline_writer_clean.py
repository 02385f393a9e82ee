"""The offline writer's drafts are clean: no error or warning in the briefing, the script or the
Q&A (the critic grounded in the facts), no sentence said twice, absolute dates, a short subject."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from critic import review
from drafter import compose_offline_draft, load_facts
from drafter.revise import draft_parts

INCIDENTS = sorted(
    (Path(__file__).resolve().parent.parent / "fixtures" / "incidents").glob("*.yaml")
)
LABELS = re.compile(r"(?m)^(?:#+ |You: |CEO: |A: |Q: |- |\d+\. )")
BARE_WEEKDAY = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?! \d)"
)


def _sentences(text: str) -> list[str]:
    plain = LABELS.sub("", text.replace("**", ""))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", plain) if len(s.split()) > 3]


@pytest.mark.parametrize("path", INCIDENTS, ids=[p.stem for p in INCIDENTS])
def test_offline_draft_is_clean_in_every_part(path: Path) -> None:
    facts = load_facts(path)
    draft = compose_offline_draft(facts)
    parts = draft_parts(draft)
    for kind, text in parts.items():
        report = review(text, kind=kind, facts=facts)  # type: ignore[arg-type]
        faults = [
            (f.rule, text[f.start : f.end][:60])
            for f in report.findings
            if f.severity in ("error", "warning")
        ]
        assert faults == [], (kind, faults)
    said = Counter(s for text in parts.values() for s in set(_sentences(text)))
    assert [s for s, n in said.items() if n > 1] == []
    assert len(draft.briefing.subject) <= 80
    assert not BARE_WEEKDAY.search(parts["briefing"]), BARE_WEEKDAY.findall(parts["briefing"])
    assert " ; and " not in parts["script"] and "; and " not in parts["script"]


def test_the_qa_answers_its_question_about_who_was_affected() -> None:
    path = next(p for p in INCIDENTS if p.stem == "pricing-wrong-prices")
    draft = compose_offline_draft(load_facts(path))
    item = next(q for q in draft.qa if "affected" in q.question)
    assert item.question == "How many customers and orders were affected?"
    assert item.answer.startswith("5,600 orders")
    assert "number of customers will be in my report" in item.answer
