"""Who the sentence says acted: the writer's own side, another party, or nobody (from the parse).

Shared by the deflection rules read from the parse (critic/rules/others_at_fault.py and
critic/rules/fate.py). Word lists live in critic/data/blame.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from spacy.tokens import Span, Token

from critic import resources

FIRST_PERSON_SUBJECTS = {"i", "we"}
_OWN_DETERMINERS = {"our", "my", "ours", "mine"}
_BE_AND_MODALS = {
    "be",
    "is",
    "are",
    "was",
    "were",
    "been",
    "being",
    "'s",
    "'re",
    "'m",
    "am",
    "had",
    "have",
    "has",
    "'d",
    "'ve",
    "would",
    "could",
    "should",
    "might",
    "will",
    "'ll",
}


@cache
@cache  # ~35 patterns, asked for in every sentence's checks
def lists() -> dict[str, re.Pattern[str]]:
    keys = (
        "party_nouns",
        "party_team_nouns",
        "party_failure_verbs",
        "handover_verbs",
        "party_silence_verbs",
        "bad_quality",
        "input_nouns",
        "failed_by",
        "unforeseeable_adjectives",
        "foresee_verbs",
        "unforeseeable_phrases",
        "self_fix_verbs",
        "self_fix_phrases",
        "error_nouns",
        "stealth_verbs",
        "nowhere_phrases",
        "ownership_phrases",
        "fault_verbs",
        "people_failure_verbs",
        "mistake_markers",
        "party_fault_markers",
        "negated_fault_verbs",
        "external_party_nouns",
        "user_nouns",
        "user_error_verbs",
        "user_misuse_verbs",
        "system_nouns",
        "choice_verbs",
        "removal_verbs",
        "safeguard_nouns",
        "department_measures",
        "response_verbs",
        "input_damage_verbs",
        "change_verbs_of_measures",
    )
    return {key: resources.pattern("blame", key) for key in keys}


def _matches(key: str, word: str) -> bool:
    return bool(lists()[key].fullmatch(word))


def is_other_party(subject: Token) -> bool:
    """A subject that names another party: "the vendor", "the data team", "ops", "Acme", "they"."""
    if subject.lower_ in FIRST_PERSON_SUBJECTS or subject.lower_ in {"it", "this", "that", "you"}:
        return False
    owners = [c for c in subject.children if c.dep_ == "poss"]  # "our partner's feed"
    if owners and (
        _matches("party_nouns", owners[0].text) or _matches("party_team_nouns", owners[0].lower_)
    ):
        return is_other_party(owners[0])
    words = {token.lower_ for token in subject.subtree}
    if words & (_OWN_DETERMINERS | {"us", "me"}) and not _matches(
        "external_party_nouns", subject.lower_
    ):
        return False  # "our Leeds warehouse", "our data team": our own side
    if _matches("party_nouns", subject.text):
        return not _a_measure(subject)
    if words & _OWN_DETERMINERS and _matches("external_party_nouns", subject.lower_):
        return True  # "our hosting company", "our vendor": still another party
    for prep in subject.children:  # "engineers at the partner firm", "staff from the agency"
        if (
            prep.dep_ == "prep"
            and prep.lower_ in {"at", "from", "of", "in"}
            and any(
                o.dep_ == "pobj"
                and any(
                    _matches("party_nouns", w.text) or _matches("external_party_nouns", w.lower_)
                    for w in (o, *(c for c in o.children if c.dep_ == "compound"))
                )
                and not any(c.lower_ in _OWN_DETERMINERS for c in o.children)
                for o in prep.children
            )
        ):
            return True

    if _matches("party_team_nouns", subject.lower_):
        modifiers = [c for c in subject.children if c.dep_ in {"compound", "amod", "det", "poss"}]
        return any(
            c.lower_ in {"other", "another", "their", "his", "her"}
            or (c.dep_ in {"compound", "amod"} and c.lower_ not in _OWN_DETERMINERS)
            for c in modifiers
        )
    return is_named_party(subject)


def _a_measure(subject: Token) -> bool:
    """A department word that names a figure, not the people: "own-brand sales fell", "gift card
    sales pass twice their usual level" (department_measures in critic/data/blame.yaml)."""
    if not _matches("department_measures", subject.lower_):
        return False
    if lists()["change_verbs_of_measures"].fullmatch(subject.head.lower_):
        return True
    return any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lower_ not in {"other", "another", "external"}
        for c in subject.children
    )


PRONOUN_PARTIES = {"they", "he", "she"}


