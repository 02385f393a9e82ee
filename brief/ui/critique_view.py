"""The critique inside the text: metrics, the seven-element checklist, the draft as the CEO will
read it with every finding marked in place (or its Markdown source), the numbered findings
beside it with "Apply" for plain rewrites, and editing in place.

The text being worked on lives in `st.session_state[text_key(key)]` (not a widget key, so it
survives switching views and pages). The editor is the text area `edit:<key>`, drawn in the
left column when the view is "Edit"; the findings stay beside it, so nothing moves on a
re-check. Every check goes through `brief.ui.checking.check_text`.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from brief.highlight import FAMILY_LABELS, family_colour, split_findings
from brief.ui.checking import CriticUnavailable, check_text
from brief.ui.markup import UNDERLINES, annotated_page, markup_css, reference
from brief.ui.rewrites import apply_rewrite, plain_rewrite
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
VIEWS = ("Read", "Source", "Edit")
VIEW_HELP = (
    "Read: as the CEO will see it. Source: the Markdown as typed. Edit: change the text; "
    "Ctrl+Enter re-checks it at once."
)
UNDO_DEPTH = 20

OnChecked = Callable[[PartView], None]


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """'1 warning', '2 warnings', '0 errors'."""
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"


def speaking_time(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d} min" if minutes else f"{rest} s"


def text_key(key: str) -> str:
    return f"text:{key}"


def edit_key(key: str) -> str:
    return f"edit:{key}"


def text_fingerprint(text: str) -> str:
    """A short checksum of the checked text, put on the page so a browser (and the benchmark)
    can tell when the highlights belong to the newest text."""
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def render_metrics(report: Any, kind: str) -> None:
    metrics = report.metrics
    if report.passed:
        st.success("Ready to send: no error, and no open jargon, numbers or blame warning.")
    else:
        st.warning("Not ready to send: " + "; ".join(report.blockers) + ".")
    columns = st.columns(5)
    columns[0].metric("Score", f"{report.score}/100", help=f"The draft is {report.verdict()}.")
    columns[1].metric("Words", metrics.words)
    columns[2].metric(
        "Grade level",
        f"{metrics.flesch_kincaid_grade:.1f}",
        help="Flesch-Kincaid grade: aim for 10 or below.",
    )
    if kind == "script":
        columns[3].metric(
            "Speaking time", speaking_time(metrics.speaking_seconds), help="At 140 wpm."
        )
    else:
        columns[3].metric("Reading ease", f"{metrics.flesch_reading_ease:.0f}")
    counts = report.counts()
    columns[4].metric(
        "Findings",
        len(report.findings),
        help=f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{plural(counts['suggestion'], 'suggestion')}",
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


# --- editing: the text, apply, undo ------------------------------------------------------------


def _set_text(key: str, new_text: str) -> None:
    """Replace the text being worked on (keeps the old one for Undo)."""
    old = st.session_state.get(text_key(key), "")
    if old == new_text:
        return
    stack: list[str] = st.session_state.setdefault(f"undo:{key}", [])
    stack.append(old)
    del stack[:-UNDO_DEPTH]
    st.session_state[text_key(key)] = new_text
    st.session_state[edit_key(key)] = new_text


def _typed(key: str) -> None:
    """on_change of the editor: the typed text becomes the text (re-checked on this run)."""
    _set_text(key, st.session_state.get(edit_key(key), ""))


def _apply(key: str, start: int, end: int, original: str, replacement: str) -> None:
    text = st.session_state.get(text_key(key), "")
    if text[start:end] != original:  # the text changed since: never replace the wrong words
        st.session_state[f"msg:{key}"] = "The text changed; re-check before applying."
        return
    _set_text(key, apply_rewrite(text, start, end, replacement))
    st.session_state[f"msg:{key}"] = (
        f"Applied: “{original}” → “{replacement}”. “Undo last change” takes it back."
    )


def _undo(key: str) -> None:
    stack: list[str] = st.session_state.get(f"undo:{key}", [])
    if stack:
        previous = stack.pop()
        st.session_state[text_key(key)] = previous
        st.session_state[edit_key(key)] = previous
        st.session_state[f"msg:{key}"] = "Undone."


# --- the findings beside the text ----------------------------------------------------------------

ROW_CSS = (
    "<style>.brief-finding{font-size:0.9rem;line-height:1.4;padding-left:0.5rem;"
    "border-left:4px solid;margin:0}"
    ".brief-finding .sug{opacity:0.8}"
    ".brief-finding .sev{font-size:0.72rem;padding:0 0.35em;border-radius:0.3em;color:#fff}"
    ".brief-finding .sev-error{background:#b3261e}"
    ".brief-finding .sev-warning{background:#8a5300}"
    ".brief-finding .sev-suggestion{background:#5f6b7a}"
    ".brief-finding .ref{font-weight:700;color:#fff;border-radius:0.6em;padding:0 0.35em;"
    "font-size:0.78rem}"
    ".brief-finding q{font-style:italic}</style>"
)


def _finding_html(marker: str, finding: Any, words: str) -> str:
    family = FAMILY_LABELS.get(finding.family, finding.family)
    colour = family_colour(finding.family)
    severity = html.escape(finding.severity)
    quoted = (
        f' <q><mark style="background:{colour}33;color:inherit;text-decoration:underline '
        f'{UNDERLINES.get(finding.family, "solid")} {colour}">{html.escape(words[:80])}</mark></q>'
        if words.strip()
        else ""
    )
    suggestion = (
        f'<div class="sug">Try: {html.escape(finding.suggestion)}</div>'
        if finding.suggestion
        else ""
    )
    return (
        f'<div class="brief-finding" style="border-color:{colour}" '
        f'title="{html.escape(finding.why, quote=True)}">'
        f'<span class="ref" style="background:{colour}">{html.escape(marker)}</span> '
        f'<span class="sev sev-{severity}">{severity}</span> <b>{html.escape(family)}</b>'
        f"{quoted}<br>{html.escape(finding.message)}{suggestion}"
        f' <code style="font-size:0.72rem">{html.escape(finding.rule)}</code></div>'
    )


def _render_finding_list(
    key: str, text: str, inline: list[Any], document: list[Any], total: int
) -> None:
    fingerprint = text_fingerprint(text)
    shown = len(inline) + len(document)
    st.html(
        ROW_CSS + f'<div class="brief-findings" data-checked="{fingerprint}" '
        f'data-count="{shown}">{plural(shown, "finding")} shown of {total}</div>'
    )
    with st.container(height=520, key=f"{key}:findings"):
        if not shown:
            st.caption("No findings with these filters.")
        for finding in document:
            st.html(_finding_html("•", finding, ""))
        for number, finding in enumerate(inline, start=1):
            words = text[finding.start : finding.end]
            st.html(_finding_html(reference(number, finding.family), finding, words))
            replacement = plain_rewrite(finding, text)
            if replacement is not None:
                st.button(
                    f"Apply: “{replacement[:60]}”",
                    key=f"{key}:apply:{number}:{finding.start}:{finding.rule}",
                    on_click=_apply,
                    args=(key, finding.start, finding.end, words, replacement),
                    icon=":material/auto_fix_high:",
                    help=f"Replace “{words[:60]}” with “{replacement[:60]}” and re-check.",
                )


def render_findings(text: str, report: Any, key: str) -> None:
    """View switch and filters; the text (read, source or editor) with the findings beside it."""
    controls = st.columns([1.2, 2, 2], vertical_alignment="bottom")
    view = controls[0].radio("View", VIEWS, horizontal=True, key=f"{key}:view", help=VIEW_HELP)
    families = controls[1].multiselect(
        "Families",
        options=list(FAMILY_LABELS),
        default=list(FAMILY_LABELS),
        format_func=lambda f: FAMILY_LABELS.get(f, f),
        key=f"{key}:families",
    )
    severities = controls[2].multiselect(
        "Severities", options=list(SEVERITIES), default=list(SEVERITIES), key=f"{key}:severities"
    )
    shown = [f for f in report.findings if f.family in families and f.severity in severities]
    inline, document = split_findings(shown, text)

    if message := st.session_state.pop(f"msg:{key}", None):
        st.caption(md_escape(message))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        if view == "Edit":
            if edit_key(key) not in st.session_state:
                st.session_state[edit_key(key)] = text
            st.text_area(
                "Edit the text (Ctrl+Enter re-checks)",
                key=edit_key(key),
                height=520,
                on_change=_typed,
                args=(key,),
            )
        else:
            st.html(annotated_page(text, inline, rendered=view == "Read"))
        buttons = st.columns(2)
        buttons[0].button(
            "Undo last change",
            key=f"{key}:undo",
            icon=":material/undo:",
            on_click=_undo,
            args=(key,),
            disabled=not st.session_state.get(f"undo:{key}"),
        )
    with right:
        _render_finding_list(key, text, inline, document, len(report.findings))

    with st.expander(f"Findings table ({len(shown)} of {len(report.findings)})"):
        rows = [
            {
                "severity": f.severity,
                "family": FAMILY_LABELS.get(f.family, f.family),
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
    """The full critique of one part, editable in place and re-checked on every change.

    `on_checked` is called with the new view after every re-check (to save a history version).
    """
    if text_key(key) not in st.session_state:
        st.session_state[text_key(key)] = view.text
    text: str = st.session_state[text_key(key)]
    if view.report is None or view.checked_text != text:
        try:
            report = check_text(text, view.kind, facts=facts)
        except CriticUnavailable as exc:
            st.error(f"Cannot check this text: {md_escape(str(exc))}. Your text is kept.")
            if edit_key(key) not in st.session_state:
                st.session_state[edit_key(key)] = text
            st.text_area("Text", key=edit_key(key), height=320, on_change=_typed, args=(key,))
            return view
        view = view.model_copy(update={"text": text, "report": report, "checked_text": text})
        if on_checked is not None:
            on_checked(view)
    report = view.report
    assert report is not None

    render_metrics(report, report.kind)
    render_checklist(report)
    render_findings(text, report, key)
    return view


__all__ = [
    "markup_css",
    "plural",
    "render_checklist",
    "render_metrics",
    "render_part",
    "speaking_time",
    "text_key",
]
