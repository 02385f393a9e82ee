"""A long word list searched through only the alternatives a text can hold.

A phrase list from a data file compiles to one alternation, `(?<!…)(?:a|b|…)(?!…)`, and Python's
regex engine tries every alternative at every word start. Each alternative has its own literal
hints (critic.literal_hints); in a given sentence only the few whose hints occur can match. The
leftmost match of an alternation is the leftmost of its alternatives' leftmost matches, the
earliest-listed alternative winning a tie, and the text after a match never depends on where the
search began (a lookbehind still sees the characters before it), so searching those few
alternatives, each compiled on its own with the same prefix and suffix, gives the same matches
(same start, end and text) as the whole alternation. Used only for alternations without groups
(numbered groups would shift), and only when few alternatives remain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from critic.literal_hints import parse_source, parsed_hints, text_facts

MIN_ALTERNATIVES = 8  # fewer: the whole alternation is cheap enough
MAX_SELECTED = 6  # more alternatives possible in a text: search the whole alternation


def split_alternatives(body: str, verbose: bool) -> list[str] | None:
    """`body` cut at its top-level `|` (outside groups, classes, escapes and verbose comments);
    None when it cannot be read with confidence."""
    pieces: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(body)
    while i < n:
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":  # a class: ']' first (or after '^') is a literal
            i += 1
            if i < n and body[i] == "^":
                i += 1
            if i < n and body[i] == "]":
                i += 1
            while i < n and body[i] != "]":
                i += 2 if body[i] == "\\" else 1
            if i >= n:
                return None
        elif verbose and char == "#":
            end = body.find("\n", i)
            if end == -1:
                return None
            i = end
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            pieces.append(body[start:i])
            start = i + 1
        i += 1
    if depth != 0 or i != n:
        return None
    pieces.append(body[start:])
    return pieces


class Alternatives:
    """The alternatives of `prefix(?:body)suffix`, each with its hints; see the module doc."""

    def __init__(
        self,
        prefix: str,
        pieces: list[str],
        suffix: str,
        flags: int,
        piece_hints: list[frozenset[str] | None],
    ) -> None:
        self.prefix = prefix
        self.pieces = pieces
        self.suffix = suffix
        self.flags = flags
        self.always: tuple[int, ...] = ()  # alternatives without hints: always searched
        by_hint: dict[str, list[int]] = {}
        always = []
        for index, found in enumerate(piece_hints):
            if found is None:
                always.append(index)
                continue
            for hint in found:
                by_hint.setdefault(hint, []).append(index)
        self.always = tuple(always)
        self.by_prefix: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        self.short: list[tuple[str, tuple[int, ...]]] = []
        for hint, indexes in by_hint.items():
            entry = (hint, tuple(indexes))
            if len(hint) < 3:
                self.short.append(entry)
            else:
                self.by_prefix.setdefault(hint[:3], []).append(entry)
        self.prefixes = frozenset(self.by_prefix)
        self._compiled: dict[int, re.Pattern[str]] = {}

    def selected(self, text: str) -> list[int] | None:
        """The alternatives that may match in `text`, in list order; None: use the whole."""
        facts = text_facts(text)
        if facts.folds or len(self.always) > MAX_SELECTED:
            return None
        low = facts.lowered
        chosen = set(self.always)
        for prefix in self.prefixes.intersection(facts.grams):
            for hint, indexes in self.by_prefix[prefix]:
                if len(hint) == 3 or hint in low:
                    chosen.update(indexes)
        for hint, indexes in self.short:
            if hint in low:
                chosen.update(indexes)
        if len(chosen) > MAX_SELECTED:
            return None
        return sorted(chosen)

    def compiled(self, index: int) -> re.Pattern[str]:
        found = self._compiled.get(index)
        if found is None:
            source = f"{self.prefix}(?:{self.pieces[index]}){self.suffix}"
            found = self._compiled[index] = re.compile(source, self.flags)
        return found

    def search(self, chosen: list[int], string: str, pos: int, endpos: int) -> re.Match[str] | None:
        if not chosen:
            return None
        best: re.Match[str] | None = None
        for index in chosen:  # list order: an earlier alternative wins a tie
            found = self.compiled(index).search(string, pos, endpos)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def finditer(
        self, chosen: list[int], string: str, pos: int, endpos: int
    ) -> Iterator[re.Match[str]]:
        """Like Pattern.finditer: each match, then the next from its end (no alternative matches
        an empty string, see alternatives_of)."""
        if not chosen:
            return
        upcoming: dict[int, re.Match[str] | None] = {}
        while pos <= endpos:
            best: re.Match[str] | None = None
            for index in chosen:
                found = upcoming.get(index, False)
                if found is False or (found is not None and found.start() < pos):
                    found = upcoming[index] = self.compiled(index).search(string, pos, endpos)
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return
            yield best
            pos = best.end()


def alternatives_of(source: str, prefix: str, suffix: str, flags: int) -> Alternatives | None:
    """The Alternatives of a `prefix(?:body)suffix` source, or None when not worth it or unsure."""
    if not (source.startswith(prefix + "(?:") and source.endswith(")" + suffix)):
        return None
    body = source[len(prefix) + 3 : len(source) - len(suffix) - 1]
    pieces = split_alternatives(body, bool(flags & re.VERBOSE))
    if pieces is None or len(pieces) < MIN_ALTERNATIVES:
        return None
    piece_hints = []
    try:
        for piece in pieces:  # each must stand on its own, without groups or an empty match
            parsed = parse_source(f"(?:{piece})", flags)
            if parsed.state.groups > 1 or parsed.getwidth()[0] == 0:
                return None
            piece_hints.append(parsed_hints(parsed))  # (the lookarounds hold no literal)
    except (re.error, OverflowError):
        return None
    return Alternatives(prefix, pieces, suffix, flags, piece_hints)
