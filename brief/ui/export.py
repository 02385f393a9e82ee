"""Export what the CEO receives: the (edited) briefing, script and Q&A as Markdown, Word or a
one-page PDF of the briefing; the findings and the draft as JSON.

The documents hold only what the CEO should read. How they were made (model, prompt, tokens,
cost) goes into the document properties (Word: core properties; PDF: info dictionary), never
into the body.

No streamlit here: the functions take texts and return str or bytes. Every export goes through
the guard (drafter.guard.scrub): keys, tokens, passwords and personal data in a pasted or edited
text leave as [REDACTED:kind].
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from drafter import DraftResult
from drafter.guard import scrub

APP_NAME = "Brief"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_NUMBERED = re.compile(r"^\d+[.)]\s+")
_LABEL = re.compile(r"^(\*\*)?(Q|A|You|CEO):(\*\*)?\s*")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


class DocumentMeta(BaseModel):
    """What goes into the document properties, not the body."""

    title: str
    author: str = APP_NAME
    subject: str = "Incident briefing"
    comments: str = ""
    keywords: str = "incident briefing"


def document_meta(
    title: str, result: DraftResult | None, author: str | None = None
) -> DocumentMeta:
    """Properties for an export: who presents it, and how it was drafted (model, cost)."""
    comments = f"Prepared with {APP_NAME}; checked by its critic."
    if result is not None:
        meta = result.meta
        cost = "n/a" if meta.cost_usd is None else f"${meta.cost_usd:.4f}"
        comments = (
            f"Drafted with {APP_NAME} by {meta.model} (prompt {meta.prompt_version}): "
            f"{meta.input_tokens} tokens in, {meta.output_tokens} out, cost {cost}; "
            "checked by Brief's critic."
        )
    return DocumentMeta(title=title, author=(author or "").strip() or APP_NAME, comments=comments)


def qa_text(items: Sequence[tuple[str, str]]) -> str:
    """The Q&A as Markdown: a bold question, then the answer."""
    return "\n\n".join(f"**Q: {q.strip()}**\n\nA: {a.strip()}" for q, a in items) + "\n"


def markdown_bundle(title: str, parts: Mapping[str, str], *, qa: str | None = None) -> str:
    """One Markdown document: the (possibly edited) briefing, then the script and the Q&A.

    Nothing about how it was made: that is in the document properties of the .docx and PDF."""
    sections: list[str] = []
    if "briefing" in parts:
        sections.append(parts["briefing"].strip() + "\n")
    if "script" in parts:
        sections.append("# Meeting script\n\n" + parts["script"].strip() + "\n")
    if "text" in parts:
        sections.append(parts["text"].strip() + "\n")
    if qa:
        sections.append("# Tough questions\n\n" + qa.strip() + "\n")
    if not sections:
        sections.append(f"# {title}\n")
    return scrub("\n---\n\n".join(sections))


def findings_json(title: str, parts: Mapping[str, tuple[str, Any]]) -> str:
    """The critic's reports as JSON, each finding with the words it flags."""
    out: dict[str, Any] = {"title": title, "parts": {}}
    for name, (text, report) in parts.items():
        if report is None:
            continue
        data = report.model_dump(mode="json")
        for finding in data["findings"]:
            finding["text"] = text[finding["start"] : finding["end"]]
        out["parts"][name] = data
    return _scrubbed_json(out)


