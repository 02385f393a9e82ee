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
from critic.neighbours import block_position, block_sentences
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
    "Our next steps:\n\n- we will add the backup route to our tests;\n- we will add an alarm.",
    "We will post a maintenance notice and reach out to the affected teams.",
    "We will install a storage alert, so we can take needed action in advance.",
    "We will add daily reconciliation checks.",
    "Every model change will be signed off.",
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
    "We will first cover the background behind the incident and how we investigated it.",
    "In this post we'll go over what we learned from our incident review.",
    "What we will do.",
    "By implementing these measures, we aim to make the platform more reliable.",
    "By Friday 4 December:\n\n- we will add the backup route to our tests;\n- we will add alarms.",
    "We will post a maintenance notice ahead of time.",
    "We will keep a close eye on the next few pipeline runs.",
    "Even in the face of the trickiest bugs, we shall emerge victorious.",
    "We will watch the approved loans monthly and offer payment plans early.",
    "Every model change will be signed off by a second engineer.",
]

_AIMS = re.compile(
    r"^\W*(?:by|through)\s+(?:implementing|taking|adopting|addressing|following|putting)\b|"
    r"\b(?:we|I)\s+(?:aim|strive|hope|seek)\s+to\b|\b(?:are|am|remain)\s+committed\s+to\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"\bwhat\s*$", re.IGNORECASE)
_ORDER_WORDS = re.compile(
    r"^(?:first|then|next|now|also|briefly|quickly|finally|later|here)\s+", re.IGNORECASE
)
# "What we will do.": a run-in label (often in bold) naming the section that follows
_LABEL = re.compile(r"^(?:what|how|when|where|why)\b(?:\s+\S+){1,5}?[.:]?$", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:will\s+not|won't|shall\s+not|'ll\s+not|never)\b", re.IGNORECASE)


def is_plan_step(sentence: Sentence) -> re.Match[str] | None:
    if sentence.is_question:
        return None
    cue = resources.pattern("numbers", "plan_cues").search(sentence.text)
    if cue is None or _NEGATED.search(sentence.text):
        return None
    if _AIMS.search(sentence.text):
        return None  # "By implementing these measures, we aim to…": a statement of aims
    if _LEAD_IN.search(sentence.text[: cue.start()]):
        return None  # "Here is what we will do." introduces the steps
    following = sentence.text[cue.end() :].lstrip()
    meta = resources.pattern("numbers", "plan_meta_verbs")
    if meta.match(_ORDER_WORDS.sub("", following, count=1)):
        return None  # "We will first cover the background…": a roadmap of the write-up
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
        rf"(?:more\ |extra\ |additional\ |second\ |full-time\ |senior\ |dedicated\ )?(?:{nouns})"
    )


def _lead_in(doc: Document, sentence: Sentence) -> Sentence | None:
    """For a list item, the last sentence of the paragraph that introduces its list."""
    block = sentence.block
    if block.kind != "item":
        return None
    blocks = doc.plain.blocks
    position = block_position(doc, block)
    while position > 0 and blocks[position - 1].kind == "item":
        position -= 1
    if position <= 0 or blocks[position - 1].kind != "paragraph":
        return None
    inside = block_sentences(doc, blocks[position - 1])
    return inside[-1] if inside else None


def settle(doc: Document, hit: Hit) -> Hit:
    """Dropped when the step is a list item under a dated lead-in ("By Friday 4 December:" then
    "- we will add the backup route to our tests"): the date covers every step of the list."""
    sentence = doc.sentence_at(hit.start)
    lead = _lead_in(doc, sentence) if sentence is not None else None
    if lead is not None and lead.text.rstrip().endswith(":") and doc.figures(lead).date:
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    return hit


# "so we can take action in advance": the purpose of the step, not when it is done
_PURPOSE = re.compile(r"\b(?:so(?:\s+that)?\s+(?:\w+\s+)?(?:can|could|will)|in\s+order\s+to|to)\b")


def _anchored(text: str) -> bool:
    """The step is timed by an event ("post a notice ahead of time", "watch the next few
    pipeline runs"), not left open."""
    anchor = resources.pattern("numbers", "plan_anchors").search(text)
    return anchor is not None and not _PURPOSE.search(text, 0, anchor.start())


def check(doc: Document) -> list[Hit]:
    vague = resources.pattern("numbers", "vague_time")
    candidates = [s for s in doc.prose if is_plan_step(s)]
    hits: list[Hit] = []
    for sentence in candidates:
        text = sentence.text.strip()
        if text.endswith(":") or len(text.split()) <= 3 or _LABEL.match(text):
            continue  # "What we will do next:" introduces dated steps; "I will." answers the CEO
        figures = doc.figures(sentence)
        if figures.date or figures.money or vague.search(sentence.text):
            continue
        if _anchored(sentence.text):
            continue  # "post a notice ahead of time": timed by an event planned elsewhere
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
