"""The critic's public data models: `Finding`, `Metrics`, `EngineInfo` and `Report`.

Every offset is a character offset into the ORIGINAL text given to `review()`, so
`text[finding.start:finding.end]` is the flagged words; `line` and `column` are 1-based.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "suggestion"]
Family = Literal["jargon", "numbers", "blame", "length", "structure"]
Kind = Literal["briefing", "script", "qa"]
KindOption = Literal["briefing", "script", "qa", "auto"]

SEVERITY_RANK: dict[str, int] = {"suggestion": 0, "warning": 1, "error": 2}
ELEMENTS: tuple[str, ...] = (
    "impact",
    "root_cause",
    "containment",
    "plan",
    "timeline",
    "prevention",
    "follow_up",
)
FAMILIES: tuple[str, ...] = ("jargon", "numbers", "blame", "length", "structure")


class Finding(BaseModel):
    """One problem in the draft, located in the original text."""

    model_config = ConfigDict(frozen=True)

    rule: str = Field(description="Rule id, e.g. 'blame.agentless-passive'.")
    family: Family
    severity: Severity
    start: int = Field(ge=0, description="Start offset into the original text.")
    end: int = Field(ge=0, description="End offset (exclusive) into the original text.")
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    message: str
    suggestion: str = Field(description="A replacement or concrete advice.")
    why: str = Field(description="The guideline this enforces, citing the guide's section.")


class Metrics(BaseModel):
    """Plain figures about the draft (prose only: no code, headings or speaker labels)."""

    words: int
    sentences: int
    mean_sentence_length: float
    flesch_kincaid_grade: float
    flesch_reading_ease: float
    speaking_seconds: float = Field(
        description="Time to say the words aloud at 140 words a minute."
    )
    passive_count: int = Field(description="Passive clauses that do not say who acted.")
    ownership_count: int = Field(
        description="First-person statements of ownership ('I set', 'we missed')."
    )


class EngineInfo(BaseModel):
    """Which spaCy pipeline produced the analysis."""

    pipeline: str = Field(description="Package name of the pipeline, or 'blank:en'.")
    version: str
    spacy_version: str
    degraded: bool = Field(description="True when no trained pipeline ran (heuristics only).")
    note: str | None = None


class Report(BaseModel):
    """The critic's verdict on one draft."""

    kind: Kind
    findings: list[Finding]
    coverage: dict[str, bool] = Field(
        description="For each of the seven elements a CEO expects, whether the draft covers it."
    )
    metrics: Metrics
    engine: EngineInfo
    passed: bool = Field(
        description="Ready to send: no error, and no open warning in jargon, numbers or blame."
    )
    blockers: list[str] = Field(
        default_factory=list,
        description="Why the draft did not pass, one reason a line ('2 jargon warnings'); empty "
        "when it passed.",
    )
    score: int = Field(ge=0, le=100)
    suppressed: int = Field(default=0, description="Findings silenced by inline comments.")

    def verdict(self) -> str:
        """One line for people: 'ready to send' or why not."""
        return "ready to send" if self.passed else "not ready: " + "; ".join(self.blockers)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        out = {"error": 0, "warning": 0, "suggestion": 0}
        for finding in self.findings:
            out[finding.severity] += 1
        return out