def is_named_party(subject: Token) -> bool:
    """A proper name as the subject ("Acme", "Finance"): a party only for failures people commit
    (systems are proper nouns too: "the Airflow DAG skipped its runs" is not blame)."""
    if subject.lower_ in PRONOUN_PARTIES:  # "they" may be the writer's own company
        return True
    return (
        subject.tag_ in {"NNP", "NNPS"}
        and subject.text != "I"
        and subject.i != subject.sent.start
        and not _matches("party_nouns", subject.text)
        and not _matches("party_team_nouns", subject.lower_)
    )


_NOT_OWNING = {  # "when we asked", "we worked from the spec we received": reliance, not ownership
    "asked",
    "told",
    "requested",
    "warned",
    "flagged",
    "raised",
    "reported",
    "needed",
    "wanted",
    "expected",
    "worked",
    "relied",
    "trusted",
    "used",
    "followed",
    "received",
    "got",
    "let",
    "failed",
    "found",
    "learned",
    "learnt",
    "realised",
    "realized",
    "saw",
    "noticed",
    "waited",
    "hoped",
    "tried",
}


def _hypothetical(verb: Token) -> bool:
    """In a would-have clause or an if-clause: what might have been, not what we did."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & {"would", "could", "might", "'d", "should"}:
        return True
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children)


_OWN_SAFEGUARD_FAILED = re.compile(
    r"\b(?:our|my)\s+(?:\w+\s+){0,2}?(?:model|checks?|tests?|alerts?|alerting|monitoring|"
    r"process|review|safeguards?|guard|code|system|pipeline|team)\s+(?:had\s+no|did\s+not|didn't|"
    r"failed|missed|never|wasn't|was\s+not|could\s+not|couldn't|lacked)\b",
    re.IGNORECASE,
)


def own_part(span: Span) -> bool:
    """The writer owns an act: "I"/"we" as the subject of a past action, "my mistake", "the miss
    is mine", "which my team wrote", or our own thing admitted faulty ("our forecast, which was
    18% too low", "our own recovery plan had not been tested")."""
    return _once(span, "brief.own_part", _own_part)  # asked by several rules


def _once(span: Span, name: str, work: Callable[[Span], bool]) -> bool:
    """`work(span)`, worked out once per span of a parsed line."""
    key = (name, span.start, span.end)
    known = span.doc.user_data.get(key)
    if known is None:
        known = span.doc.user_data[key] = work(span)
    return known


def _owning_phrase(span: Span) -> bool:
    """An ownership phrase not negated ("the miss is mine"; but "it was not our fault" owns
    nothing), or our own safeguard admitted failed."""
    for match in lists()["ownership_phrases"].finditer(span.text):
        if not _NEGATED_BEFORE.search(span.text[max(0, match.start() - 16) : match.start()]):
            return True
    return bool(_OWN_SAFEGUARD_FAILED.search(span.text))


def _own_part(span: Span) -> bool:
    if _owning_phrase(span):
        return True
    markers = lists()["mistake_markers"]
    for token in span:
        if token.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = token.head
        clause = _own_clause(verb)
        if token.lower_ not in FIRST_PERSON_SUBJECTS:
            if (
                _ours(token)
                and not _hypothetical(verb)
                and (
                    markers.search(clause)
                    or lists()["bad_quality"].search(clause)
                    or (token.dep_ == "nsubjpass" and any(c.dep_ == "neg" for c in verb.children))
                    or (
                        token.dep_ == "nsubj"
                        and verb.tag_ == "VBD"
                        and _matches("fault_verbs", verb.lower_)
                    )
                    or (
                        token.dep_ == "nsubj"
                        and verb.lower_ in {"wrote", "built", "made", "set", "shipped", "changed"}
                    )
                )
            ):
                return True  # "which my team wrote", "our forecast, which was 18% too low"
            continue
        if token.dep_ != "nsubj":
            continue
        lowered = verb.lower_
        if _hypothetical(verb):
            continue
        if lowered in _BE_AND_MODALS or lowered in _NOT_OWNING:
            if markers.search(clause) or any(
                c.dep_ == "mark" and c.lower_ in {"because", "since", "as"} for c in verb.children
            ):
                return True  # "we told stores only on day 3, which was too late"
            continue
        if _matches("handover_verbs", lowered) and not markers.search(clause):
            continue  # "we loaded the file they sent"; but "we loaded it without checking" owns
        if _matches("fault_verbs", lowered) or verb.tag_ == "VBD":
            return True
        if any(c.dep_ == "neg" for c in verb.children):  # "we did not spot-check them"
            return True
        if verb.tag_ == "VBN" and any(
            c.lower_ in {"have", "'ve", "has", "had"} for c in verb.children
        ):
            return True
    return False


