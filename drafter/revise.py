"""Revise a draft with the critic: rewrite it from the critic's findings until it is ready.

    result = revise(parts_or_draft, facts, DrafterConfig(model="openai/gpt-4o-mini"), rounds=2)
    result.final.parts["briefing"]; [v.status for v in result.versions]

Each round sends the facts, the current draft (its Markdown parts: briefing, script, Q&A) and the
critic's exact findings (rule, flagged words, suggestion) to the model, with the versioned prompt
in prompts/revise-v1/. The reply is validated, then checked by the critic grounded in the facts:

- a round that adds a figure the facts do not support, or drops one of the seven elements a part
  covered, is rejected (the next round starts again from the last accepted version);
- the loop stops when the draft passes, when an accepted round does not lower the weighted finding
  count (errors 15, warnings 5, suggestions 1: the critic's own score weights), or after N rounds.

Every version is kept with its reports. The `offline/...` model revises deterministically
(drafter.offline_revise) without litellm; other models go through litellm like a draft does.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from drafter.draft import Draft, StrictModel
from drafter.errors import DraftError
from drafter.facts import IncidentFacts
from drafter.llm import DrafterConfig
from drafter.prompts import facts_json, load_template
from drafter.render import briefing_markdown, qa_markdown, script_markdown

REVISE_PROMPT_VERSION = "revise-v1"
DEFAULT_ROUNDS = 2
PARTS: tuple[str, ...] = ("briefing", "script", "qa")
PART_KINDS = {"briefing": "briefing", "script": "script", "qa": "qa"}
WEIGHTS = {"error": 15, "warning": 5, "suggestion": 1}
ELEMENT_PARTS = ("briefing", "script")
SCRIPT_HEADING = "# Meeting script"
QA_HEADING = "# Tough questions"

Status = Literal["original", "accepted", "rejected", "no gain"]


class Revision(StrictModel):
    """What the model returns for a revision round: every part as Markdown ('' when absent)."""

    briefing: str = Field(description="The revised briefing, Markdown with its headings.")
    script: str = Field(description="The revised meeting script: one 'You:'/'CEO:' turn a line.")
    qa: str = Field(description="The revised Q&A: '**Q: ...**' then 'A: ...' for each question.")


class Version(BaseModel):
    """One version of the draft with the critic's reports on it."""

    number: int = Field(description="0 is the draft as given; then one a round.")
    status: Status
    parts: dict[str, str]
    reports: dict[str, Any] = Field(description="critic Report per part, as JSON data.")
    weighted: int = Field(
        description="Weighted finding count: errors 15, warnings 5, suggestions 1."
    )
    passed: bool
    reasons: list[str] = Field(default_factory=list, description="Why it was rejected or kept.")
    fixed: list[str] = Field(
        default_factory=list, description="Findings of the previous version this one no longer has."
    )
    model: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    latency_ms: float = 0.0

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "suggestion": 0}
        for report in self.reports.values():
            for finding in report["findings"]:
                out[finding["severity"]] += 1
        return out

    def findings_by_family(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for report in self.reports.values():
            for finding in report["findings"]:
                if finding["severity"] in ("error", "warning"):
                    out[finding["family"]] = out.get(finding["family"], 0) + 1
        return out


class RevisionResult(BaseModel):
    """Every version, which one is final, and why the loop stopped."""

    prompt_version: str = REVISE_PROMPT_VERSION
    model: str
    versions: list[Version]
    final_number: int
    stopped: str

    @property
    def first(self) -> Version:
        return self.versions[0]

    @property
    def final(self) -> Version:
        return next(v for v in self.versions if v.number == self.final_number)

    @property
    def passed(self) -> bool:
        return self.final.passed


# --- parts ---------------------------------------------------------------------------------


def draft_parts(draft: Draft) -> dict[str, str]:
    return {
        "briefing": briefing_markdown(draft),
        "script": script_markdown(draft),
        "qa": qa_markdown(draft),
    }


def split_markdown(text: str) -> dict[str, str]:
    """A Markdown draft as parts: `brief draft` output is split at its script and Q&A headings;
    any other text is one part, the briefing or the script (whichever the critic detects)."""
    from critic.markdown import detect_kind

    parts = dict.fromkeys(PARTS, "")
    body = text.split("\n---\n\n_Drafted by", 1)[0]
    if f"\n{SCRIPT_HEADING}\n" in body or f"\n{QA_HEADING}\n" in body:
        head, _, rest = body.partition(f"---\n\n{SCRIPT_HEADING}\n\n")
        script, _, qa = rest.partition(f"---\n\n{QA_HEADING}\n\n")
        parts.update(briefing=head.rstrip() + "\n", script=script.rstrip() + "\n")
        parts["qa"] = qa.rstrip() + "\n" if qa.strip() else ""
        return {name: value if value.strip() else "" for name, value in parts.items()}
    parts["script" if detect_kind(text) == "script" else "briefing"] = text
    return parts


def join_markdown(parts: Mapping[str, str]) -> str:
    """The parts as one Markdown document, the way `brief draft` prints a draft."""
    out = [parts.get("briefing", "").rstrip() + "\n"] if parts.get("briefing", "").strip() else []
    if parts.get("script", "").strip():
        out.append(f"---\n\n{SCRIPT_HEADING}\n\n" + parts["script"].strip() + "\n")
    if parts.get("qa", "").strip():
        out.append(f"---\n\n{QA_HEADING}\n\n" + parts["qa"].strip() + "\n")
    return "\n".join(out)


# --- the critic ------------------------------------------------------------------------------


def review_parts(
    parts: Mapping[str, str], facts: IncidentFacts, critic_config: Any = None
) -> dict[str, Any]:
    """The critic's Report for each non-empty part, grounded in the facts."""
    from critic import review

    return {
        name: review(text, kind=PART_KINDS[name], config=critic_config, facts=facts)  # type: ignore[arg-type]
        for name, text in parts.items()
        if text.strip()
    }


def weighted_count(reports: Mapping[str, Any]) -> int:
    return sum(WEIGHTS[f.severity] for report in reports.values() for f in report.findings)


def _finding_key(part: str, text: str, finding: Any) -> str:
    return f"{part}: {finding.rule} “{' '.join(text[finding.start : finding.end].split())[:60]}”"


def _unsupported(parts: Mapping[str, str], reports: Mapping[str, Any]) -> set[str]:
    return {
        " ".join(parts[name][f.start : f.end].split())
        for name, report in reports.items()
        for f in report.findings
        if f.rule == "numbers.unsupported" and f.severity == "error"
    }


def _covered(reports: Mapping[str, Any]) -> dict[str, set[str]]:
    return {
        name: {element for element, ok in reports[name].coverage.items() if ok}
        for name in ELEMENT_PARTS
        if name in reports
    }


def _version(
    number: int, status: Status, parts: Mapping[str, str], reports: Mapping[str, Any], **extra: Any
) -> Version:
    return Version(
        number=number,
        status=status,
        parts=dict(parts),
        reports={name: report.model_dump(mode="json") for name, report in reports.items()},
        weighted=weighted_count(reports),
        passed=all(report.passed for report in reports.values()),
        **extra,
    )


def findings_payload(parts: Mapping[str, str], reports: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The findings sent to the model: part, rule, severity, flagged words, message, suggestion."""
    return [
        {
            "part": name,
            "rule": f.rule,
            "severity": f.severity,
            "flagged": parts[name][f.start : f.end],
            "message": f.message,
            "suggestion": f.suggestion,
        }
        for name, report in reports.items()
        for f in report.findings
        if f.severity in ("error", "warning")
    ]


# --- asking the model ----------------------------------------------------------------------


def build_revise_messages(
    facts: IncidentFacts,
    parts: Mapping[str, str],
    reports: Mapping[str, Any],
    *,
    round_number: int,
    rejected: list[str] | None = None,
) -> list[dict[str, str]]:
    draft_json = json.dumps(dict(parts), indent=2, ensure_ascii=False).replace("<", "\\u003c")
    findings = json.dumps(findings_payload(parts, reports), indent=2, ensure_ascii=False)
    note = ""
    if rejected:
        note = load_template("rejected", REVISE_PROMPT_VERSION).substitute(
            reasons=" ".join(rejected)
        )
    user = load_template("user", REVISE_PROMPT_VERSION).substitute(
        round=round_number,
        facts_json=facts_json(facts),
        draft_json=draft_json,
        findings_json=findings.replace("<", "\\u003c"),
        rejected=note,
    )
    return [
        {"role": "system", "content": load_template("system", REVISE_PROMPT_VERSION).substitute()},
        {"role": "user", "content": user.rstrip() + "\n"},
    ]


def revision_format() -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "brief_revision",
            "schema": Revision.model_json_schema(),
            "strict": True,
        },
    }


class _Reply(BaseModel):
    parts: dict[str, str] | None
    problem: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None


def _parse(text: str) -> tuple[dict[str, str] | None, str]:
    from drafter.llm import _FENCE

    text = text.strip()
    if fenced := _FENCE.match(text):
        text = fenced.group(1)
    try:
        return Revision.model_validate(json.loads(text)).model_dump(), ""
    except json.JSONDecodeError as exc:
        return None, f"the reply is not valid JSON ({exc.msg} at line {exc.lineno})."
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "revision"
        return None, f"the reply does not match the schema: {where}: {first['msg']}."


def _ask_model(messages: list[dict[str, str]], config: DrafterConfig) -> _Reply:
    """One revision request through litellm, with the drafter's retry rules."""
    from drafter.llm import (
        _classify,
        _completion_from,
        _final,
        _request_kwargs,
        _wait_s,
        check_credentials,
        get_litellm,
    )

    check_credentials(config)
    litellm = get_litellm()
    kwargs = _request_kwargs(messages, config)
    kwargs["response_format"] = revision_format()
    for attempt in range(1, config.max_attempts + 1):
        try:
            completion = _completion_from(litellm.completion(**kwargs))
            break
        except Exception as exc:
            error = _classify(exc, config)
            if not error.retryable or attempt == config.max_attempts:
                raise _final(error, attempt) from exc
            time.sleep(_wait_s(attempt, exc, config))
    if completion.finish_reason == "length":
        parts, problem = None, "the reply was cut off (finish_reason: length)."
    else:
        parts, problem = _parse(completion.text)
    return _Reply(
        parts=parts,
        problem=problem,
        input_tokens=completion.input_tokens,
        output_tokens=completion.output_tokens,
        cost_usd=completion.cost_usd,
    )


def _ask(
    facts: IncidentFacts,
    parts: Mapping[str, str],
    reports: Mapping[str, Any],
    config: DrafterConfig,
    round_number: int,
    rejected: list[str],
) -> _Reply:
    if config.model.startswith("offline/"):
        from drafter.offline_revise import offline_revision

        findings = {name: report.findings for name, report in reports.items()}
        return _Reply(parts=offline_revision(facts, parts, findings))
    messages = build_revise_messages(
        facts, parts, reports, round_number=round_number, rejected=rejected
    )
    return _ask_model(messages, config)


# --- the loop -----------------------------------------------------------------------------


def _judge(
    before: Version,
    before_parts: Mapping[str, str],
    before_reports: Mapping[str, Any],
    after_parts: Mapping[str, str],
    after_reports: Mapping[str, Any],
) -> list[str]:
    """Why a round must be rejected (empty: it may be accepted)."""
    reasons = []
    for name in PARTS:
        if before_parts.get(name, "").strip() and not after_parts.get(name, "").strip():
            reasons.append(f"it dropped the whole {name}.")
    added = sorted(
        _unsupported(after_parts, after_reports) - _unsupported(before_parts, before_reports)
    )
    if added:
        reasons.append(
            "it added figures the facts do not support: " + ", ".join(f"“{a}”" for a in added) + "."
        )
    covered_before, covered_after = _covered(before_reports), _covered(after_reports)
    for name, elements in covered_before.items():
        lost = sorted(elements - covered_after.get(name, set()))
        if lost:
            reasons.append(f"the {name} no longer covers: {', '.join(lost)}.")
    return reasons


def _fixed(
    before_parts: Mapping[str, str],
    before_reports: Mapping[str, Any],
    after_parts: Mapping[str, str],
    after_reports: Mapping[str, Any],
) -> list[str]:
    def keys(parts: Mapping[str, str], reports: Mapping[str, Any]) -> list[str]:
        return [
            _finding_key(name, parts[name], f)
            for name, report in reports.items()
            for f in report.findings
            if f.severity in ("error", "warning")
        ]

    remaining = keys(after_parts, after_reports)
    fixed = []
    for key in keys(before_parts, before_reports):
        if key in remaining:
            remaining.remove(key)
        else:
            fixed.append(key)
    return fixed


def revise(
    draft: Draft | Mapping[str, str],
    facts: IncidentFacts,
    config: DrafterConfig | None = None,
    *,
    rounds: int = DEFAULT_ROUNDS,
    critic_config: Any = None,
) -> RevisionResult:
    """Revise a draft (a Draft, or Markdown parts keyed briefing/script/qa) for at most `rounds`.

    Raises ProviderError when the model cannot be reached (the versions so far are lost only then);
    a reply that is not a valid revision is a rejected round, not an error.
    """
    if rounds < 0:
        raise ValueError("rounds must be 0 or more")
    config = config or DrafterConfig.from_env()
    parts = draft_parts(draft) if isinstance(draft, Draft) else _complete_parts(draft)
    if not any(text.strip() for text in parts.values()):
        raise DraftError("there is nothing to revise: every part of the draft is empty")
    reports = review_parts(parts, facts, critic_config)
    current = _version(0, "original", parts, reports, model=config.model)
    versions = [current]
    current_parts, current_reports = parts, reports
    rejected: list[str] = []
    stopped = f"stopped after {rounds} rounds"
    for number in range(1, rounds + 1):
        if current.passed:
            stopped = "the draft passes the critic"
            break
        started = time.perf_counter()
        reply = _ask(facts, current_parts, current_reports, config, number, rejected)
        cost = {
            "model": config.model,
            "input_tokens": reply.input_tokens,
            "output_tokens": reply.output_tokens,
            "cost_usd": reply.cost_usd,
            "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        if reply.parts is None:
            rejected = [reply.problem]
            versions.append(
                Version(
                    number=number,
                    status="rejected",
                    parts=dict(current_parts),
                    reports={},
                    weighted=current.weighted,
                    passed=False,
                    reasons=[reply.problem],
                    **cost,
                )
            )
            continue
        new_parts = {name: reply.parts.get(name, "") for name in PARTS}
        new_parts = {
            name: text if current_parts.get(name, "").strip() else ""
            for name, text in new_parts.items()
        }
        new_reports = review_parts(new_parts, facts, critic_config)
        reasons = _judge(current, current_parts, current_reports, new_parts, new_reports)
        fixed = _fixed(current_parts, current_reports, new_parts, new_reports)
        if reasons:
            rejected = reasons
            versions.append(
                _version(number, "rejected", new_parts, new_reports, reasons=reasons, **cost)
            )
            continue
        candidate = _version(number, "accepted", new_parts, new_reports, fixed=fixed, **cost)
        if candidate.weighted >= current.weighted:
            candidate.status = "no gain"
            candidate.reasons = [
                f"the weighted finding count went from {current.weighted} to {candidate.weighted}."
            ]
            versions.append(candidate)
            stopped = "a round did not lower the weighted finding count"
            break
        versions.append(candidate)
        current, current_parts, current_reports, rejected = candidate, new_parts, new_reports, []
    else:
        if current.passed:
            stopped = "the draft passes the critic"
    return RevisionResult(
        model=config.model, versions=versions, final_number=current.number, stopped=stopped
    )


def _complete_parts(parts: Mapping[str, str]) -> dict[str, str]:
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"unknown draft parts: {', '.join(sorted(unknown))} (use {PARTS})")
    return {name: parts.get(name, "") or "" for name in PARTS}


def render_revision(result: RevisionResult) -> str:
    """The final draft as Markdown, then one line a round."""
    lines = [join_markdown(result.final.parts).rstrip(), "", "---", "", "# Revision rounds", ""]
    for version in result.versions:
        counts = version.counts()
        mark = " (final)" if version.number == result.final_number else ""
        head = (
            f"- Version {version.number}, {version.status}{mark}: "
            f"{counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['suggestion']} suggestions, weighted {version.weighted}"
        )
        if version.status == "rejected" and not version.reports:
            head = f"- Version {version.number}, rejected"
        lines.append(head + ("; passes" if version.passed else ""))
        lines.extend(f"  - {reason}" for reason in version.reasons)
        if version.fixed:
            lines.append(f"  - fixed {len(version.fixed)}: " + "; ".join(version.fixed[:8]))
    lines.append("")
    lines.append(f"Stopped: {result.stopped}.")
    return "\n".join(lines) + "\n"
