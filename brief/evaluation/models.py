"""The evaluation's results: one row per (model, incident), a summary per model, a baseline diff.

These models are the saved result format (`brief eval --format json`), which `--baseline` and the
app's evaluation page read back, so they change only in backward-compatible ways
(`RESULT_VERSION` says which shape a file has).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RESULT_VERSION = 1
FAMILIES: tuple[str, ...] = ("jargon", "numbers", "blame", "length", "structure")

Mode = Literal["replay", "record", "live"]
Status = Literal["pass", "fail", "rejected", "error", "missing"]
STATUSES: tuple[str, ...] = ("pass", "fail", "rejected", "error", "missing")


class ModelSpec(BaseModel):
    """One column of the matrix: a litellm model, under a label that names its cassette set.

    `--model openai/gpt-4o-mini` has the label `openai/gpt-4o-mini`; `--model
    flawed=openai/gpt-4o-mini` sends the same model string but reads the `flawed` cassettes.
    """

    model_config = ConfigDict(frozen=True)

    label: str = Field(min_length=1)
    model: str = Field(min_length=1)

    @classmethod
    def parse(cls, text: str) -> ModelSpec:
        """'MODEL' or 'LABEL=MODEL'."""
        text = text.strip()
        label, sep, model = text.partition("=")
        if not sep:
            return cls(label=text, model=text)
        if not label.strip() or not model.strip():
            raise ValueError(f"'{text}' is not MODEL or LABEL=MODEL")
        return cls(label=label.strip(), model=model.strip())

    def __str__(self) -> str:
        return self.model if self.label == self.model else f"{self.label}={self.model}"


class EvalRow(BaseModel):
    """One incident drafted by one model and reviewed by the critic."""

    model: str = Field(description="The column label (the model string unless LABEL=MODEL).")
    litellm_model: str
    incident: str = Field(description="Incident id: the facts file name without extension.")
    title: str
    status: Status = Field(
        description="pass: valid draft, ready to send; fail: valid draft with an error, or an "
        "open jargon, numbers or blame warning (the reason says which); rejected: no valid "
        "draft after the repair round; error: the provider failed; missing: no recorded "
        "response to replay."
    )
    valid: bool = Field(description="The model returned a draft that matches the schema.")
    critic_passed: bool | None = Field(
        default=None, description="Briefing and script both passed (None without a draft)."
    )
    briefing_passed: bool | None = None
    script_passed: bool | None = None
    findings: dict[str, int] = Field(
        default_factory=dict,
        description="Error- and warning-level findings per family, briefing and script together.",
    )
    errors: int = 0
    warnings: int = 0
    suggestions: int = 0
    rules: list[str] = Field(
        default_factory=list, description="Rule ids of the error- and warning-level findings."
    )
    score: int | None = Field(default=None, description="The lower of the two critic scores.")
    words: int | None = Field(default=None, description="Words in the briefing.")
    grade: float | None = Field(default=None, description="Flesch-Kincaid grade of the briefing.")
    speaking_seconds: float | None = Field(
        default=None, description="Time to say the meeting script aloud."
    )
    latency_ms: float | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    attempts: int = 0
    repaired: bool = False
    unsupported_figures: list[str] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="Why there is no valid draft.")
    revision: RowRevision | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.model, self.incident)

    @property
    def total_findings(self) -> int:
        return sum(self.findings.values())


class RowRevision(BaseModel):
    """`brief eval --revise N`: the draft revised with the critic (grounded in the facts, all
    three parts: briefing, script and Q&A), before and after."""

    rounds: int = Field(description="Revision rounds asked for (rejected ones included).")
    rejected_rounds: int = 0
    passed_before: bool
    passed_after: bool
    findings_before: dict[str, int] = Field(default_factory=dict)
    findings_after: dict[str, int] = Field(default_factory=dict)
    final_version: int = 0
    stopped: str = ""
    reasons: list[str] = Field(default_factory=list, description="Why rounds were rejected.")
    error: str | None = Field(default=None, description="Why the revision could not run.")


class RevisionSummary(BaseModel):
    """Per model: pass rate and findings per family before and after revision."""

    rounds: int
    pass_rate_before: float
    pass_rate_after: float
    mean_findings_by_family_before: dict[str, float] = Field(default_factory=dict)
    mean_findings_by_family_after: dict[str, float] = Field(default_factory=dict)
    rejected_rounds: int = 0
    errors: int = 0


class ModelSummary(BaseModel):
    """How one model did over all incidents."""

    model: str
    litellm_model: str
    incidents: int
    valid: int
    passed: int
    pass_rate: float = Field(description="Passed rows over all rows, 0-1.")
    rejected: int
    errors: int
    missing: int
    repaired: int
    mean_findings: float | None = Field(description="Mean findings per valid draft.")
    mean_findings_by_family: dict[str, float] = Field(default_factory=dict)
    mean_score: float | None = None
    mean_latency_ms: float | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    unsupported_figures: int = 0
    revision: RevisionSummary | None = None


class RowChange(BaseModel):
    """One (model, incident) whose verdict or findings moved against the baseline."""

    model: str
    incident: str
    before: Status | None
    after: Status | None
    findings_before: int | None = None
    findings_after: int | None = None
    change: Literal["regressed", "improved", "new", "removed"]
    detail: str


class BaselineDiff(BaseModel):
    """What regressed and what improved since the baseline result."""

    baseline: str = Field(description="Where the baseline came from (a path).")
    baseline_created_at: dt.datetime | None = None
    regressed: list[RowChange] = Field(default_factory=list)
    improved: list[RowChange] = Field(default_factory=list)
    new: list[RowChange] = Field(default_factory=list)
    removed: list[RowChange] = Field(default_factory=list)
    pass_rate_change: dict[str, float] = Field(
        default_factory=dict, description="Per model: pass rate now minus pass rate then."
    )
    unchanged: int = 0


class EvalResult(BaseModel):
    """A whole evaluation run: settings, rows, per-model summaries and the baseline diff."""

    version: int = RESULT_VERSION
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))
    mode: Mode
    prompt_version: str
    cassettes: str | None = None
    concurrency: int = 1
    wall_seconds: float = 0.0
    critic_engine: str | None = Field(
        default=None, description="The spaCy pipeline the critic ran (degraded if blank)."
    )
    incidents: list[str]
    models: list[ModelSpec]
    rows: list[EvalRow]
    summaries: list[ModelSummary] = Field(default_factory=list)
    diff: BaselineDiff | None = None

    def summary_for(self, label: str) -> ModelSummary | None:
        return next((s for s in self.summaries if s.model == label), None)
