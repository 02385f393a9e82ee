"""blame.deflection — excuses and blame pushed onto others or onto fate.

Guideline: Guide §4 Ownership and Accountability: "Don't deflect blame. Take ownership of the
situation and demonstrate a commitment to resolving it." Two checks: fixed excuse phrases
("beyond our control", "nobody could have predicted", "it is what it is"; critic/data/blame.yaml),
and a third party as the subject of a failure ("the data team didn't tell us", "QA should have
caught it"). "We should have caught it" is ownership and is not flagged.
"""

from __future__ import annotations

import re

from critic import ownership, resources
from critic.document import Document, Sentence
from critic.rules.base import Hit, Rule, masked, negated, quoted

RULE = Rule("blame.deflection", "blame", "error", "ownership", summary="deflects blame")
RULES = (RULE,)

examples_fail = [
    "The outage was beyond our control.",
    "This was not our fault.",
    "Nobody could have predicted the change in customer behaviour.",
    "The data team didn't tell us about the schema change.",
    "QA should have caught this before release.",
    "It is what it is.",
    "Our chatbot vendor changed its model on 19 November without telling us.",
    "Honestly this was a vendor problem and not something we could control.",
    "We could not have known this would happen.",
    "The root cause sits with the data vendor.",
    "The model worked exactly as designed.",
    "I accept that the refund errors were my call, but the outage itself was not our fault.",
    "Responsibility for the pricing error sits largely outside finance.",
    "Who could have predicted that a cold snap would triple demand for heaters?",
    "In hindsight it's easy to say the alert should have been acted on.",
    "Honestly, with peak volumes like these, misroutes come with the territory.",
]
examples_pass = [
    "While the automated systems worked as intended, the impact was larger than we expected.",
    "We should have caught this before release.",
    "The fix sits with our team, and I own it.",
    "I approved the change, and I should have asked for a test first.",
    "The data team helped us restore the feed within an hour.",
    "Our monitoring did not alert us because I set the threshold too high.",
    "Nothing about this was beyond our control; we simply missed it.",
    "Had our alert worked as intended, we would have caught the error within minutes.",
    "The supplier's delay was theirs to fix; how we told customers about it was ours, and we "
    "did it badly.",
    "The team should have caught this, and as their manager, the miss is mine.",
    'At 3:00 PM Eastern time, the home page was due to be updated to say "Hello Earth".',
    "It's like the Nginx server went on a coffee break without telling anyone!",
    "The investigation first looked at external services, assuming the problem lay outside "
    "our infrastructure.",
]

_SUGGESTION = (
    "Take ownership: say what we did or missed and what we are changing, e.g. “We did not test the "
    "change on a full week of orders; from 10 December every change gets that test.”"
)


_OWN = re.compile(
    r"^(?:I|we|me|us|myself|ourselves|(?:my|our)\s+(?:own\s+)?(?:team|engineers?|developers?|people|staff|"
    r"data\s+scientists?|monitoring|checks?|tests?|process|release\s+checks?|alerts?|dashboards?|system))$",
    re.IGNORECASE,
)


def _own_side(subject: str) -> bool:
    words = subject.split()
    return bool(_OWN.match(subject.strip())) or (
        bool(words) and words[-1].lower() in {"i", "we", "me", "us"}
    )


def _subject_before(sentence: Sentence, offset: int) -> str:
    """The words just before a failure phrase (its likely subject)."""
    before = sentence.text[:offset]
    clause = re.split(r"[,;:—–]|\b(?:and|but|because|so|since|although|while)\b", before)[-1]
    return clause.strip()


