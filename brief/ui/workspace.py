"""What the user is working on: a draft (facts, model result, checked parts) or a pasted text.

Kept in `st.session_state` as pydantic models, saved to the history on every draft and check,
and rebuilt from a history entry when the user reopens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from brief.history import Entry, Part, resolve_models
from drafter import DraftResult, IncidentFacts, briefing_markdown, script_markdown

if TYPE_CHECKING:  # imported on first use (see ensure_models): the critic loads spaCy
    from critic.models import Report

CriticKind = Literal["briefing", "script", "auto"]
PART_KINDS: dict[str, CriticKind] = {"briefing": "briefing", "script": "script", "text": "auto"}
PART_TITLES: dict[str, str] = {"briefing": "Briefing", "script": "Meeting script", "text": "Draft"}


class PartView(BaseModel):
    """One checked text and its latest report."""

    part: Part
    kind: CriticKind
    text: str
    report: Report | None = None
    version_id: int | None = None
    checked_text: str | None = Field(
        default=None, description="The text the report belongs to (differs while editing)."
    )


class Workspace(BaseModel):
    """A draft or a pasted text, with each of its parts."""

    source: Literal["draft", "critique"]
    title: str
    entry_id: int | None = None
    facts: IncidentFacts | None = None
    result: DraftResult | None = None
    parts: dict[str, PartView] = Field(default_factory=dict)
    qa: list[tuple[str, str]] | None = Field(
        default=None, description="The tough questions and answers as edited (None: as drafted)."
    )

    def questions(self) -> list[tuple[str, str]]:
        """The Q&A as the user left it: edited, else as drafted."""
        if self.qa is not None:
            return list(self.qa)
        if self.result is None:
            return []
        return [(item.question, item.answer) for item in self.result.draft.qa]


def ensure_models() -> None:
    """Finish the models that hold a critic Report; call before building any of them."""
    if "Report" in globals():
        return
    resolve_models()
    from critic.models import Report

    globals()["Report"] = Report
    PartView.model_rebuild()
    Workspace.model_rebuild()


def parts_from_result(result: DraftResult) -> dict[str, PartView]:
    """The briefing and script of a fresh draft, as Markdown, not checked yet."""
    ensure_models()
    draft = result.draft
    return {
        "briefing": PartView(part="briefing", kind="briefing", text=briefing_markdown(draft)),
        "script": PartView(part="script", kind="script", text=script_markdown(draft)),
    }


def qa_scratch_name(entry_id: int) -> str:
    """Where an entry's edited Q&A is kept in the history's scratch table."""
    return f"qa:{entry_id}"


def saved_qa(data: dict | None) -> list[tuple[str, str]] | None:  # type: ignore[type-arg]
    """Edited Q&A read back from the scratch table; None when there is none or it is unusable."""
    items = (data or {}).get("qa")
    if not isinstance(items, list):
        return None
    out = []
    for item in items:
        if (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(x, str) for x in item)
        ):
            out.append((item[0], item[1]))
    return out or None


def workspace_from_entry(entry: Entry, qa: list[tuple[str, str]] | None = None) -> Workspace:
    """Reopen a history entry: the newest version of each part, with its saved report."""
    ensure_models()
    parts: dict[str, PartView] = {}
    for name in ("briefing", "script", "text"):
        version = entry.latest(name)  # type: ignore[arg-type]
        if version is None:
            continue
        kind: CriticKind = version.report.kind if version.report else PART_KINDS[name]
        parts[name] = PartView(
            part=version.part,
            kind=kind,
            text=version.text,
            report=version.report,
            version_id=version.id,
            checked_text=version.text if version.report else None,
        )
    return Workspace(
        source=entry.kind,
        title=entry.title,
        entry_id=entry.id,
        facts=entry.facts,
        result=entry.result,
        parts=parts,
        qa=qa,
    )
