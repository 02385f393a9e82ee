"""length.grade — a document harder to read than Flesch-Kincaid grade 10.

Guideline: Guide §4 Brevity is Key: "Get to the point quickly and avoid unnecessary technical
details," and Understanding the Stakes: "Avoid technical jargon." Scored with textstat 0.7.8's
formula on the author's prose (see critic.readability); the finding points at the hardest sentence.
Limit: grade_warning in thresholds.
"""

from __future__ import annotations

from critic.document import Document
from critic.readability import hardest_sentence, prose_grade
from critic.rules.base import Hit, Rule

RULE = Rule(
    "length.grade", "length", "warning", "brevity", scope="document", summary="hard to read"
)
RULES = (RULE,)

examples_fail = [
    "Consequently, the organisational ramifications of the miscalibrated classification "
    "infrastructure necessitated comprehensive investigative procedures. Subsequently, "
    "considerable operational reconfiguration was implemented incrementally. Additionally, "
    "institutional communication regarding remediation methodologies remains fundamentally "
    "essential.",
]
examples_pass = [
    "Our fraud model refused 12,100 good orders. It cost us about €180,000 in lost sales. I "
    "approved the change that caused it. We put the old setting back on Tuesday. We will test "
    "every change on a week of orders from 10 December.",
]


def check(doc: Document) -> list[Hit]:
    grade = prose_grade(doc)
    limit = doc.thresholds.grade_warning
    if grade is None or grade <= limit:
        return []
    sentence = hardest_sentence(doc)
    if sentence is None:
        return []
    return [
        Hit(
            RULE.id,
            sentence.start,
            sentence.end,
            f"Reading grade {grade:.1f} (Flesch-Kincaid); aim for {limit:g} or below. This is the "
            "hardest sentence.",
            "Use short sentences and everyday words: “use” not “utilise”, “because” not “due to "
            "the fact that”.",
        )
    ]