def admits_fault(span: Span) -> bool:
    """Stricter than own_part: the sentence admits a fault of ours ("that part was ours", "my
    mistake", "our tests missed it", "I set it without a review", "we did not check"), not merely
    an act of ours ("we rolled it back")."""
    return _once(span, "brief.admits_fault", _admits_fault)


def _admits_fault(span: Span) -> bool:
    if _owning_phrase(span):
        return True
    markers = lists()["mistake_markers"]
    for token in span:
        if token.dep_ != "nsubj" or token.lower_ not in FIRST_PERSON_SUBJECTS:
            continue
        verb = token.head
        if _hypothetical(verb) or not past_or_present(verb):
            continue
        if (
            markers.search(_own_clause(verb))
            or any(c.dep_ == "neg" for c in verb.children)
            or _matches("fault_verbs", verb.lower_)
        ):
            return True
    return False


def neighbour_admits_fault(doc, sentence) -> bool:  # Document, Sentence (no import cycle)
    """The sentence before or after, in the same paragraph, admits our fault: a party's failure
    told beside our own part is an honest split ("Parlance did not tell customers, and that part
    was theirs. Letting their update through untested was ours.")."""
    if not doc.has_parse:
        return False
    sentences = doc.sentences
    return any(
        0 <= index < len(sentences)
        and sentences[index].block is sentence.block
        and admits_fault(sentences[index].span)
        for index in (sentence.index - 1, sentence.index + 1)
    )


_OTHER_CLAUSES = {"conj", "cc", "advcl", "ccomp", "parataxis", "punct", "nsubj", "csubj", "mark"}


def _own_clause(verb: Token) -> str:
    """The verb's own clause: its objects and modifiers, not the clauses joined to it ("Mistakes
    were made …, so we saw drift": "too high" belongs to the first clause, not to "we saw")."""
    tokens = {verb.i}
    for child in verb.children:
        if child.dep_ not in _OTHER_CLAUSES:
            tokens.update(t.i for t in child.subtree)
    return "".join(verb.doc[i].text_with_ws for i in sorted(tokens))


def _ours(noun: Token) -> bool:
    """ "our forecast", "my team", "our own recovery plan" (the relative "which" after "our X")."""
    if noun.lower_ in {"which", "that", "who"} and noun.head.dep_ == "relcl":
        noun = noun.head.head
    if _matches("external_party_nouns", noun.lower_):
        return False  # "our labelling contractor" is another party
    return any(c.lower_ in _OWN_DETERMINERS for c in noun.children if c.dep_ == "poss")


_NEGATED_BEFORE = re.compile(r"\b(?:not|n't|never|no)\s+(?:\w+\s+)?$", re.IGNORECASE)


def has_bad_quality(token: Token) -> bool:
    """The phrase under `token` says the thing is bad ("broken labels", "wrong prices")."""
    return any(_matches("bad_quality", t.lower_) for t in token.subtree)


def past_or_present(verb: Token) -> bool:
    """Not a plan: no future or hypothetical auxiliary on the verb."""
    return not any(
        child.dep_ == "aux" and child.lower_ in {"will", "'ll", "shall", "going"}
        for child in verb.children
    )


def in_plan(verb: Token) -> bool:
    """The verb, or a clause it hangs from, is in the future ("By 11 December the fraud team will
    get an alert whenever gift card sales pass twice their usual level")."""
    while True:
        if not past_or_present(verb):
            return True
        if verb.dep_ not in {"advcl", "relcl", "ccomp", "conj", "xcomp"} or verb.head.i == verb.i:
            return False
        verb = verb.head


_FIRST_PERSON = re.compile(r"\b(?:I|we|us|our|ours|my|me|mine|myself|ourselves)\b", re.IGNORECASE)


def outside_account(doc) -> bool:
    """A document of several sentences with no first person anywhere in its prose: an outsider's
    account ("Cloudflare experienced…", "the team…"), where the critic cannot tell the writer's own
    side from others. Cached per document."""
    cached = doc.cache.get("outside_account")
    if cached is None:
        prose = doc.prose
        least = resources.load("blame")["outside_account_min_sentences"]
        cached = len(prose) >= least and not any(
            _FIRST_PERSON.search(sentence.text) for sentence in prose
        )
        doc.cache["outside_account"] = cached
    return cached
