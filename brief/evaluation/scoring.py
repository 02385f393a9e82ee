"""Turn a draft (or the reason there is none) into a matrix row, and rows into model summaries.

The critic reviews the briefing (kind="briefing") and the meeting script (kind="script") of each
draft; the draft passes when both reviews pass. Findings are counted per family at error and
warning level (suggestions are shown apart, they are advice, not faults).
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean
from typing import TYPE_CHECKING, Any

from brief.evaluation.models import FAMILIES, EvalRow, ModelSpec, ModelSummary, RevisionSummary

if TYPE_CHECKING:
    from critic.models import Report
    from drafter import Draft, DraftResult

COUNTED_SEVERITIES = ("error", "warning")


def critique(drafts: Sequence[Draft], critic_config: Any = None) -> list[tuple[Report, Report]]:
    """(briefing report, script report) for each draft, through the critic's batch path."""
    if not drafts:
        return []
    from critic import review_many
    from drafter import briefing_markdown, script_markdown

    briefings = review_many(
        [briefing_markdown(d) for d in drafts], kind="briefing", config=critic_config
    )
    scripts = review_many([script_markdown(d) for d in drafts], kind="script", config=critic_config)
    return list(zip(briefings, scripts, strict=True))


def engine_name(report: Report) -> str:
    engine = report.engine
    name = f"{engine.pipeline} {engine.version}".strip()
    return f"{name} (degraded: heuristics only)" if engine.degraded else name


def apply_draft(row: EvalRow, result: DraftResult) -> None:
    """Fill the row's draft figures from the drafter's result."""
    meta = result.meta
    row.valid = True
    row.input_tokens = meta.input_tokens
    row.output_tokens = meta.output_tokens
    row.cost_usd = meta.cost_usd
    row.attempts = meta.attempts
    row.repaired = meta.repaired
    row.unsupported_figures = list(result.unsupported_figures)


def apply_reports(row: EvalRow, briefing: Report, script: Report) -> None:
    """Fill the row's verdict and critic figures; sets status to pass or fail."""
    counts = dict.fromkeys(FAMILIES, 0)
    rules: list[str] = []
    for report in (briefing, script):
        for finding in report.findings:
            if finding.severity in COUNTED_SEVERITIES:
                counts[finding.family] = counts.get(finding.family, 0) + 1
                rules.append(finding.rule)
            if finding.severity == "error":
                row.errors += 1
            elif finding.severity == "warning":
                row.warnings += 1
            else:
                row.suggestions += 1
    row.findings = counts
    row.rules = sorted(set(rules))
    row.briefing_passed = briefing.passed
    row.script_passed = script.passed
    row.critic_passed = briefing.passed and script.passed
    row.score = min(briefing.score, script.score)
    row.words = briefing.metrics.words
    row.grade = round(briefing.metrics.flesch_kincaid_grade, 1)
    row.speaking_seconds = round(script.metrics.speaking_seconds, 1)
    row.status = "pass" if row.critic_passed else "fail"
    if not row.critic_passed and not row.reason:
        parts = (("briefing", briefing), ("script", script))
        row.reason = "not ready: " + " · ".join(
            f"{part}: {', '.join(report.blockers)}" for part, report in parts if not report.passed
        )


def _mean(values: Sequence[float]) -> float | None:
    return round(fmean(values), 2) if values else None


def summarize(spec: ModelSpec, rows: Sequence[EvalRow]) -> ModelSummary:
    reviewed = [row for row in rows if row.critic_passed is not None]
    costs = [row.cost_usd for row in rows if row.valid]
    latencies = [row.latency_ms for row in rows if row.latency_ms is not None and row.valid]
    return ModelSummary(
        model=spec.label,
        litellm_model=spec.model,
        incidents=len(rows),
        valid=sum(row.valid for row in rows),
        passed=sum(row.status == "pass" for row in rows),
        pass_rate=round(sum(row.status == "pass" for row in rows) / len(rows), 4) if rows else 0.0,
        rejected=sum(row.status == "rejected" for row in rows),
        errors=sum(row.status == "error" for row in rows),
        missing=sum(row.status == "missing" for row in rows),
        repaired=sum(row.repaired for row in rows),
        mean_findings=_mean([row.total_findings for row in reviewed]),
        mean_findings_by_family={
            family: _mean([row.findings.get(family, 0) for row in reviewed]) or 0.0
            for family in FAMILIES
        }
        if reviewed
        else {},
        mean_score=_mean([row.score for row in reviewed if row.score is not None]),
        mean_latency_ms=_mean(latencies),
        input_tokens=sum(row.input_tokens for row in rows),
        output_tokens=sum(row.output_tokens for row in rows),
        cost_usd=None if not costs or None in costs else round(sum(c or 0 for c in costs), 6),
        unsupported_figures=sum(len(row.unsupported_figures) for row in rows),
    )


def summarize_rows(
    models: Sequence[ModelSpec], rows: Sequence[EvalRow], revise_rounds: int | None = None
) -> list[ModelSummary]:
    """One summary per model, in the models' order (with the revision's before and after)."""
    summaries = []
    for spec in models:
        own = [row for row in rows if row.model == spec.label]
        summary = summarize(spec, own)
        if revise_rounds is not None:
            summary.revision = summarize_revision(own, revise_rounds)
        summaries.append(summary)
    return summaries


def summarize_revision(rows: Sequence[EvalRow], rounds: int) -> RevisionSummary:
    """Pass rate over all rows (no draft: not passed) and mean findings over revised drafts."""
    revised = [row.revision for row in rows if row.revision is not None and not row.revision.error]

    def rate(after: bool) -> float:
        passed = sum((r.passed_after if after else r.passed_before) for r in revised)
        return round(passed / len(rows), 4) if rows else 0.0

    def means(after: bool) -> dict[str, float]:
        if not revised:
            return {}
        return {
            family: round(
                fmean(
                    [
                        (r.findings_after if after else r.findings_before).get(family, 0)
                        for r in revised
                    ]
                ),
                2,
            )
            for family in FAMILIES
        }

    return RevisionSummary(
        rounds=rounds,
        pass_rate_before=rate(False),
        pass_rate_after=rate(True),
        mean_findings_by_family_before=means(False),
        mean_findings_by_family_after=means(True),
        rejected_rounds=sum(r.rejected_rounds for r in revised),
        errors=sum(1 for row in rows if row.revision is not None and row.revision.error),
    )
