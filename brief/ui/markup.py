"""The draft as the CEO will read it (rendered Markdown) or as typed (source), with every finding
marked in place.

`annotated_html(text, findings, rendered=True)` turns Brief's Markdown (headings, bullet and
numbered lists, **bold**, `You:`/`CEO:` speaker lines, `---`) into HTML and wraps each flagged
span in a `<mark>`. Marks never rely on colour alone: each carries its family's underline style
(jargon wavy, numbers double, blame solid, length dotted, structure dashed) and a reference such
as `J3` (family letter + the number in the findings list beside the text).

Safety: every piece of the user's text goes through `html.escape` before markup is added, and
offsets stay the critic's character offsets into the original text: the Markdown markers are
cut out around the marks, never moved into them, so the HTML never nests or crosses tags.

No streamlit and no critic import: works on anything shaped like `critic.Finding`.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from brief.highlight import (
    FAMILY_LABELS,
    FAMILY_LETTERS,
    FindingLike,
    family_colour,
    hover_text,
    split_findings,
)

UNDERLINES: dict[str, str] = {
    "jargon": "wavy",
    "numbers": "double",
    "blame": "solid",
    "length": "dotted",
    "structure": "dashed",
}
_SEVERITY_RANK = {"error": 0, "warning": 1, "suggestion": 2}

_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+")
_NUMBERED = re.compile(r"^[ \t]*(\d+)[.)][ \t]+")
_SPEAKER = re.compile(r"^(\*\*)?(You|CEO|Q|A)(:)(\*\*)?[ \t]*")
_RULE = re.compile(r"^[ \t]*(-{3,}|\*{3,}|_{3,})[ \t]*$")
_COMMENT = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def markup_css() -> str:
    """The style sheet for annotated text and the legend (one palette for the whole app)."""
    rules = [
        ".brief-doc{line-height:1.65;font-size:1rem;padding:0.75rem 1rem;"
        "border:1px solid rgba(128,128,128,0.3);border-radius:0.5rem;overflow-wrap:anywhere}",
        ".brief-doc.source{white-space:pre-wrap;font-family:ui-monospace,monospace;"
        "font-size:0.9rem}",
        ".brief-doc h3{font-size:1.25rem;margin:0.2rem 0 0.6rem 0}",
        ".brief-doc h4{font-size:1.05rem;margin:0.9rem 0 0.3rem 0}",
        ".brief-doc p{margin:0 0 0.6rem 0}",
        ".brief-doc ul,.brief-doc ol{margin:0 0 0.6rem 1.2rem;padding-left:0.6rem}",
        ".brief-doc mark{color:inherit;padding:0 0.08em;border-radius:0.15em;cursor:help;"
        "text-decoration-line:underline;text-decoration-thickness:2px;"
        "text-underline-offset:0.18em;text-decoration-skip-ink:none}",
        ".brief-doc mark.sev-suggestion{text-decoration-thickness:1px}",
        ".brief-doc sup.brief-ref{font-size:0.68em;font-weight:700;margin-left:0.12em;"
        "padding:0 0.25em;border-radius:0.6em;color:#fff;white-space:nowrap}",
        ".brief-legend{margin:0 0 0.4rem 0}",
        ".brief-legend span{display:inline-block;margin-right:0.9em;font-size:0.85rem}",
        ".brief-legend b{display:inline-block;min-width:1.3em;text-align:center;color:#fff;"
        "border-radius:0.6em;font-size:0.75rem;margin-right:0.25em}",
    ]
    for family, colour in _palette().items():
        rules.append(
            f".brief-doc mark.fam-{family}{{background:{colour}33;"
            f"text-decoration-style:{UNDERLINES.get(family, 'solid')};"
            f"text-decoration-color:{colour}}}"
        )
        rules.append(f".brief-doc mark.fam-{family}.sev-error{{background:{colour}55}}")
        rules.append(f".brief-ref.fam-{family},.brief-legend .fam-{family}{{background:{colour}}}")
    return "<style>" + "".join(rules) + "</style>"


def _palette() -> dict[str, str]:
    return {family: family_colour(family) for family in FAMILY_LABELS}


def legend_html() -> str:
    """The key: letter, colour and underline for each family (so colour is never alone)."""
    items = "".join(
        f'<span><b class="fam-{family}">{FAMILY_LETTERS[family]}</b>'
        f'<u style="text-decoration-style:{UNDERLINES[family]};'
        f'text-decoration-color:{family_colour(family)}">{html.escape(label)}</u></span>'
        for family, label in FAMILY_LABELS.items()
    )
    return f'<div class="brief-legend" aria-label="Highlight key">{items}</div>'


def reference(number: int, family: str) -> str:
    """How a finding is pointed at in the text and in the list: J3, N1, B2 …"""
    return f"{FAMILY_LETTERS.get(family, '?')}{number}"


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first character of the line in the text
    end: int  # offset just past the line (without the newline)
    content: int  # offset where the text to show starts (after "## ", "- ", "1. ")
    block: str  # heading1 | heading | bullet | numbered | rule | blank | comment | para
    speaker: str | None = None


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    position = 0
    for raw in text.split("\n"):
        start, end = position, position + len(raw)
        position = end + 1
        stripped = raw.strip()
        if not stripped:
            out.append(_Line(start, end, end, "blank"))
        elif _COMMENT.match(raw):
            out.append(_Line(start, end, end, "comment"))
        elif _RULE.match(raw):
            out.append(_Line(start, end, end, "rule"))
        elif match := _HEADING.match(raw):
            block = "heading1" if len(match.group(1)) == 1 else "heading"
            out.append(_Line(start, end, start + match.end(), block))
        elif match := _BULLET.match(raw):
            out.append(_Line(start, end, start + match.end(), "bullet"))
        elif match := _NUMBERED.match(raw):
            out.append(_Line(start, end, start + match.end(), "numbered"))
        elif match := _SPEAKER.match(raw):
            speaker = match.group(2)
            out.append(_Line(start, end, start + match.end(), "para", speaker=speaker))
        else:
            out.append(_Line(start, end, start + len(raw) - len(raw.lstrip()), "para"))
    return out


class _Marker:
    """Renders spans of the text with the findings that cover them."""

    def __init__(self, text: str, numbered: Sequence[tuple[int, FindingLike]]) -> None:
        self.text = text
        self.numbered = [(n, f, *self._clamp(f)) for n, f in numbered]
        self.refs_done: set[int] = set()

    def _clamp(self, finding: FindingLike) -> tuple[int, int]:
        size = len(self.text)
        start = max(0, min(int(finding.start), size))
        return start, max(start, min(int(finding.end), size))

    def span(self, left: int, right: int, *, bold_ranges: Sequence[tuple[int, int]] = ()) -> str:
        """HTML for text[left:right]; `bold_ranges` are (inner start, inner end) of **bold**,
        whose `**` markers are dropped."""
        cuts = {left, right}
        hidden: list[tuple[int, int]] = []
        for inner_start, inner_end in bold_ranges:
            cuts.update({inner_start - 2, inner_start, inner_end, inner_end + 2})
            hidden += [(inner_start - 2, inner_start), (inner_end, inner_end + 2)]
        for _, _, start, end in self.numbered:
            if left < start < right:
                cuts.add(start)
            if left < end < right:
                cuts.add(end)
        pieces: list[str] = []
        for a, b in itertools.pairwise(sorted(c for c in cuts if left <= c <= right)):
            if a == b:
                continue
            if (a, b) not in hidden:
                chunk = html.escape(self.text[a:b], quote=False)
                if any(s <= a and b <= e for s, e in bold_ranges):
                    chunk = f"<strong>{chunk}</strong>"
                covering = [(n, f) for n, f, s, e in self.numbered if s <= a and b <= e]
                if covering:
                    chunk = self._mark(chunk, covering)
                pieces.append(chunk)
            pieces.append(self._refs_ending_in(a, b))
        return "".join(pieces)

    def _mark(self, chunk: str, covering: list[tuple[int, FindingLike]]) -> str:
        main = min(
            (f for _, f in covering),
            key=lambda f: (_SEVERITY_RANK.get(f.severity, 3), f.end - f.start),
        )
        title = "\n".join(f"{reference(n, f.family)} {hover_text(f)}" for n, f in covering)
        refs = " ".join(reference(n, f.family) for n, f in covering)
        return (
            f'<mark class="fam-{html.escape(main.family)} sev-{html.escape(main.severity)}"'
            f' title="{html.escape(title, quote=True)}" data-findings="{html.escape(refs)}">'
            f"{chunk}</mark>"
        )

    def _refs_ending_in(self, a: int, b: int) -> str:
        out = []
        for number, finding, _start, end in self.numbered:
            if number not in self.refs_done and a < end <= b:
                self.refs_done.add(number)
                out.append(reference(number, finding.family))
        if not out:
            return ""
        family = next(f.family for n, f, _, _ in self.numbered if reference(n, f.family) == out[0])
        return f'<sup class="brief-ref fam-{html.escape(family)}">{",".join(out)}</sup>'

    def leftover_refs(self, upto: int) -> str:
        """References for findings that ended inside dropped Markdown markers."""
        return self._refs_ending_in(-1, upto)


def _bold_ranges(text: str, left: int, right: int) -> list[tuple[int, int]]:
    return [
        (left + match.start(1), left + match.end(1)) for match in _BOLD.finditer(text[left:right])
    ]


def annotated_html(text: str, findings: Iterable[FindingLike], *, rendered: bool = True) -> str:
    """The text with each inline finding marked; numbering follows `split_findings`."""
    inline, _ = split_findings(findings, text)
    marker = _Marker(text, list(enumerate(inline, start=1)))
    if not rendered:
        body = marker.span(0, len(text))
        return f'<div class="brief-doc source">{body}</div>'

    out: list[str] = []
    open_list: str | None = None
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            out.append("<p>" + " ".join(paragraph) + "</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal open_list
        if open_list:
            out.append(f"</{open_list}>")
            open_list = None

    for line in _lines(text):
        inner = marker.span(
            line.content, line.end, bold_ranges=_bold_ranges(text, line.content, line.end)
        )
        inner = marker.leftover_refs(line.end + 1) + inner if line.block != "blank" else inner
        if line.block in ("blank", "comment", "rule"):
            close_paragraph()
            close_list()
            if line.block == "rule":
                out.append("<hr>")
            continue
        if line.block in ("heading1", "heading"):
            close_paragraph()
            close_list()
            tag = "h3" if line.block == "heading1" else "h4"
            out.append(f"<{tag}>{inner}</{tag}>")
        elif line.block in ("bullet", "numbered"):
            close_paragraph()
            tag = "ul" if line.block == "bullet" else "ol"
            if open_list != tag:
                close_list()
                out.append(f"<{tag}>")
                open_list = tag
            out.append(f"<li>{inner}</li>")
        else:
            close_list()
            if line.speaker:
                close_paragraph()
                inner = f"<strong>{html.escape(line.speaker)}:</strong> {inner}"
            paragraph.append(inner)
    close_paragraph()
    close_list()
    out.append(marker.leftover_refs(len(text) + 1))
    return f'<div class="brief-doc rendered">{"".join(out)}</div>'


def annotated_page(text: str, findings: Iterable[FindingLike], *, rendered: bool = True) -> str:
    """Style sheet, key and annotated text, ready for `st.html`."""
    return markup_css() + legend_html() + annotated_html(text, findings, rendered=rendered)
