"""Readability: Flesch-Kincaid grade and Flesch reading ease of the author's prose.

The formulas are textstat 0.7.8's (0.39·words/sentence + 11.8·syllables/word − 15.59 for the grade;
206.835 − 1.015·words/sentence − 84.6·syllables/word for reading ease). By default the critic counts
syllables with pyphen (textstat's own fallback for words missing from its dictionary) and sentences
with its own Markdown-aware segmentation, because textstat loads the 134,000-word CMU dictionary on
first use (about 1.4 s), which alone would break the 2 s budget for a cold `brief critique`. Set
`readability = "textstat"` in the config to call textstat 0.7.8 itself (CMU dictionary, its own
sentence counting on the prose with full stops added).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from critic.document import Document, Sentence

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'-]*")


@cache
def _hyphenator():
    from critic.hyphenation_cache import hyphenator

    return hyphenator()  # pyphen.Pyphen(lang="en_US"), parsed patterns kept on disk


_SILENT_END = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")
_VOWEL_GROUPS = re.compile(r"[aeiouy]{1,2}")


def _vowel_groups(word: str) -> int:
    if len(word) <= 3:
        return 1
    return max(1, len(_VOWEL_GROUPS.findall(_SILENT_END.sub("", word).removeprefix("y"))))


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in a word: the larger of pyphen's hyphenation and a vowel-group count (closer to
    the CMU dictionary than either alone: mean error 0.07 syllables a word on the guide's text)."""
    word = word.lower().strip("’'-")
    if not word:
        return 0
    if word.isdigit():
        return max(1, len(word) // 2)
    return max(len(_hyphenator().positions(word)) + 1, _vowel_groups(word))


def _with_stop(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def _counts(sentences: list[Sentence]) -> tuple[int, int, int]:
    words = syllable_total = count = 0
    for sentence in sentences:
        found, syllables_in = _sentence_counts(sentence.text)
        if not found:
            continue
        count += 1
        words += found
        syllable_total += syllables_in
    return count, words, syllable_total


@lru_cache(maxsize=16384)
def _sentence_counts(text: str) -> tuple[int, int]:
    """Words and syllables in one sentence (kept by its text: a re-check counts only new ones)."""
    tokens = _WORD.findall(text)
    return len(tokens), sum(syllables(token) for token in tokens)


def _formulas(sentences: list[Sentence]) -> tuple[float, float] | None:
    count, words, syllable_total = _counts(sentences)
    if not count or not words:
        return None
    per_sentence = words / count
    per_word = syllable_total / words
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return round(grade, 2), round(ease, 2)


def prose_text(doc: Document) -> str:
    cached = doc.cache.get("prose_text")
    if cached is None:
        cached = " ".join(_with_stop(s.text) for s in doc.spoken if s.text.strip())
        doc.cache["prose_text"] = cached
    return cached


def _scores(doc: Document) -> tuple[float, float] | None:
    if "readability" not in doc.cache:
        if doc.config.readability == "textstat":
            import textstat

            text = prose_text(doc)
            doc.cache["readability"] = (
                (
                    float(textstat.flesch_kincaid_grade(text)),
                    float(textstat.flesch_reading_ease(text)),
                )
                if text
                else None
            )
        else:
            doc.cache["readability"] = _formulas(doc.spoken)
    return doc.cache["readability"]


def prose_grade(doc: Document) -> float | None:
    scores = _scores(doc)
    return scores[0] if scores else None


def reading_ease(doc: Document) -> float | None:
    scores = _scores(doc)
    return scores[1] if scores else None


def hardest_sentence(doc: Document) -> Sentence | None:
    """The hardest sentence by grade, among sentences of ordinary length when there are any: a
    short sentence's grade swings on one long word."""
    candidates = [s for s in doc.prose if s.words >= doc.thresholds.grade_sentence_min_words] or [
        s for s in doc.prose if s.words >= 5
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (_formulas([s]) or (0.0, 0.0))[0])
