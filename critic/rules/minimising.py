"""blame.minimising — shrinking the problem ("only a minor glitch", "a small hiccup", "merely").

Guideline: Guide §4 Ownership and Accountability: "Don't deflect blame. Take ownership of the
situation." Playing an incident down is a quiet way of not owning it; the CEO wants its size in
figures instead (Guide §1 Quantify the Impact). Phrases live in critic/data/blame.yaml.
"""

from __future__ import annotations

import re

from critic import resources
from critic.document import Document
from critic.rules.base import Hit, Rule, phrase_matches

RULE = Rule("blame.minimising", "blame", "warning", "ownership", summary="plays the problem down")
RULES = (RULE,)

examples_fail = [
    "It was only a minor glitch.",
    "This was just a small hiccup in the pricing model.",
    "We had a bit of an issue with the fraud model.",
    "The impact was merely on some orders.",
]
examples_pass = [
    "The pricing error affected 3,400 customers and will cost about $62,000 in refunds.",
    "We just finished the rollback at 3 pm.",
    "Only 2% of orders were affected, 1,150 in total.",
    "This is not a minor glitch: it cost us $210,000.",
    "The S3 team was debugging a minor issue when the outage began at 9:37.",
]


def check(doc: Document) -> list[Hit]:
    phrases = resources.pattern("blame", "minimising")
    return [
        Hit(
            RULE.id,
            sentence.start + match.start(),
            sentence.start + match.end(),
            f"“{match.group(0)}” plays the problem down.",
            "State its size plainly with the figures (customers, money, days) and let the "
            "CEO judge how big it is.",
        )
        for sentence, match in phrase_matches(doc, phrases, skip_negated=True)
        if not _TASK_BEFORE.search(sentence.text[max(0, match.start() - 40) : match.start()])
    ]


# "The team was debugging a minor issue when…": the task under way before the incident, not the
# incident played down.
_TASK_BEFORE = re.compile(
    r"\b(?:debugging|investigating|fixing|working\s+on|looking\s+into|troubleshooting|"
    r"addressing|resolving)\s+(?:a|an|the|some)?\s*$",
    re.IGNORECASE,
)