def _parsed_subject(sentence: Sentence, offset: int) -> str | None:
    for token in sentence.span:
        if sentence.base + token.idx >= sentence.start + offset:
            head = token if token.dep_ not in {"aux", "neg", "auxpass"} else token.head
            for candidate in (head, head.head):
                subjects = [c for c in candidate.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subjects:
                    return " ".join(t.text for t in subjects[0].subtree)
            return None
    return None


def _third_party_hits(doc: Document, sentence: Sentence) -> list[Hit]:
    failures = resources.pattern("blame", "third_party_failures")
    parties = resources.pattern("blame", "third_parties")
    hits = []
    for match in failures.finditer(sentence.text):
        if masked(doc, sentence, match):
            continue
        subject = _parsed_subject(sentence, match.start()) if doc.has_parse else None
        if subject is None:
            subject = _subject_before(sentence, match.start())
        if not subject or _own_side(subject):
            continue
        words = subject.split()
        is_party = bool(parties.fullmatch(subject) or parties.search(" ".join(words[-3:])))
        if not is_party and doc.has_parse:
            is_party = any(
                t.tag_ == "NNP"
                and t.text not in {"I"}
                and not (t.dep_ in {"compound", "amod", "nmod"} and t.head.tag_ in {"NN", "NNS"})
                for t in sentence.span
                if sentence.base + t.idx < sentence.start + match.start() and t.text in words
            )
        if not is_party:
            continue
        start = sentence.text.rfind(subject, 0, match.start())
        start = start if start >= 0 else match.start()
        hits.append(
            Hit(
                RULE.id,
                sentence.start + start,
                sentence.start + match.end(),
                f"“{sentence.text[start : match.end()]}”{_ON_SOMEONE_ELSE}",
                _SUGGESTION,
            )
        )
    return hits


_COUNTERFACTUAL = re.compile(r"^\W*(?:but\s+|and\s+)?had\b|\bif\b[^,;]*\bhad\b", re.IGNORECASE)


def _in_counterfactual(text: str, offset: int) -> bool:
    """Inside "Had our alert worked as intended, …": an admission, not "it worked as designed"."""
    before = text[:offset]
    return not re.search(r"[,;:]", before) and bool(_COUNTERFACTUAL.search(before))


_ON_SOMEONE_ELSE = " puts the blame on someone else."
_SAFEGUARD = re.compile(
    r"\b(?:fallback|backup|back-up|safeguard|failover|alarm|alert|check|circuit\s+breaker|"
    r"kill\s+switch|rollback|guard|automated\s+systems?|automation|rerouting|recovery)s?\b",
    re.IGNORECASE,
)


def _safeguard_worked(text: str, match: re.Match[str]) -> bool:
    """ "The fallback worked as designed" praises a safeguard; it does not excuse the failure."""
    return "as" in match.group(0).lower() and bool(_SAFEGUARD.search(text[: match.start()]))


# A flat denial of fault deflects even beside an admission ("…were my call, but the outage itself
# was not our fault"); other phrases in a sentence that also owns our part are an honest split
# ("the supplier's delay was theirs to fix; how we told customers was ours").
_DENIAL = re.compile(r"\bnot\s+(?:really\s+)?(?:our|my)\b", re.IGNORECASE)


def settle(doc: Document, hit: Hit) -> Hit:
    """No finding beside a sentence of the same paragraph that admits our own fault (an honest
    split: "Parlance did not tell customers; that part was theirs. Letting it through untested was
    ours."); a flat denial ("not our fault") still counts. In an outsider's account (no "I", "we"
    or "our"), a party's failure is a suggestion, as in blame.others-at-fault."""
    sentence = doc.sentence_at(hit.start)
    if sentence is None or _DENIAL.search(doc.plain.text[hit.start : hit.end]):
        return hit
    if ownership.neighbour_admits_fault(doc, sentence):
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    if hit.message.endswith(_ON_SOMEONE_ELSE) and ownership.outside_account(doc):
        # an outsider's account reports what a party did; it cannot tell whose side it is on
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "suggestion")
    return hit


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b", re.IGNORECASE)


def _scheduled(text: str, match: re.Match[str]) -> bool:
    """ "At 3:00 PM, the home page was due to be updated": a schedule with its time, not a duty
    someone else dropped (no "but" or "never" after it)."""
    if not re.search(r"\bdue\s+to\b", match.group(0), re.IGNORECASE):
        return False
    after = text[match.end() :]
    if re.search(r"\b(?:but|never|not|n't|instead|yet)\b", after, re.IGNORECASE):
        return False
    return bool(
        _CLOCK.search(text)
        or resources.pattern("numbers", "weekdays").search(text)
        or resources.pattern("numbers", "date_words").search(text)
    )


def _a_guess(sentence: Sentence, match: re.Match[str]) -> bool:
    """Inside what someone guessed while investigating ("Initial investigation focused on the
    network, assuming the problem lay outside our infrastructure"): a wrong lead reported, not an
    excuse."""
    guesses = resources.pattern("blame", "hypothesis_verbs")
    start = sentence.start + match.start()
    for token in sentence.span:
        if sentence.base + token.idx < start:
            continue
        for ancestor in token.ancestors:
            if guesses.fullmatch(ancestor.lower_) and ancestor.tag_ in {"VBG", "VBD"}:
                return True
        return False
    return False


def check(doc: Document) -> list[Hit]:
    phrases = resources.pattern("blame", "deflection")
    hits: list[Hit] = []
    for sentence in doc.prose:
        taken: list[tuple[int, int]] = []
        owned = doc.has_parse and ownership.own_part(sentence.span)
        for match in phrases.finditer(sentence.text):
            if (
                (owned and not _DENIAL.search(match.group(0)))  # an honest split of the blame
                or quoted(sentence.text, match.start())
                or masked(doc, sentence, match)
                or negated(sentence.text, match.start(), match.group(0))
                or _in_counterfactual(sentence.text, match.start())
                or _safeguard_worked(sentence.text, match)
                or (doc.has_parse and _a_guess(sentence, match))
                or _scheduled(sentence.text, match)
            ):
                continue
            taken.append(match.span())
            hits.append(
                Hit(
                    RULE.id,
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    f"“{match.group(0)}” deflects blame.",
                    _SUGGESTION,
                )
            )
        for hit in [] if owned else _third_party_hits(doc, sentence):
            local = (hit.start - sentence.start, hit.end - sentence.start)
            if not any(a < local[1] and local[0] < b for a, b in taken):
                hits.append(hit)
    return hits
