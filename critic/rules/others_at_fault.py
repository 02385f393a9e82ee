"""blame.others-at-fault — the failure put on another party, with the writer's own part absent.

Guideline: Guide §4 Ownership and Accountability: "Don't deflect blame. Take ownership of the
situation." Read from the dependency parse, not from a phrase list, so new wordings are caught:

* another party as the subject of the failure ("the agency shipped us broken labels", "ops ignored
  the alert", "the data team didn't tell us");
* a mistake passed to another party as agent ("Mistakes were made by the data vendor");
* counterfactual blame of others ("if ops had scaled the cluster, we'd have been fine"); an
  admission about our own safeguards ("had our alert worked, we would have caught it") is not;
* being failed by others ("we were let down by the data team");
* blaming inputs someone else handed over ("the numbers we were given were wrong");
* blaming customers for how they used the product ("shoppers clicked the pay button twice"), or
  the system as if it chose for itself ("the model decided on its own to decline them").

In an outsider's account (several sentences and no "I", "we" or "our" anywhere: "Cloudflare
experienced…", "the IT team had not…") the critic cannot tell the writer's side from others', so a
finding there is a suggestion that asks the writer to say what we did, not an error.

A sentence in which the writer also owns an act ("The vendor's feed was late, and I chose not to
wait for it") is left alone: naming a vendor's part beside our own is honest. Needs the parser; the
degraded engine relies on blame.deflection's phrase list.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from critic import ownership, resources
from critic.document import Document, Sentence
from critic.own_products import own_names
from critic.rules.base import Hit, Rule

RULE = Rule(
    "blame.others-at-fault",
    "blame",
    "error",
    "ownership",
    summary="puts the failure on someone else",
)
RULES = (RULE,)

examples_fail = [
    "The agency shipped us broken labels.",
    "Their file broke our pricing, and the model simply passed on their numbers.",
    "Ops ignored the capacity alert on Friday.",
    "If ops had scaled the cluster, we'd have been fine.",
    "Mistakes were made by the data vendor.",
    "We were let down by the labelling agency.",
    "The numbers we were given were wrong.",
    "The platform team broke the discount feed on Friday.",
    "Had the vendor tested its feed, none of this would have happened.",
    "Customers typed their postcodes in the wrong format.",
    "The model decided on its own to decline those applicants.",
    "Engineers at the partner firm set up the feed wrongly.",
    "Root cause: the vendor forgot to renew the certificate.",
]
examples_pass = [
    "Had our alert worked as intended, we would have caught the error within minutes.",
    "By 11 December, the fraud team will get an alert whenever gift card sales pass twice their "
    "usual level.",
    "Own-brand sales through search fell by 31%, about $340,000.",
    "We will keep the vendor: their model was not the problem on its own.",
    "If we had tested on a full week of orders, we would have seen it.",
    "The vendor's feed arrived late, and I chose not to wait for it.",
    "The agency relabelled 4,000 images for us by Tuesday.",
    "The data team helped us restore the feed within an hour.",
    "We gave the vendor the wrong file.",
    "Had any of them performed as intended, the data could have been restored.",
    "Customers saw the wrong price for two hours.",
    "Our fraud model refused 12,100 genuine orders from 9,400 customers.",
    "I was wrong to assume the vendor's data was clean.",
    "Root Cause: A load balancer forgot how to share and piled all the weight onto one server.",
    "Connections were open, but they forgot to close the door behind them.",
    "14:50 UTC - Engineering team incorrectly suspected a DDoS attack.",
    "Product put into production prematurely without monitoring.",
    "13:00: The issue was detected by the platform team when it tried to open the website.",
    "DevOps team swiftly identified and adjusted the misconfiguration.",
    "03:15: Database team finds the culprit: a misconfiguration.",
    "The failure to stay ready for such situations was what took us down for hours.",
    "We keep Routewise. Their data cut average pickup times by 40 seconds in our trial, and this "
    "failure came from how we read it.",
    "Twice a year, test what the model does when a supplier sends stale files.",
    "The supplier's delay was 4 days, and we told stores only on day 3, which was too late.",
    "The cutoff was lowered by the fraud team, which the author leads, on 20 November.",
]

_SUGGESTION = (
    "Own our part: say what we did or missed, then what we are changing, e.g. “We used the "
    "vendor's labels without checking a sample; from 10 December we check 500 before each use.”"
)


def _clause_hit(sentence: Sentence, tokens: list[Token], why: str) -> Hit:
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    doc = sentence.span.doc
    start, _ = sentence.plain_range(doc[first])
    _, end = sentence.plain_range(doc[last])
    words = sentence.text[start - sentence.start : end - sentence.start]
    return Hit(RULE.id, start, end, f"“{words}” {why}", _SUGGESTION)


_TEMPORAL = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|^(?:mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*$|\d",
    re.IGNORECASE,
)


def _temporal(token: Token) -> bool:
    return any(_TEMPORAL.match(t.text) for t in token.subtree)


def _label(token: Token) -> bool:
    """A label before a colon that the parser took for the subject ("Root Cause: A load
    balancer … forgot how to share")."""
    return any(c.dep_ == "punct" and c.text == ":" and c.i > token.i for c in token.children)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and not _label(c)]
    if not subjects and verb.dep_ in {"conj", "xcomp"}:
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def _imperative(verb: Token) -> bool:
    """A bare verb opening its clause ("Configuration: Implement stricter reviews"): an action
    item, whatever the parser took for its subject."""
    return verb.tag_ == "VB" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _ours(party: Token) -> bool:
    """A team the writer says is theirs: "the fraud team, which the author leads", "the team I
    run"."""
    return any(
        c.dep_ in {"relcl", "acl"}
        and any(
            g.dep_ == "nsubj" and g.lower_ in {"i", "we", "author", "writer"} for g in c.children
        )
        for c in party.children
    )


