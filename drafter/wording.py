"""Plain-English formatting of facts: money, dates, metric changes, lists.

Only formatting lives here: every figure printed comes from the facts as given (large amounts
are shortened to "12.4 million", which the grounding check accepts).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from drafter.facts import MetricChange, Money, Unknown

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def format_number(value: float) -> str:
    """1234567 -> '1.2 million', 50000 -> '50,000', 12.5 -> '12.5'."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            short = f"{value / size:.1f}".removesuffix(".0")
            return f"{short} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_money(money: Money) -> str:
    symbol = CURRENCY_SYMBOLS.get(money.currency)
    number = format_number(money.amount)
    return f"{symbol}{number}" if symbol else f"{number} {money.currency}"


TIME_UNIT = re.compile(r"\b(?:minutes?|hours?|days?|weeks?|months?)\b", re.IGNORECASE)
POINT_UNITS = frozenset({"percentage points", "percentage point", "pp", "points"})


def _change_amount(change: MetricChange) -> tuple[str, str]:
    """('15%', 'percent') / ('6', 'points') / ('40 refunds', 'other')."""
    amount = format_number(change.amount)
    unit = change.unit.strip()
    if unit == "%":
        return f"{amount}%", "percent"
    if unit in POINT_UNITS:
        return amount, "points"
    return f"{amount} {unit}", "other"


def format_change(change: MetricChange, metric: str) -> str:
    """A noun phrase: 'a 15% drop in conversion rate', 'a 6 percentage point rise in refunds'."""
    amount, kind = _change_amount(change)
    movement = "drop" if change.direction == "down" else "rise"
    article = "an" if re.match(r"(?:8|11|18)(?:\D|$)", amount) else "a"
    if kind == "percent":
        return f"{article} {amount} {movement} in {metric}"
    if kind == "points":
        return f"{article} {amount} percentage point {movement} in {metric}"
    if TIME_UNIT.search(change.unit):
        more = "more" if change.direction == "up" else "less"
        return f"{amount} {more} in {metric}"
    return f"{article} {movement} of {amount} in {metric}"


def change_clause(change: MetricChange, metric: str) -> str:
    """A clause: 'conversion rate fell 15%', 'refunds rose 6 percentage points'."""
    amount, kind = _change_amount(change)
    verb = "fell" if change.direction == "down" else "rose"
    if kind == "percent":
        return f"{metric} {verb} {amount}"
    if kind == "points":
        return f"{metric} {verb} {amount} percentage points"
    if TIME_UNIT.search(change.unit):
        return f"{metric} went {'up' if change.direction == 'up' else 'down'} by {amount}"
    return f"{metric} {verb} by {amount}"


def format_date(value: dt.date | dt.datetime) -> str:
    """'Friday 4 December', with ' at 17:00' for a date and time."""
    text = f"{value:%A} {value.day} {value:%B}"
    if isinstance(value, dt.datetime):
        text += f" at {value:%H:%M}"
    return text


def format_when(value: str | dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        return format_date(value)
    return value


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'; items that contain 'and' themselves -> 'a; b; and c'."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    if any(f" {conjunction} " in word or ", " in word for word in words):
        return f"{'; '.join(words[:-1])}; {conjunction} {words[-1]}"
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop, leaving the rest as written."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def clause(text: str) -> str:
    """A phrase to splice after 'we': lower-case first letter (not acronyms), no final stop."""
    text = text.strip().rstrip(".")
    first_word = text.split(" ", 1)[0]
    if first_word in ("I", "I'm", "I've", "I'll", "I'd"):
        return text
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def known(value: object) -> bool:
    return value is not None and not isinstance(value, Unknown)


SENTENCE_WORDS = 25  # the critic's sentence-length warning (critic/data/thresholds.yaml)
_CLAUSE_BREAKS = ("; ", ", and ", ", so ", ", but ", ", because ", ", which ")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


def _split_once(text: str) -> list[str]:
    """A long sentence split at the clause break nearest its middle (or left whole)."""
    middle = len(text) / 2
    best: tuple[float, int, str] | None = None
    for separator in _CLAUSE_BREAKS:
        at = text.find(separator)
        while at != -1:
            if best is None or abs(at - middle) < best[0]:
                best = (abs(at - middle), at, separator)
            at = text.find(separator, at + 1)
    if best is None:
        return [text]
    _, at, separator = best
    head, rest = text[:at].rstrip(",;"), text[at + len(separator) :]
    if len(head.split()) < 4 or len(rest.split()) < 4:
        return [text]
    lead = {", so ": "So ", ", but ": "But ", ", because ": "This is because ", ", which ": "This "}
    rest = lead.get(separator, "") + (rest if separator in lead else rest[:1].upper() + rest[1:])
    return [sentence(head), sentence(rest)]


def split_sentences(text: str) -> list[str]:
    return [piece for piece in _SENTENCE_SPLIT.split(text.strip()) if piece]


def short_sentences(text: str, limit: int = SENTENCE_WORDS) -> str:
    """Every sentence over `limit` words split at a clause break, as often as that helps."""
    out: list[str] = []
    todo = _SENTENCE_SPLIT.split(text.strip())
    while todo:
        piece = todo.pop(0)
        if len(piece.split()) <= limit:
            out.append(piece)
            continue
        parts = _split_once(piece)
        if len(parts) == 1:
            out.append(piece)
        else:
            todo[:0] = parts
    return " ".join(out)


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_BARE_WEEKDAY = re.compile(
    r"\b(?P<day>" + "|".join(_WEEKDAY_NAMES) + r")(?P<part> (?:morning|afternoon|evening|night))?"
    r"\b(?!,? \d)(?!,? the \d)"
)


def absolute_days(text: str, anchor: dt.date | None) -> str:
    """'Since Monday' -> 'Since Monday 23 November': each bare weekday becomes the last such day
    on or before `anchor` (the day the error was found), so a written note has absolute dates."""
    if anchor is None:
        return text

    def resolve(match: re.Match[str]) -> str:
        wanted = _WEEKDAY_NAMES.index(match["day"])
        day = anchor - dt.timedelta(days=(anchor.weekday() - wanted) % 7)
        dated = f"{match['day']} {day.day} {day:%B}"
        return f"{dated}, in the {match['part'].strip()}" if match["part"] else dated

    return _BARE_WEEKDAY.sub(resolve, text)
