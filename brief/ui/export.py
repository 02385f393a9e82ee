"""Export what the user leaves with: briefing and script as Markdown or .docx, findings as JSON.

No streamlit here: the functions take texts and reports and return str or bytes. Every export
goes through the guard (drafter.guard.scrub): keys, tokens, passwords and personal data in a
pasted or edited text leave as [REDACTED:kind].
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from typing import Any

from drafter import DraftResult
from drafter.guard import scrub

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_NUMBERED = re.compile(r"^\d+[.)]\s+")


def markdown_bundle(
    title: str,
    parts: Mapping[str, str],
    *,
    qa: str | None = None,
    result: DraftResult | None = None,
) -> str:
    """One Markdown document: the (possibly edited) briefing, then the script and Q&A."""
    sections: list[str] = []
    if "briefing" in parts:
        sections.append(parts["briefing"].strip() + "\n")
    if "script" in parts:
        sections.append("# Meeting script\n\n" + parts["script"].strip() + "\n")
    if "text" in parts:
        sections.append(parts["text"].strip() + "\n")
    if qa:
        sections.append("# Tough questions\n\n" + qa.strip() + "\n")
    if result is not None:
        meta = result.meta
        cost = "n/a" if meta.cost_usd is None else f"${meta.cost_usd:.4f}"
        sections.append(
            f"_Drafted by `{meta.model}` (prompt {meta.prompt_version}), "
            f"{meta.input_tokens} tokens in, {meta.output_tokens} out, cost {cost}; "
            f"checked by Brief's critic._\n"
        )
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
    return scrub(json.dumps(out, indent=2, ensure_ascii=False) + "\n")


def draft_json(result: DraftResult) -> str:
    """The draft with its metadata as JSON, scrubbed."""
    return scrub(result.model_dump_json(indent=2))


def _add_runs(paragraph: Any, text: str) -> None:
    """Add text to a docx paragraph, turning **bold** into bold runs."""
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        paragraph.add_run(match.group(1)).bold = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def docx_bytes(markdown: str) -> bytes:
    """A Word document from Brief's Markdown: headings, bullet and numbered lists, bold."""
    from docx import Document

    document = Document()
    paragraph_lines: list[str] = []

    def flush() -> None:
        if paragraph_lines:
            _add_runs(document.add_paragraph(), " ".join(paragraph_lines))
            paragraph_lines.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped == "---":
            flush()
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
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
        else:
            paragraph_lines.append(stripped.strip("_") if stripped.startswith("_") else stripped)
    flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
