"""structure.ceo-priorities — the impact is not stated in terms of what the CEO measures.

Guideline: Guide §4 Understand the CEO's Priorities: "Tailor your explanation to align with the
CEO's key performance indicators (KPIs) and strategic objectives. If they are focused on cost
reduction, emphasize the financial impact." Active only when the config names the priorities
(`ceo_priorities`); the impact sentences must mention at least one of them.
"""

from __future__ import annotations

import re

from critic.coverage import analyse, lead_sentences
from critic.document import Document
from critic.rules.base import Hit, Rule

RULE = Rule(
    "structure.ceo-priorities",
    "structure",
    "warning",
    "priorities",
    scope="document",
    summary="not in the CEO's terms",
)
RULES = (RULE,)

# Examples here run with ceo_priorities = {"revenue": ["revenue", "sales"]} (see EXAMPLE_CONFIG).
EXAMPLE_CONFIG = {"ceo_priorities": {"revenue": ["revenue", "sales"]}}
examples_fail = [
    "Our fraud model refused 12,100 genuine orders over 4 days. I approved the setting change that "
    "caused it. We restored the old setting on Tuesday at 4 pm.",
]
examples_pass = [
    "Our fraud model refused 12,100 genuine orders over 4 days, about €180,000 in lost sales. I "
    "approved the setting change that caused it. We restored the old setting on Tuesday at 4 pm.",
]


def _pattern(words: list[str]) -> re.Pattern[str]:
    body = "|".join(
        re.escape(word.strip()).replace(r"\ ", r"[\s-]+") for word in words if word.strip()
    )
    return re.compile(rf"\b(?:{body})(?:s|es|ed|ing)?\b", re.IGNORECASE)


def check(doc: Document) -> list[Hit]:
    priorities = doc.config.ceo_priorities
    if not priorities:
        return []
    coverage = analyse(doc)
    sentences = coverage.impact_sentences or lead_sentences(doc)[:2]
    if not sentences:
        return []
    patterns = [_pattern([name, *words]) for name, words in priorities.items()]
    if any(p.search(s.text) for p in patterns for s in sentences):
        return []
    names = " or ".join(priorities)
    return [
        Hit(
            RULE.id,
            sentences[0].start,
            sentences[0].end,
            f"The impact is not in the CEO's terms: say what it means for {names}.",
            f"Restate the impact as its effect on {names}, with a figure.",
        )
    ]
