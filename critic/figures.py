"""Does a sentence carry a figure (money, percentage, count) or a concrete date?

Two sources, combined (Guide §1 Quantify the Impact; Develop a Mitigation Plan):

* token shape and short word lists (critic/data/numbers.yaml): digits, "%", currency symbols,
  number words, "doubled", month and weekday names, "within 48 hours"... This is cheap and runs on
  every sentence; digits that belong to a date or a version ("4 December", "v2") are not counted as
  quantities.
* the parser's entity recognizer (MONEY, PERCENT, CARDINAL, QUANTITY, DATE, TIME), run only on
  the sentences that a numbers rule or a structure element would otherwise flag, in one batch, as it
  costs as much as the tagger and parser together. Vague DATE entities ("the coming weeks") do not
  count as dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from critic import resources

QUANTITY_LABELS = {"MONEY", "PERCENT", "CARDINAL", "QUANTITY"}
DATE_LABELS = {"DATE", "TIME"}
_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|once)$",
    re.IGNORECASE,
)
_SHORT_MONEY = re.compile(r"^\d+(?:[.,]\d+)?(?:k|m|mn|bn|b)$", re.IGNORECASE)
_TIME_SHAPE = re.compile(
    r"^\d{1,2}(?::\d{2})+$|^\d{1,2}(?:am|pm)$|^\d{4}-\d{2}-\d{2}$|^\d{1,2}/\d{1,2}(?:/\d{2,4})?$"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_CURRENCY_SYMBOLS = set("$€£¥₹")
_AMPM = {
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "utc",
    "gmt",
    "cet",
    "cest",
    "et",
    "pt",
    "est",
    "pst",
    "bst",
    "o'clock",
}
_WEAK_NUMBERS = {"one"}
# "approximately 1900", "about 2000": a rough count, not a year
_APPROXIMATORS = {
    "approximate",
    "approximately",
    "approx",
    "approx.",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "over",
    "some",
    "~",
}
_RANGE_WORDS = {"and", "to", "-", "–", "through", "until", "or"}
_VAGUE_CARDINAL = re.compile(
    r"^(?:dozens|hundreds|thousands|millions|billions|tens|several|many|a\s+few|some|numerous)"
    r"(?:\s+of(?:\s+thousands)?)?$",
    re.IGNORECASE,
)


_MEASURED_TIME = re.compile(
    r"\d[\d,.]*\s*(?:-|to|–)?\s*(?:\d[\d,.]*\s*)?(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|"
    r"days?|weeks?|months?)\b|\d{1,2}:\d{2}\D+\d{1,2}:\d{2}|"
    r"\d{1,2}:\d{2}[^.;]{0,100}?\b(?:until|till|to|and|through)\b[^.;]{0,40}?\d{1,2}:\d{2}",
    re.IGNORECASE,
)


def measured_duration(text: str) -> bool:
    """The text gives a duration in figures ("for 3 hours 40 minutes", "from 09:10 to 12:50")."""
    return bool(_MEASURED_TIME.search(text))


def outage_words(text: str) -> bool:
    """The text says a service was down or degraded ("degraded", "downtime", "unavailable")."""
    return bool(resources.pattern("numbers", "outage_words").search(text))


def outage_duration(text: str) -> bool:
    """The text says a service was down or degraded and for how long, in figures ("the network
    was down for about 6 minutes", "13 minutes of downtime"): the duration sizes the outage."""
    return measured_duration(text) and outage_words(text)


@cache
def _scope_figures() -> re.Pattern[str]:
    nouns = " ".join(resources.load("numbers")["count_nouns"].split())
    return re.compile(
        rf"\b(?:all|every|each)\s+(?:of\s+)?(?:our\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){{0,2}}?"
        rf"(?:{nouns}|pipelines?|services?|regions?|sites?|builds?|jobs?|platforms?|products?|"
        rf"systems?|apps?|websites?|zones?|data\s+cent(?:er|re)s?)\b|"
        # "a single customer", "the customer's private cloud": one is a count
        rf"\b(?:a\s+single|only\s+one|just\s+one)\s+(?:{nouns})\b|\bthe\s+(?:customer|client|"
        rf"user|merchant|tenant)(?:'|’)s\b|"
        r"\b\d[\d,.]*\s*(?:minutes?|hours?|days?)\s+of\s+(?:\w+\s+)?(?:downtime|outage|"
        r"unavailability|disruption|errors|degradation|delays?)\b",
        re.IGNORECASE | re.VERBOSE,
    )


def scope_figure(text: str) -> bool:
    """The text names a whole scope ("all regions", "every customer") or a measured outage."""
    return bool(_scope_figures().search(text))


@dataclass
class Figures:
    """What a sentence carries, in plain-text offsets."""

    quantity: bool = False
    numeric: bool = False  # a quantity written in digits or number words, not "twice" or "halved"
    money: bool = False
    date: bool = False
    quantity_spans: list[tuple[int, int]] = field(default_factory=list)
    date_spans: list[tuple[int, int]] = field(default_factory=list)
    from_entities: bool = False


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    names = (
        "months",
        "weekdays",
        "date_words",
        "time_units",
        "figure_words",
        "percent_words",
        "currency_words",
        "version_words",
        "vague_time",
        "count_nouns",
        "rough_figures",
    )
    return {name: resources.pattern("numbers", name) for name in names}


class _Shape(NamedTuple):
    """What a token's text alone says (worked out once per distinct text)."""

    month: bool
    weekday: bool
    time: bool  # 14:00, 2pm, 2026-12-04, 4/12, or am/pm/UTC...
    time_unit: bool
    year: bool
    ordinal: bool
    short_money: bool
    version_word: bool
    currency_word: bool
    has_alpha: bool
    has_digit: bool


@lru_cache(maxsize=32_768)
def _shape(text: str) -> _Shape:
    pats = _patterns()
    lowered = text.lower()
    return _Shape(
        month=bool(pats["months"].fullmatch(text)),
        weekday=bool(pats["weekdays"].fullmatch(text)),
        time=bool(_TIME_SHAPE.match(text)) or lowered in _AMPM,
        time_unit=bool(pats["time_units"].fullmatch(text)),
        year=bool(_YEAR.match(text)),
        ordinal=bool(_ORDINAL.match(text)),
        short_money=bool(_SHORT_MONEY.match(text)),
        version_word=bool(pats["version_words"].fullmatch(text)),
        currency_word=bool(pats["currency_words"].fullmatch(text)),
        has_alpha=any(ch.isalpha() for ch in text),
        has_digit=any(ch.isdigit() for ch in text),
    )


def _is_month(token_text: str, sentence_start: bool) -> bool:
    if not _shape(token_text).month:
        return False
    lowered = token_text.lower()
    if lowered in {"may", "march"} or len(lowered) <= 4:
        return token_text[:1].isupper() and not (sentence_start and lowered == "may")
    return True


def shape_figures(tokens: list, base: int, sentence_text: str, sentence_start: int) -> Figures:
    """Figures and dates found from token shape alone (tokens: the sentence's spaCy tokens)."""
    pats = _patterns()
    figures = Figures()
    texts = [token.text for token in tokens]
    lowers = [text.lower() for text in texts]
    shapes = [_shape(text) for text in texts]
    count = len(tokens)
    date_token = [False] * count
    # months, weekdays and "N hours" mark dates first, so their digits are not quantities
    for i in range(count):
        text = texts[i]
        shape = shapes[i]
        if _is_month(text, i == 0) or (shape.weekday and (len(text) > 3 or text[:1].isupper())):
            date_token[i] = True
            for j in (i - 2, i - 1, i + 1, i + 2):
                if 0 <= j < count and (tokens[j].like_num or shapes[j].ordinal):
                    date_token[j] = True
        elif shape.time:
            date_token[i] = True
            if lowers[i] in _AMPM and i > 0:
                date_token[i - 1] = True
        elif (
            shape.time_unit
            and i > 0
            and (tokens[i - 1].like_num or lowers[i - 1] in {"a", "an", "one", "half", "couple"})
        ):
            if not pats["vague_time"].search(" ".join(lowers[max(0, i - 4) : i + 1])):
                date_token[i] = date_token[i - 1] = True
        elif (
            shape.year
            and not (i + 1 < count and pats["count_nouns"].fullmatch(lowers[i + 1]))
            and not (i > 0 and lowers[i - 1] in _APPROXIMATORS)
        ):
            # a year never stands in for the size of an impact ("On March 3, 2017, many orders…")
            date_token[i] = True
    for i in range(2, count):  # "between 2 and 4 December": both ends of the range are dates
        ranged = date_token[i] and tokens[i].like_num and lowers[i - 1] in _RANGE_WORDS
        if ranged and tokens[i - 2].like_num:
            date_token[i - 2] = True
    for i, token in enumerate(tokens):
        if date_token[i]:
            figures.date = True
            figures.date_spans.append((base + token.idx, base + token.idx + len(token.text)))
            continue
        text, lowered, shape = texts[i], lowers[i], shapes[i]
        is_quantity = False
        if text in _CURRENCY_SYMBOLS or shape.short_money:
            is_quantity = True
            figures.money = True
        elif text == "%":
            is_quantity = True
        elif token.like_num and not shape.ordinal and lowered not in _WEAK_NUMBERS:
            if i and lowers[i - 1] and _shape(lowers[i - 1]).version_word:
                continue
            if shape.has_alpha and shape.has_digit:
                continue
            is_quantity = True
            following = lowers[i + 1] if i + 1 < count else ""
            if following and _shape(following).currency_word:
                figures.money = True
        elif shape.has_digit and not shape.has_alpha:
            is_quantity = True
        if is_quantity:
            figures.quantity = figures.numeric = True
            figures.quantity_spans.append((base + token.idx, base + token.idx + len(text)))
    for match in pats["figure_words"].finditer(sentence_text):
        figures.quantity = True
        figures.quantity_spans.append(
            (sentence_start + match.start(), sentence_start + match.end())
        )
    for match in pats["rough_figures"].finditer(sentence_text):
        # "a single-digit percentage": an order of magnitude the writer commits to
        figures.quantity = figures.numeric = True
        figures.quantity_spans.append(
            (sentence_start + match.start(), sentence_start + match.end())
        )
    for match in _scope_figures().finditer(sentence_text):
        # "all customer pipelines", "13 minutes of downtime": a whole scope or a measured outage
        # is a size, though not a count
        figures.quantity = True
        figures.quantity_spans.append(
            (sentence_start + match.start(), sentence_start + match.end())
        )
    for match in pats["date_words"].finditer(sentence_text):
        if pats["vague_time"].fullmatch(match.group(0)):
            continue
        figures.date = True
        figures.date_spans.append((sentence_start + match.start(), sentence_start + match.end()))
    return figures


def add_entities(
    figures: Figures, entities: list[tuple[int, int, str]], text: str, base: int
) -> None:
    """Merge entity-recognizer results (offsets relative to `text`) into `figures`."""
    pats = _patterns()
    figures.from_entities = True
    for start, end, label in entities:
        span_text = text[start:end]
        if label in QUANTITY_LABELS:
            if label == "CARDINAL" and span_text.lower() in _WEAK_NUMBERS:
                continue
            if label == "CARDINAL" and (_YEAR.match(span_text) or _VAGUE_CARDINAL.match(span_text)):
                continue  # a year, or "thousands of": not a figure
            if any(a <= base + start and base + end <= b for a, b in figures.date_spans):
                continue  # digits inside a date ("3 March") are not a quantity
            if _ORDINAL.match(span_text):
                continue
            figures.quantity = figures.numeric = True
            figures.money = figures.money or label == "MONEY"
            figures.quantity_spans.append((base + start, base + end))
        elif label in DATE_LABELS:
            lowered = span_text.lower()
            generic = re.search(
                r"\b(?:few|several|some|coming|recent|past|the\s+day|daily|weekly|monthly|ago|years?)\b",
                lowered,
            )
            concrete = re.search(r"\d", lowered) or pats["months"].search(span_text)
            if pats["vague_time"].search(lowered) or (generic and not concrete):
                continue
            figures.date = True
            figures.date_spans.append((base + start, base + end))