def _scrub_values(value: Any) -> Any:
    """Every text inside a JSON-ready value, scrubbed (numbers and keys stay as they are)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrub_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_values(item) for item in value]
    return value


def _scrubbed_json(data: Any) -> str:
    """JSON whose texts are scrubbed one by one: a detector match never spans quotes or commas,
    so the result always parses (scrubbing the serialised text could cut across numbers)."""
    return json.dumps(_scrub_values(data), indent=2, ensure_ascii=False) + "\n"


def draft_json(
    title: str,
    parts: Mapping[str, str],
    qa: Sequence[tuple[str, str]],
    result: DraftResult | None,
) -> str:
    """The draft as the user left it (edited texts and Q&A), with how it was first drafted."""
    data: dict[str, Any] = {
        "title": title,
        "briefing": parts.get("briefing"),
        "script": parts.get("script"),
        "qa": [{"question": q, "answer": a} for q, a in qa],
        "edited": result is not None and _edited(parts, qa, result),
    }
    if result is not None:
        data["meta"] = result.meta.model_dump(mode="json")
        data["unsupported_figures"] = list(result.unsupported_figures)
        data["generated"] = result.draft.model_dump(mode="json")
    return _scrubbed_json(data)


def _edited(parts: Mapping[str, str], qa: Sequence[tuple[str, str]], result: DraftResult) -> bool:
    from drafter import briefing_markdown, script_markdown

    draft = result.draft
    return (
        parts.get("briefing", briefing_markdown(draft)) != briefing_markdown(draft)
        or parts.get("script", script_markdown(draft)) != script_markdown(draft)
        or list(qa) != [(item.question, item.answer) for item in draft.qa]
    )


# --- Word --------------------------------------------------------------------------------------


def _add_runs(paragraph: Any, text: str) -> None:
    """Add text to a docx paragraph: a leading Q:/A:/You:/CEO: label and **bold** in bold."""
    label = _LABEL.match(text)
    if label:
        paragraph.add_run(f"{label.group(2)}:").bold = True
        paragraph.add_run(" ")
        text = text[label.end() :]
        if label.group(1) and not label.group(3) and text.endswith("**"):
            # "**Q: question**": the whole question is bold
            paragraph.add_run(text[:-2]).bold = True
            return
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        paragraph.add_run(match.group(1)).bold = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def docx_bytes(markdown: str, meta: DocumentMeta | None = None) -> bytes:
    """A Word document from Brief's Markdown (headings, lists, bold, speaker labels), with the
    tool's details in the document properties."""
    from docx import Document

    markdown = scrub(markdown)
    document = Document()
    meta = meta or DocumentMeta(title=_first_heading(markdown) or "Briefing")
    props = document.core_properties
    props.author = meta.author
    props.last_modified_by = meta.author
    props.title = meta.title
    props.subject = meta.subject
    props.comments = meta.comments
    props.keywords = meta.keywords
    props.category = "Incident briefing"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1

    paragraph_lines: list[str] = []

    def flush() -> None:
        if paragraph_lines:
            _add_runs(document.add_paragraph(), " ".join(paragraph_lines))
            paragraph_lines.clear()

    for raw in markdown.splitlines():
        stripped = raw.strip()
        if not stripped or stripped == "---" or stripped.startswith("<!--"):
            flush()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            level = len(heading.group(1))
            document.add_heading(heading.group(2).strip(), level=0 if level == 1 else level - 1)
        elif stripped.startswith(("- ", "* ", "• ")):
            flush()
            _add_runs(document.add_paragraph(style="List Bullet"), stripped[2:].strip())
        elif _NUMBERED.match(stripped):
            flush()
            _add_runs(document.add_paragraph(style="List Number"), _NUMBERED.sub("", stripped))
        elif _LABEL.match(stripped):
            flush()  # each speaker turn, question and answer is its own paragraph
            paragraph_lines.append(stripped)
        else:
            paragraph_lines.append(stripped)
    flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _first_heading(markdown: str) -> str | None:
    for line in markdown.splitlines():
        match = _HEADING.match(line.strip())
        if match:
            return match.group(2).strip()
    return None


# --- PDF ---------------------------------------------------------------------------------------

_LATIN1 = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-",
     "€": "EUR ", "−": "-", "≥": ">=", "≤": "<=", "→": "->", "\u00a0": " "}
)  # fmt: skip


def _unicode_font() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


class PdfTooLong(ValueError):
    """The briefing does not fit on one page even in the smallest type."""


def pdf_bytes(
    briefing: str,
    meta: DocumentMeta | None = None,
    *,
    sizes: Sequence[float] = (11, 10, 9, 8),
    strict: bool = True,
) -> bytes:
    """The briefing on ONE A4 page (the type shrinks from 11 pt to 8 pt until it fits), via
    fpdf2. When it does not fit: PdfTooLong if `strict` (cut the briefing: the CEO will not read
    two pages either), else the smallest type on as many pages as it needs."""
    briefing = scrub(briefing)
    meta = meta or DocumentMeta(title=_first_heading(briefing) or "Briefing")
    pdf = None
    for size in sizes:
        pdf = _pdf(briefing, meta, size)
        if pdf.pages_count == 1:
            return bytes(pdf.output())
    if not strict and pdf is not None:
        return bytes(pdf.output())
    raise PdfTooLong(
        f"The briefing needs more than one page even at {sizes[-1]} pt: shorten it "
        "(the critic's word budget is 300 words)."
    )


def _pdf(briefing: str, meta: DocumentMeta, size: float) -> Any:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(meta.title)
    pdf.set_author(meta.author)
    pdf.set_subject(meta.subject)
    pdf.set_keywords(meta.keywords)
    pdf.set_creator(meta.comments or APP_NAME)
    pdf.set_producer(APP_NAME)
    font = _unicode_font()
    if font is not None:
        pdf.add_font("Body", "", str(font[0]))
        pdf.add_font("Body", "B", str(font[1]))
        family = "Body"

        def clean(text: str) -> str:
            return text
    else:
        family = "Helvetica"

        def clean(text: str) -> str:
            return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    line_h = size * 0.47
    width = pdf.epw
    for raw in briefing.splitlines():
        stripped = raw.strip()
        if not stripped or stripped == "---" or stripped.startswith("<!--"):
            pdf.ln(line_h * 0.5)
            continue
        heading = _HEADING.match(stripped)
        if heading:
            level = len(heading.group(1))
            pdf.set_font(family, "B", size + (5 if level == 1 else 1.5))
            pdf.multi_cell(width, line_h * (1.5 if level == 1 else 1.25), clean(heading.group(2)))
            pdf.ln(line_h * 0.2)
            continue
        pdf.set_font(family, "", size)
        bullet = ""
        if stripped.startswith(("- ", "* ", "• ")):
            bullet, stripped = "•  " if font else "-  ", stripped[2:].strip()
        elif number := _NUMBERED.match(stripped):
            bullet, stripped = number.group(0).strip() + "  ", stripped[number.end() :]
        if bullet:
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(width - 4, line_h, clean(bullet + stripped), markdown=True)
        else:
            pdf.multi_cell(width, line_h, clean(stripped), markdown=True)
    return pdf
