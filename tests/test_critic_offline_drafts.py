"""The drafter's offline draft of every example incident has no error-level finding.

("Ready to send", report.passed, also needs no open jargon, numbers or blame warning: the offline
writer's remaining warnings are listed by scripts/critic_accuracy.py-style checks in issue 10.)"""

from __future__ import annotations

from pathlib import Path

import pytest

import drafter
from critic import review

INCIDENTS = sorted(
    (Path(__file__).resolve().parent.parent / "fixtures" / "incidents").glob("*.yaml")
)


@pytest.mark.parametrize("path", INCIDENTS, ids=[p.stem for p in INCIDENTS])
@pytest.mark.parametrize("part", ["briefing", "script"])
def test_offline_draft_passes(path: Path, part: str) -> None:
    draft = drafter.compose_offline_draft(drafter.load_facts(path))
    text = (
        drafter.briefing_markdown(draft) if part == "briefing" else drafter.script_markdown(draft)
    )
    report = review(text, kind=part)
    errors = [
        (f.rule, f.line, text[f.start : f.end][:80])
        for f in report.findings
        if f.severity == "error"
    ]
    assert not errors, errors
