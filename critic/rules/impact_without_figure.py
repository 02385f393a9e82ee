"""numbers.impact-without-figure — "This hurt revenue last week." with no money, % or count.

Guideline: Guide, Understanding the Stakes: CEOs "need to understand how the error affects revenue,
reputation, or strategic goals", and §1 Quantify the Impact. A sentence that says something the
business counts (revenue, orders, customers...) was hurt, cost or affected, with no money,
percentage or count (token shape, then the parser's entities). Adjectival uses ("the affected
customers") and plan steps are not impact statements; change claims are left to
numbers.change-without-figure.
"""

from __future__ import annotations

import re
from functools import cache

from critic import resources
from critic.document import Document, Sentence
from critic.figures import outage_duration, outage_words
from critic.neighbours import cause_chain, impact_sized, neighbour_gives_size, paragraph_answers
from critic.rules import change_without_figure
from critic.rules.base import Hit, Rule

RULE = Rule(
    "numbers.impact-without-figure",
    "numbers",
    "warning",
    "quantify",
    summary="impact with no figure",
)
RULES = (RULE,)

examples_fail = [
    "This hurt revenue last week.",
    "The outage cost us sales over the weekend.",
    "Customers were affected by the wrong prices.",
    "The error led to lost orders.",
    "The new model cut our serving cost by 40% but hurt answer quality.",
    "This misconfiguration resulted in improper routing of user requests.",
    "About 70% of our users were affected.\n\n"
    "This failure disrupted user experience and led to lost orders.",
]
examples_pass = [
    "This cost us about $84,000 in lost sales last week.",
    "We have emailed the affected customers.",
    "We will refund every affected customer by Friday.",
    "Our team worked through the weekend.",
    "Work out the lending income we lost (Rachel Adams, by Wednesday 2 December).",
    "EU customers were not affected.",
    "To mitigate the immediate impact, we shut down the faulty gateway and reconciled orders.",
    "We are improving traffic rerouting to minimize customer impact in future.",
    "We shut the gateway down, preventing new orders from being affected.",
    "To prevent further customer impact, we disabled the service at 18:55.",
    "The review found gaps, including enhancing cache data retention during power loss.",
    "The partition led to a complete inability to modify user accounts.",
    "The incident impacted all official platforms and the API, though no user data was lost.",
    "After a year, the customer's private cloud was deleted, leading to an incident.",
    "Customer impact was wide. It cost us $55,000 in refunds.",
    "In shadow mode the new model runs beside the old one without affecting customers.",
    "Engineers mitigated the impact by reconfiguring the resources for processing data.",
    "A network disruption caused metadata services to experience heavy load.",
    "A downgrade in an attempt to minimise AWS spend resulted in too little capacity.",
    "We restored quorum by reducing client load on the cluster.",
    "About 70% of our users were affected.\n\n"
    "This misconfiguration resulted in improper routing of user requests.",
    "Our configuration scripts did not account for these changes, leading to an outage.",
    "We improved monitoring to alert on slow queries before they affect users.",
    "These fixes will reduce the likelihood of similar outages for our users.",
    "The service lets teams listen to events that can affect their accounts.",
    "Impact: the user was unable to upload the project, which hurt the user.",
    "A false positive here means a genuine customer whose order we blocked.",
]


def _cue_is_adjective(sentence: Sentence, offset: int) -> bool:
    """Not an impact claim: "the affected customers", or "cost" / "hit" used as a noun."""
    for token in sentence.span:
        if sentence.base + token.idx == sentence.start + offset:
            if token.lower_ in {"cost", "costs", "hit", "hits"} and token.tag_.startswith("NN"):
                return True
            if token.dep_ == "acl" and token.tag_ == "VBN":  # "genuine orders refused"
                return True
            other_verb = any(
                t.tag_.startswith("VB") or t.tag_ == "MD" for t in sentence.span if t.i != token.i
            )
            if (
                not other_verb
            ):  # the parse missed the only verb ("This hurt revenue" as a noun phrase)
                return False
            return token.dep_ == "amod" or (token.tag_ == "JJ" and token.lower_ != "lost")
    return False


