"""jargon.term scans each glossary pattern over only part of the text: the lines around its literal
hints in a review, the edited lines in a Checker's re-check. Both find exactly what a scan of the
whole text finds (a term never spans a line break; `$` and lookaheads at a line's end see the
same characters)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from critic.rules import jargon_term
from critic.rules.jargon_term import _lines, _scan, glossary

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    # "AZs" at a line's end: `(?=[ ,.;:)]|$)` must not match before a newline inside the text
    "We lost two AZs\nNext we saw AZs. AZs\nOur back-end services and model drift\nthe AZ",
    "p99 latency\nThe A/B test\nfeature engineering on\nthe holdout set, and the F1 score\nSEV1",
    *(path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("fixtures/drafts/*.md"))),
]


def _whole(text: str) -> list[tuple[int, int, str]]:
    terms = glossary()
    return sorted(
        (m.start(), m.end(), term.name)
        for term in terms
        for m in term.pattern.compiled.finditer(text)  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("text", TEXTS)
def test_the_narrowed_scan_finds_what_the_whole_text_scan_finds(text: str) -> None:
    found = sorted((m.start(), m.end(), term.name) for term, m in _scan(glossary(), text))
    assert found == _whole(text)
    assert found or text not in TEXTS[:2]  # the two made-up texts hold terms


@pytest.mark.parametrize("text", TEXTS)
def test_line_by_line_scans_together_find_what_the_whole_text_scan_finds(text: str) -> None:
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found = set()
    for start in starts:  # each line on its own, as a re-check of that line alone scans it
        lines = _lines(text, [SimpleNamespace(base=start)])  # type: ignore[list-item]
        assert len(lines) == 1
        found |= {(m.start(), m.end(), t.name) for t, m in _scan(glossary(), text, None, lines)}
    assert sorted(found) == _whole(text)


def test_a_line_end_is_not_the_end_of_the_text() -> None:
    text = "We lost two AZs\nthen more"
    [(start, end)] = _lines(text, [SimpleNamespace(base=0)])  # type: ignore[list-item]
    assert (start, end) == (0, len("We lost two AZs\n") + 1)
    assert [m.group(0) for _, m in _scan(glossary(), text, None, [(start, end)])] == []
    assert jargon_term._line_span(text, 0, 0) == (start, end)
