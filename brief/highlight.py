"""Show the critic's findings inside the text: every flagged span marked in place, safely.

`highlight_html(text, findings)` HTML-escapes ALL of the user's text first, then wraps each
flagged span in a `<mark>` coloured by the finding's family, with the message and suggestion in
the `title` attribute (shown on hover) and a numbered marker that points at the list beside it.

Offsets are character offsets into the original text (the critic's contract). Overlapping
findings are handled by cutting the text at every start and end offset: each piece between two
cuts is wrapped once, with all the findings that cover it, so the HTML never nests or crosses
tags. Findings about the whole document (a missing element, the word budget) are not spans in
the text; `split_findings` sets them apart so the page can list them above the text.

This module imports neither streamlit nor the critic: it works on anything shaped like a
`critic.Finding` (rule, family, severity, start, end, message, suggestion).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

# One palette and one set of names for the whole app (Draft, Critique, History, Evaluate).
# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies; each family also
# has a letter (and, in brief.ui.markup, an underline style) so colour is never the only signal.
FAMILY_COLOURS: dict[str, str] = {
    "jargon": "#e69f00",  # orange: words the CEO will not know
    "numbers": "#0072b2",  # blue: vague amounts and dates
    "blame": "#d55e00",  # vermilion: deflection and hedging
    "length": "#cc79a7",  # purple: sentences too long
    "structure": "#009e73",  # green: missing or misplaced elements
}
FAMILY_LABELS: dict[str, str] = {
    "jargon": "Jargon",
    "numbers": "Numbers",
    "blame": "Blame",
    "length": "Length",
    "structure": "Structure",
}
FAMILY_LETTERS: dict[str, str] = {
    "jargon": "J",
    "numbers": "N",
    "blame": "B",
    "length": "L",
    "structure": "S",
}
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "suggestion": 2}

# Findings about the whole document, whatever span the critic anchors them to (the contract:
# `length.words` is the word budget, `structure.<element>` a missing element).
ELEMENTS = ("impact", "root_cause", "containment", "plan", "timeline", "prevention", "follow_up")
DOCUMENT_RULES: frozenset[str] = frozenset(
    {"length.words", "length.grade", "structure.ceo-priorities"}
    | {f"structure.{element}" for element in ELEMENTS}
)

# A span covering more than this share of a long text is about the document, not its words.
DOCUMENT_SHARE = 0.5
DOCUMENT_MIN_CHARS = 200

HIGHLIGHT_CSS = """
<style>
.brief-doc { white-space: pre-wrap; line-height: 1.7; font-size: 1rem; padding: 0.75rem 1rem;
  border: 1px solid rgba(128,128,128,0.3); border-radius: 0.5rem; overflow-wrap: anywhere; }
.brief-doc mark { padding: 0.05em 0.1em; border-radius: 0.2em; color: inherit;
  cursor: help; }
