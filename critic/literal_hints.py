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


@cache
def hints(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lowercase literals, one of which every match of `pattern` contains; None if unknown."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except Exception:  # an exotic pattern: no prefilter
        return None
    return _sequence(parsed)


def may_match(found: frozenset[str] | None, text: str, lowered: str | None = None) -> bool:
    """False only when no hint occurs in the text (so the pattern cannot match)."""
    if found is None:
        return True
    lowered = text.lower() if lowered is None else lowered
    if any(map(lowered.__contains__, found)):  # C-level loop: no generator frames
        return True
    return not text.isascii() and any(char in text for char in _FOLDS_TO_ASCII)
