"""The facts form's state as plain values, and the conversions to and from the facts mapping.

The form keeps exactly what the person typed (numbers as text, so "fifty thousand" is kept and
gets a clear message instead of vanishing). `form_to_data` builds the mapping that
`drafter.validate_facts` checks; `data_to_form` fills the form from a facts file or an example.
No streamlit here: these functions are unit-tested on their own.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, Field

# Scalar fields: (dotted key, label). Dotted keys are the ones FactsError.by_field() uses.
TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "model_name",
    "business_area",
    "metric",
    "what_went_wrong",
    "impact.metric_change.direction",
    "impact.metric_change.amount",
    "impact.metric_change.unit",
    "impact.money.amount",
    "impact.money.currency",
    "impact.money.basis",
    "impact.period",
    "impact.customers_affected",
    "impact.orders_affected",
    "impact.other",
    "root_cause",
    "detection.how_found",
    "detection.why_not_earlier",
    "audience.ceo_name",
    "audience.priorities",
    "presenter.name",
    "presenter.role",
    "presenter.team",
    "prevention",
    "next_report_due.time",
)
DATE_FIELDS: tuple[str, ...] = ("detection.found_on", "next_report_due")
FLAG_FIELDS: tuple[str, ...] = ("root_cause_unknown", "why_not_earlier_unknown")
CONTAINMENT_COLUMNS: tuple[str, ...] = ("action", "when")
MITIGATION_COLUMNS: tuple[str, ...] = ("action", "owner", "due", "resources")

DEFAULTS: dict[str, Any] = {
    "impact.metric_change.direction": "down",
    "impact.metric_change.unit": "%",
    "impact.money.currency": "USD",
}

UNKNOWN_WORDS = frozenset(
    {"unknown", "under investigation", "not known yet", "tbd", "to be determined", "investigating"}
)
_PLAIN_NUMBER = re.compile(
    r"^[$€£¥]?\s*\d{1,3}(?:[,_ ]\d{3})+(?:\.\d+)?$|^[$€£¥]?\s*\d+(?:\.\d+)?$"
)


class FormState(BaseModel):
    """Everything in the facts form, as typed."""

    values: dict[str, Any] = Field(default_factory=dict)
    containment: list[dict[str, Any]] = Field(default_factory=list)
    mitigation: list[dict[str, Any]] = Field(default_factory=list)

    def get(self, key: str) -> Any:
        return self.values.get(key, DEFAULTS.get(key, False if key in FLAG_FIELDS else None))

    def is_blank(self) -> bool:
        typed = [v for k, v in self.values.items() if v not in (None, "", False, DEFAULTS.get(k))]
        rows = [r for r in (*self.containment, *self.mitigation) if any(r.values())]
        return not typed and not rows

    def to_jsonable(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_jsonable(cls, data: dict[str, Any]) -> FormState:
        """Read an autosaved form back; dates come back as dates."""
        state = cls.model_validate(data)
        for key in DATE_FIELDS:
            state.values[key] = as_date(state.values.get(key))
        for row in state.mitigation:
            row["due"] = as_date(row.get("due"))
        return state


def as_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime or ISO text; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                parsed = parse(value.strip())
            except ValueError:
                continue
            return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    return None


def as_datetime(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _is_unknown(text: str) -> bool:
    return text.lower().rstrip(".") in UNKNOWN_WORDS


def number_or_text(text: str) -> Any:
    """'50,000' and '$50000' become 50000; anything else stays as typed for the validator."""
    cleaned = text.strip()
    if not _PLAIN_NUMBER.match(cleaned):
        return cleaned
    digits = re.sub(r"[$€£¥,_ ]", "", cleaned)
    number = float(digits)
    return int(number) if number.is_integer() else number


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-*•").strip() for line in text.splitlines() if line.strip()]


def form_to_data(state: FormState) -> dict[str, Any]:
    """The facts mapping the form describes; empty optional fields are left out."""
    data: dict[str, Any] = {}
    for key in ("title", "model_name", "business_area", "metric", "what_went_wrong"):
        if text := _text(state.get(key)):
            data[key] = text

    impact: dict[str, Any] = {}
    change_amount = _text(state.get("impact.metric_change.amount"))
    if _is_unknown(change_amount):
        impact["metric_change"] = "unknown"
    elif change_amount:
        impact["metric_change"] = {
            "direction": _text(state.get("impact.metric_change.direction")) or "down",
            "amount": number_or_text(change_amount),
            "unit": _text(state.get("impact.metric_change.unit")) or "%",
        }
    money_amount = _text(state.get("impact.money.amount"))
    if _is_unknown(money_amount):
        impact["money"] = "unknown"
    elif money_amount:
        money: dict[str, Any] = {"amount": number_or_text(money_amount)}
        if currency := _text(state.get("impact.money.currency")):
            money["currency"] = currency
        if basis := _text(state.get("impact.money.basis")):
            money["basis"] = basis
        impact["money"] = money
    for key in ("customers_affected", "orders_affected"):
        if text := _text(state.get(f"impact.{key}")):
            impact[key] = "unknown" if _is_unknown(text) else number_or_text(text)
    for key in ("period", "other"):
        if text := _text(state.get(f"impact.{key}")):
            impact[key] = text
    data["impact"] = impact

    root_cause = _text(state.get("root_cause"))
    if state.get("root_cause_unknown"):
        data["root_cause"] = {"unknown": root_cause or "under investigation"}
    elif root_cause:
        data["root_cause"] = root_cause

    detection: dict[str, Any] = {}
    if text := _text(state.get("detection.how_found")):
        detection["how_found"] = text
    if found_on := state.get("detection.found_on"):
        detection["found_on"] = found_on
    why = _text(state.get("detection.why_not_earlier"))
    if state.get("why_not_earlier_unknown"):
        detection["why_not_earlier"] = {"unknown": why or "under investigation"}
    elif why:
        detection["why_not_earlier"] = why
    data["detection"] = detection

    containment = []
    for row in state.containment:
        action, when = _text(row.get("action")), _text(row.get("when"))
        if action or when:
            item: dict[str, Any] = {"action": action}
            if when:
                item["when"] = when
            containment.append(item)
    if containment:
        data["containment"] = containment

    mitigation = []
    for row in state.mitigation:
        if not any(_text(row.get(column)) for column in MITIGATION_COLUMNS):
            continue
        step: dict[str, Any] = {
            "action": _text(row.get("action")),
            "owner": _text(row.get("owner")),
            "due": row.get("due"),
        }
        if resources := _text(row.get("resources")):
            step["resources"] = resources
        mitigation.append(step)
    data["mitigation"] = mitigation

    data["prevention"] = _lines(_text(state.get("prevention")))
    if due := state.get("next_report_due"):
        time_of_day = _text(state.get("next_report_due.time"))
        data["next_report_due"] = f"{due.isoformat()}T{time_of_day}" if time_of_day else due

    audience: dict[str, Any] = {}
    if name := _text(state.get("audience.ceo_name")):
        audience["ceo_name"] = name
    priorities = [p.strip() for p in _text(state.get("audience.priorities")).split(",")]
    if priorities := [p for p in priorities if p]:
        audience["priorities"] = priorities
    data["audience"] = audience

    presenter = {
        key: text
        for key in ("name", "role", "team")
        if (text := _text(state.get(f"presenter.{key}")))
    }
    if presenter:
        data["presenter"] = presenter
    return data


def _unknown_text(value: Any) -> tuple[bool, str]:
    """(is unknown, text to show) for a fact that may be {unknown: '...'}."""
    if isinstance(value, dict) and set(value) == {"unknown"}:
        detail = _text(value["unknown"])
        return True, "" if detail == "under investigation" else detail
    if isinstance(value, str) and _is_unknown(value):
        return True, ""
    return False, _text(value)


def _show_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _text(value)


def data_to_form(data: dict[str, Any]) -> tuple[FormState, dict[str, str]]:
    """Fill the form from a facts mapping. Returns the state and notes about values it could
    not place (a due date that is not a date), keyed by field, so nothing is silently lost."""
    values: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for key in ("title", "model_name", "business_area", "metric", "what_went_wrong"):
        values[key] = _text(data.get(key))

    impact = data.get("impact") if isinstance(data.get("impact"), dict) else {}
    change = impact.get("metric_change")
    if isinstance(change, dict) and set(change) != {"unknown"}:
        values["impact.metric_change.direction"] = _text(change.get("direction")) or "down"
        values["impact.metric_change.amount"] = _show_number(change.get("amount"))
        values["impact.metric_change.unit"] = _text(change.get("unit")) or "%"
    elif change is not None and _unknown_text(change)[0]:
        values["impact.metric_change.amount"] = "unknown"
    money = impact.get("money")
    if isinstance(money, dict) and set(money) != {"unknown"}:
        values["impact.money.amount"] = _show_number(money.get("amount"))
        values["impact.money.currency"] = _text(money.get("currency")) or "USD"
        values["impact.money.basis"] = _text(money.get("basis"))
    elif money is not None and _unknown_text(money)[0]:
        values["impact.money.amount"] = "unknown"
    for key in ("customers_affected", "orders_affected"):
        value = impact.get(key)
        if value is not None:
            values[f"impact.{key}"] = "unknown" if _unknown_text(value)[0] else _show_number(value)
    for key in ("period", "other"):
        values[f"impact.{key}"] = _text(impact.get(key))

    values["root_cause_unknown"], values["root_cause"] = _unknown_text(data.get("root_cause"))
    detection = data.get("detection") if isinstance(data.get("detection"), dict) else {}
    values["detection.how_found"] = _text(detection.get("how_found"))
    unknown, why = _unknown_text(detection.get("why_not_earlier"))
    values["why_not_earlier_unknown"], values["detection.why_not_earlier"] = unknown, why

    for key, raw in (
        ("detection.found_on", detection.get("found_on")),
        ("next_report_due", data.get("next_report_due")),
    ):
        values[key] = as_date(raw)
        if raw not in (None, "") and values[key] is None:
            notes[key] = f"the file had {str(raw)!r} here, which is not a date: pick one."

    prevention = data.get("prevention")
    if isinstance(prevention, list):
        values["prevention"] = "\n".join(_text(item) for item in prevention)
    elif prevention:
        values["prevention"] = _text(prevention)

    raw_due = data.get("next_report_due")
    if isinstance(raw_due, str):
        raw_due = as_datetime(raw_due) or raw_due
    if isinstance(raw_due, dt.datetime) and raw_due.time() != dt.time(0, 0):
        values["next_report_due.time"] = raw_due.strftime("%H:%M")
    audience = data.get("audience") if isinstance(data.get("audience"), dict) else {}
    values["audience.ceo_name"] = _text(audience.get("ceo_name"))
    priorities = audience.get("priorities")
    values["audience.priorities"] = (
        ", ".join(_text(p) for p in priorities) if isinstance(priorities, list) else ""
    )
    presenter = data.get("presenter") if isinstance(data.get("presenter"), dict) else {}
    for key in ("name", "role", "team"):
        values[f"presenter.{key}"] = _text(presenter.get(key))

    containment = []
    for item in data.get("containment") or []:
        if isinstance(item, dict):
            when = item.get("when")
            containment.append({"action": _text(item.get("action")), "when": _text(when)})
        else:
            containment.append({"action": _text(item), "when": ""})
    mitigation = []
    for number, item in enumerate(data.get("mitigation") or []):
        if not isinstance(item, dict):
            item = {"action": item}
        due = as_date(item.get("due"))
        if item.get("due") not in (None, "") and due is None:
            notes[f"mitigation[{number}].due"] = (
                f"the file had {str(item.get('due'))!r} here, which is not a date: pick one."
            )
        mitigation.append(
            {
                "action": _text(item.get("action")),
                "owner": _text(item.get("owner")),
                "due": due,
                "resources": _text(item.get("resources")),
            }
        )
    state = FormState(values=values, containment=containment, mitigation=mitigation)
    return state, notes


def read_facts_upload(name: str, raw: bytes) -> tuple[FormState, dict[str, str]]:
    """A facts file (YAML or JSON bytes) as form state. Raises FactsError with a message that
    names the file when it is not UTF-8 or not YAML/JSON; invalid VALUES still load, so the
    person can fix them in the form."""
    from drafter import FactsError, parse_facts_text

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactsError(f"{name} is not UTF-8 text; save it as UTF-8 YAML or JSON.") from None
    return data_to_form(parse_facts_text(text, source=name))


def empty_form() -> FormState:
    """A blank form with one empty row in each list, ready to type into."""
    return FormState(
        values={},
        containment=[{"action": "", "when": ""}],
        mitigation=[{"action": "", "owner": "", "due": None, "resources": ""}],
    )
