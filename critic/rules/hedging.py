"""blame.hedging — "appears to", "might", "we believe": statements the CEO cannot rely on.

Guideline: Guide §4 Confidence and Composure: "Maintain a calm and confident demeanor, even under
pressure." Hedging is advisory only (severity suggestion): sometimes you truly do not know yet, and
then the better move is to say what you know and when you will know the rest.
"""

from __future__ import annotations

from critic import resources
from critic.document import Document
from critic.rules.base import Hit, Rule, phrase_matches

RULE = Rule("blame.hedging", "blame", "suggestion", "composure", summary="hedged statement")
RULES = (RULE,)

examples_fail = [
    "The root cause appears to be a change in user behaviour.",
    "We believe the model might be overfitting.",
    "This could be related to the holiday sale.",
]
examples_pass = [
    "The root cause is a change in user behaviour after the holiday sale.",
    "We will know the full cause by Friday 4 December.",
    "The refunds will be paid by 5 May.",
]


def check(doc: Document) -> list[Hit]:
    phrases = resources.pattern("blame", "hedging")
    return [
        Hit(
            RULE.id,
            sentence.start + match.start(),
            sentence.start + match.end(),
            f"“{match.group(0)}” hedges: it sounds unsure.",
            "State what you know plainly; if something is still unknown, say when you will "
            "know (e.g. “We will confirm the cause by Friday”).",
        )
        for sentence, match in phrase_matches(doc, phrases)
    ]
