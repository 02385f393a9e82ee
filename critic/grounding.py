"""Grounding: can every figure in a draft be traced to the incident facts?

Guide §1 (Quantify the Impact: "Use concrete numbers"): the numbers must be the true ones. The
critic never imports the drafter, so the facts arrive as a plain mapping (or any pydantic model,
which is dumped to one) and are read generically: every number, date, time, list length and every
figure written inside a fact's text ("2 engineers for 1 week", "by 9 December").

A figure in the draft is one of: money ("$1.2 million", "50,000 EUR"), a percentage ("15%"), a
duration ("48 hours"), a date ("Friday 4 December", "2026-12-04"), a time ("17:00") or a count
("3,200 orders"). It is supported when

* it is a fact's figure as written, rounded to the precision shown ("$1.2 million" for 1,234,567)
  or in another unit ("2.1M" for 2,100,000, "48 hours" for "2 days"); or
* it follows from two of the facts' figures by one step of arithmetic: a share ("20%" of 3,200
  orders when 640 of them were refunded), a change between two figures, a sum or a difference.
  Those are allowed, and the finding says how it was derived so the reader can check it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

FigureKind = Literal["money", "percent", "duration", "date", "time", "count"]

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
}
_UNIT_HOURS = {
    "minute": 1 / 60,
    "hour": 1.0,
    "day": 24.0,
    "week": 168.0,
    "month": 730.0,
    "quarter": 2190.0,
    "year": 8760.0,
}
_CURRENCY_CODES = r"(?:USD|EUR|GBP|JPY|INR|CHF|CAD|AUD|dollars?|euros?|pounds?)"

FIGURE = re.compile(
    rf"""
    (?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?\b)
    | (?P<dm>(?:(?P<dm_wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?
        (?:\s+of)?\s+(?P<dm_month>{_MONTH})\b\.?(?:,?\s+(?P<dm_year>(?:19|20)\d{{2}})\b)?)
    | (?P<md>(?:(?P<md_wd>{_WEEKDAY}),?\s+)?(?P<md_month>{_MONTH})\.?\s+(?P<md_day>\d{{1,2}})
        (?:st|nd|rd|th)?\b(?:,?\s+(?P<md_year>(?:19|20)\d{{2}})\b)?)
    | (?P<time>\b\d{{1,2}}:\d{{2}}(?!\d)(?:\s?(?P<time_half>am|pm|a\.m\.|p\.m\.))?
        |\b\d{{1,2}}\s?(?P<hour_half>am|pm|a\.m\.|p\.m\.)(?![A-Za-z]))
    | (?P<symbol>[$€£¥₹])?(?<![A-Za-z_\d.,:/-])
      (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
      (?![\d/])(?:\s*(?P<scale>k|mn|m|bn|b|million|billion|thousand)\b)?
      (?P<percent>\s?%|\s(?:percent|per\ cent)\b)?
      (?:\s?(?P<code>{_CURRENCY_CODES})\b)?
      (?:\s(?P<unit>minutes?|hours?|days?|weeks?|months?|quarters?|years?)\b)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BARE_WEEKDAY = re.compile(rf"\b({_WEEKDAY})\b(?!,?\s+(?:the\s+)?\d)", re.IGNORECASE)
FACTS_KEY = "grounding.facts"  # where review() leaves the facts for the rules, in Document.cache
PLACEHOLDER = re.compile(r"\[add:[^\]\n]{1,200}\]", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure as written in a text: where it is, what kind, and its value."""

    start: int
    end: int
    text: str
    kind: FigureKind
    value: float = 0.0
    decimals: int = 0
    scale: float = 1.0
    month: int = 0
    day: int = 0
    year: int | None = None
    weekday: int | None = None
    clock: str = ""


def _number(match: re.Match[str], start: int) -> Figure | None:
    raw = match["number"].replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    decimals = len(raw.partition(".")[2])
    scale_word = (match["scale"] or "").lower()
    scale = _SCALES.get(scale_word, 1.0)
    if scale_word in {"m", "b"} and not (match["symbol"] or match["code"]):
        scale = 1.0  # "5 m" is metres, not millions, without a currency sign
    kind: FigureKind = "count"
    if match["percent"]:
        kind = "percent"
    elif match["symbol"] or match["code"]:
        kind = "money"
    elif match["unit"]:
        kind = "duration"
        value *= _UNIT_HOURS[match["unit"].lower().rstrip("s")]
        scale = _UNIT_HOURS[match["unit"].lower().rstrip("s")]
    else:
        value *= scale
    if kind in {"money", "percent"}:
        value *= scale
    text = match.group(0).rstrip()
    return Figure(
        start=start,
        end=start + len(text),
        text=text,
        kind=kind,
        value=value,
        decimals=decimals,
        scale=scale,
    )


def _clock(text: str) -> str:
    """'5 pm' -> '17:00', '9:30am' -> '09:30', '17:00' -> '17:00'."""
    found = re.match(r"(\d{1,2})(?::(\d{2}))?\s?([ap])?", text.lower())
    assert found is not None
    hour, minute = int(found[1]), int(found[2] or 0)
    if found[3] == "p" and hour < 12:
        hour += 12
    elif found[3] == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def figures_in(text: str, base: int = 0) -> Iterator[Figure]:
    """Every figure in `text`, in order, with offsets shifted by `base`."""
    for match in FIGURE.finditer(text):
        start = base + match.start()
        if match["iso"]:
            day = dt.date.fromisoformat(match["iso"][:10])
            yield Figure(
                start,
                base + match.end(),
                match["iso"],
                "date",
                month=day.month,
                day=day.day,
                year=day.year,
            )
        elif match["dm"] or match["md"]:
            prefix = "dm" if match["dm"] else "md"
            weekday = match[f"{prefix}_wd"]
            year = match[f"{prefix}_year"]
            yield Figure(
                start,
                base + match.end(),
                match.group(0),
                "date",
                month=_MONTHS[match[f"{prefix}_month"].lower()[:3]],
                day=int(match[f"{prefix}_day"]),
                year=int(year) if year else None,
                weekday=_WEEKDAYS[weekday.lower()] if weekday else None,
            )
        elif match["time"]:
            yield Figure(
                start, base + match.end(), match["time"], "time", clock=_clock(match["time"])
            )
        elif match["number"]:
            figure = _number(match, start)
            if figure is not None:
                yield figure


# --- what the facts hold ----------------------------------------------------------------------


@dataclass
class FactFigures:
    """Every figure the facts state, by kind, for matching a draft's figures against."""

    numbers: set[float] = field(default_factory=set)
    hours: set[float] = field(default_factory=set)
    dates: dict[tuple[int, int], set[int]] = field(default_factory=dict)  # (month, day) -> years
    times: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    weekdays: set[int] = field(default_factory=set)  # bare weekday names in the facts' text

    def add_date(self, day: dt.date) -> None:
        self.dates.setdefault((day.month, day.day), set()).add(day.year)
        self.years.add(day.year)

    @property
    def operands(self) -> list[float]:
        return sorted(n for n in self.numbers if n > 0)


def _parse_moment(text: str) -> dt.date | None:
    for parse in (dt.datetime.fromisoformat, dt.date.fromisoformat):
        try:
            value = parse(text.strip())
        except ValueError:
            continue
        return value
    return None


def _walk(value: Any, found: FactFigures) -> None:
    if isinstance(value, Mapping):
        for item in value.values():
            _walk(item, found)
    elif isinstance(value, list | tuple | set):
        found.numbers.add(float(len(value)))
        for item in value:
            _walk(item, found)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int | float):
        found.numbers.add(float(value))
    elif isinstance(value, dt.datetime):
        found.add_date(value.date())
        found.times.add(f"{value:%H:%M}")
    elif isinstance(value, dt.date):
        found.add_date(value)
    elif isinstance(value, str):
        moment = _parse_moment(value) if re.match(r"^\s*\d{4}-\d{2}-\d{2}", value) else None
        if isinstance(moment, dt.datetime):
            found.add_date(moment.date())
            found.times.add(f"{moment:%H:%M}")
            return
        if isinstance(moment, dt.date):
            found.add_date(moment)
            return
        for name in _BARE_WEEKDAY.findall(value):
            found.weekdays.add(_WEEKDAYS[name.lower()])
        for figure in figures_in(value):
            if figure.kind == "date":
                found.dates.setdefault((figure.month, figure.day), set())
                if figure.year:
                    found.years.add(figure.year)
            elif figure.kind == "time":
                found.times.add(figure.clock)
            elif figure.kind == "duration":
                found.hours.add(figure.value)
                found.numbers.add(figure.value / figure.scale)
            else:
                found.numbers.add(figure.value)


def fact_figures(facts: Any) -> FactFigures:
    """Figures from facts given as a mapping, a list, or a pydantic model (dumped first)."""
    if isinstance(facts, FactFigures):
        return facts
    if hasattr(facts, "model_dump"):
        facts = facts.model_dump()
    found = FactFigures()
    _walk(facts, found)
    # "since Monday" in a fact, with a dated fact: that Monday, the last one on or before each date
    for month_day, years in list(found.dates.items()):
        for year in list(years):
            try:
                moment = dt.date(year, *month_day)
            except ValueError:
                continue
            for weekday in found.weekdays:
                found.add_date(moment - dt.timedelta(days=(moment.weekday() - weekday) % 7))
    found.numbers.update(float(year) for year in found.years)
    return found


# --- matching -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """Whether a figure is supported, and how (for the finding's message)."""

    supported: bool
    derived: str = ""  # how arithmetic on the facts gives it, when it does
    reason: str = ""  # why it is not supported, when it is not


def _shown(value: float, figure: Figure) -> float:
    """The value as the draft shows it: in the written scale (millions, hours...)."""
    return value / figure.scale if figure.scale else value


def _same(fact: float, figure: Figure) -> bool:
    """Does `fact` round to the figure as written (its scale and decimals), or match within 0.5%?"""
    written = _shown(figure.value, figure)
    shown = _shown(fact, figure)
    half_step = 0.5 * 10 ** (-figure.decimals)
    if abs(shown - written) <= half_step + 1e-9:
        return True
    return fact != 0 and abs(fact - figure.value) / abs(fact) <= 0.005


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _derived(figure: Figure, operands: list[float]) -> str:
    """How one step of arithmetic on two fact figures gives this figure, or ''."""
    if figure.kind == "percent":
        for a, b in itertools.permutations(operands, 2):
            if a < b and _same(a / b * 100, figure):
                return f"{_fmt(a)} of {_fmt(b)} in the facts is {a / b * 100:.1f}%"
            change = abs(b - a) / a * 100
            if a != b and _same(change, figure):
                return f"the change from {_fmt(a)} to {_fmt(b)} in the facts is {change:.1f}%"
        return ""
    if figure.kind in {"money", "count"} and abs(figure.value) >= 10:
        for a, b in itertools.combinations(operands, 2):
            if min(a, b) < 2:
                continue
            if _same(a + b, figure):
                return f"{_fmt(a)} + {_fmt(b)} in the facts is {_fmt(a + b)}"
            if _same(abs(a - b), figure):
                return f"{_fmt(max(a, b))} - {_fmt(min(a, b))} in the facts is {_fmt(abs(a - b))}"
    return ""


_KIND_WORDS = {
    "money": "amount",
    "percent": "percentage",
    "duration": "duration",
    "count": "number",
    "date": "date",
    "time": "time",
}


def judge(figure: Figure, facts: FactFigures) -> Verdict:
    """Is this figure traceable to the facts?"""
    if figure.kind == "date":
        years = facts.dates.get((figure.month, figure.day))
        if years is None:
            return Verdict(False, reason="no date in the facts falls on that day")
        if figure.year is not None and years and figure.year not in years:
            return Verdict(False, reason=f"the facts give that day in {min(years)}")
        if figure.weekday is not None and years:
            year = figure.year or min(years)
            try:
                actual = dt.date(year, figure.month, figure.day).weekday()
            except ValueError:
                return Verdict(False, reason="that date does not exist")
            if actual != figure.weekday:
                return Verdict(
                    False,
                    reason=f"{figure.day} {calendar.month_name[figure.month]} {year} is a "
                    f"{calendar.day_name[actual]}",
                )
        return Verdict(True)
    if figure.kind == "time":
        return Verdict(figure.clock in facts.times, reason="no time in the facts matches it")
    if figure.kind == "duration":
        if any(_same(hours, figure) for hours in facts.hours):
            return Verdict(True)
        if any(
            _same(n, Figure(0, 0, "", "count", figure.value / figure.scale, figure.decimals))
            for n in facts.numbers
        ):
            return Verdict(True)
        return Verdict(False, reason="no duration in the facts matches it")
    if figure.kind == "count" and figure.value in facts.years:
        return Verdict(True)
    if any(_same(number, figure) for number in facts.numbers):
        return Verdict(True)
    if how := _derived(figure, facts.operands):
        return Verdict(True, derived=how)
    return Verdict(
        False,
        reason=f"no {_KIND_WORDS[figure.kind]} in the facts matches it, nor a share, change, sum "
        "or difference of two of them",
    )


def unsupported(text: str, facts: Any) -> list[tuple[Figure, Verdict]]:
    """The figures in `text` that the facts do not support (no Markdown handling: raw text)."""
    known = facts if isinstance(facts, FactFigures) else fact_figures(facts)
    found = []
    for figure in figures_in(text):
        verdict = judge(figure, known)
        if not verdict.supported:
            found.append((figure, verdict))
    return found
