"""numbers.unsupported — a figure that cannot be traced to the incident facts.

Guideline: Guide §1 Quantify the Impact: "Use concrete numbers" (and they must be the true ones:
a figure the facts do not hold is a guess the CEO will repeat). Runs only when `review()` is given
the facts. Money, percentages, counts, durations, dates and times are compared with the facts
(critic.grounding): rounding and unit changes ("2.1M" for 2,100,000) match; a figure one step of
arithmetic away (a share of two counts, a change, a sum) is allowed with a suggestion that says how
it was derived, so the reader can check it.
"""

from __future__ import annotations

from critic import grounding
from critic.document import Document
from critic.rules.base import Hit, Rule

RULE = Rule("numbers.unsupported", "numbers", "error", "quantify", summary="figure not in facts")
RULES = (RULE,)
READS_DOCUMENT = True  # the facts are the document's, not the sentence's: never kept per sentence

EXAMPLE_FACTS = {
    "impact": {
        "money": {"amount": 50000, "currency": "USD"},
        "orders_affected": 3200,
        "orders_total": 16000,
    },
    "mitigation": [{"due": "2026-12-04", "resources": "2 engineers for 1 week"}],
}
examples_fail = [
    "The failure cost us $9.8 million in lost sales this week.",
    "It affected 7,777 orders before we stopped it.",
    "We will retrain the model by Friday 11 December.",
    "We will retrain the model by Monday 4 December.",
    # allowed, but flagged as a suggestion that shows the arithmetic (3,200 of 16,000 is 20%)
    "It affected 20% of the 16,000 orders this week.",
]
examples_pass = [
    "The failure cost us $50,000 in lost sales this week.",
    "It affected 3,200 orders, $50k in sales, before we stopped it.",
    "We will retrain the model by Friday 4 December, with 2 engineers for 1 week.",
    "It affected 3.2k orders, out of 16,000, and cost us $0.05 million.",
]


def check(doc: Document) -> list[Hit]:
    facts = doc.cache.get(grounding.FACTS_KEY)
    if facts is None:
        return []
    hits: list[Hit] = []
    for sentence in doc.sentences:
        if not (sentence.block.is_prose or sentence.block.kind == "heading"):
            continue
        for figure in grounding.figures_in(sentence.text, sentence.start):
            if doc.plain.is_masked(figure.start, figure.end):
                continue
            verdict = grounding.judge(figure, facts)
            if verdict.supported and not verdict.derived:
                continue
            if verdict.derived:
                hits.append(
                    Hit(
                        RULE.id,
                        figure.start,
                        figure.end,
                        f"“{figure.text}” is not in the facts as written, but follows from them: "
                        f"{verdict.derived}.",
                        "Check the arithmetic, or state the figures it comes from.",
                        severity="suggestion",
                    )
                )
                continue
            hits.append(
                Hit(
                    RULE.id,
                    figure.start,
                    figure.end,
                    f"“{figure.text}” cannot be traced to the facts: {verdict.reason}.",
                    "Use the figure the facts give, add this one to the facts if it is true, or "
                    "leave a placeholder such as [add: the figure] until you know it.",
                )
            )
    return hits