def _own_clause(verb: Token) -> str:
    """The words of the verb's clause, without a clause joined on with its own subject (in "The
    supplier's delay was 4 days, and we told stores only on day 3, which was too late", "too late"
    is about what we did)."""
    other = {
        t.i
        for c in verb.children
        if c.dep_ == "conj" and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
        for t in c.subtree
    }
    return " ".join(t.text for t in verb.subtree if t.i not in other)


def _under_instruction(verb: Token) -> bool:
    """Inside an instruction ("Twice a year, test what the model does when a supplier sends stale
    files"): a case to try, not a party's failure."""
    return any(
        _imperative(a) and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in a.children)
        for a in verb.ancestors
        if a.tag_ == "VB"
    )


def _party_failure(verb: Token, named: bool) -> bool:
    """The verb says its subject did wrong: failed, ignored, shipped us broken X, didn't tell us.
    A proper-named subject counts only for failures people commit."""
    lists = ownership.lists()
    lowered = verb.lower_
    if resources.pattern("blame", "hypothesis_verbs").fullmatch(lowered):
        return False  # "Engineering team incorrectly suspected a DDoS attack": a wrong lead
    if verb.dep_ == "conj" and lists["response_verbs"].fullmatch(verb.head.lower_):
        return False  # "DevOps team swiftly identified and adjusted the misconfiguration"
    if lists["response_verbs"].fullmatch(lowered) or any(
        c.dep_ in {"prt", "advmod"} and c.lower_ == "back" and lowered.startswith("roll")
        for c in verb.children
    ):
        return False  # "the team identified a misconfiguration", "rolled the deployment back"
    if named:
        return bool(lists["people_failure_verbs"].fullmatch(lowered))
    if lists["party_failure_verbs"].fullmatch(lowered):
        return True
    negated = any(c.dep_ == "neg" for c in verb.children)
    base = lowered[:-3] if lowered.endswith("ing") else lowered  # "was not informing us"
    if negated and (
        lists["party_silence_verbs"].fullmatch(lowered)
        or lists["party_silence_verbs"].fullmatch(base)
    ):
        return True
    sentence_text = verb.sent.text
    clause = _own_clause(verb)
    if lists["party_fault_markers"].search(clause) or lists["mistake_markers"].search(clause):
        return True
    if lists["handover_verbs"].fullmatch(lowered) and lowered not in {"received", "got", "gotten"}:
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr"}]
        bad_object = any(
            ownership.has_bad_quality(o) for o in objects if o.lower_ not in {"us", "me"}
        )
        return bad_object or bool(lists["bad_quality"].search(sentence_text))
    return False


