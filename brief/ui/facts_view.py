"""The incident facts form, with each validation message right under the field it is about.

The form's values live in `st.session_state[FORM_KEY]` (a FormState) and are autosaved to the
history's scratch table, so a refresh, a failed model call or a page switch loses nothing typed.
Widget keys are `f:<dotted field>` and `f:<list>:<row>:<column>`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from brief.ui.form_state import (
    DATE_FIELDS,
    FLAG_FIELDS,
    TEXT_FIELDS,
    FormState,
    empty_form,
    form_to_data,
)
from brief.ui.state import md_escape
from drafter import FactsError, IncidentFacts, validate_facts

FORM_KEY = "facts_form"
NOTES_KEY = "facts_notes"
SHOW_ERRORS_KEY = "facts_show_errors"
ROW_COLUMNS: dict[str, tuple[str, ...]] = {
    "containment": ("action", "when"),
    "mitigation": ("action", "owner", "due", "resources"),
}


def form_state() -> FormState:
    if FORM_KEY not in st.session_state:
        st.session_state[FORM_KEY] = empty_form()
    state: FormState = st.session_state[FORM_KEY]
    return state


def replace_form(state: FormState, notes: dict[str, str] | None = None) -> None:
    """Load new values into the form (example, import, reopen, clear): forget old widgets."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("f:")]:
        del st.session_state[key]
    if not state.containment:
        state.containment.append({"action": "", "when": ""})
    if not state.mitigation:
        state.mitigation.append({"action": "", "owner": "", "due": None, "resources": ""})
    st.session_state[FORM_KEY] = state
    st.session_state[NOTES_KEY] = notes or {}


def sync_from_widgets() -> FormState:
    """Copy the widgets' newest values into the form state (before validating)."""
    state = form_state()
    for key in (*TEXT_FIELDS, *DATE_FIELDS, *FLAG_FIELDS):
        widget = f"f:{key}"
        if widget in st.session_state:
            state.values[key] = st.session_state[widget]
    for name, columns in ROW_COLUMNS.items():
        rows: list[dict[str, Any]] = getattr(state, name)
        for number, row in enumerate(rows):
            for column in columns:
                widget = f"f:{name}:{number}:{column}"
                if widget in st.session_state:
                    row[column] = st.session_state[widget]
    return state


REDACT_KEY = "guard_redact"  # the "Redact before drafting" checkbox


def validate_form(state: FormState) -> tuple[IncidentFacts | None, dict[str, str]]:
    """The facts, or the problems keyed by dotted field name (secrets found by the guard too:
    refused beside their field, or redacted when the checkbox is on)."""
    from drafter.guard import GuardError, redact_facts, scan_facts

    data = form_to_data(state)
    guarded: dict[str, str] = {}
    if st.session_state.get(REDACT_KEY):
        data, _ = redact_facts(data)
    elif hits := scan_facts(data):
        guarded = GuardError(hits).by_field()
    try:
        facts = validate_facts(data, source="The facts")
    except FactsError as exc:
        problems = exc.by_field()
        if not problems:
            problems = {"": exc.summary}
        return None, {**guarded, **problems}
    return (None, guarded) if guarded else (facts, {})


class _Errors:
    """Validation messages, each shown once, under the first widget that claims it."""

    def __init__(self, problems: dict[str, str], notes: dict[str, str]) -> None:
        self.problems = dict(problems)
        self.notes = dict(notes)

    def show(self, *prefixes: str, exact: bool = False) -> None:
        """Show the messages for these fields (and, unless exact, their sub-fields)."""
        for key in list(self.problems):
            if any(
                key == p or (not exact and key.startswith((p + ".", p + "["))) for p in prefixes
            ):
                message = self.problems.pop(key)
                where = "" if key in prefixes else f"{key}: "
                st.error(f"{md_escape(where + message)}", icon=":material/warning:")
        for key in list(self.notes):
            if key in prefixes:
                st.warning(md_escape(self.notes.pop(key)), icon=":material/event:")


Widget = Callable[..., Any]