.brief-doc mark.sev-error { border-bottom: 2px solid #b3261e; }
.brief-doc mark.sev-warning { border-bottom: 2px dashed rgba(0,0,0,0.45); }
.brief-doc mark.sev-suggestion { border-bottom: 1px dotted rgba(0,0,0,0.35); }
.brief-doc sup.brief-ref { font-size: 0.7em; font-weight: 600; margin-left: 0.1em;
  color: #555; }
.brief-legend span { display: inline-block; margin-right: 0.8em; font-size: 0.85rem; }
.brief-legend i { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 0.2em;
  margin-right: 0.3em; vertical-align: -0.1em; }
</style>
"""


class FindingLike(Protocol):
    """The parts of `critic.Finding` the highlighter reads."""

    @property
    def rule(self) -> str: ...
    @property
    def family(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def message(self) -> str: ...
    @property
    def suggestion(self) -> str: ...


F = TypeVar("F", bound=FindingLike)


def family_colour(family: str) -> str:
    return FAMILY_COLOURS.get(family, "#bbbbbb")


def _tint(colour: str, alpha: str = "55") -> str:
    """A translucent version of a #rrggbb colour, so the text stays readable."""
    return colour + alpha if len(colour) == 7 else colour


def is_document_level(finding: FindingLike, text_length: int) -> bool:
    """True for findings about the whole document rather than particular words."""
    start, end = _clamp(finding, text_length)
    if end <= start:
        return True
    if finding.rule in DOCUMENT_RULES:
        return True
    span = end - start
    return text_length >= DOCUMENT_MIN_CHARS and span > DOCUMENT_SHARE * text_length


def split_findings(findings: Iterable[F], text: str) -> tuple[list[F], list[F]]:
    """(findings marked in the text, findings about the whole document), in reading order."""
    inline: list[F] = []
    document: list[F] = []
    for finding in findings:
        (document if is_document_level(finding, len(text)) else inline).append(finding)
    inline.sort(key=lambda f: (f.start, f.end, SEVERITY_ORDER.get(f.severity, 3)))
    return inline, document


def _clamp(finding: FindingLike, text_length: int) -> tuple[int, int]:
    start = max(0, min(int(finding.start), text_length))
    end = max(start, min(int(finding.end), text_length))
    return start, end


def hover_text(finding: FindingLike) -> str:
    """One line for the tooltip: what is wrong and what to do instead."""
    label = FAMILY_LABELS.get(finding.family, finding.family)
    text = f"{label} ({finding.severity}): {finding.message}"
    if finding.suggestion:
        text += f" Try: {finding.suggestion}"
    return text


def _dominant(covering: Sequence[tuple[int, FindingLike]]) -> FindingLike:
    """The finding whose colour a piece takes: the most severe, then the narrowest."""
    return min(
        (finding for _, finding in covering),
        key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.end - f.start),
    )


def highlight_html(text: str, findings: Iterable[FindingLike], *, numbered: bool = True) -> str:
    """The text as HTML with each inline finding marked; numbers follow `split_findings` order.

    Everything the user wrote is escaped with `html.escape` before any markup is added, so a
    draft containing `<script>` is shown as those characters and never runs.
    """
    inline, _ = split_findings(findings, text)
    numbered_findings = list(enumerate(inline, start=1))
    cuts = {0, len(text)}
    for _, finding in numbered_findings:
        cuts.update(_clamp(finding, len(text)))
    boundaries = sorted(cuts)

    ends_at: dict[int, list[int]] = {}
    for number, finding in numbered_findings:
        ends_at.setdefault(_clamp(finding, len(text))[1], []).append(number)

    pieces: list[str] = []
    for left, right in itertools.pairwise(boundaries):
        chunk = html.escape(text[left:right], quote=False)
        covering = [
            (number, finding)
            for number, finding in numbered_findings
            if _clamp(finding, len(text))[0] <= left and right <= _clamp(finding, len(text))[1]
        ]
        if covering:
            main = _dominant(covering)
            title = "\n".join(hover_text(finding) for _, finding in covering)
            numbers = " ".join(str(number) for number, _ in covering)
            pieces.append(
                f'<mark class="fam-{html.escape(main.family)} sev-{html.escape(main.severity)}"'
                f' style="background:{_tint(family_colour(main.family))}"'
                f' title="{html.escape(title, quote=True)}" data-findings="{numbers}">'
                f"{chunk}</mark>"
            )
        else:
            pieces.append(chunk)
        if numbered and right in ends_at:
            refs = ",".join(str(n) for n in ends_at.pop(right))
            pieces.append(f'<sup class="brief-ref">{refs}</sup>')
    return f'<div class="brief-doc">{"".join(pieces)}</div>'


def legend_html(families: Iterable[str] = FAMILY_COLOURS) -> str:
    """A small colour key for the families."""
    items = "".join(
        f'<span><i style="background:{_tint(family_colour(f), "aa")}"></i>'
        f"{html.escape(FAMILY_LABELS.get(f, f))}</span>"
        for f in families
    )
    return f'<div class="brief-legend">{items}</div>'


def highlighted_page(text: str, findings: Iterable[FindingLike]) -> str:
    """Style sheet, legend and marked-up text, ready for `st.html`."""
    return HIGHLIGHT_CSS + legend_html() + highlight_html(text, findings)
