"""Check that every figure in a draft comes from the facts (the drafter never invents figures).

Figures are compared by value: "$1.2 million" matches an amount of 1234567 (within 5%, the
rounding the offline writer uses), "15%" matches 15, "4 December" matches a date whose day is 4.
Counts of the facts' own lists (three plan steps) are allowed too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from drafter.draft import Draft
from drafter.facts import IncidentFacts

FIGURE = re.compile(
    r"""
    (?P<iso>\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b)
    | (?P<time>\b\d{1,2}:\d{2}\b)
    | (?P<symbol>[$€£¥₹])?(?<![A-Za-z_\d.,])(?P<number>\d[\d,]*(?:\.\d+)?)
      (?:\s*(?P<scale>k\b|m\b|bn\b|million\b|billion\b|thousand\b))?(?P<percent>\s?%)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
RELATIVE_TOLERANCE = 0.05


def _figures(text: str) -> Iterator[tuple[str, str | float]]:
    """(as written, value) for each figure: ISO dates and times as strings, numbers as floats."""
    for match in FIGURE.finditer(text):
        if match["iso"]:
            yield match["iso"], match["iso"][:10]
        elif match["time"]:
            yield match["time"], match["time"].zfill(5)
        else:
            digits = match["number"].replace(",", "")
            try:
                value = float(digits)
            except ValueError:
                continue
            scale = (match["scale"] or "").lower()
            yield match.group(0).strip().rstrip(",."), value * SCALES.get(scale, 1.0)


def _fact_values(value: Any) -> Iterator[str | float]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _fact_values(item)
    elif isinstance(value, list):
        yield float(len(value))
        for item in value:
            yield from _fact_values(item)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, dt.date | dt.datetime):
        yield value.isoformat()[:10]
        yield float(value.day)
        yield float(value.year)
        if isinstance(value, dt.datetime):
            yield f"{value:%H:%M}"
    elif isinstance(value, str):
        for _, figure in _figures(value):
            yield figure


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BARE_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b(?!,?\s+\d)", re.IGNORECASE)


def _weekday_dates(data: Any) -> Iterator[str | float]:
    """'since Monday' with a dated fact: the day of that Monday (the writer dates bare weekdays
    back from the day the error was found; critic.grounding does the same)."""
    text = json.dumps(data, default=str)
    weekdays = {_WEEKDAYS.index(name.lower()) for name in _BARE_WEEKDAY.findall(text)}
    for iso in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text):
        day = dt.date.fromisoformat(iso)
        for weekday in weekdays:
            moment = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
            yield moment.isoformat()
            yield float(moment.day)


def fact_figures(facts: IncidentFacts) -> set[str | float]:
    """Every figure the facts state, including date parts and list lengths."""
    data = facts.model_dump()
    return set(_fact_values(data)) | set(_weekday_dates(data))


def _supported(value: str | float, known: set[str | float]) -> bool:
    if isinstance(value, str):
        return value in known
    return any(
        isinstance(fact, float)
        and (fact == value or (fact and abs(fact - value) / abs(fact) <= RELATIVE_TOLERANCE))
        for fact in known
    )


def draft_texts(draft: Draft) -> Iterable[str]:
    b = draft.briefing
    yield from (b.subject, b.summary, b.impact, b.root_cause, b.containment, b.next_update)
    yield from b.plan
    yield from b.prevention
    yield from (turn.text for turn in draft.script)
    for item in draft.qa:
        yield item.question
        yield item.answer


def unsupported_figures(draft: Draft, facts: IncidentFacts) -> list[str]:
    """Figures written in the draft that the facts do not support, in order, without repeats."""
    known = fact_figures(facts)
    found: dict[str, None] = {}
    for text in draft_texts(draft):
        for written, value in _figures(text):
            if not _supported(value, known):
                found.setdefault(written)
    return list(found)