def _field(widget: Widget, key: str, label: str, errors: _Errors, **kwargs: Any) -> Any:
    widget_key = f"f:{key}"
    state = form_state()
    if widget_key not in st.session_state:
        value = state.get(key)
        if widget in (st.text_input, st.text_area):
            value = "" if value is None else str(value)
        st.session_state[widget_key] = value
    value = widget(label, key=widget_key, **kwargs)
    state.values[key] = value
    errors.show(key)
    return value


def _text(key: str, label: str, errors: _Errors, **kwargs: Any) -> Any:
    return _field(st.text_input, key, label, errors, **kwargs)


def _area(key: str, label: str, errors: _Errors, **kwargs: Any) -> Any:
    return _field(st.text_area, key, label, errors, height=kwargs.pop("height", 90), **kwargs)


def _date(key: str, label: str, errors: _Errors, **kwargs: Any) -> Any:
    return _field(
        st.date_input,
        key,
        label,
        errors,
        format="YYYY-MM-DD",
        min_value=dt.date(2000, 1, 1),
        max_value=dt.date(2100, 12, 31),
        **kwargs,
    )


def _add_row(name: str) -> None:
    rows: list[dict[str, Any]] = getattr(sync_from_widgets(), name)
    rows.append({column: None if column == "due" else "" for column in ROW_COLUMNS[name]})


def _remove_row(name: str, number: int) -> None:
    state = sync_from_widgets()
    rows: list[dict[str, Any]] = getattr(state, name)
    if 0 <= number < len(rows):
        del rows[number]
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"f:{name}:")]:
        del st.session_state[key]


def _row_widget(name: str, number: int, column: str, label: str, row: dict[str, Any]) -> Any:
    widget_key = f"f:{name}:{number}:{column}"
    if widget_key not in st.session_state:
        value = row.get(column)
        st.session_state[widget_key] = (
            value if column == "due" else ("" if value is None else value)
        )
    if column == "due":
        value = st.date_input(
            label,
            key=widget_key,
            format="YYYY-MM-DD",
            min_value=dt.date(2000, 1, 1),
            max_value=dt.date(2100, 12, 31),
        )
    else:
        value = st.text_input(label, key=widget_key)
    row[column] = value
    return value


def _rows(name: str, labels: dict[str, str], widths: list[float], errors: _Errors) -> None:
    rows: list[dict[str, Any]] = getattr(form_state(), name)
    for number, row in enumerate(rows):
        columns = st.columns([*widths, 0.5], vertical_alignment="bottom")
        for (column, label), container in zip(labels.items(), columns, strict=False):
            with container:
                _row_widget(name, number, column, label, row)
        columns[-1].button(
            ":material/close:",
            key=f"f-remove:{name}:{number}",
            help="Remove this row",
            on_click=_remove_row,
            args=(name, number),
        )
        for column, container in zip(labels, columns, strict=False):
            with container:
                errors.show(f"{name}[{number}].{column}")
        errors.show(f"{name}[{number}]")
    st.button(
        f"Add a {'step' if name == 'mitigation' else 'row'}",
        key=f"f-add:{name}",
        on_click=_add_row,
        args=(name,),
        icon=":material/add:",
    )
    errors.show(name)


