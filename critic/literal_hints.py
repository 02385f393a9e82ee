"""Literal hints: words a regular expression cannot match without, to skip it on most texts.

`hints(pattern)` reads the compiled pattern's syntax tree and returns a set of lowercase ASCII
strings at least one of which occurs in every match (None when it cannot tell). `may_match(hints,
text)` is then a cheap, exact prefilter: when it says False, `pattern.search(text)` finds nothing.
Case-insensitive matching is honoured: texts are lowercased, and a text holding one of the few
characters whose case partner is ASCII (İ, ı, ſ, K) always goes to the regex.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

try:  # Python 3.11+: the parser lives in re._parser
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
MIN_HINT = 3  # shorter literals prefilter too little to be worth it


def _sequence(items: Any) -> frozenset[str] | None:
    """Best hint set of a sequence: its longest literal run, or a required group's hints."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, value in items:
        if op is _c.LITERAL and value < 128:
            run.append(chr(value).lower())
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is _c.SUBPATTERN:
            consider(_sequence(value[-1]))
        elif op is _c.BRANCH:
            consider(_branches(value[1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _high, body = value
            if low >= 1:
                consider(_sequence(body))
        elif op is _c.ATOMIC_GROUP if hasattr(_c, "ATOMIC_GROUP") else False:
            consider(_sequence(value))
    if run:
        consider(frozenset(["".join(run)]))
    if best is not None and min(map(len, best)) < MIN_HINT:
        return None
    return best


def _branches(branches: Any) -> frozenset[str] | None:
    out: set[str] = set()
    for branch in branches:
        found = _sequence(branch)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def hints(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lowercase literals, one of which every match of `pattern` contains; None if unknown.

    A pattern that knows its hints (critic.resources.HintedPattern) answers for itself."""
    if not isinstance(pattern, re.Pattern):
        return pattern.hints  # type: ignore[attr-defined]
    return source_hints(pattern.pattern, pattern.flags)


@cache
def source_hints(source: str, flags: int) -> frozenset[str] | None:
    """hints() of `re.compile(source, flags)`, from a parse alone (no compilation)."""
    try:
        parsed = _p.parse(source, flags & ~re.UNICODE)
    except Exception:  # an exotic pattern: no prefilter
        return None
    return _sequence(parsed)


SMALL_SET = 4  # up to this many hints, test each; above, look up their first letters first
_TEXT_CACHE = 1024


class _Text:
    """What the prefilter needs of one text, worked out once: the same sentence meets hundreds
    of patterns in one review."""

    __slots__ = ("_grams", "folds", "lowered")

    def __init__(self, text: str, lowered: str | None) -> None:
        self.lowered = text.lower() if lowered is None else lowered
        self.folds = not text.isascii() and any(char in text for char in _FOLDS_TO_ASCII)
        self._grams: frozenset[str] | None = None

    @property
    def grams(self) -> frozenset[str]:
        """Every three-character substring of the lowered text."""
        if self._grams is None:
            low = self.lowered
            self._grams = frozenset([low[i : i + 3] for i in range(len(low) - 2)])
        return self._grams


_TEXT_CHARS = 2_000_000  # and at most this much text: a draft may hold a million characters
_TEXTS: dict[str, _Text] = {}
_held = [0]


def _text(text: str, lowered: str | None) -> _Text:
    found = _TEXTS.get(text)
    if found is None:
        if len(_TEXTS) >= _TEXT_CACHE or _held[0] + len(text) > _TEXT_CHARS:
            _TEXTS.clear()
            _held[0] = 0
        found = _TEXTS[text] = _Text(text, lowered)
        _held[0] += len(text)
    return found


def text_facts(text: str) -> _Text:
    """The lowered text, its three-letter substrings and whether it needs the regex anyway."""
    return _text(text, None)


def parse_source(source: str, flags: int) -> Any:
    """The regex parser's tree for a source (re._parser.parse)."""
    return _p.parse(source, flags & ~re.UNICODE)


def parsed_hints(parsed: Any) -> frozenset[str] | None:
    """source_hints() of a source already parsed (parse_source)."""
    return _sequence(parsed)


_Index = tuple[frozenset[str], dict[str, tuple[str, ...]]] | None


@cache
def _by_prefix(found: frozenset[str]) -> _Index:
    """The hints' first three letters and the hints under each; None for a set to test whole."""
    if len(found) <= SMALL_SET or min(map(len, found)) < 3:
        return None
    groups: dict[str, list[str]] = {}
    for hint in found:
        groups.setdefault(hint[:3], []).append(hint)
    return frozenset(groups), {prefix: tuple(hints) for prefix, hints in groups.items()}


def may_match(found: frozenset[str] | None, text: str, lowered: str | None = None) -> bool:
    """False only when no hint occurs in the text (so the pattern cannot match).

    A large hint set is first narrowed to the hints whose first three letters occur in the text
    (a set intersection): a hint cannot occur where its first three letters do not."""
    if found is None:
        return True
    facts = _text(text, lowered)
    if facts.folds:  # a character whose case partner is ASCII: always ask the regex
        return True
    low = facts.lowered
    index = _by_prefix(found)
    if index is None:
        return any(map(low.__contains__, found))  # C-level loop: no generator frames
    prefixes, groups = index
    for prefix in prefixes.intersection(facts.grams):
        for hint in groups[prefix]:
            if len(hint) == 3 or hint in low:
                return True
    return False


def occurring(
    found: frozenset[str], text: str, lowered: str | None = None
) -> frozenset[str] | None:
    """The hints of `found` that occur in the text, in one pass for many patterns' hints (then
    `hints.isdisjoint(result)` means a pattern cannot match); None when every pattern must be
    tried (the text holds a character whose case partner is ASCII)."""
    facts = _text(text, lowered)
    if facts.folds:
        return None
    low = facts.lowered
    grams = facts.grams
    return frozenset(
        hint for hint in found if hint[:3] in grams and (len(hint) == 3 or hint in low)
    )


def hint_span(found: frozenset[str], text: str) -> tuple[int, int] | None:
    """Where the hints of `found` occur in the text: the start of the first and the end of the
    last occurrence (a pattern with these hints can match only around them); None when none occurs
    or the lowered text is not aligned with the text (a character whose case changes length)."""
    facts = _text(text, None)
    low = facts.lowered
    if facts.folds or len(low) != len(text):
        return None
    starts = [at for hint in found if (at := low.find(hint)) != -1]
    if not starts:
        return None
    ends = [low.rfind(hint) + len(hint) for hint in found if hint in low]
    return min(starts), max(ends)
