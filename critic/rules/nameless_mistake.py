"""blame.nameless-mistake — a mistake named as a thing, or done by "someone", with no author.

Guideline: Guide §4 Ownership and Accountability: "Don't deflect blame. Take ownership of the
situation." Nominalising a mistake hides its author as well as a passive does ("A decision was
taken to defer the check", "There was a failure to escalate", "The lack of a second reviewer meant
the faulty discount went live", "Human error was a contributing factor", "A miscommunication
between teams led to…"), and so does an active sentence whose subject is "someone" ("someone
flipped the flag back on"). Read from the parse: the mistake noun must be the subject (or what
"there was" introduces), with no owner on it ("our oversight", "the vendor's error") and no "I" or
"we" in the sentence. Word lists live in critic/data/blame.yaml (`nameless_mistakes`,
`nameless_decisions`, `nameless_gaps`).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from critic import resources
from critic.document import Document, Sentence
from critic.passive import neighbour_names_who_erred
from critic.rules.base import Hit, Rule

RULE = Rule(
    "blame.nameless-mistake",
    "blame",
    "warning",
    "ownership",
    summary="names the mistake, not who made it",
)
RULES = (RULE,)

examples_fail = [
    "A decision was taken to defer the reconciliation until after quarter close.",
    "There was a failure to escalate when the refund rate doubled.",
    "The lack of a second reviewer meant the faulty discount went live.",
    "An oversight in the release checklist allowed the wrong prices through.",
    "A miscommunication between teams led to the old model being switched back on.",
    "Human error was a contributing factor.",
    "Someone flipped the flag back on during the freeze.",
    "Approval was given for the launch despite the open bug report.",
    "What went wrong:\n\n- Human error was a contributing factor.\n- The alert was missed.",
]
examples_pass = [
    "I decided to defer the reconciliation, and that was a mistake.",
    "My oversight let the wrong prices through.",
    "We made the decision to launch on Friday without a second reviewer.",
    "The decision to roll back came at 14:10, and prices were right by 14:30.",
    "There was a 40-minute gap between the alert and the rollback.",
    "Someone from my team will call each affected customer by Friday.",
    "The lack of sales in November was expected.",
    "The engineer failed to copy the setting. This oversight led to 40 failed orders.",
    "The failure of a lead operator to act prolonged the incident.",
    "Human error. An engineer ran the clean-up script with the wrong input.",
    "- 1:30 PM: An emergency decision was made to redirect traffic away from the affected "
    "database instance to a standby instance.",
    "An outage could be caused by the following:\n\n- Bugs\n- Traffic spikes\n- Human errors",
]

_FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|me|us)\b", re.IGNORECASE)
_SUGGESTION = (
    "Say who made the mistake or the decision, in the first person if it was us: “I decided to "
    "defer the check” rather than “a decision was taken”."
)


@cache
def _lists() -> dict[str, re.Pattern[str]]:
    keys = ("nameless_mistakes", "nameless_decisions", "nameless_gaps", "gap_consequence_verbs")
    return {key: resources.pattern("blame", key) for key in keys}


def _owned(noun: Token) -> bool:
    """An owner on the noun ("our oversight", "the failure of a lead operator"), or a word that
    points back to a sentence that already said who ("This oversight led to…")."""
    return any(
        c.dep_ == "poss"
        or (c.dep_ == "det" and c.lower_ in {"this", "that", "these", "those", "such"})
        or (c.dep_ == "prep" and c.lower_ in {"of", "by"} and noun.lower_.startswith("failure"))
        for c in noun.children
    )


def _mistake_subject(noun: Token, lists: dict[str, re.Pattern[str]]) -> str | None:
    """Why this subject names a mistake with no author, or None."""
    verb = noun.head
    preps = {c.lower_: c for c in noun.children if c.dep_ == "prep"}
    modifiers = {c.lower_ for c in noun.children if c.dep_ in {"amod", "compound"}}
    if lists["nameless_mistakes"].fullmatch(noun.text):
        if noun.lower_ in {"error", "errors"} and not modifiers & {"human", "manual", "operator"}:
            return None  # "an error in the feed" is a fault, not a nameless mistake
        return "names the mistake, not who made it."
    if lists["nameless_decisions"].fullmatch(noun.text):
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        made = verb.lower_ in {"taken", "made", "given", "granted", "reached"}
        if _to_respond(noun, verb):
            return None  # "An emergency decision was made to redirect traffic": the response
        return "says a decision was made, not who made it." if passive and made else None
    if not lists["nameless_gaps"].fullmatch(noun.text):
        return None
    if noun.lower_.startswith("failure"):
        to_act = any(
            c.dep_ in {"acl", "relcl"} and any(a.lower_ == "to" for a in c.children)
            for c in noun.children
        )
        return "names a failure to act, not who failed to act." if to_act else None
    if ("of" in preps or "in" in preps) and lists["gap_consequence_verbs"].fullmatch(verb.lower_):
        return "names a gap, not who left it open."
    return None


def _to_respond(noun: Token, verb: Token) -> bool:
    """A decision whose content is a step of the response ("to redirect traffic", "to confirm
    the cause"; response_purposes in critic/data/blame.yaml)."""
    purposes = resources.pattern("blame", "response_purposes")
    return any(
        c.dep_ in {"advcl", "xcomp", "acl"}
        and purposes.fullmatch(c.lower_)
        and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
        for c in (*noun.children, *verb.children)
    )


def _sentence_hits(sentence: Sentence) -> list[Hit]:
    if _FIRST_PERSON.search(sentence.text):
        return []
    lists = _lists()
    for token in sentence.span:
        if token.dep_ in {"nsubj", "nsubjpass"} and token.lower_ in {"someone", "somebody"}:
            verb = token.head
            if verb.tag_ in {"VBD", "VBN"} and not any(c.dep_ == "prep" for c in token.children):
                return [_hit(sentence, token, verb, "says someone did it, not who.")]
        subject = (
            token.dep_ in {"nsubj", "nsubjpass"}
            or (  # "There was a failure to escalate"
                token.dep_ == "attr"
                and token.head.lower_ in {"was", "were", "is", "has"}
                and any(c.dep_ == "expl" for c in token.head.children)
            )
            or (token.dep_ == "ROOT" and token.tag_.startswith("NN"))  # a misparsed subject
        )
        if not subject or _owned(token):
            continue
        why = _mistake_subject(token, lists)
        if why:
            return [_hit(sentence, token, token.head, why)]
    return []


def _hit(sentence: Sentence, subject: Token, verb: Token, why: str) -> Hit:
    first = min(t.i for t in subject.subtree)
    last = max([verb.i, *(t.i for t in subject.subtree)])
    start, _ = sentence.plain_range(subject.doc[first])
    _, end = sentence.plain_range(subject.doc[last])
    words = sentence.text[start - sentence.start : end - sentence.start]
    return Hit(RULE.id, start, end, f"“{words}” {why}", _SUGGESTION)


def settle(doc: Document, hit: Hit) -> Hit:
    """Dropped when the sentence next to it says who erred ("Human error. An engineer ran the
    command with a wrong input."): the mistake has an author after all."""
    sentence = doc.sentence_at(hit.start)
    if sentence is not None and (
        neighbour_names_who_erred(doc, sentence) or _in_list_of_possible_causes(doc, sentence)
    ):
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    return hit


_POSSIBLE = re.compile(
    r"\b(?:could|can|may|might)\b|\bsuch\s+as\b|\bfor\s+example\b|\be\.g\.|\bcommon\b|\btypical",
    re.IGNORECASE,
)


def _in_list_of_possible_causes(doc: Document, sentence: Sentence) -> bool:
    """An item of a list that a general sentence introduces ("…an outage, which could be caused
    by the following: - Bugs - Human errors"): what can go wrong in general, not this mistake."""
    if sentence.block.kind != "item":
        return False
    index = sentence.index - 1
    while index >= 0 and doc.sentences[index].block.kind == "item":
        index -= 1
    if index < 0:
        return False
    intro = doc.sentences[index].text.rstrip()
    return intro.endswith(":") and bool(_POSSIBLE.search(intro))


def check(doc: Document) -> list[Hit]:
    if not doc.has_parse:
        return []
    hits: list[Hit] = []
    for sentence in doc.prose:
        if not sentence.is_question:
            hits.extend(_sentence_hits(sentence))
    return hits
