"""Check that every figure in a draft comes from the facts (the drafter never invents figures).

Figures are compared by value and by what they are:

* quantities ("$1.2 million", "15%", "2,000 orders", "11 per minute", "fifteen thousand") match a
  number in the facts within 5% (the rounding the offline writer uses);
* calendar dates ("3 January", "December 4th", "2026-12-04") match a date in the facts by day
  and month (and year when written); a day-of-month never supports a quantity, and a year never
  supports a count ("2,000 orders" is not the year 2026);
* years (1900-2100 written alone) match a year or a number in the facts exactly;
* small whole numbers may also be counts of the facts' own lists (three plan steps).

Number words are read ("Fifteen thousand", "twenty-four"); one to ten written as words are left
alone, as everyday words ("one of", "two engineers" from "2 engineers" still match).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from drafter.draft import Draft
from drafter.facts import IncidentFacts

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<{}>(?:19|20)\d{{2}}))?"
DATE = re.compile(
    r"\b(?:"
    + _DAY.format("d1")
    + r"\s+(?:of\s+)?"
    + _MONTH.format("m1")
    + _YEAR.format("y1")
    + r"|"
    + _MONTH.format("m2")
    + r"\s+"
    + _DAY.format("d2")
    + r"(?![\d,.]*\s*(?:%|percent|k\b|m\b|million|billion|thousand))"
    + _YEAR.format("y2")
    + r")\b",
    re.IGNORECASE,
)
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
_UNIT_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS = {word: value for value, word in enumerate(_UNIT_WORDS)}
TENS = {word: 10 * value for value, word in enumerate(_TEN_WORDS, 2)}
WORD_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_NUMBER_WORD = "|".join([*UNITS, *TENS, *WORD_SCALES, "a", "and"])
WORDS = re.compile(
    rf"\b(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
SMALL_WORDS = 10  # "one" to "ten" as words are everyday language, not figures to check


@dataclass(frozen=True)
class Figure:
    """A figure as written in a draft, and what it is."""

    written: str
    kind: str  # "quantity" | "year" | "date" | "iso" | "time"
    value: Any


@dataclass
class Known:
    """What the facts state, by kind."""

    quantities: set[float] = field(default_factory=set)
    counts: set[float] = field(default_factory=set)  # lengths of the facts' lists
    years: set[float] = field(default_factory=set)
    dates: set[tuple[int, int, int]] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)  # ISO dates and HH:MM times


def _words_value(text: str) -> float | None:
    """'fifteen thousand' -> 15000, 'twenty-four' -> 24, 'a million' -> 1e6; else None."""
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = current or 1
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in WORD_SCALES:
            total += (current or 1) * WORD_SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_year(match: re.Match[str]) -> bool:
    digits = match["number"]
    return (
        re.fullmatch(r"(?:19|20)\d{2}", digits) is not None
        and not match["scale"]
        and not match["percent"]
        and not match["symbol"]
    )


def _figures(text: str) -> Iterator[Figure]:
    """Each figure in `text`, typed: dates first, then numbers, then number words."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in taken)

    for match in DATE.finditer(text):
        day = int(match["d1"] or match["d2"])
        month = MONTHS[(match["m1"] or match["m2"]).lower()]
        year = match["y1"] or match["y2"]
        if 1 <= day <= 31:
            taken.append(match.span())
            yield Figure(match.group(0).strip(), "date", (int(year) if year else 0, month, day))
    for match in FIGURE.finditer(text):
        if not free(*match.span()):
            continue
        taken.append(match.span())
        if match["iso"]:
            yield Figure(match["iso"], "iso", match["iso"][:10])
        elif match["time"]:
            yield Figure(match["time"], "time", match["time"].zfill(5))
        else:
            try:
                value = float(match["number"].replace(",", ""))
            except ValueError:
                continue
            scale = (match["scale"] or "").lower()
            written = match.group(0).strip().rstrip(",.")
            if _is_year(match):
                yield Figure(written, "year", value)
            else:
                yield Figure(written, "quantity", value * SCALES.get(scale, 1.0))
    for match in WORDS.finditer(text):
        if not free(*match.span()):
            continue
        value = _words_value(match.group(0))
        words = match.group(0).strip()
        if value is None or value <= SMALL_WORDS or words.lower() in ("a", "and"):
            continue
        yield Figure(words, "quantity", value)


