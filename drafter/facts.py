"""Incident facts: what the person filling in Brief knows, in the guide's order.

The guide asks for a quantified business impact, the root cause, how the error was found and why
not earlier, what was contained, a mitigation plan with dates and resources, prevention, and a
follow-up date, all tailored to the CEO's priorities. A fact that is not known yet may be marked
unknown (``root_cause: unknown`` or ``root_cause: {unknown: "log review finishes Friday"}``)
instead of guessed; the drafter then says it is unknown rather than inventing it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

# Figures beyond these are typos or hostile input, not incidents (refused with a message).
MAX_MONEY = 1e13  # ten trillion in any currency
MAX_CHANGE = 1e9  # a change of a billion units (or percent)
MAX_COUNT = 10**10  # more customers or orders than people on Earth

UNKNOWN_WORDS = frozenset(
    {"unknown", "under investigation", "not known yet", "tbd", "to be determined", "investigating"}
)


class FactsModel(BaseModel):
    """Base for every facts model: unknown keys are typos, so they are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Unknown(FactsModel):
    """A fact that is not known yet. `unknown` says what is being done to find out."""

    unknown: Text = "under investigation"

    def __str__(self) -> str:
        return self.unknown


def _coerce_unknown(value: Any) -> Any:
    """Let people write `unknown` (or `under investigation`, `TBD`) for any fact."""
    if isinstance(value, str) and value.strip().lower().rstrip(".") in UNKNOWN_WORDS:
        return {"unknown": "under investigation"}
    return value


class Money(FactsModel):
    """An amount of money with its currency, e.g. a projected revenue loss."""

    amount: float = Field(
        ge=0, le=MAX_MONEY, allow_inf_nan=False, description="The amount, e.g. 50000."
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$", to_upper=True)] = Field(
        default="USD", description="ISO 4217 code, e.g. USD, EUR, GBP."
    )
    basis: ShortText = Field(
        default="projected revenue loss",
        description="What the amount is: lost revenue, projected loss, refunds, extra cost...",
    )


class MetricChange(FactsModel):
    """How the metric the business watches moved, with a number."""

    direction: Literal["down", "up"] = Field(description="Did the metric go down or up?")
    amount: float = Field(
        gt=0, le=MAX_CHANGE, allow_inf_nan=False, description="By how much, e.g. 15."
    )
    unit: ShortText = Field(
        default="%", description="Unit of the amount: %, percentage points, orders, ..."
    )


class Impact(FactsModel):
    """The business impact in numbers (guide §1: quantify the impact)."""

    metric_change: MetricChange | Unknown | None = None
    money: Money | Unknown | None = None
    period: ShortText = Field(description="Over what period, e.g. 'this week' or 'since Monday'.")
    customers_affected: Annotated[int, Field(ge=0, le=MAX_COUNT)] | Unknown | None = None
    orders_affected: Annotated[int, Field(ge=0, le=MAX_COUNT)] | Unknown | None = None
    other: Text | None = Field(default=None, description="Other consequences, e.g. reputation.")

    _unknowns = field_validator(
        "metric_change", "money", "customers_affected", "orders_affected", mode="before"
    )(_coerce_unknown)

    @model_validator(mode="after")
    def _needs_a_number(self) -> Impact:
        figures = (self.metric_change, self.money, self.customers_affected, self.orders_affected)
        if not any(value is not None and not isinstance(value, Unknown) for value in figures):
            raise ValueError(
                "give at least one number: metric_change, money, customers_affected or "
                "orders_affected (the CEO needs the impact in numbers)"
            )
        return self


class Detection(FactsModel):
    """How the error was found, and why it was not found earlier."""

    how_found: Text
    found_on: dt.date | dt.datetime | None = None
    why_not_earlier: Text | Unknown

    _unknowns = field_validator("why_not_earlier", mode="before")(_coerce_unknown)


def _parse_iso_moment(value: Any) -> Any:
    """'2026-11-25' and '2026-11-25T14:00' become a date and a datetime; other text stays text."""
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                return parse(value.strip())
            except ValueError:
                continue
    return value


class ContainmentAction(FactsModel):
    """Something already done to stop the damage."""

    action: Text
    when: dt.datetime | dt.date | ShortText | None = Field(
        default=None, description="A date, a date and time, or words such as 'Monday 14:00'."
    )

    _moment = field_validator("when", mode="before")(_parse_iso_moment)


class MitigationStep(FactsModel):
    """One step of the plan: what, who, by when, with what."""

    action: Text
    owner: ShortText
    due: dt.date
    resources: ShortText | None = Field(
        default=None, description="People, money or tools the step needs, e.g. '2 engineers'."
    )


class Audience(FactsModel):
    """Who hears the briefing, and what they care about (guide §4)."""

    ceo_name: ShortText
    priorities: list[ShortText] = Field(
        default_factory=list,
        description="Their KPIs or goals: revenue, cost, reputation, growth, risk, ...",
    )


class Presenter(FactsModel):
    """Who delivers the briefing (the draft speaks in their first person)."""

    name: ShortText | None = None
    role: ShortText | None = None
    team: ShortText = "our team"


class IncidentFacts(FactsModel):
    """Everything the drafter needs, and nothing it may invent beyond."""

    title: ShortText
    model_name: ShortText = Field(description="The model or system that failed.")
    business_area: ShortText = Field(description="Where the business feels it, e.g. checkout.")
    metric: ShortText = Field(description="The business metric hurt, e.g. 'conversion rate'.")
    what_went_wrong: Text = Field(description="What went wrong, in plain words.")
    impact: Impact
    root_cause: Text | Unknown
    detection: Detection
    containment: list[ContainmentAction] = Field(default_factory=list)
    mitigation: list[MitigationStep] = Field(min_length=1)
    prevention: list[Text] = Field(min_length=1)
    next_report_due: dt.date | dt.datetime
    audience: Audience
    presenter: Presenter = Field(default_factory=Presenter)

    _unknowns = field_validator("root_cause", mode="before")(_coerce_unknown)

    def unknown_facts(self) -> list[str]:
        """Dotted names of the facts marked unknown, for the draft to state honestly."""
        found: list[str] = []

        def walk(value: Any, path: str) -> None:
            if isinstance(value, Unknown):
                found.append(path)
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(getattr(value, name), f"{path}.{name}" if path else name)

        walk(self, "")
        return found
