"""Terms the draft itself explains: acronyms spelled out ("Google Cloud Platform (GCP)", "GCP
(Google Cloud Platform)", or the full name in capitals anywhere: "the Northern Region… NR") and
terms defined in brackets or with "meaning" at an earlier use. A term explained once is explained
(Guide §2: explain a term once, in words the CEO uses), so its jargon findings become suggestions.
This reads the whole document, so the engine applies it after the per-sentence rules (the
incremental Checker stays exact).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from critic import resources
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


def named_in_full(acronym: str, text: str) -> bool:
    """The draft names what the acronym stands for in capitalised words, with or without brackets
    ("…the Northern Region was importing power… NR tripped"): each capitalised word gives one
    letter, in order; small words ("of", "and") may sit between."""
    letters = [ch for ch in acronym.upper() if ch.isalpha()]
    if len(letters) < 2:
        return False
    pattern = r"\b" + r"\s+(?:(?:of|and|the|for|to|on|in|&)\s+)?".join(
        rf"{letter}[a-z][\w'’-]*" for letter in letters
    )
    return re.search(pattern + r"\b", text) is not None


def _defined_term(term: str, plain: str, before: int) -> bool:
    """A glossary term the draft defined at an earlier use: "replica servers (servers that hold
    copies of the index)", "a canary, meaning a small test release"."""
    stem = re.escape(term.rstrip("s").lower())
    pattern = (
        rf"\b{stem}s?(?:\s+\w+)?\s*"
        r"(?:\(|,\s*(?:meaning|which\s+means|i\.e\.|that\s+is)\b|\s+means\b)"
    )
    return re.search(pattern, plain[:before].lower()) is not None


def _stem(words: str) -> str:
    return " ".join(w.rstrip("s") for w in words.lower().split())


def _explained_at(hits: list[Hit], plain: str) -> dict[str, int]:
    """Where the draft first defines each term in place (a jargon hit its rule marked as defining
    the term: brackets, "meaning", its plain kind right after it; see jargon_term)."""
    first: dict[str, int] = {}
    for hit in hits:
        if hit.defines_term:  # set only by jargon.term
            stem = _stem(plain[hit.start : hit.end])
            first[stem] = min(first.get(stem, hit.start), hit.start)
    return first


_TOOL_NAME_RULE = "jargon.acronym"  # tool and product names by word shape ("MapLine")
_NOT_A_MODIFIER = r"(?!(?:that|which|who|is|was|were|are|has|had|and|or|but)\b)"


def _sentence_end(plain: str, offset: int) -> int:
    match = re.compile(r"[.!?](?:\s|$)|\n\s*\n").search(plain, offset)
    return match.end() if match else len(plain)


def named_with_its_kind(name: str, plain: str, before: int) -> bool:
    """A name the draft gives with a plain word for what it is, here or earlier ("our QuickLoan
    credit model", "the traffic service we buy from MapLine", "MapLine, our traffic supplier"):
    the CEO knows what kind of thing it is (kind_nouns in critic/data/jargon.yaml)."""
    kinds = resources.load("jargon")["kind_nouns"]
    name = re.escape(name)
    pattern = (
        rf"\b{name}(?:['’]s)?\s+(?:{_NOT_A_MODIFIER}[a-z][\w-]*\s+){{0,2}}(?:{kinds})\b"
        rf"|\b(?:{kinds})\s+(?:[a-z][\w'’-]*\s+){{0,4}}(?:from|by|of|at|with)\s+{name}\b"
        rf"|\b{name},\s+(?:our|the|a|an|their)\s+(?:[a-z][\w-]*\s+){{0,3}}(?:{kinds})\b"
        rf"|\b(?:{kinds}),\s+{name}\b"  # "their infrastructure provider, MacStadium"
    )
    return re.search(pattern, plain[:before]) is not None


def soften_defined(hits: list[Hit], plain: str, is_jargon: Callable[[str], bool]) -> list[Hit]:
    """Jargon hits on a term the draft explains elsewhere become suggestions (plain-text offsets):
    an acronym spelled out ("Elastic Block Store (EBS)", or just "the Northern Region… NR"), or a
    term defined in brackets or with "meaning" at an earlier use."""
    candidates = [h for h in hits if is_jargon(h.rule) and h.severity != "suggestion"]
    defined = spelled_out(plain) if candidates else set()
    explained = _explained_at(hits, plain) if candidates else {}
    for hit in candidates:
        words = plain[hit.start : hit.end]
        if explained.get(_stem(words), len(plain)) < hit.start:
            hit.severity = "suggestion"
            hit.message = (
                f"“{words}” is explained earlier in the draft; plain words are still shorter for "
                "the CEO."
            )
            continue
        first = words.split()[0] if words.split() else words
        bare = first[:-1] if first.endswith("s") and first[:-1].isupper() else first
        acronym = bare.isupper() and len(bare) >= 2
        if acronym and (bare.upper() in defined or named_in_full(bare, plain)):
            hit.severity = "suggestion"
            hit.message = (
                f"“{words}” is spelled out elsewhere in the draft; plain words are still shorter "
                "for the CEO."
            )
        elif (
            not acronym
            and hit.rule == _TOOL_NAME_RULE
            and words[:1].isupper()
            and named_with_its_kind(words, plain, _sentence_end(plain, hit.end))
        ):
            hit.severity = "suggestion"
            hit.message = (
                f"“{words}” is named with what it is; say what it does for the business if the CEO "
                "may not know it."
            )
        elif not acronym and _defined_term(words, plain, hit.start):
            hit.severity = "suggestion"
            hit.message = (
                f"“{words}” is explained earlier in the draft; plain words are still shorter for "
                "the CEO."
            )
    return hits
