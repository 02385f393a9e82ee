"""length.sentence — sentences over 25 words (warning) or 40 words (error).

One word over the warning limit (sentence_words_grace) is a suggestion: such a sentence is
usually still easy to read.

Guideline: Guide §4 Brevity is Key: "CEOs are busy. Get to the point quickly." Limits are
thresholds (sentence_words_warning, sentence_words_error) in critic/data/thresholds.yaml or config.
"""

from __future__ import annotations

import re

from critic.document import Document, Sentence
from critic.rules.base import Hit, Rule, sentence_hit

RULE = Rule("length.sentence", "length", "warning", "brevity", summary="long sentence")
RULES = (RULE,)

examples_fail = [
    "The model that we use to decide which card payments to refuse started refusing a much "
    "larger share of genuine orders on Saturday because a setting that I changed on Friday made "
    "it stricter for every order above two hundred euros.",
]
examples_pass = [
    "I changed a setting on Friday. It made the fraud model refuse 12,100 genuine orders.",
]

_SPLIT = re.compile(
    r"(?:;|,\s+(?:and|but|so|which|because|while|although)\b|\s+because\b|\s+so that\b)"
)


def _split_advice(sentence: Sentence) -> str:
    middle = len(sentence.text) / 2
    points = [m for m in _SPLIT.finditer(sentence.text)]
    if not points:
        return "Split it into two or three sentences of one idea each."
    best = min(points, key=lambda m: abs(m.start() - middle))
    before = sentence.text[: best.start()].split()[-4:]
    return f"Split it into shorter sentences, e.g. end one after “…{' '.join(before)}”."


def check(doc: Document) -> list[Hit]:
    limits = doc.thresholds
    hits: list[Hit] = []
    for sentence in doc.prose:
        words = sentence.words
        if words <= limits.sentence_words_warning:
            continue
        error = words > limits.sentence_words_error
        limit = limits.sentence_words_error if error else limits.sentence_words_warning
        slightly = words <= limits.sentence_words_warning + limits.sentence_words_grace
        hits.append(
            sentence_hit(
                sentence,
                RULE.id,
                f"This sentence has {words} words (limit {limit}).",
                _split_advice(sentence),
                severity="error" if error else "suggestion" if slightly else None,
            )
        )
    return hits
