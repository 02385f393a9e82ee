"""length.paragraph — paragraphs (or speaker turns, list items) over ~100 words.

Guideline: Guide §4 Respect for Time: "Don't waste the CEO's time with unnecessary information."
A wall of text hides the point; the limit is paragraph_words_warning in thresholds.
"""

from __future__ import annotations

from critic.document import Document
from critic.rules.base import Hit, Rule

RULE = Rule(
    "length.paragraph",
    "length",
    "warning",
    "respect_time",
    scope="document",
    summary="long paragraph",
)
RULES = (RULE,)

_LONG = (
    "The fraud model refused genuine orders. Customers called us. We checked the logs. "
    "We found a setting change. We rolled it back. We refunded fees. We called partners. "
)
examples_fail = [(_LONG * 4).strip()]
examples_pass = [
    "Our fraud model refused 12,100 genuine orders over 4 days, costing about €180,000 in lost "
    "sales.\n\nI approved the setting change that caused it, and we restored the old setting on "
    "Tuesday at 4 pm.\n\nWe will test every change on a week of orders from 10 December."
]


def check(doc: Document) -> list[Hit]:
    limit = doc.thresholds.paragraph_words_warning
    totals: dict[int, list] = {}
    for sentence in doc.prose:
        totals.setdefault(id(sentence.block), []).append(sentence)
    hits: list[Hit] = []
    for sentences in totals.values():
        words = sum(s.words for s in sentences)
        if words <= limit:
            continue
        hits.append(
            Hit(
                RULE.id,
                sentences[0].start,
                sentences[-1].end,
                f"This paragraph has {words} words (limit {limit}).",
                "Break it up: one point per short paragraph, or a list of steps with dates.",
            )
        )
    return hits