_NO_IMPACT = re.compile(
    r"\b(?:not|never|no|none|nobody|without|n't)\b(?:\s+\w+){0,4}\s*$|^\W*no\b|n't\s*$",
    re.IGNORECASE,
)


_CONTAIN_IMPACT = re.compile(
    r"\b(?:mitigat\w*|limit\w*|minimi[sz]\w*|contain\w*|reduc\w*|lessen\w*|soften\w*|stop\w*|"
    r"prevent\w*|avoid\w*)\s+(?:(?:the|any|further|"
    r"its|this)\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# "preventing new orders from being affected": an impact that did not happen
_PREVENTED = re.compile(
    r"\b(?:prevent|prevents|prevented|preventing|stop|stops|stopped|stopping|keep|kept|keeping)\s+"
    r"(?:[\w-]+\s+){0,4}?from\s+(?:being\s+)?$",
    re.IGNORECASE,
)


# "enhancing cache data retention during power loss": an improvement to make, not an impact
_IMPROVING = re.compile(
    r"\b(?:(?:enhanc|improv|increas|strengthen|protect|preserv|ensur|boost|safeguard)ing|"
    r"to\s+(?:enhance|improve|increase|strengthen|protect|preserve|ensure|boost|safeguard))\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


# "before they affect users", "events that can affect their accounts": an impact that may come,
# not one that happened
_UNREAL = re.compile(
    r"\b(?:before|if|unless|until|whenever|can)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE
)
# "reduce the likelihood of similar outages": the odds of a future impact
_ODDS = re.compile(
    r"\s+(?:the\s+)?(?:likelihood|risk|chances?|probability|odds|frequency)\b", re.IGNORECASE
)


_ONE_PARTY = re.compile(
    r"^(?:user|customer|client|merchant|subscriber|applicant|partner|shopper|buyer|account)$",
    re.IGNORECASE,
)
_ONE_BEFORE = re.compile(r"\b(?:the|a|an|one|this|that|single)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _one_party(sentence: Sentence, match: re.Match[str]) -> bool:
    """ "The user was unable to upload the project": one person or account, a count of one ("a
    customer impact" is not: there the word only describes the impact)."""
    if not (
        _ONE_PARTY.match(match.group(0)) and _ONE_BEFORE.search(sentence.text, 0, match.start())
    ):
        return False
    token = next(
        (t for t in sentence.span if sentence.base + t.idx == sentence.start + match.start()), None
    )
    return token is not None and token.dep_ not in {"compound", "amod", "nmod"}


def _used_as_verb(sentence: Sentence, offset: int) -> bool:
    """The word at `offset` ("account" in "did not account for") is a verb in this sentence."""
    for token in sentence.span:
        if sentence.base + token.idx == sentence.start + offset:
            return token.tag_.startswith("VB")
    return False


@cache
def _machinery_after() -> re.Pattern[str]:
    nouns = resources.load("numbers")["mechanism_nouns"].strip()
    return re.compile(rf"\s+(?:{nouns})\b", re.IGNORECASE | re.VERBOSE)


# a definition: what a term means, not what happened
_DEFINING = {"means", "mean", "refers", "denotes", "describes"}


def _imperative(sentence: Sentence) -> bool:
    root = sentence.span.root
    return root.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children)


def impact_spans(doc: Document, sentence: Sentence) -> tuple[int, int] | None:
    """Plain span of the impact claim in `sentence`, if it makes one (figures not considered)."""
    if sentence.is_question:
        return None
    cues = resources.pattern("numbers", "impact_cues")
    objects = resources.pattern("numbers", "impact_objects")
    if resources.pattern("numbers", "plan_cues").search(sentence.text):
        return None
    if doc.has_parse and _imperative(sentence):
        return None  # a plan step ("Work out the lending income we lost (by 2 December)")
    if doc.has_parse and sentence.span.root.lower_ in _DEFINING:
        return None  # "A false positive means a genuine customer whose order we blocked"
    machinery = _machinery_after()
    object_match = next(
        (
            m
            for m in objects.finditer(sentence.text)
            if not machinery.match(sentence.text, m.end())
            and not (doc.has_parse and _used_as_verb(sentence, m.start()))
            and not (doc.has_parse and _one_party(sentence, m))
        ),
        None,
    )  # "by reducing client load": the load is the machinery, not the clients; "did not account
    # for these changes": a verb, not the customers' accounts
    if not object_match or _IMPROVING.search(sentence.text[: object_match.start()]):
        return None
    for match in cues.finditer(sentence.text):
        if sentence.text[: match.start()].rstrip().lower().endswith(" to"):
            continue
        if doc.has_parse and _cue_is_adjective(sentence, match.start()):
            continue
        if _CONTAIN_IMPACT.search(sentence.text[: match.start()]) or _PREVENTED.search(
            sentence.text[: match.start()]
        ):
            continue  # "To mitigate the immediate impact, we shut down…": containment, not impact
        if _NO_IMPACT.search(sentence.text[: match.start()]):
            continue  # "EU customers were not affected", "No customer data was lost": no impact
        if _UNREAL.search(sentence.text[: match.start()]) or _ODDS.match(
            sentence.text, match.end()
        ):
            continue  # "alert on slow queries before they affect users": an impact that may come
        if not doc.has_parse and sentence.text[: match.start()].rstrip().lower().endswith(
            ("the", "our", "all", "any")
        ):
            continue
        start = min(match.start(), object_match.start())
        end = max(match.end(), object_match.end())
        return sentence.start + start, sentence.start + end
    return None


def _separate_clause_without_figure(
    doc: Document, sentence: Sentence, span: tuple[int, int]
) -> bool:
    """A figure elsewhere in the sentence does not cover a coordinated clause of its own ("cut costs
    by 40% but hurt answer quality")."""
    if not doc.has_parse:
        return False
    cue = next((t for t in sentence.span if sentence.plain_range(t)[0] == span[0]), None)
    if cue is None:
        cue = next((t for t in sentence.span if sentence.plain_range(t)[0] >= span[0]), None)
    if cue is None or cue.dep_ != "conj" or not cue.tag_.startswith("VB"):
        return False
    first = min(t.idx for t in cue.subtree) + sentence.base
    last = max(t.idx + len(t.text) for t in cue.subtree) + sentence.base
    figures = doc.figures(sentence)
    return not any(first <= a < last for a, _ in figures.quantity_spans)


def settle(doc: Document, hit: Hit) -> Hit:
    """Dropped when the paragraph around the sentence sizes the impact: a figure in the sentence
    before or in the next few ("This led to orders showing the wrong status. Under 0.3% of orders
    were affected."), or a measured duration for an outage (critic/neighbours.py); or when the
    sentence tells how the failure worked (its subject is a cause: "This misconfiguration resulted
    in improper routing of user requests") in a write-up that sizes who was hit elsewhere
    ("about 70% of our users")."""
    sentence = doc.sentence_at(hit.start)
    if sentence is not None and (
        paragraph_answers(doc, sentence, outage=outage_words(sentence.text))
        or (impact_sized(doc) and cause_chain(doc, sentence))
    ):
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    return hit


def check(doc: Document) -> list[Hit]:
    hits: list[Hit] = []
    for sentence in doc.prose:
        span = impact_spans(doc, sentence)
        if span is None:
            continue
        if doc.figures(sentence).quantity and not _separate_clause_without_figure(
            doc, sentence, span
        ):
            continue
        if change_without_figure.changes(doc, sentence):
            continue
        if resources.pattern("numbers", "magnitude_phrases").search(sentence.text):
            continue  # "a complete inability to modify user accounts": the whole of it
        if outage_duration(sentence.text) or neighbour_gives_size(
            doc, sentence, outage=outage_words(sentence.text)
        ):
            continue  # "unavailable for 1 hour 50 minutes", or sized by the next sentence
        words = doc.plain.text[span[0] : span[1]]
        hits.append(
            Hit(
                RULE.id,
                span[0],
                span[1],
                f"“{words}” states an impact without a figure.",
                "Say how much: money, a percentage or a count, e.g. “cost about $84,000 in lost "
                "sales (1,200 orders) last week”.",
            )
        )
    return hits
