"""Show an evaluation: a text table for the terminal, Markdown, CSV (one line per row) or JSON.

JSON is the saved result itself (what `--baseline` and the app read back).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Literal

from brief.evaluation.models import FAMILIES, BaselineDiff, EvalResult, EvalRow, ModelSummary

Format = Literal["table", "json", "csv", "md"]
FORMATS: tuple[str, ...] = ("table", "json", "csv", "md")
FAMILY_SHORT = {"jargon": "jarg", "numbers": "num", "blame": "blame", "length": "len"}
FAMILY_SHORT["structure"] = "struct"
REASON_WIDTH = 70

CSV_COLUMNS = (
    "model",
    "litellm_model",
    "incident",
    "title",
    "status",
    "valid",
    "critic_passed",
    *FAMILIES,
    "errors",
    "warnings",
    "suggestions",
    "score",
    "words",
    "grade",
    "speaking_seconds",
    "latency_ms",
    "input_tokens",
    "output_tokens",
    "cost_usd",
    "attempts",
    "repaired",
    "unsupported_figures",
    "rules",
    "reason",
)


# --- cell formatting --------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _cost(value: float | None) -> str:
    return "n/a" if value is None else f"${value:.4f}"


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    minutes, seconds = divmod(round(value), 60)
    return f"{minutes}:{seconds:02d}"


def _latency(ms: float | None) -> str:
    if ms is None:
        return "-"
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def _yes(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def verdict(row: EvalRow) -> str:
    """One cell of the incidents-by-models matrix."""
    if row.status == "pass":
        extra = f" ({row.total_findings})" if row.total_findings else ""
        return f"pass{extra}" + (" repaired" if row.repaired else "")
    if row.status == "fail":
        flagged = [
            f"{FAMILY_SHORT[family]} {row.findings[family]}"
            for family in FAMILIES
            if row.findings.get(family)
        ]
        return "FAIL " + ", ".join(flagged)
    return row.status.upper()


# --- tables ---------------------------------------------------------------------------------


def _text_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|").replace("\n", " ")

    align = ["---:" if index in right else "---" for index in range(len(headers))]
    lines = ["| " + " | ".join(esc(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(esc(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


Table = tuple[list[str], list[list[str]], set[int]]


def _summary_table(summaries: Sequence[ModelSummary]) -> Table:
    headers = ["model", "pass rate", "passed", "valid", "repaired", "rejected", "errors"]
    headers += ["mean findings", *(FAMILY_SHORT[f] for f in FAMILIES), "latency", "tokens", "cost"]
    rows = []
    for s in summaries:
        by_family = [_num(s.mean_findings_by_family.get(f)) for f in FAMILIES]
        rows.append(
            [
                s.model,
                _pct(s.pass_rate),
                f"{s.passed}/{s.incidents}",
                str(s.valid),
                str(s.repaired),
                str(s.rejected),
                str(s.errors + s.missing),
                _num(s.mean_findings),
                *by_family,
                _latency(s.mean_latency_ms),
                str(s.input_tokens + s.output_tokens),
                _cost(s.cost_usd),
            ]
        )
    return headers, rows, set(range(1, len(headers)))


def _revision_table(summaries: Sequence[ModelSummary]) -> Table | None:
    """`--revise N`: pass rate and findings per family before -> after, per model."""
    revised = [s for s in summaries if s.revision is not None]
    if not revised:
        return None
    headers = ["model", "rounds", "pass rate before", "pass rate after", "rejected rounds"]
    headers += [FAMILY_SHORT[f] + " before>after" for f in FAMILIES]
    rows = []
    for s in revised:
        r = s.revision
        assert r is not None
        rows.append(
            [
                s.model,
                str(r.rounds),
                _pct(r.pass_rate_before),
                _pct(r.pass_rate_after),
                str(r.rejected_rounds),
                *(
                    f"{_num(r.mean_findings_by_family_before.get(f))}>"
                    f"{_num(r.mean_findings_by_family_after.get(f))}"
                    for f in FAMILIES
                ),
            ]
        )
    return headers, rows, set(range(1, len(headers)))


REVISION_TITLE = (
    "Revision with the critic (grounded in the facts; briefing, script and Q&A; "
    "findings: errors and warnings per draft)"
)


def _matrix_table(result: EvalResult) -> Table:
    labels = [spec.label for spec in result.models]
    cells = {row.key: verdict(row) for row in result.rows}
    rows = [
        [incident, *(cells.get((label, incident), "") for label in labels)]
        for incident in result.incidents
    ]
    return ["incident", *labels], rows, set()


def _rows_table(result: EvalResult, reason_width: int | None) -> Table:
    headers = ["model", "incident", "valid", "critic", *(FAMILY_SHORT[f] for f in FAMILIES)]
    headers += ["words", "grade", "speak", "latency", "tokens", "cost", "figs", "reason"]
    rows = []
    for r in result.rows:
        reason = r.reason or ("repaired after an invalid first reply" if r.repaired else "")
        if r.unsupported_figures:
            figures = "figures not in the facts: " + ", ".join(r.unsupported_figures)
            reason = f"{reason}; {figures}" if reason else figures
        if reason_width:
            reason = _clip(reason, reason_width)
        critic = "-" if r.critic_passed is None else ("pass" if r.critic_passed else "FAIL")
        rows.append(
            [
                r.model,
                r.incident,
                _yes(r.valid),
                critic,
                *(str(r.findings.get(f, 0)) if r.valid else "-" for f in FAMILIES),
                "-" if r.words is None else str(r.words),
                _num(r.grade),
                _seconds(r.speaking_seconds),
                _latency(r.latency_ms),
                str(r.input_tokens + r.output_tokens) if r.valid else "-",
                _cost(r.cost_usd) if r.valid else "-",
                str(len(r.unsupported_figures)),
                reason,
            ]
        )
    right = set(range(4, 4 + len(FAMILIES) + 7))
    return headers, rows, right


def _header(result: EvalResult) -> str:
    parts = [
        f"mode {result.mode}",
        f"prompt {result.prompt_version}",
        f"{len(result.incidents)} incidents x {len(result.models)} models",
        f"{result.wall_seconds:.1f} s",
    ]
    if result.cassettes:
        parts.append(f"cassettes {result.cassettes}")
    if result.critic_engine:
        parts.append(f"critic {result.critic_engine}")
    return "Brief evaluation: " + ", ".join(parts)


def diff_lines(diff: BaselineDiff) -> list[str]:
    when = f" of {diff.baseline_created_at:%Y-%m-%d %H:%M}" if diff.baseline_created_at else ""
    lines = [
        f"Against baseline {diff.baseline}{when}: {len(diff.regressed)} regressed, "
        f"{len(diff.improved)} improved, {len(diff.new)} new, {len(diff.removed)} removed, "
        f"{diff.unchanged} unchanged"
    ]
    for label, changes in (
        ("REGRESSED", diff.regressed),
        ("improved", diff.improved),
        ("new", diff.new),
        ("removed", diff.removed),
    ):
        lines += [f"  {label:<9} {c.model} / {c.incident}: {c.detail}" for c in changes]
    for model, change in diff.pass_rate_change.items():
        if change:
            lines.append(f"  pass rate {model}: {change * 100:+.0f} points")
    return lines


# --- formats --------------------------------------------------------------------------------


def render_table(result: EvalResult) -> str:
    out = [_header(result), "", "Summary per model (findings: errors and warnings per draft)"]
    out.append(_text_table(*_summary_table(result.summaries)))
    if (revision := _revision_table(result.summaries)) is not None:
        out += ["", REVISION_TITLE, _text_table(*revision)]
    out += ["", "Verdict per incident"]
    out.append(_text_table(*_matrix_table(result)))
    out += ["", "Rows"]
    out.append(_text_table(*_rows_table(result, REASON_WIDTH)))
    if result.diff is not None:
        out += ["", *diff_lines(result.diff)]
    return "\n".join(out) + "\n"


def render_markdown(result: EvalResult) -> str:
    out = ["# Brief evaluation", "", _header(result).removeprefix("Brief evaluation: "), ""]
    out += ["## Summary per model", "", _md_table(*_summary_table(result.summaries)), ""]
    if (revision := _revision_table(result.summaries)) is not None:
        out += ["## " + REVISION_TITLE, "", _md_table(*revision), ""]
    out += ["## Verdict per incident", "", _md_table(*_matrix_table(result)), ""]
    out += ["## Rows", "", _md_table(*_rows_table(result, None)), ""]
    if result.diff is not None:
        first, *rest = diff_lines(result.diff)
        out += ["## Against the baseline", "", first, ""]
        out += [f"- {line.strip()}" for line in rest]
        out.append("")
    return "\n".join(out)


def render_csv(result: EvalResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in result.rows:
        values = r.model_dump()
        values.update({family: r.findings.get(family, 0) if r.valid else "" for family in FAMILIES})
        values["unsupported_figures"] = "; ".join(r.unsupported_figures)
        values["rules"] = " ".join(r.rules)
        writer.writerow(["" if values.get(c) is None else values[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


def render_json(result: EvalResult) -> str:
    return result.model_dump_json(indent=2) + "\n"


def render(result: EvalResult, fmt: Format = "table") -> str:
    renderers = {
        "table": render_table,
        "json": render_json,
        "csv": render_csv,
        "md": render_markdown,
    }
    if fmt not in renderers:
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    return renderers[fmt](result)
