"""Compare a run with a saved baseline run: what regressed, what improved.

A row regressed when its verdict got worse (pass > fail > rejected/error/missing), or kept its
verdict with more findings; it improved in the opposite cases. Rows are matched by
(model label, incident id).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from brief.evaluation.models import BaselineDiff, EvalResult, EvalRow, RowChange

# Higher is better.
_RANK = {"pass": 3, "fail": 2, "rejected": 1, "error": 0, "missing": 0}


class BaselineError(ValueError):
    """The baseline file cannot be used; the message is one line."""


def load_result(path: str | Path) -> EvalResult:
    """A saved result (`brief eval --format json --out FILE`), or BaselineError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read {path}: {exc}") from None
    try:
        return EvalResult.model_validate_json(text)
    except ValidationError as exc:
        try:
            json.loads(text)
        except json.JSONDecodeError:
            raise BaselineError(
                f"{path} is not JSON; save a result with --format json --out FILE"
            ) from None
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BaselineError(
            f"{path} is not a brief eval result ({where}: {first['msg']})"
        ) from None


def _describe(row: EvalRow | None) -> str:
    if row is None:
        return "absent"
    if row.status in ("pass", "fail"):
        return f"{row.status} ({row.total_findings} findings)"
    return row.status


def _compare(before: EvalRow, after: EvalRow) -> RowChange | None:
    rank_before, rank_after = _RANK[before.status], _RANK[after.status]
    if rank_before == rank_after:
        if after.status not in ("pass", "fail") or after.total_findings == before.total_findings:
            return None
        change = "regressed" if after.total_findings > before.total_findings else "improved"
    else:
        change = "regressed" if rank_after < rank_before else "improved"
    detail = f"{_describe(before)} -> {_describe(after)}"
    if after.status in ("rejected", "error", "missing") and after.reason:
        detail += f": {after.reason}"
    added = sorted(set(after.rules) - set(before.rules))
    if change == "regressed" and added:
        detail += f" (new: {', '.join(added)})"
    return RowChange(
        model=after.model,
        incident=after.incident,
        before=before.status,
        after=after.status,
        findings_before=before.total_findings if before.valid else None,
        findings_after=after.total_findings if after.valid else None,
        change=change,  # type: ignore[arg-type]
        detail=detail,
    )


def diff_results(baseline: EvalResult, current: EvalResult, source: str = "") -> BaselineDiff:
    before = {row.key: row for row in baseline.rows}
    after = {row.key: row for row in current.rows}
    diff = BaselineDiff(baseline=source, baseline_created_at=baseline.created_at)
    for key, row in after.items():
        old = before.get(key)
        if old is None:
            diff.new.append(
                RowChange(
                    model=row.model,
                    incident=row.incident,
                    before=None,
                    after=row.status,
                    findings_after=row.total_findings if row.valid else None,
                    change="new",
                    detail=f"not in the baseline; now {_describe(row)}",
                )
            )
            continue
        change = _compare(old, row)
        if change is None:
            diff.unchanged += 1
        elif change.change == "regressed":
            diff.regressed.append(change)
        else:
            diff.improved.append(change)
    for key, old in before.items():
        if key not in after and old.model in {spec.label for spec in current.models}:
            diff.removed.append(
                RowChange(
                    model=old.model,
                    incident=old.incident,
                    before=old.status,
                    after=None,
                    findings_before=old.total_findings if old.valid else None,
                    change="removed",
                    detail=f"in the baseline ({_describe(old)}), not in this run",
                )
            )
    for summary in current.summaries:
        then = baseline.summary_for(summary.model)
        if then is not None:
            diff.pass_rate_change[summary.model] = round(summary.pass_rate - then.pass_rate, 4)
    return diff
