"""Does the sentence before or after, in the same paragraph, give the size a sentence leaves vague?

Guideline: Guide §1 Quantify the Impact. Writers often open with the kind of harm and size it in
the next sentence ("The customer impact was significant data loss. 300,000 scoreboards were
lost."), or give the figure first and describe it after. A CEO reads the paragraph, not the
sentence, so a vague size word or an impact claim is answered when an adjacent sentence of the same
paragraph carries a size: a count, a percentage or money, or, for words that describe an outage
("degraded service"), a measured outage ("down for 8 hours and 14 minutes"). A date, a time of
day, a version number or an error code ("500 errors") never counts, and neither does a sentence
in another paragraph, list item or speaker turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from critic.coverage import sizes_something
from critic.figures import outage_duration

if TYPE_CHECKING:
    from critic.document import Document, Sentence


def gives_size(doc: Document, sentence: Sentence) -> bool:
    """The sentence carries a size figure (digits or number words, money, a percentage)."""
    figures = doc.figures(sentence)
    if figures.money:
        return True
    if not figures.numeric:
        return False
    text = doc.plain.text
    return any(
        (sizes_something(text, start, end) and any(ch.isdigit() for ch in text[start:end]))
        or text[start:end] == "%"
        for start, end in figures.quantity_spans
    )


def adjacent(doc: Document, sentence: Sentence) -> list[Sentence]:
    """The sentences just before and just after `sentence` in the same block."""
    sentences = doc.sentences
    position = sentence.index
    if not (0 <= position < len(sentences) and sentences[position] is sentence):
        position = next((i for i, s in enumerate(sentences) if s is sentence), -1)
        if position < 0:
            return []
    out = []
    for index in (position - 1, position + 1):
        if 0 <= index < len(sentences):
            other = sentences[index]
            if other.block is sentence.block and not other.is_question:
                out.append(other)
    return out


def neighbour_gives_size(doc: Document, sentence: Sentence, *, outage: bool = False) -> bool:
    """An adjacent sentence of the same paragraph sizes what `sentence` leaves vague. With
    `outage` (the vague words describe a service down or degraded), a measured outage next door
    ("down for 8 hours and 14 minutes") is the size too."""
    return any(
        gives_size(doc, other) or (outage and outage_duration(other.text))
        for other in adjacent(doc, sentence)
    )
