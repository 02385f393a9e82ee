"""numbers.vague-time — "soon", "in the coming weeks", "ASAP" instead of a date.

Guideline: Guide §1 Develop a Mitigation Plan: "Include estimated timelines and resource
requirements." Flagged when the sentence has no concrete date or time (token shape, then the
parser's DATE and TIME entities; vague DATE entities such as "the coming weeks" do not count).
"""

from __future__ import annotations

import re

from critic import resources
from critic.document import Document
from critic.rules.base import Hit, Rule, masked

RULE = Rule("numbers.vague-time", "numbers", "warning", "plan", summary="vague time")
RULES = (RULE,)

examples_fail = [
    "We will fix the model soon.",
    "The new checks will be in place in the coming weeks.",
    "We will send the report ASAP.",
    "A full retrain will happen at some point.",
    "I will share a full report at some point next week.",
    "We will not ship the report until we can; the fix will land soon.",
    "The rebuild will take time.",
]
examples_pass = [
    "We will fix the model by Friday 4 December.",
    "The new checks will be live within 48 hours.",
    "I will send the report by 5 pm today.",
    "We switched back to the old model at 3 pm on Wednesday.",
    "We will fix it soon, by Friday 4 December at the latest.",
    "This flaw, hidden by the deploy tooling, eventually led to a full stop of writes.",
    "It won't be trying that again anytime soon.",
    "The new system will not be ready soon enough to help.",
    "We have scripts for it, but they take time to run.",
]


def _has_own_date(sentence, date_spans, matches) -> bool:
    """A date that stands on its own: not glued to the vague phrase ("at some point next week")."""
    text = sentence.text
    for start, _end in date_spans:
        local = start - sentence.start
        glued = any(
            0 <= local - m.end() <= 1 and not text[m.end() : local].strip() for m in matches
        )
        inside = any(m.start() <= local < m.end() for m in matches)
        if not glued and not inside:
            return True
    return False


_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|plan(?:s|ned)?\s+to|aim\s+to|intend\s+to|expect\s+to|"
    r"by\s+(?:the\s+)?(?:end|\d|mid|early|late|next|tomorrow|today|tonight|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|q[1-4]|[a-z]+\s+\d)|"
    r"next|until|from\s+now)\b|'ll\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = {"would", "could", "might", "'d"}


def _not_a_plan(doc: Document, sentence) -> bool:
    """A report of the past ("At some point the wrong version went live") or of what might have
    been ("we would have spotted it sooner"): vague, but not a promise the CEO plans around."""
    if not doc.has_parse or _FUTURE.search(sentence.text):
        return False
    root = sentence.span.root
    auxes = {child.lower_ for child in root.children if child.dep_ in {"aux", "auxpass"}}
    return root.tag_ == "VBD" or bool(auxes & _HYPOTHETICAL) or bool(auxes & {"was", "were"})


# "It won't be trying that again anytime soon", "not before long": a time denied, not promised
_DENIED = re.compile(
    r"(?:\bnot|\bnever|n't|\bno\s+one)\b[^.;:,]{0,60}?\bany\s?time\s+$|"
    r"(?:\bnot|n't)\s+(?:\w+\s+){0,2}?(?:that|very|too|so)?\s*$",
    re.IGNORECASE,
)


def _how_long_it_runs(doc: Document, sentence, match: re.Match[str]) -> bool:
    """ "The scripts take time to run": how long something usually takes (present tense, no
    promise in the sentence), not a deadline left open."""
    if not doc.has_parse or not match.group(0).lower().startswith("take"):
        return False
    if _FUTURE.search(sentence.text):
        return False
    token = next(
        (t for t in sentence.span if sentence.base + t.idx == sentence.start + match.start()), None
    )
    return token is not None and token.tag_ in {"VBP", "VBZ"}


def check(doc: Document) -> list[Hit]:
    vague = resources.pattern("numbers", "vague_time")
    hits: list[Hit] = []
    for sentence in doc.prose:
        matches = [
            m
            for m in vague.finditer(sentence.text)
            if not masked(doc, sentence, m)
            and not _DENIED.search(sentence.text, 0, m.start())
            and not _how_long_it_runs(doc, sentence, m)
        ]
        if not matches or _not_a_plan(doc, sentence):
            continue
        figures = doc.figures(sentence)
        if figures.date and _has_own_date(sentence, figures.date_spans, matches):
            continue
        for match in matches:
            hits.append(
                Hit(
                    RULE.id,
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    f"“{match.group(0)}” is not a date: the CEO cannot plan around it.",
                    "Give a date or deadline, e.g. “by Friday 4 December” or “within 48 hours”.",
                )
            )
    return hits
