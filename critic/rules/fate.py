"""blame.fate — the failure put on fate: unforeseeable, fixed itself, or nobody in particular.

Guideline: Guide §4 Ownership and Accountability: "Take ownership of the situation and demonstrate
a commitment to resolving it." Three ways of saying nobody was responsible, read from the parse:

* the unforeseeable ("this was impossible to anticipate", "it came out of nowhere");
* a problem said to have fixed itself ("the errors cleared up on their own");
* an error placed nowhere in particular ("an error crept in along the way", "a bug somehow got in").

A planned safeguard that works by itself ("the old list will come back on its own") is not fate:
only past or present statements count. Word lists live in critic/data/blame.yaml.
"""

from __future__ import annotations

import re

from critic import ownership
from critic.document import Document, Sentence
from critic.rules.base import Hit, Rule, negated, quoted

RULE = Rule("blame.fate", "blame", "warning", "ownership", summary="puts it down to fate")
RULES = (RULE,)

examples_fail = [
    "Honestly, this was very hard to anticipate.",
    "The spike came out of nowhere.",
    "The errors cleared up on their own by Sunday.",
    "The pricing problem resolved itself overnight.",
    "An error crept in along the way.",
    "A bug somehow got into the release.",
    "Frankly, nobody saw this coming.",
    "The provider did not warn us, leading to an unforeseen spike in traffic.",
]
examples_pass = [
    "It was not impossible to foresee; we simply did not test for it.",
    "If the feed fails again, the old price list will come back on its own.",
    "I introduced the error when I copied the rules on 3 March.",
    "We fixed the pricing problem at 14:10.",
    "The bug was in the discount code I wrote.",
    "It is hard to overstate how sorry I am.",
    "A customer wrote, 'You charged me twice and nobody answered,' and she was right.",
    "Nobody checked the new rule before it went live, and that gap in our process is mine.",
    "These measures will fortify our defences against future unforeseen disasters.",
    "Deploy canary releases to production to find unforeseen interactions early.",
]

_SUGGESTION = (
    "Say what we did or missed and what we are changing, e.g. “We did not test the model on "
    "holiday traffic; from 10 December every release is tested on it.”"
)


def _hit(sentence: Sentence, start: int, end: int, why: str) -> Hit:
    words = sentence.text[start:end]
    return Hit(
        RULE.id, sentence.start + start, sentence.start + end, f"“{words}” {why}", _SUGGESTION
    )


def _unforeseeable(sentence: Sentence) -> list[Hit]:
    lists = ownership.lists()
    hits = []
    for match in lists["unforeseeable_phrases"].finditer(sentence.text):
        if _ahead(sentence, match.start()):
            continue  # "fortify our defences for future unforeseen disasters": a plan, not fate
        if not negated(sentence.text, match.start(), match.group(0)):
            hits.append(_hit(sentence, match.start(), match.end(), "puts the failure on fate."))
    for token in sentence.span:
        if not lists["unforeseeable_adjectives"].fullmatch(token.lower_):
            continue
        verbs = [c for c in token.children if c.dep_ == "xcomp" and c.tag_ == "VB"]
        if not verbs or not lists["foresee_verbs"].fullmatch(verbs[0].lower_):
            continue
        if any(c.dep_ == "neg" for c in token.head.children) or any(
            c.dep_ == "neg" for c in token.children
        ):
            continue
        start, _ = sentence.plain_range(token)
        _, end = sentence.plain_range(verbs[0])
        hits.append(
            _hit(
                sentence,
                start - sentence.start,
                end - sentence.start,
                "says no one could have seen it coming.",
            )
        )
    return hits


_FUTURE_AUX = {"will", "'ll", "shall", "wo"}


def _ahead(sentence: Sentence, offset: int) -> bool:
    """The phrase speaks of what may come ("future unforeseen issues", "will catch unforeseen
    interactions", "to catch unforeseen interactions before they spread"), not of this failure."""
    token = next(
        (t for t in sentence.span if sentence.base + t.idx >= sentence.start + offset), None
    )
    if token is None:
        return False
    if any(t.lower_ in {"future", "upcoming"} for t in token.head.subtree):
        return True
    for ancestor in token.ancestors:
        if not ancestor.tag_.startswith("VB"):
            continue
        auxes = {c.lower_ for c in ancestor.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & _FUTURE_AUX or (ancestor.tag_ == "VB" and "to" in auxes):
            return True
        if (
            ancestor.tag_ == "VB"
            and ancestor.dep_ == "ROOT"
            and not auxes
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in ancestor.children)
        ):
            return True  # an action item: "Deploy canaries to catch unforeseen interactions"
        if ancestor.tag_ in {"VBD", "VBZ", "VBP"} or auxes:
            return False  # the finite verb of the clause says it happened
    return False


