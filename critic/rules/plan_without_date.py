"""numbers.plan-without-date — a plan step ("We will retrain the model.") with no date or resources.

Guideline: Guide §1 Develop a Mitigation Plan: "Include estimated timelines and resource
requirements." A commitment (we will / I'll / we plan to / the next step is / ... will be done) is
flagged when its sentence has no date, deadline or duration and no resources (a count, money),
found by token shape and the parser's DATE, TIME, CARDINAL and MONEY entities. Steps with a vague
time ("soon") are left to numbers.vague-time; negations ("we will not") and talk about the meeting
itself ("I'll walk you through it"), decisions to keep something ("We will keep the supplier") and
lead-ins ("Here is what we will do.") are not plan steps.
"""

from __future__ import annotations

import re
from functools import cache

from critic import resources
from critic.document import Document, Sentence
from critic.rules.base import Hit, Rule, sentence_hit

RULE = Rule(
    "numbers.plan-without-date", "numbers", "warning", "plan", summary="plan step with no date"
)
RULES = (RULE,)

examples_fail = [
    "We will retrain the model.",
    "Next, we plan to add a validation check on the price feed.",
    "The alert thresholds will be reviewed.",
    "I'll send you a full report.",
    "We will run a trial on half the stores.",
    "Next step is to add a validation check on the supplier feed.",
]
examples_pass = [
    "We will retrain the model by 4 December.",
    "We will add a validation check within two weeks, with two engineers.",
    "I'll send you a full report by Friday at 5 pm.",
    "We will not change prices again without a test.",
    "I'll walk you through what happened.",
    "We will fix the model soon.",
    "We plan to add a price check, with one engineer assigned to it full time.",
    "What we will do next:",
    "I will.",
    "Here is what we will do.",
    "We will keep Parlance: it resolves 61% of chats without a person.",
]

_LEAD_IN = re.compile(r"\bwhat\s*$", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:will\s+not|won't|shall\s+not|'ll\s+not|never)\b", re.IGNORECASE)


def is_plan_step(sentence: Sentence) -> re.Match[str] | None:
    if sentence.is_question:
        return None
    cue = resources.pattern("numbers", "plan_cues").search(sentence.text)
    if cue is None or _NEGATED.search(sentence.text):
        return None
    if _LEAD_IN.search(sentence.text[: cue.start()]):
        return None  # "Here is what we will do." introduces the steps
    following = sentence.text[cue.end() :].lstrip()
    meta = resources.pattern("numbers", "plan_meta_verbs")
    if meta.match(following):
        return None
    if re.match(r"(?:also\s+)?(?:be\s+)?(?:happy|glad|available|here)\b", following, re.IGNORECASE):
        return None
    return cue


@cache
def _resources() -> re.Pattern[str]:
    return resources.pattern("numbers", "resource_nouns")


@cache
def _resources_in_words() -> re.Pattern[str]:
    nouns = resources.load("numbers")["resource_nouns"].strip()
    return resources.words_pattern(
        r"(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an)\ "
        rf"(?:more\ |extra\ |additional\ |full-time\ |senior\ |dedicated\ )?(?:{nouns})"
    )


def check(doc: Document) -> list[Hit]:
    vague = resources.pattern("numbers", "vague_time")
    candidates = [s for s in doc.prose if is_plan_step(s)]
    hits: list[Hit] = []
    for sentence in candidates:
        text = sentence.text.strip()
        if text.endswith(":") or len(text.split()) <= 3:
            continue  # "What we will do next:" introduces dated steps; "I will." answers the CEO
        figures = doc.figures(sentence)
        if figures.date or figures.money or vague.search(sentence.text):
            continue
        if figures.quantity and _resources().search(sentence.text):
            continue
        if _resources_in_words().search(sentence.text):
            continue
        hits.append(
            sentence_hit(
                sentence,
                RULE.id,
                "This plan step has no date and no resources.",
                "Add when it will be done and what it needs, e.g. “by Friday 4 December, with two "
                "engineers”.",
            )
        )
    return hits
