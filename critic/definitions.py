"""Acronyms the draft itself spells out: "Google Cloud Platform (GCP)" or "GCP (Google Cloud
Platform)". Uses of a spelled-out acronym are explained (Guide §2: explain a term once, in words the
CEO uses), so their jargon findings become suggestions. This reads the whole document, so the engine
applies it after the per-sentence rules (the incremental Checker stays exact).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from critic.rules.base import Hit

_EXPANSION_THEN_ACRONYM = re.compile(
    r"(?P<words>(?:[A-Za-z][\w'’.-]*\s+){1,6}?)\((?P<acronym>[A-Z][A-Za-z0-9&]{1,9})s?\)"
)
_ACRONYM_THEN_EXPANSION = re.compile(
    r"\b(?P<acronym>[A-Z][A-Z0-9&]{1,9})s?\s*\((?P<words>[^()]{6,80})\)"
)


def _initials_match(acronym: str, words: str) -> bool:
    """The words spell the acronym's letters in order ("Elastic Block Store" -> EBS)."""
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z][\w'’.-]*", words)]
    letters = [ch for ch in acronym.upper() if ch.isalpha()]
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return bool(letters)


def spelled_out(text: str) -> set[str]:
    """Acronyms defined somewhere in `text`, upper-cased."""
    found: set[str] = set()
    for match in _EXPANSION_THEN_ACRONYM.finditer(text):
        if _initials_match(match.group("acronym"), match.group("words")):
            found.add(match.group("acronym").upper())
    for match in _ACRONYM_THEN_EXPANSION.finditer(text):
        if len(match.group("words").split()) >= 2:
            found.add(match.group("acronym").upper())
    return found


def soften_defined(hits: list[Hit], plain: str, is_jargon: Callable[[str], bool]) -> list[Hit]:
    """Jargon hits on an acronym the draft spells out become suggestions (plain-text offsets)."""
    candidates = [h for h in hits if is_jargon(h.rule) and h.severity != "suggestion"]
    defined = spelled_out(plain) if candidates else set()
    if not defined:
        return hits
    for hit in candidates:
        words = plain[hit.start : hit.end]
        bare = words[:-1] if words.endswith("s") else words
        if bare.isupper() and bare.upper() in defined:
            hit.severity = "suggestion"
            hit.message = (
                f"“{words}” is spelled out elsewhere in the draft; plain words are still shorter "
                "for the CEO."
            )
    return hits
