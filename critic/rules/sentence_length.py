"""length.sentence — sentences over 25 words (warning) or 40 words (error).

One word over the warning limit (sentence_words_grace) is a suggestion: such a sentence is
usually still easy to read. A time stamp opening a timeline line is not counted.

Guideline: Guide §4 Brevity is Key: "CEOs are busy. Get to the point quickly." Limits are
thresholds (sentence_words_warning, sentence_words_error) in critic/data/thresholds.yaml or config.
"""

from __future__ import annotations

import re

from critic import resources
from critic.document import Document, Sentence, is_word
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

# A time stamp opening a timeline line ("| 2022-03-18 09:15 | John evaluated…") is not counted.
_ZONES = {"AM", "PM", "am", "pm", "UTC", "GMT", "PST", "PDT", "EST", "EDT", "CET", "CEST", "BST"}
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


def _leading_stamps(sentence: Sentence) -> int:
    """Words of a label opening a line: a time stamp ("2022-03-18 09:15 |", "2:50 PM:": the
    figures and zone names before the first word with a letter), a whole dated label up to its
    colon or bar ("10:15 AM UTC, April 10th:", "December 14, 2023, 9:45 AM (UTC):"), or a field
    label ("Root cause and resolution:"), which reads as a heading."""
    label = _dated_label(sentence)
    if label:
        return label
    field = sentence.block.label  # "Root cause and resolution: The root cause was …"
    if field and sentence.start == sentence.block.start and sentence.text.startswith(field):
        return len(field.split())
    count = 0
    for token in sentence.span:
        if token.text in _ZONES or (
            any(ch.isdigit() for ch in token.text) and not any(ch.isalpha() for ch in token.text)
        ):
            count += 1 if is_word(token) or token.text in _ZONES else 0
        elif any(ch.isalpha() for ch in token.text):
            break
    return count


_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
_LABEL_WORDS = 8  # a dated label is at most this many words before its colon or bar


def _dated_label(sentence: Sentence) -> int:
    """Words of a label made only of a date and time, ended by ":" or "|" (0 when there is none)."""
    calendar = resources.pattern("numbers", "months")
    days = resources.pattern("numbers", "weekdays")
    count, dated = 0, False
    for token in sentence.span:
        text = token.text
        if text in {":", "|", "):", "|:"}:
            return count if dated and count else 0
        if count > _LABEL_WORDS:
            return 0
        if any(ch.isdigit() for ch in text):
            if any(ch.isalpha() for ch in text) and not _ORDINAL.fullmatch(text):
                return 0
            dated = True
        elif not (
            text in _ZONES
            or calendar.fullmatch(text.lower().rstrip("."))
            or days.fullmatch(text.lower().rstrip("."))
            or text.lower() in {"at", "on", "from", "to", "hrs", "h"}
            or not is_word(token)
        ):
            return 0
        count += 1 if is_word(token) else 0
    return 0


def check(doc: Document) -> list[Hit]:
    limits = doc.thresholds
    hits: list[Hit] = []
    for sentence in doc.prose:
        words = sentence.words - _leading_stamps(sentence)
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