def render_facts_form(problems: dict[str, str]) -> None:
    """Draw the form; `problems` are shown beside their fields, the rest at the end."""
    errors = _Errors(problems, st.session_state.get(NOTES_KEY, {}))

    st.markdown("##### What happened")
    left, right = st.columns(2)
    with left:
        _text(
            "title", "Incident title", errors, placeholder="e.g. Checkout recommendations failure"
        )
        _text(
            "model_name",
            "Model or system that failed",
            errors,
            placeholder="e.g. product recommendation model",
        )
    with right:
        _text("business_area", "Business area", errors, placeholder="e.g. online checkout")
        _text("metric", "Business metric hurt", errors, placeholder="e.g. checkout conversion rate")
    _area("what_went_wrong", "What went wrong, in plain words", errors)

    st.markdown("##### Business impact, in numbers")
    st.caption("Give at least one number. Not known yet? Type **unknown** in its box.")
    errors.show("impact", exact=True)
    c1, c2, c3 = st.columns([1, 1, 1])
    with c1:
        _field(
            st.selectbox,
            "impact.metric_change.direction",
            "Metric went",
            errors,
            options=["down", "up"],
        )
    with c2:
        _text("impact.metric_change.amount", "By how much", errors, placeholder="e.g. 15")
    with c3:
        _text("impact.metric_change.unit", "Unit", errors, placeholder="e.g. %")
    errors.show("impact.metric_change")
    c1, c2, c3 = st.columns([1, 1, 1])
    with c1:
        _text(
            "impact.money.amount",
            "Money at stake",
            errors,
            placeholder="e.g. 50000",
            help="A plain number: 50000 or 50,000.",
        )
    with c2:
        _text("impact.money.currency", "Currency", errors, placeholder="e.g. USD")
    with c3:
        _text("impact.money.basis", "Which is", errors, placeholder="e.g. projected lost revenue")
    errors.show("impact.money")
    c1, c2, c3 = st.columns([1, 1, 1])
    with c1:
        _text("impact.period", "Over what period", errors, placeholder="e.g. this week")
    with c2:
        _text("impact.customers_affected", "Customers affected", errors, placeholder="e.g. 9400")
    with c3:
        _text("impact.orders_affected", "Orders affected", errors, placeholder="e.g. 3200")
    _text(
        "impact.other",
        "Other consequences (optional)",
        errors,
        placeholder="e.g. complaints doubled; 2 partners asked for an explanation",
    )

    st.markdown("##### Cause and detection")
    _field(st.checkbox, "root_cause_unknown", "Root cause not known yet", errors)
    unknown_cause = form_state().get("root_cause_unknown")
    _area("root_cause", "What is being done to find it" if unknown_cause else "Root cause", errors)
    left, right = st.columns([2, 1])
    with left:
        _text(
            "detection.how_found",
            "How it was found",
            errors,
            placeholder="e.g. Our monitoring flagged the drop on Wednesday morning.",
        )
    with right:
        _date("detection.found_on", "Found on (optional)", errors)
    _field(
        st.checkbox,
        "why_not_earlier_unknown",
        "Why it was not caught earlier: not known yet",
        errors,
    )
    _area("detection.why_not_earlier", "Why it was not caught earlier", errors)

    st.markdown("##### Already done to contain it")
    _rows("containment", {"action": "Action", "when": "When"}, [3, 1.2], errors)

    st.markdown("##### Plan: steps, owners, dates, resources")
    _rows(
        "mitigation",
        {"action": "Step", "owner": "Owner", "due": "Due", "resources": "Resources"},
        [3, 1.3, 1.1, 1.6],
        errors,
    )

    st.markdown("##### Prevention and follow-up")
    _area("prevention", "Prevention (one measure per line)", errors)
    left, middle, right = st.columns([1, 1, 2])
    with left:
        _date("next_report_due", "Next report due", errors)
    with middle:
        _text("next_report_due.time", "At (optional)", errors, placeholder="e.g. 17:00")

    st.markdown("##### Audience and presenter")
    c1, c2 = st.columns([1, 2])
    with c1:
        _text("audience.ceo_name", "CEO's name", errors, placeholder="e.g. Dana")
    with c2:
        _text(
            "audience.priorities",
            "CEO's priorities (comma-separated)",
            errors,
            placeholder="e.g. revenue, growth, reputation, cost, risk",
        )
    c1, c2, c3 = st.columns(3)
    with c1:
        _text("presenter.name", "Your name", errors)
    with c2:
        _text("presenter.role", "Your role", errors)
    with c3:
        _text("presenter.team", "Your team", errors, placeholder="e.g. our team")

    leftover = {**errors.problems}
    if leftover:
        lines = "\n".join(f"- {md_escape(f'{k}: {v}' if k else v)}" for k, v in leftover.items())
        st.error(f"Also fix:\n{lines}")