def _failed_by(sentence: Sentence) -> list[Hit]:
    match = ownership.lists()["failed_by"].search(sentence.text)
    if not match:
        return []
    return [
        Hit(
            RULE.id,
            sentence.start + match.start(),
            sentence.start + match.end(),
            f"“{match.group(0)}” says others failed us, not what we did.",
            _SUGGESTION,
        )
    ]


def _counterfactual(sentence: Sentence, verb: Token) -> bool:
    """'If ops had scaled…' / 'Had the vendor tested…' with a hypothetical main clause."""
    if verb.dep_ not in {"advcl", "ccomp"}:
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    first = verb.doc[min(t.i for t in verb.subtree)]
    inverted = "had" in auxes and first.lower_ == "had" and first.dep_ == "aux"
    if not ("if" in marks and auxes & {"had", "'d"}) and not inverted:
        return False
    main = verb.head
    main_auxes = {c.lower_ for c in main.children if c.dep_ == "aux"}
    return bool(main_auxes & {"would", "'d", "could", "might"})


def _blamed_input(sentence: Sentence) -> list[Hit]:
    """'The numbers we were given were wrong', 'the bad prices came straight from the file the
    merchandising team sent over', 'their file broke our pricing': input someone handed over,
    blamed for the failure."""
    lists = ownership.lists()
    text = sentence.text
    reliance = _RELIANCE.search(text)
    if reliance is not None and _OURS_AFTER.match(text, reliance.end()):
        reliance = None  # "this failure came from how we read it": our own act, not their input
    damage = lists["input_damage_verbs"].search(text)
    if not lists["bad_quality"].search(text) and reliance is None and damage is None:
        return []
    for token in sentence.span:
        if not lists["input_nouns"].fullmatch(token.lower_):
            continue
        only_damage = (
            damage is not None and reliance is None and not lists["bad_quality"].search(text)
        )
        if only_damage and not (  # "their file broke our pricing": the input damaged something
            token.dep_ == "nsubj" and lists["input_damage_verbs"].fullmatch(token.head.lower_)
        ):
            continue
        handed = any(
            c.dep_ in {"relcl", "acl"} and lists["handover_verbs"].fullmatch(c.lower_)
            for c in token.children
        ) or any(  # "the customer file from the vendor"
            c.dep_ == "prep"
            and c.lower_ == "from"
            and any(o.dep_ == "pobj" and ownership.is_other_party(o) for o in c.children)
            for c in token.children
        )
        theirs = any(
            c.dep_ == "poss"
            and (c.lower_ == "their" or ownership.is_other_party(c))
            and not ownership.is_named_party(c)
            for c in token.children
        )
        if handed or theirs:
            return [
                _clause_hit(
                    sentence,
                    list(token.subtree),
                    "blames the inputs someone handed over, not how we used them.",
                )
            ]
    return []


_RELIANCE = re.compile(
    r"\b(?:rested|relied|depended|(?:was|were)\s+based|came\s+(?:straight\s+)?from|worked\s+from|"
    r"built\s+on)\b",
    re.IGNORECASE,
)


_OURS_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:we|I|our|my|us)\b", re.IGNORECASE)


