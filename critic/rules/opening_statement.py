"""length.opening — a script's opening statement over one minute spoken (140 words at 140 wpm).

Guideline: Guide §3 High-Pressure Negotiation Script: "This script assumes a brief, scheduled
meeting," and §4 Brevity is Key: "Get to the point quickly." The opening statement is the
presenter's first turn; the limit is script_opening_seconds at speaking_words_per_minute.
"""

from __future__ import annotations

from critic.document import Document
from critic.rules.base import Hit, Rule

RULE = Rule(
    "length.opening", "length", "warning", "script", scope="document", summary="long opening"
)
RULES = (RULE,)

_RAMBLE = (
    "We looked at the logs and the dashboards for the whole week, and we talked to support about "
    "every order they saw, and then we checked the settings one by one. "
)
examples_fail = [
    "You: Good morning, Miriam. Our fraud model refused 12,100 genuine orders, costing €180,000. "
    + _RAMBLE * 6
    + "\nCEO: How did this happen?\nYou: I approved a setting change on Friday.\n"
]
examples_pass = [
    "You: Good morning, Miriam. Our fraud model refused 12,100 genuine orders this week, costing "
    "about €180,000 in lost sales. I approved the change that caused it.\nCEO: What are you doing "
    "about it?\nYou: We restored the old setting on Tuesday at 4 pm.\n"
]


def check(doc: Document) -> list[Hit]:
    if doc.kind != "script":
        return []
    limits = doc.thresholds
    first = next((s.block for s in doc.prose if s.block.kind == "turn"), None)
    if first is None:
        return []
    sentences = [s for s in doc.prose if s.block is first]
    words = sum(s.words for s in sentences)
    limit = round(limits.script_opening_seconds * limits.speaking_words_per_minute / 60)
    if words <= limit:
        return []
    seconds = round(words * 60 / limits.speaking_words_per_minute)
    return [
        Hit(
            RULE.id,
            sentences[0].start,
            sentences[-1].end,
            f"The opening statement is {words} words, about {seconds} s spoken (limit "
            f"{limits.script_opening_seconds} s).",
            "Open with three things in under a minute: what broke, what it cost, and that you own "
            "the fix. Save the detail for the CEO's questions.",
        )
    ]
