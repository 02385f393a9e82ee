"""Does the next sentence, in the same paragraph, give the size a sentence leaves vague?

Guideline: Guide §1 Quantify the Impact. Writers often open with the kind of harm and size it in
the next sentence ("The customer impact was significant data loss. 300,000 scoreboards were
lost."). A CEO reads the paragraph, not the sentence, so a vague size word or an impact claim is
answered when the next sentence of the same paragraph carries a size: a count, a percentage or
money, or, for words that describe an outage ("degraded service"), a measured outage ("down for 8
hours and 14 minutes"). A date, a time of day, a version number or an error code ("500 errors")
never counts, and neither does a sentence in another paragraph, list item or speaker turn. Only
the sentence after counts, and only on the same plain-text line: the incremental checker re-checks
a sentence when the next sentence on its line (or the 80 characters after it) changes, not when an
earlier sentence or another line does.
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
    """The sentence just after `sentence` on the same line of the same block.

    Only the one after: the incremental checker keys a sentence's hits on its text up to 80
    characters past the next sentence on its line (critic.incremental.sentence_key), so that
    sentence is part of the key, while an earlier one, or one on another line, could change
    unseen."""
    sentences = doc.sentences
    position = sentence.index
    if not (0 <= position < len(sentences) and sentences[position] is sentence):
        position = next((i for i, s in enumerate(sentences) if s is sentence), -1)
        if position < 0:
            return []
    if position + 1 >= len(sentences):
        return []
    other = sentences[position + 1]
    same_line = "\n" not in doc.plain.text[sentence.base : other.end]
    if other.block is sentence.block and same_line and not other.is_question:
        return [other]
    return []


def neighbour_gives_size(doc: Document, sentence: Sentence, *, outage: bool = False) -> bool:
    """An adjacent sentence of the same paragraph sizes what `sentence` leaves vague. With
    `outage` (the vague words describe a service down or degraded), a measured outage next door
    ("down for 8 hours and 14 minutes") is the size too."""
    return any(
        gives_size(doc, other) or (outage and outage_duration(other.text))
        for other in adjacent(doc, sentence)
    )