def _collect(value: Any, known: Known) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _collect(item, known)
    elif isinstance(value, list):
        known.counts.add(float(len(value)))
        for item in value:
            _collect(item, known)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int | float):
        known.quantities.add(float(value))
    elif isinstance(value, dt.date | dt.datetime):
        known.texts.add(value.isoformat()[:10])
        known.dates.add((value.year, value.month, value.day))
        known.years.add(float(value.year))
        if isinstance(value, dt.datetime):
            known.texts.add(f"{value:%H:%M}")
    elif isinstance(value, str):
        for figure in _figures(value):
            if figure.kind == "quantity":
                known.quantities.add(figure.value)
            elif figure.kind == "year":
                known.years.add(figure.value)
                known.quantities.add(figure.value)
            elif figure.kind == "date":
                known.dates.add(figure.value)
            else:
                known.texts.add(figure.value)


def known_figures(facts: IncidentFacts) -> Known:
    """Every figure the facts state, by kind, and the dates of weekdays they name."""
    known = Known()
    data = facts.model_dump()
    _collect(data, known)
    for moment in _weekday_dates(data):
        known.dates.add((moment.year, moment.month, moment.day))
        known.texts.add(moment.isoformat())
    return known


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BARE_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b(?!,?\s+\d)", re.IGNORECASE)


def _weekday_dates(data: Any) -> Iterator[dt.date]:
    """'since Monday' with a dated fact: the day of that Monday (the writer dates bare weekdays
    back from the day the error was found; critic.grounding does the same)."""
    text = json.dumps(data, default=str)
    weekdays = {_WEEKDAYS.index(name.lower()) for name in _BARE_WEEKDAY.findall(text)}
    for iso in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text):
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            continue
        for weekday in weekdays:
            yield day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def fact_figures(facts: IncidentFacts) -> set[str | float]:
    """Every figure the facts state as one set (kept for callers of the earlier API)."""
    known = known_figures(facts)
    return {*known.quantities, *known.counts, *known.years, *known.texts}


def _near(value: float, facts: Iterable[float]) -> bool:
    return any(
        fact == value or (fact and abs(fact - value) / abs(fact) <= RELATIVE_TOLERANCE)
        for fact in facts
    )


def _supported(figure: Figure, known: Known) -> bool:
    if figure.kind in ("iso", "time"):
        return figure.value in known.texts
    if figure.kind == "date":
        year, month, day = figure.value
        return any(
            (month, day) == (m, d) and (not year or not y or year == y) for y, m, d in known.dates
        )
    if figure.kind == "year":
        return figure.value in known.years or figure.value in known.quantities
    value = figure.value
    if value in known.counts and value == int(value) and value <= 20:
        return True
    return _near(value, known.quantities)


def draft_texts(draft: Draft) -> Iterable[str]:
    b = draft.briefing
    yield from (b.subject, b.summary, b.impact, b.root_cause, b.containment, b.next_update)
    yield from b.plan
    yield from b.prevention
    yield from (turn.text for turn in draft.script)
    for item in draft.qa:
        yield item.question
        yield item.answer


def unsupported_in_texts(texts: Iterable[str], facts: IncidentFacts) -> list[str]:
    """Figures written in `texts` that the facts do not support, in order, without repeats."""
    known = known_figures(facts)
    found: dict[str, None] = {}
    for text in texts:
        for figure in _figures(text):
            if not _supported(figure, known):
                found.setdefault(figure.written)
    return list(found)


def unsupported_figures(draft: Draft, facts: IncidentFacts) -> list[str]:
    """Figures written in the draft that the facts do not support, in order, without repeats."""
    return unsupported_in_texts(draft_texts(draft), facts)