_ON_ITS_OWN = re.compile(
    r"\b(?:on\s+its\s+own|by\s+itself|of\s+its\s+own\s+accord|all\s+by\s+itself|itself|"
    r"before\s+(?:anyone|anybody)\s+could)\b",
    re.IGNORECASE,
)


def _users_or_system_blamed(subject: Token, verb: Token) -> str | None:
    """Customers blamed for how they used the product ("Shoppers clicked the pay button twice"),
    or a system said to have chosen for itself ("The model decided on its own to decline them")."""
    lists = ownership.lists()
    lowered = verb.lower_
    users = subject
    if subject.lower_ in {"who", "that"} and verb.dep_ == "relcl":
        users = verb.head  # "customers who had not read the terms"
    if lists["user_nouns"].fullmatch(users.text):
        clause = " ".join(t.text for t in verb.subtree)
        negated = any(c.dep_ == "neg" for c in verb.children)
        if lists["user_misuse_verbs"].fullmatch(lowered) or (
            lists["user_error_verbs"].fullmatch(lowered)
            and (
                negated
                or lists["mistake_markers"].search(clause)
                or lists["bad_quality"].search(clause)
            )
        ):
            return "blames the customers for how they used the product."
    clause = " ".join(t.text for t in verb.subtree)
    owned = any(c.lower_ in {"our", "my"} for c in subject.children)
    chose = lists["choice_verbs"].fullmatch(lowered) and (
        _ON_ITS_OWN.search(clause)
        or any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children
        )
    )
    if (
        lists["system_nouns"].fullmatch(subject.text)
        and not owned
        and not any(c.dep_ == "neg" for c in verb.children)  # "was not the problem on its own"
        and verb.tag_ in {"VBD", "VBN"}  # "the bid cap lowers itself" describes a mechanism
        and (chose or _ON_ITS_OWN.search(clause))
    ):
        return "talks as if the system chose for itself; someone built and released it."
    return None


def _sentence_hits(sentence: Sentence) -> list[Hit]:
    span = sentence.span
    hits = _failed_by(sentence)
    if ownership.own_part(span):
        return hits
    hits.extend(_blamed_input(sentence))
    for verb in span:
        if not verb.tag_.startswith("VB"):
            continue
        subject = _subject(verb)
        if ownership.in_plan(verb) or _imperative(verb) or _under_instruction(verb):
            continue  # a plan step ("the team will get an alert", "Implement …") blames no one
        if _counterfactual(sentence, verb):
            if subject is not None and (
                ownership.is_other_party(subject)
                or ownership.lists()["user_nouns"].fullmatch(subject.text)
            ):
                hits.append(
                    _clause_hit(
                        sentence, list(verb.subtree), "blames others for what might have been."
                    )
                )
            continue
        agents = [c for c in verb.children if c.dep_ == "agent"]
        for agent in agents:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if not objects or not ownership.is_other_party(objects[0]) or _ours(objects[0]):
                continue
            if ownership.is_named_party(objects[0]) and _temporal(objects[0]):
                continue  # "resolved by October 26": when, not who
            if ownership.lists()["response_verbs"].fullmatch(verb.lower_):
                continue  # "The issue was detected by the platform": they found it, no blame
            fault = ownership.lists()["fault_verbs"].fullmatch(verb.lower_) or (
                subject is not None
                and (
                    ownership.lists()["error_nouns"].fullmatch(subject.lower_)
                    or ownership.has_bad_quality(subject)
                )
            )
            if fault:
                hits.append(
                    _clause_hit(
                        sentence,
                        [verb, *agent.subtree, *(subject.subtree if subject else [])],
                        "puts the mistake on someone else.",
                    )
                )
        if subject is not None and subject.dep_ == "nsubj":
            blamed = _users_or_system_blamed(subject, verb)
            if blamed:
                objects = [c for c in verb.children if c.dep_ in {"dobj", "xcomp", "prep"}]
                tokens = [*subject.subtree, verb, *(t for o in objects for t in o.subtree)]
                hits.append(_clause_hit(sentence, tokens, blamed))
                continue
        if (
            subject is None
            or subject.dep_ != "nsubj"
            or not ownership.is_other_party(subject)
            or _ours(subject)
        ):
            continue
        if _they_are_things(subject) or _telegraphic_passive(subject, verb):
            continue
        if _party_failure(verb, ownership.is_named_party(subject)):
            objects = [c for c in verb.children if c.dep_ in {"dobj", "dative", "xcomp"}]
            tokens = [*subject.subtree, verb, *(t for o in objects for t in o.subtree)]
            hits.append(_clause_hit(sentence, tokens, "puts the failure on someone else."))
    return hits


