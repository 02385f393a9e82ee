"""The draft the LLM returns (briefing, script, Q&A) and the record of how it was made.

`Draft` is also the JSON schema sent as `response_format`, so every field is required and no
extra keys are allowed: that keeps it valid for OpenAI's strict structured output and for the
forced tool litellm uses on Anthropic.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Briefing(StrictModel):
    """The written briefing, bottom line first (guide §1 and §4)."""

    subject: str = Field(description="Email subject line: the problem and its business impact.")
    summary: str = Field(
        description="Bottom line up front: what broke and what it costs, 1-2 sentences."
    )
    impact: str = Field(description="The business impact in numbers, in the CEO's terms.")
    root_cause: str = Field(description="Why it happened, in plain words; say so if still unknown.")
    containment: str = Field(description="What has already been done to stop the damage.")
    plan: list[str] = Field(description="Mitigation steps, each with owner, date and resources.")
    prevention: list[str] = Field(description="What changes so it does not happen again.")
    next_update: str = Field(description="When the CEO gets the next report, with a date.")


ScriptStage = Literal[
    "opening", "impact", "root_cause", "why_not_caught", "actions", "recurrence", "follow_up"
]


class ScriptTurn(StrictModel):
    """One turn of the meeting, following the guide's §3 flow."""

    speaker: Literal["You", "CEO"]
    stage: ScriptStage
    text: str


class QAItem(StrictModel):
    """A tough question the CEO may ask, with a prepared answer."""

    question: str
    answer: str


class Draft(StrictModel):
    """What every model must return."""

    briefing: Briefing
    script: list[ScriptTurn] = Field(description="The meeting, in order, speaker by speaker.")
    qa: list[QAItem] = Field(description="Anticipated tough questions with answers.")


class DraftMeta(BaseModel):
    """How a draft was made: which model and prompt, at what cost and speed."""

    model: str
    prompt_version: str
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    latency_ms: float = 0.0
    attempts: int = 1
    repaired: bool = False
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC))


class DraftResult(BaseModel):
    """A validated draft plus its metadata and any warnings about its figures."""

    draft: Draft
    meta: DraftMeta
    unsupported_figures: list[str] = Field(
        default_factory=list,
        description="Figures in the draft that do not appear in the facts (possible inventions).",
    )
