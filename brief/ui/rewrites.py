"""One-click fixes: which findings carry a plain rewrite of the flagged words, and applying it.

A suggestion is a *plain rewrite* when it offers exactly one replacement in quotes, introduced
as the thing to say ("Say “a drop in accuracy” (…)", "Own it in the first person: “we set the
threshold too high”"), with no "…" to fill in and no "e.g." (an example is advice, not a
rewrite). Everything else stays advice: the user edits the text by hand.

No streamlit here.
"""

from __future__ import annotations

import re
from typing import Protocol

_LEAD = re.compile(
    r"^(?:Say|Use|Write|Own it in the first person|Replace it with|Replace with)\s*:?\s*"
    r"[“\"]([^”\"]+)[”\"]"
)


class _Finding(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def suggestion(self) -> str: ...


def plain_rewrite(finding: _Finding, text: str) -> str | None:
    """The replacement for `text[start:end]`, or None when the suggestion is advice."""
    suggestion = (finding.suggestion or "").strip()
    match = _LEAD.match(suggestion)
    if match is None:
        return None
    replacement = match.group(1).strip()
    if not replacement or "…" in replacement or "..." in replacement:
        return None
    original = text[finding.start : finding.end]
    if not original.strip() or original == replacement:
        return None
    return _match_case(original, replacement)


def _match_case(original: str, replacement: str) -> str:
    """Keep a capital at the start of a sentence; lower-case a capital the original lacked."""
    first = original.lstrip()[:1]
    if first.isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    if (
        first.islower()
        and replacement[:1].isupper()
        and not replacement[:2].isupper()
        and not replacement.startswith("I ")
    ):
        return replacement[:1].lower() + replacement[1:]
    return replacement


def apply_rewrite(text: str, start: int, end: int, replacement: str) -> str:
    """The text with text[start:end] (the critic's offsets) replaced."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return text[:start] + replacement + text[end:]