def _fixed_itself(sentence: Sentence) -> list[Hit]:
    lists = ownership.lists()
    if not lists["self_fix_phrases"].search(sentence.text):
        return []
    hits = []
    for verb in sentence.span:
        if verb.tag_ not in {"VBD", "VBN", "VBZ", "VBP"} or not lists["self_fix_verbs"].fullmatch(
            verb.lower_
        ):
            continue
        if not ownership.past_or_present(verb):
            continue
        subtree_end = max(t.i for t in verb.subtree)
        tail = verb.doc[verb.i : subtree_end + 1].text
        phrase = lists["self_fix_phrases"].search(tail)
        if phrase is None:
            continue
        start, _ = sentence.plain_range(verb)
        end = start + phrase.end()
        hits.append(
            _hit(
                sentence,
                start - sentence.start,
                min(end, sentence.end) - sentence.start,
                "says the problem fixed itself.",
            )
        )
    return hits


_ARRIVAL = re.compile(
    r"\b(?:ended\s+up|got\s+(?:in|into|through|past|lost|mixed\s+up|corrupted|garbled)|"
    r"crept\s+(?:in|into)|slipped\s+(?:in|into|through)|snuck|sneaked|made\s+it\s+into|"
    r"found\s+(?:its|their)\s+way|made\s+(?:its|their)\s+way|wormed|seeped|cropped\s+up|"
    r"came\s+in|resurfaced|reappeared|broke\s+down|went\s+wrong|fell\s+apart|dropped\s+out|"
    r"fell\s+out|went\s+missing|disappeared|vanished)\b",
    re.IGNORECASE,
)
_NOWHERE_ALONE = re.compile(
    r"cracks|got\s+lost|mistakes\s+happened|errors\s+were\s+made|things\s+(?:happened|went\s+wrong)",
    re.IGNORECASE,
)
_NOBODY = {"nobody", "no-one", "noone"}
_PROCESS_NOUNS = re.compile(
    r"^(?:step|review|check|sign-off|signoff|test|testing|handover|hand-off|approval|"
    r"rehearsal|drill|audit|walkthrough|meeting|call)s?$",
    re.IGNORECASE,
)


def _nowhere(sentence: Sentence) -> list[Hit]:
    """An error, or something wrong, that arrived with no one doing it ("an error crept in along
    the way", "somehow the old model ended up live again", "things fell through the cracks")."""
    lists = ownership.lists()
    text = sentence.text
    nowhere = lists["nowhere_phrases"].search(text)
    arrival = _ARRIVAL.search(text)
    for subject in sentence.span:
        if subject.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        errorish = bool(lists["error_nouns"].fullmatch(subject.lower_)) or (
            ownership.has_bad_quality(subject)
        )
        if not ((errorish and (arrival or nowhere)) or (arrival and nowhere)):
            continue
        verb = subject.head
        first = min(t.i for t in verb.subtree)
        last = max(t.i for t in verb.subtree)
        if verb.doc[last].is_punct:
            last -= 1
        start, _ = sentence.plain_range(verb.doc[first])
        _, end = sentence.plain_range(verb.doc[last])
        why = "places the error nowhere in particular."
        return [_hit(sentence, start - sentence.start, end - sentence.start, why)]
    alone = _NOWHERE_ALONE.search(text)
    if alone:
        why = "places the error nowhere in particular."
        return [_hit(sentence, alone.start(), alone.end(), why)]
    return _nobody_acted(sentence)


def _nobody_acted(sentence: Sentence) -> list[Hit]:
    """'No one checked the data', 'Nobody answered the call-out', 'the sign-off step didn't happen':
    a failure to act with no one in particular responsible."""
    negated_faults = ownership.lists()["negated_fault_verbs"]
    for token in sentence.span:
        if token.dep_ != "nsubj":
            continue
        verb = token.head
        words = " ".join(t.lower_ for t in token.subtree)
        nobody = token.lower_ in _NOBODY or words.startswith(("no one", "no-one", "nobody"))
        if nobody and any(t.lower_ in {"my", "our"} for t in token.subtree):
            continue  # "Nobody on my team checked": our own side, owned
        if nobody and negated_faults.fullmatch(verb.lower_):
            if not verb.tag_.startswith("VB") or not ownership.past_or_present(verb):
                continue
            start, _ = sentence.plain_range(token.doc[min(t.i for t in token.subtree)])
            _, end = sentence.plain_range(verb)
            why = "leaves no one responsible for what was not done."
            return [_hit(sentence, start - sentence.start, end - sentence.start, why)]
        negated = any(c.dep_ == "neg" for c in verb.children)
        if negated and verb.lower_ in {"happen", "occur"} and _PROCESS_NOUNS.match(token.lower_):
            start, _ = sentence.plain_range(token)
            _, end = sentence.plain_range(verb)
            why = "says a safeguard did not happen, not who skipped it."
            return [_hit(sentence, start - sentence.start, end - sentence.start, why)]
    return []


def check(doc: Document) -> list[Hit]:
    if not doc.has_parse:
        return []
    hits: list[Hit] = []
    for sentence in doc.prose:
        if sentence.is_question or ownership.own_part(sentence.span):
            continue
        taken: list[tuple[int, int]] = []
        found = [*_unforeseeable(sentence), *_fixed_itself(sentence), *_nowhere(sentence)]
        for hit in sorted(found, key=lambda h: (h.start, -h.end)):
            if any(a < hit.end and hit.start < b for a, b in taken) or quoted(
                sentence.text, hit.start - sentence.start
            ):
                continue
            taken.append((hit.start, hit.end))
            hits.append(hit)
    return hits
