"""What a rule declares and what it returns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from critic.document import Document, Sentence

FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours|ourselves)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """A rule id with its family, default severity and the guideline it enforces."""

    id: str
    family: str
    severity: str
    guideline: str
    scope: str = (
        "sentence"  # "document": only whole documents (not fragments); file-level ignores only
    )
    summary: str = ""


@dataclass
class Hit:
    """A finding in plain-text offsets, before config, suppression and offset mapping."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str
    severity: str | None = None
    defines_term: bool = False  # this use explains the term for the rest of the draft


def sentence_hit(sentence: Sentence, rule: str, message: str, suggestion: str, **extra: str) -> Hit:
    """A hit spanning a whole sentence, without its final punctuation."""
    end = sentence.end
    while end > sentence.start + 1 and sentence.text[end - sentence.start - 1] in ".!?;:,":
        end -= 1
    return Hit(rule, sentence.start, end, message, suggestion, **extra)  # type: ignore[arg-type]


def match_hit(
    sentence: Sentence, match: re.Match[str], rule: str, message: str, suggestion: str
) -> Hit:
    """A hit for a regex match on `sentence.text`."""
    return Hit(
        rule, sentence.start + match.start(), sentence.start + match.end(), message, suggestion
    )


def masked(doc: Document, sentence: Sentence, match: re.Match[str]) -> bool:
    """True when the match falls inside inline code or a URL."""
    return doc.plain.is_masked(sentence.start + match.start(), sentence.start + match.end())


_NEGATION = re.compile(r"\b(?:not|never|no|nothing|none|nobody|n't)\b|n't\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–]|\b(?:and|but|because|so|although|while)\b", re.IGNORECASE)


def negated(text: str, start: int, phrase: str) -> bool:
    """True when a phrase is negated just before it in its clause ("this is not a minor glitch")."""
    if _NEGATION.search(phrase):
        return False
    clause = _CLAUSE_BREAK.split(text[:start])[-1]
    return bool(_NEGATION.search(" ".join(clause.split()[-5:])))


_QUOTED = re.compile(r"[“\"][^”\"]{3,}[”\"]|(?:(?<=\s)|^)['‘][^'’]{3,}?['’](?=[\s,.;:!?]|$)")


def quoted(text: str, start: int) -> bool:
    """True when `start` falls inside a quotation ("A customer wrote, 'nobody answered'"): the
    writer reports someone else's words, not their own framing."""
    return any(m.start() < start < m.end() for m in _QUOTED.finditer(text))


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def phrase_matches(
    doc: Document, pattern: re.Pattern[str], *, skip_negated: bool = False
) -> Iterator[tuple[Sentence, re.Match[str]]]:
    """Each match of a phrase list in the author's prose, outside code and URLs.

    With `skip_negated`, a phrase negated just before it ("this is not a minor glitch") is left out.
    """
    for sentence in doc.prose:
        for match in pattern.finditer(sentence.text):
            if masked(doc, sentence, match):
                continue
            if skip_negated and negated(sentence.text, match.start(), match.group(0)):
                continue
            yield sentence, match


_GENERIC_MODALS = {"can", "may", "might"}


def generic_statement(doc: Document, sentence: Sentence, start: int) -> bool:
    """The words at `start` (offset in the sentence) sit in a general truth, not in this
    incident: their verb takes "can", "may" or "might" ("Several root causes can display similar
    symptoms", "a failure can stem from many causes, such as traffic spikes")."""
    if not doc.has_parse:
        return False
    offset = sentence.start + start
    token = next(
        (
            t
            for t in sentence.span
            if sentence.plain_range(t)[0] <= offset < sentence.plain_range(t)[1]
        ),
        None,
    )
    steps = 0
    while token is not None and steps < 8:
        if token.tag_.startswith(("VB", "MD")) and token.dep_ not in {"aux", "auxpass"}:
            return any(
                c.dep_ == "aux" and c.lower_ in _GENERIC_MODALS for c in token.children
            ) and not any(c.lower_ == "have" for c in token.children if c.dep_ == "aux")
        if token.head.i == token.i:
            return False
        token, steps = token.head, steps + 1
    return False
