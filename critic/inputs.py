"""What text the critic accepts, checked before any parsing, each problem one line.

* text, not empty, at most `max_input_chars` characters (critic/data/limits.yaml, 1,000,000);
* no lone surrogate (it cannot be encoded, so spaCy and every writer would fail on it);
* no control character anywhere (NUL, escape codes...; tab, newline, carriage return, form feed
  and vertical tab are fine): a control character means binary data or a terminal capture;
* kind is one of auto, briefing, script, qa.

The engine raises InputError with these messages; the CLI and the app show them as they are.
"""

from __future__ import annotations

import re
from functools import cache

from critic import resources

KINDS = ("auto", "briefing", "script", "qa")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@cache
def max_input_chars() -> int:
    """The documented size limit, in characters."""
    return int(resources.load("limits")["max_input_chars"])


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def size_problem(length: int, *, unit: str = "characters") -> str | None:
    """A message when `length` is over the limit (checked before reading or parsing)."""
    limit = max_input_chars()
    if length > limit:
        return (
            f"the text is too long ({length:,} {unit}; the limit is {limit:,} characters). "
            "Split it, or critique the briefing without its appendices"
        )
    return None


def text_problem(text: object) -> str | None:
    """Why `text` cannot be reviewed, or None."""
    if not isinstance(text, str):
        return f"expected text (str), got {type(text).__name__}"
    if problem := size_problem(len(text)):
        return problem
    if not text.strip():
        return "the draft is empty"
    if "\x00" in text:
        return "the input looks like binary data, not text (it contains NUL bytes)"
    if control := _CONTROL.search(text):
        return (
            f"the input contains a control character (U+{ord(control.group()):04X}) at "
            f"{_where(text, control.start())}; it looks like binary data or a terminal "
            "capture: remove it, or save the text as plain UTF-8"
        )
    if surrogate := _SURROGATE.search(text):
        return (
            f"the input contains an invalid character (lone surrogate "
            f"U+{ord(surrogate.group()):04X}) at {_where(text, surrogate.start())}; "
            "save the text as valid UTF-8"
        )
    return None


def kind_problem(kind: object) -> str | None:
    """Why `kind` is not a kind the critic knows, or None."""
    if kind not in KINDS:
        return f"unknown kind {kind!r}: use one of {', '.join(KINDS)}"
    return None