def _person(token: Token) -> bool:
    return token.tag_ in {"NNP", "NNPS"} or any(
        resources.pattern("blame", key).fullmatch(token.text)
        for key in ("party_nouns", "party_team_nouns", "people_nouns", "user_nouns")
    )


def _they_are_things(subject: Token) -> bool:
    """ "Connections were open, but they forgot to close the door": "they" stands for the things
    named as the subject before it in the sentence, not for another party."""
    if subject.lower_ != "they":
        return False
    earlier = [
        t
        for t in subject.sent
        if t.i < subject.i and t.dep_ in {"nsubj", "nsubjpass"} and t.tag_ == "NNS"
    ]
    return bool(earlier) and not _person(earlier[-1])


def _telegraphic_passive(subject: Token, verb: Token) -> bool:
    """ "Product put into production prematurely": a note that drops "was", so the bare noun is
    what was acted on, not someone acting (a transitive action verb with no object)."""
    lists = resources.pattern
    return (
        subject.tag_ == "NN"
        and not any(c.dep_ in {"det", "poss", "compound", "amod"} for c in subject.children)
        and verb.tag_ in {"VBD", "VBN"}
        and bool(
            lists("blame", "fault_verbs").fullmatch(verb.lower_)
            or lists("blame", "ambiguous_action_verbs").fullmatch(verb.lower_)
        )
        and not any(
            c.dep_ in {"dobj", "dative", "ccomp", "xcomp", "attr", "prt"} for c in verb.children
        )
    )


def _own_names(doc: Document) -> list[str]:
    if "own_names_any" not in doc.cache:
        doc.cache["own_names_any"] = own_names(doc, set()) if doc.has_parse else []
    return doc.cache["own_names_any"]


_OUTSIDE_NOTE = (
    " This draft never says “we” or “I”: if it is your own team's briefing, say what we did too."
)


def settle(doc: Document, hit: Hit) -> Hit:
    """In an outsider's account, a suggestion instead of an error (see the module docstring); on
    the write-up's own organisation or product ("Steam's client deleted…" in Valve's write-up),
    or beside a sentence that admits our own fault (an honest split), no finding."""
    names = _own_names(doc)
    words = doc.plain.text[hit.start : hit.end]
    sentence = doc.sentence_at(hit.start)
    if sentence is not None and ownership.neighbour_admits_fault(doc, sentence):
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    alternatives = "|".join(re.escape(name) for name in names)
    if names and re.match(rf"(?:the\s+)?(?:{alternatives})\b", words, re.IGNORECASE):
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    if not ownership.outside_account(doc):
        return hit
    return Hit(
        hit.rule, hit.start, hit.end, hit.message, hit.suggestion + _OUTSIDE_NOTE, "suggestion"
    )


def check(doc: Document) -> list[Hit]:
    if not doc.has_parse:
        return []
    hits: list[Hit] = []
    for sentence in doc.prose:
        if sentence.is_question:
            continue
        found = _sentence_hits(sentence)
        taken: list[tuple[int, int]] = []
        for hit in sorted(found, key=lambda h: (h.start, -h.end)):
            if any(a < hit.end and hit.start < b for a, b in taken):
                continue
            taken.append((hit.start, hit.end))
            hits.append(hit)
    return hits
