"""numbers.placeholder — a placeholder such as “[add: revenue impact in $]” is still unfilled.

Guideline: Guide §1 Quantify the Impact: "Use concrete numbers". The reviser leaves a visible
placeholder where a figure is missing rather than guessing one; the draft is not ready until
someone fills it in.
"""

from __future__ import annotations

from critic.document import Document
from critic.grounding import PLACEHOLDER
from critic.rules.base import Hit, Rule

RULE = Rule("numbers.placeholder", "numbers", "error", "quantify", summary="placeholder to fill")
RULES = (RULE,)

examples_fail = [
    "The failure cost us [add: revenue impact in $] this week.",
    "We will retrain the model by [add: date], with 2 engineers.",
]
examples_pass = [
    "The failure cost us $50,000 in lost sales this week.",
    "See the [appendix] for the full list of orders.",
]


def check(doc: Document) -> list[Hit]:
    hits: list[Hit] = []
    for sentence in doc.sentences:
        if not (sentence.block.is_prose or sentence.block.kind == "heading"):
            continue
        for match in PLACEHOLDER.finditer(sentence.text):
            what = match.group(0)[5:-1].strip()
            hits.append(
                Hit(
                    RULE.id,
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    f"Placeholder to fill: {what}.",
                    f"Replace it with the real figure ({what}), from the facts; never a guess.",
                )
            )
    return hits
