"""The critique inside the text: metrics, the seven-element checklist, the highlighted draft with
its numbered findings beside it, a filterable findings table, and edit-and-re-check."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import streamlit as st

from brief.highlight import (
    FAMILY_LABELS,
    family_colour,
    highlighted_page,
    split_findings,
)
from brief.ui.checking import CriticUnavailable, check_text
from brief.ui.state import md_escape
from brief.ui.workspace import PartView

ELEMENT_LABELS: dict[str, str] = {
    "impact": "Impact in numbers",
    "root_cause": "Root cause",
    "containment": "Containment",
    "plan": "Plan",
    "timeline": "Dates",
    "prevention": "Prevention",
    "follow_up": "Follow-up",
}
SEVERITIES = ("error", "warning", "suggestion")

OnChecked = Callable[[PartView], None]


def _speaking(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d} min" if minutes else f"{rest} s"


def render_metrics(report: Any, kind: str) -> None:
    metrics = report.metrics
    columns = st.columns(5)
    verdict = "passes" if report.passed else "has errors"
    columns[0].metric("Score", f"{report.score}/100", help=f"The draft {verdict}.")
    columns[1].metric("Words", metrics.words)
    columns[2].metric(
        "Grade level",
        f"{metrics.flesch_kincaid_grade:.1f}",
        help="Flesch-Kincaid grade: aim for 10 or below.",
    )
    if kind == "script":
        columns[3].metric("Speaking time", _speaking(metrics.speaking_seconds), help="At 140 wpm.")
    else:
        columns[3].metric("Reading ease", f"{metrics.flesch_reading_ease:.0f}")
    counts = report.counts()
    columns[4].metric(
        "Findings",
        len(report.findings),
        help=f"{counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['suggestion']} suggestions",
    )
    if report.engine.degraded:
        st.caption(
            ":material/warning: The critic ran without its trained language model "
            f"({md_escape(report.engine.note or report.engine.pipeline)}): fewer checks are exact."
        )


def render_checklist(report: Any) -> None:
    items = []
    for element, label in ELEMENT_LABELS.items():
        covered = report.coverage.get(element, False)
        mark = ":green[:material/check_circle:]" if covered else ":red[:material/cancel:]"
        items.append(f"{mark} {label}")
    st.markdown("**What the CEO expects:** " + " · ".join(items))


def _finding_list_html(numbered: list[tuple[int, Any]], document: list[Any]) -> str:
    rows = []
    for finding in document:
        rows.append(_finding_row("•", finding))
    for number, finding in numbered:
        rows.append(_finding_row(str(number), finding))
    if not rows:
        return '<div class="brief-findings"><p>No findings with these filters.</p></div>'
    style = (
        "<style>.brief-findings{font-size:0.9rem;max-height:34rem;overflow-y:auto}"
        ".brief-findings .row{margin:0 0 0.6rem 0;padding-left:0.5rem;border-left:4px solid}"
        ".brief-findings .sug{opacity:0.75}"
        ".brief-findings .sev{font-size:0.75rem;padding:0 0.35em;border-radius:0.3em;color:#fff}"
        ".brief-findings .sev-error{background:#b3261e}"
        ".brief-findings .sev-warning{background:#b26a00}"
        ".brief-findings .sev-suggestion{background:#5f6b7a}</style>"
    )
    return style + '<div class="brief-findings">' + "".join(rows) + "</div>"


def _finding_row(marker: str, finding: Any) -> str:
    family = FAMILY_LABELS.get(finding.family, finding.family)
    severity = html.escape(finding.severity)
    badge = f'<span class="sev sev-{severity}">{severity}</span>'
    suggestion = (
        f'<div class="sug">Try: {html.escape(finding.suggestion)}</div>'
        if finding.suggestion
        else ""
    )
    return (
        f'<div class="row" style="border-color:{family_colour(finding.family)}" '
        f'title="{html.escape(finding.why, quote=True)}">'
        f"<b>{html.escape(marker)}</b> {badge} <b>{html.escape(family)}</b> "
        f"<code>{html.escape(finding.rule)}</code><br>{html.escape(finding.message)}"
        f"{suggestion}</div>"
    )


def render_findings(text: str, report: Any, key: str) -> None:
    """Filters, the highlighted text with the numbered list beside it, and the table."""
    filter_columns = st.columns(2)
    families = filter_columns[0].multiselect(
        "Families",
        options=list(FAMILY_LABELS),
        default=list(FAMILY_LABELS),
        format_func=lambda f: FAMILY_LABELS.get(f, f),
        key=f"{key}:families",
    )
    severities = filter_columns[1].multiselect(
        "Severities", options=list(SEVERITIES), default=list(SEVERITIES), key=f"{key}:severities"
    )
    shown = [f for f in report.findings if f.family in families and f.severity in severities]
    inline, document = split_findings(shown, text)

    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.html(highlighted_page(text, inline))
    with right:
        st.html(_finding_list_html(list(enumerate(inline, start=1)), document))

    with st.expander(f"Findings table ({len(shown)} of {len(report.findings)})"):
        rows = [
            {
                "severity": f.severity,
                "family": f.family,
                "rule": f.rule,
                "line": f.line,
                "column": f.column,
                "words": text[f.start : f.end][:80],
                "message": f.message,
                "suggestion": f.suggestion,
                "why": f.why,
            }
            for f in shown
        ]
        st.dataframe(rows, hide_index=True, width="stretch")


def render_part(
    view: PartView, key: str, on_checked: OnChecked | None = None, facts: Any = None
) -> PartView:
    """The full critique of one part, with an editable copy that is re-checked on change.

    `on_checked` is called with the new view after every re-check (to save a history version).
    """
    edit_key = f"edit:{key}"
    if edit_key not in st.session_state:
        st.session_state[edit_key] = view.text

    text = st.session_state[edit_key]
    if view.report is None or view.checked_text != text:
        try:
            report = check_text(text, view.kind, facts=facts)
        except CriticUnavailable as exc:
            st.error(f"Cannot check this text: {md_escape(str(exc))}")
            st.text_area("Text", key=edit_key, height=320)
            return view
        view = view.model_copy(update={"text": text, "report": report, "checked_text": text})
        if on_checked is not None:
            on_checked(view)
    report = view.report
    assert report is not None

    render_metrics(report, report.kind)
    render_checklist(report)
    render_findings(text, report, key)
    with st.expander(":material/edit: Edit and re-check", expanded=False):
        st.caption(
            "Change the text, then press Ctrl+Enter (or click outside the box): "
            "the critic re-checks at once and the history keeps each version."
        )
        st.text_area("Edit the text", key=edit_key, height=360, label_visibility="collapsed")
        st.button("Re-check", key=f"{key}:recheck", icon=":material/refresh:")
    return view
