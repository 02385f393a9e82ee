"""Agentless passive clauses and first-person ownership (Guide §4 Ownership and Accountability).

With the parser: a clause is passive when a verb has an `auxpass` child ("was set", "got pushed").
It is agentless when there is no `agent` ("by ...") phrase, or the phrase is temporal ("by Friday")
or vague ("by someone"). A passive whose agent is the author's own side ("caused by a change our
team pushed") is ownership. Participles that describe a state ("I was surprised", "the data was
outdated") are not passive. Without the parser (degraded engine) a word pattern approximates this.

A passive is a finding only when leaving out the agent hides who erred or decided (Harper #1500;
Fannes & Claeys 2022): a past passive whose verb says what went wrong or who decided ("was set",
"were skipped", "was approved"); an action that is as often a recovery ("was deployed", "was
disabled") only in a sentence that names a mistake ("the wrong file was deployed"); a `get` passive
("a bad config got pushed"); or a negated failure to act ("the alert wasn't acted on"). Recovery
verbs and states ("sites were restored", "EU customers were not impacted") never count, and neither
does a passive in a sentence that names its agent or owns the act in the first person ("I approved
the change, which was not reviewed"). Lists live in critic/data/blame.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from critic import resources
from critic.document import Document, Sentence
from critic.ownership import admits_fault, own_part

_PAST_AUX = {"was", "were", "got", "gotten", "get", "gets", "wasn't", "weren't", "wasnt", "werent"}
_PERFECT = {"has", "have", "had", "'s", "'ve", "'d", "hasn't", "haven't", "hadn't"}
_FIRST = {"i", "we"}
_OWN_SIDE = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_COGNITION = {
    "think",
    "believe",
    "feel",
    "hope",
    "guess",
    "suppose",
    "suspect",
    "know",
    "want",
    "need",
    "wish",
}
_PRONOUN_OBJECTS = {
    "it": "it",
    "this": "this",
    "that": "that",
    "they": "them",
    "these": "these",
    "those": "those",
}
_BLANK_PASSIVE = re.compile(
    r"\b(?P<aux>am|is|are|was|were|be|been|being|got|gets|get|gotten|wasn't|weren't|isn't|aren't)"
    r"(?P<adv>(?:\s+(?:not|never|also|already|just|then|quickly|accidentally|mistakenly|incorrectly|"
    r"wrongly|later|still|all|originally|previously|recently|\w+ly)){0,2})"
    r"\s+(?P<verb>[a-z]+(?:ed|en)|set|made|run|put|cut|hit|let|left|sent|built|kept|lost|told|"
    r"caught|taught|bought|brought|thought|sold|held|found|meant|spent|read|led|fed|shut)\b",
    re.IGNORECASE,
)
_NOT_PARTICIPLES = re.compile(
    r"^(?:seen|been|even|open|often|ten|token|garden|golden|hidden|sudden|kitchen|eleven|seven|"
    r"children|women|men|oxygen|citizen|dozen|linen|heaven|screen|green|between|need|speed|feed|"
    r"seed|bed|red|shed|bleed|proceed|exceed|succeed|indeed|hundred|kindred|sacred|naked|wicked|"
    r"ragged|rugged|crooked|beloved|learned|aged|alleged|blessed|dogged|wretched|shred|bred|shed)$",
    re.IGNORECASE,
)


@dataclass
class Passive:
    sentence: Sentence
    start: int  # plain offsets of "auxiliary ... participle"
    end: int
    verb: str
    past: bool
    negated: bool
    rewrite: str | None
    reason: str  # "no agent", "temporal", "vague"
    topic: frozenset[str] = frozenset()  # content words of its subject and verb


@cache
def _lists() -> dict[str, re.Pattern[str]]:
    keys = (
        "temporal_agents",
        "vague_agents",
        "state_participles",
        "fault_verbs",
        "ambiguous_action_verbs",
        "negated_fault_verbs",
        "recovery_verbs",
        "mistake_markers",
        "behaviour_adverbs",
        "code_places",
        "behaviour_nouns",
        "people_nouns",
        "removal_verbs",
        "safeguard_nouns",
        "processed_items",
        "processing_verbs",
        "impersonal_judgement_verbs",
        "judgement_adjectives",
        "copular_verbs",
        "user_nouns",
        "agreement_verbs",
        "party_nouns",
        "named_causes",
        "external_party_nouns",
        "fix_purposes",
        "fix_nouns",
        "fix_results",
        "fix_efforts",
        "repair_verbs",
        "fix_artifacts",
        "fix_artifact_modifiers",
        "delivery_verbs",
        "improvement_purposes",
        "response_purposes",
        "rework_verbs",
        "problem_adjectives",
        "finding_verbs",
        "error_nouns",
    )
    return {key: resources.pattern("blame", key) for key in keys}


def _past_form(participle: str) -> str:
    return resources.load("blame")["irregular_past"].get(participle.lower(), participle.lower())


def _base_form(participle: str, lemmatize: Callable[[str], str] | None = None) -> str:
    lowered = participle.lower()
    irregular = resources.load("blame")["irregular_base"]
    if lowered in irregular:
        return irregular[lowered]
    if lemmatize is not None:
        return lemmatize(lowered)
    if lowered.endswith("ied"):
        return lowered[:-3] + "y"
    if lowered.endswith("ed"):
        stem = lowered[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            return stem[:-1]
        return stem
    return lowered


_NOBODY = {"nobody", "no-one", "none", "noone"}
_MODALS = {"will", "would", "should", "could", "can", "may", "might", "must", "shall", "'ll", "wo"}
_GET_AUX = {"got", "get", "gets", "gotten", "getting"}


def hides_fault(
    sentence: Sentence, verb: str, past: bool, negated: bool, get: bool, vague: bool = False
) -> bool:
    """True when an agentless passive of `verb` hides who erred or decided (module docstring)."""
    lists = _lists()
    lowered = " ".join(verb.lower().split())
    head = lowered.split()[0]
    if negated and any(lists["negated_fault_verbs"].fullmatch(f) for f in (lowered, head)):
        return True  # "was never set up", "had not been refreshed"
    if any(lists["recovery_verbs"].fullmatch(form) for form in (lowered, head)):
        return False
    if any(lists["state_participles"].fullmatch(form) for form in (lowered, head)):
        return False
    if negated:
        return False  # "Prices in Canada were not changed": nothing was done, nothing is hidden
    if not (past or get):
        return False
    if get or any(lists["fault_verbs"].fullmatch(form) for form in (lowered, head)):
        return True  # "a bad config got pushed", "the labels got swapped"
    if any(lists["ambiguous_action_verbs"].fullmatch(form) for form in (lowered, head)):
        others = re.sub(rf"\b{re.escape(head)}\b", " ", sentence.text, flags=re.IGNORECASE)
        return vague or bool(lists["mistake_markers"].search(others))
    return False


_OWNING_SUBJECTS = {"i", "we"}


_MACHINE_AGENT = re.compile(
    r"\bautomatic(?:ally)?\b|\bby\s+(?:itself|themselves)\b|\b(?:via|through|using|per)\s+(?:our|the)\s+"
    r"(?:\w+\s+)?(?:process|processes|procedure|tooling|automation|system|runbook|pipeline)\b|"
    r"\b(?:correctly|properly|proactively|successfully|safely|deliberately\s+and\s+correctly)\b",
    re.IGNORECASE,
)
_NEUTRAL_MADE = {
    "attempts",
    "efforts",
    "progress",
    "contact",
    "arrangements",
    "improvements",
    "assumption",  # "an initial assumption was made that…": a step of the investigation
    "assumptions",
    "request",  # "when a request was made": the users' traffic, not anyone's act
    "requests",
    "query",
    "queries",
}
_ESCALATION = {"raised", "escalated", "referred"}
_HELPERS = {
    "team",
    "teams",
    "council",
    "engineers",
    "engineer",
    "on-call",
    "lead",
    "leads",
    "experts",
}


def _agent_named(sentence: Sentence) -> bool:
    """The sentence names who acted: a real "by" agent, or "I"/"we" as subject of a fault verb."""
    lists = _lists()
    for token in sentence.span:
        if token.dep_ == "agent":
            objects = [child for child in token.children if child.dep_ == "pobj"]
            if objects and not (
                lists["vague_agents"].fullmatch(objects[0].text)
                or lists["temporal_agents"].fullmatch(objects[0].text)
            ):
                return True
        if (
            token.dep_ == "nsubj"
            and token.head.tag_.startswith("VB")
            and not lists["copular_verbs"].fullmatch(token.head.lower_)
            and (token.tag_ in {"NNP", "NNPS"} or lists["people_nouns"].fullmatch(token.text))
            and not lists["user_nouns"].fullmatch(token.text)
            and not lists["vague_agents"].fullmatch(token.text)
        ):
            return True  # "Etsy … took down the site while the upgrade got pushed"
        if token.dep_ == "nsubj" and token.lower_ in _OWNING_SUBJECTS:
            verb = token.head.lower_
            if lists["fault_verbs"].fullmatch(verb) or lists["ambiguous_action_verbs"].fullmatch(
                verb
            ):
                return True
    return False


_NEIGHBOUR_AGENT = re.compile(
    r"\b(?:I|we)\s+(?:had\s+|have\s+|then\s+|also\s+)?(?:[a-z]+ed|set|made|ran|put|chose|wrote|broke|"
    r"forgot|took|shipped|pushed|approved|deployed)\b|\b(?:introduced|made|pushed|approved|caused|done|"
    r"deployed|run|set)\s+by\s+(?:a|an|the|our|one\s+of\s+our)\s+(?:\w+\s+)?(?:engineer|operator|"
    r"developer|employee|admin|administrator|team|person|user|contractor|technician|staff|member|"
    r"intern|trainee|colleague)s?\b|"
    r"\b(?:[A-Z][\w-]+|engineer|operator|developer|administrator|admin|team|employee|contractor|"
    r"technician)\s+(?:decided|chose|approved|deployed|pushed|ran|changed|introduced|made|set)\b|"
    # a note that drops "we": "Agreed with developer to delete them"
    r"^\W*(?:Agreed|Decided|Chose|Opted)\s+(?:with|to|not|against|that)\b",
)


@cache
def _fix_step_next() -> re.Pattern[str]:
    data = resources.load("blame")
    nouns = " ".join(data["fix_step_nouns"].split())
    results = "".join(data["fix_step_results"].split())
    return re.compile(
        rf"^\W*(?:this|that|these|the)\s+(?:{nouns})\s+(?:\w+ly\s+)?(?:{results})\b",
        re.IGNORECASE,
    )


def result_follows(doc: Document, sentence: Sentence) -> bool:
    """The next sentence calls the passive a step and says what it achieved ("…was temporarily
    lowered from 15 seconds to 5. This adjustment successfully reduced sessions…")."""
    following = sentence.index + 1
    return following < len(doc.sentences) and bool(
        _fix_step_next().search(doc.sentences[following].text)
    )


def agent_nearby(
    doc: Document, sentence: Sentence, subject_words: frozenset[str] = frozenset()
) -> bool:
    """The sentence before or after names who acted ("A network engineer introduced the change.
    The change was made on a router…"): the passive hides no one.

    Besides the plain pattern, a neighbour counts when a person or a party is the subject of an act
    that went wrong there (a fault verb, a negated act, or a mistake word: "Engineers incorrectly
    assumed symmetry… The untested half was therefore overlooked.") and it speaks of the same thing
    as the passive (a content word of the passive's subject or verb), or when it admits our own
    fault ("We wrongly assumed the defaults were safe")."""
    sentences = doc.sentences
    for index in (sentence.index - 1, sentence.index + 1):
        if not 0 <= index < len(sentences):
            continue
        neighbour = sentences[index]
        if _NEIGHBOUR_AGENT.search(neighbour.text):
            return True
        if subject_words and doc.has_parse and _names_who_erred(neighbour, subject_words):
            return True
        if doc.has_parse and admits_fault(neighbour.span):
            return True  # "No limits were set on the chart. We wrongly assumed the defaults…"
    return False


def _forms(token) -> tuple[str, ...]:
    """The word and a plain stem of it ("backups" → "backup", "tested" → "test")."""
    lowered = token.lower_
    if token.tag_.startswith("VB"):
        return (lowered, _base_form(lowered))
    return (lowered, lowered[:-1] if lowered.endswith("s") and len(lowered) > 3 else lowered)


def _content(token) -> bool:
    return token.tag_.startswith(("NN", "VB")) and len(token.text) > 2 and token.is_alpha


def neighbour_names_who_erred(doc: Document, sentence: Sentence) -> bool:
    """The sentence before or after has a person or party as the subject of an act that went
    wrong ("Human error. An S3 team member ran a command with an incorrect input.")."""
    if not doc.has_parse:
        return False
    sentences = doc.sentences
    return any(
        0 <= index < len(sentences) and _names_who_erred(sentences[index], frozenset())
        for index in (sentence.index - 1, sentence.index + 1)
    )


def _names_who_erred(sentence: Sentence, topic: frozenset[str]) -> bool:
    """A person or party erring in `sentence`; about `topic` when one is given."""
    lists = _lists()
    words = {form for token in sentence.span if _content(token) for form in _forms(token)}
    if topic and not words & topic:
        return False
    for token in sentence.span:
        if token.dep_ != "nsubj" or not token.head.tag_.startswith("VB"):
            continue
        person = (
            token.tag_ in {"NNP", "NNPS"}
            or token.lower_ in {"they", "he", "she"}
            or bool(lists["people_nouns"].fullmatch(token.text))
        )
        if not person:
            continue
        verb = token.head
        clause = " ".join(t.text for t in verb.subtree)
        if (
            any(child.dep_ == "neg" for child in verb.children)
            or lists["fault_verbs"].fullmatch(verb.lower_)
            or lists["mistake_markers"].search(clause)
        ):
            return True
    return False


def _topic(verb) -> frozenset[str]:
    subjects = [c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}]
    tokens = [t for s in subjects for t in s.subtree] + [verb]
    return frozenset(form for t in tokens if _content(t) for form in _forms(t))


def _processed(subject, verb, lists) -> bool:
    return bool(
        lists["processing_verbs"].fullmatch(verb.lower_)
        and lists["processed_items"].fullmatch(subject.text)
    )


def _fix_delivered(subject, verb_text: str, lists) -> bool:
    """The fix itself is what was delivered: "The fixed version of the code was uploaded", "a
    repair script was uploaded", "a hotfix was deployed"."""
    if not lists["delivery_verbs"].fullmatch(" ".join(verb_text.lower().split())):
        return False
    named = [subject, *(o for p in subject.children if p.lower_ == "of" for o in p.children)]
    return any(  # "the first version of a repair script"
        lists["fix_artifacts"].fullmatch(noun.lower_)
        or any(
            c.dep_ in {"amod", "compound"} and lists["fix_artifact_modifiers"].fullmatch(c.lower_)
            for c in noun.children
        )
        for noun in named
    )


def _faulty_thing_removed(subject, verb_text: str, lists) -> bool:
    """ "The faulty rule was removed", "the rule that caused this has been deleted": a fix."""
    verb_words = " ".join(verb_text.lower().split())
    if not lists["removal_verbs"].fullmatch(verb_words):
        return False
    if lists["mistake_markers"].search(" ".join(t.text for t in subject.subtree)):
        return True
    return any(
        c.dep_ == "relcl" and c.lower_ in {"caused", "broke", "triggered", "started", "created"}
        for c in subject.children
    )


def _problem_reworked(verb, verb_text: str, lists) -> bool:
    """ "The problematic scatter query was modified to read only missing data": reworking what is
    already named as the problem is the fix."""
    if not lists["rework_verbs"].fullmatch(" ".join(verb_text.lower().split())):
        return False
    holder = verb.head if verb.dep_ == "acomp" else verb  # "was modified" read as an adjective
    subjects = [c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(
        t.dep_ == "amod" and lists["problem_adjectives"].fullmatch(t.text)
        for s in subjects
        for t in s.subtree
    )


def _found_cause_removed(doc: Document, sentence: Sentence, subject, verb_text: str, lists) -> bool:
    """ "We found out that the namespace had limitranges applied. | The limitrange … was
    deleted": what the sentence before (or the one before that) says was found is removed, a fix."""
    if not lists["removal_verbs"].fullmatch(" ".join(verb_text.lower().split())):
        return False
    if not doc.has_parse or not _content(subject):
        return False
    wanted = set(_forms(subject))
    found = resources.pattern("blame", "discovery_verbs")
    for index in (sentence.index - 1, sentence.index - 2):
        if index < 0:
            break
        before = doc.sentences[index]
        if not found.search(before.text):
            continue
        if any(
            token.tag_.startswith("NN") and wanted & set(_forms(token)) for token in before.span
        ):
            return True
    return False


_FIX_SECTIONS = ("containment", "plan", "prevention")


def _in_fix_section(sentence: Sentence) -> bool:
    """Under a heading or label for what was done or will be done ("Action items",
    "Resolution", "Next steps"): a passive there reports a fix."""
    from critic.coverage import in_section  # coverage imports the rules' neighbours

    return any(in_section(sentence, element) for element in _FIX_SECTIONS)


_SCHEDULE_NOUNS = {"day", "date", "time", "deadline", "window", "meeting", "slot", "hour", "week"}


def _instruction_or_schedule(verb) -> bool:
    """An instruction ("Once your code has been approved, merge your branch"; "Ensure that a
    service whose file has been altered is checked") or a schedule ("the day that was set for the
    simulation"): no one's act is being hidden."""
    if verb.dep_ == "relcl" and verb.head.lower_ in _SCHEDULE_NOUNS:
        return True
    root = verb
    while root.head.i != root.i:
        root = root.head
    imperative = root.tag_ == "VB" and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in root.children
    )
    return imperative or any(t.lower_ in {"your", "yours"} for t in verb.sent)


def _escalated(verb) -> bool:
    """ "The incident was raised to the security team": handed on for help, not hidden."""
    if verb.lower_ not in _ESCALATION or any(c.dep_ == "neg" for c in verb.children):
        return False  # "the anomalies were not escalated to management" hides who did not
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(t.lower_ in _HELPERS for o in c.children if o.dep_ == "pobj" for t in o.subtree)
        for c in verb.children
    )


def _acted_on_us(heads) -> bool:
    """ "We were made aware", "I was told": the writer is the one acted on, nothing is hidden."""
    return bool(heads) and heads[0].lower_ in {"we", "i"}


def _hypothetical_or_explained(verb) -> bool:
    """In an if-clause ("If the policy had been set to 'ignore', …") or in a consequence being
    explained ("which meant multiple changes were introduced at once")."""
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children):
        return True
    return verb.dep_ == "ccomp" and verb.head.lower_ in {"meant", "means", "mean"}


def _done_as_a_fix(verb, heads, aux_words: set[str], lists) -> set[int] | None:
    """A step taken for a fix: for a repair purpose ("To prevent recurrence, the scaling
    activities were disabled", "the firmware was updated to fix the failover bug"), with a repair
    as its result ("settings were tweaked, resolving the issue"), an effort to fix as its subject,
    or changes reported as made ("Changes have also been made to the deletion process"). Returns the
    words that say it is a fix (a mistake word elsewhere in the sentence still counts), or None."""
    joined = [c for c in verb.children if c.dep_ == "conj"]
    for child in [*verb.children, *(g for c in joined for g in c.children)]:
        purpose = child.dep_ in {"advcl", "xcomp"} and any(
            a.lower_ == "to" for a in child.children if a.dep_ == "aux"
        )
        if purpose and (
            lists["fix_purposes"].fullmatch(child.lower_)  # "to prevent"
            or lists["response_purposes"].fullmatch(child.lower_)  # "to confirm", "to redirect"
        ):
            return {t.i for t in child.subtree}  # "To prevent recurrence, …"; "… to fix the bug"
        particle = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
        if (
            purpose
            and lists["improvement_purposes"].fullmatch(child.lower_)
            and not lists["removal_verbs"].fullmatch(f"{verb.lower_} {particle}".strip())
        ):
            return {child.i, *(a.i for a in child.children if a.dep_ == "aux")}  # "to improve"
        if (
            child.dep_ == "advcl"
            and child.i > verb.i
            and child.tag_ == "VBG"
            and lists["fix_results"].fullmatch(child.lower_)
        ):
            return {t.i for t in child.subtree}  # "settings were tweaked, resolving the issue"
    if heads and lists["fix_efforts"].fullmatch(heads[0].text):
        return {t.i for t in heads[0].subtree}  # "A focused effort to fix the bug was executed"
    if heads and {"have", "has"} & aux_words and lists["fix_nouns"].fullmatch(heads[0].text):
        return set()  # "Changes have also been made to the deletion process"
    return None


def _hidden_decision(subject, verb, verb_text: str, lists) -> bool:
    """A safeguard taken away ("the price floor was removed"), an impersonal judgement ("it was
    felt that a test was not needed") or a judged course ("switching back was judged
    unnecessary"): either way, who decided is left out. Removing a faulty thing is a fix."""
    if lists["impersonal_judgement_verbs"].fullmatch(verb.lower_):
        if subject.lower_ == "it" and _a_finding(verb, lists):
            return False  # "It was concluded that this was a case of scalability"
        if subject.lower_ == "it":
            return any(child.dep_ == "ccomp" for child in verb.children) or any(
                t.lower_ == "that" for t in verb.doc[verb.i + 1 : verb.sent.end]
            )
        if subject.lower_ in {"this", "that", "it", "which"}:
            return False  # "this was deemed unlikely because…": reasoning, not a decision
        return any(  # "switching back was judged unnecessary"
            child.dep_ in {"oprd", "acomp"} and lists["judgement_adjectives"].fullmatch(child.text)
            for child in verb.children
        )
    if not lists["removal_verbs"].fullmatch(" ".join(verb_text.lower().split())):
        return False
    nouns = [subject, *(c for c in subject.children if c.dep_ == "compound")]
    return any(lists["safeguard_nouns"].fullmatch(noun.text) for noun in nouns)


_PROBLEM_WORDS = {"this", "it", "that", "cause", "culprit", "outage", "incident", "failure"}


def _a_finding(verb, lists) -> bool:
    """ "It was concluded that this was …", "It was determined that the issue was …": what the
    investigation found about the problem (a copular statement about it), not a choice."""
    if not lists["finding_verbs"].fullmatch(verb.lower_):
        return False
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if (
            clause.lower_ in {"was", "were", "is", "are"}
            and subjects
            and (
                subjects[0].lower_ in _PROBLEM_WORDS
                or lists["error_nouns"].fullmatch(subjects[0].text)
            )
        ):
            return True
    return False


def _describes_behaviour(verb, auxes) -> bool:
    """A passive that says how a system behaves, not what a person did (see blame.yaml)."""
    lists = _lists()
    negated = any(child.dep_ == "neg" for child in verb.children)
    if any(child.lower_ == "being" for child in auxes) and not (
        negated and lists["negated_fault_verbs"].fullmatch(verb.lower_) and verb.lower_ != "deleted"
    ):
        return True  # "changes being applied"; but "the dashboard wasn't being watched" hides who
    for child in verb.children:
        if child.dep_ == "advmod" and lists["behaviour_adverbs"].fullmatch(child.text):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in {"within", "inside", "in"}
            and any(
                o.dep_ == "pobj" and lists["code_places"].fullmatch(o.text) for o in child.children
            )
        ):
            return True
    if verb.dep_ == "relcl" and lists["behaviour_nouns"].fullmatch(verb.head.text):
        return True
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and lists["agreement_verbs"].fullmatch(verb.lower_)
            and any(  # "agreed with finance"
                o.dep_ == "pobj"
                and (
                    lists["people_nouns"].fullmatch(o.text)
                    or lists["party_nouns"].fullmatch(o.text)
                )
                for o in child.children
            )
        ):
            return True
        if child.dep_ == "advcl" and any(  # "changed so that two people are paged": a fix
            m.lower_ == "so" for m in child.children if m.dep_ in {"mark", "advmod"}
        ):
            return True
    for child in verb.children:  # "the failover was disabled due to this bug": the bug did it
        if (
            child.dep_ == "prep"
            and child.lower_ in {"due", "because"}
            and any(  # "were broken due to a deployment that contained a bug"
                lists["behaviour_nouns"].fullmatch(t.text)
                or lists["named_causes"].fullmatch(t.text)
                for t in child.subtree
            )
        ):
            return True
    if _FAILED_CAUSE.search(verb.sent.text):
        return True  # "was not applied at the intended time due to the failed pipeline"
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return any(
        _CODE_NAME.search(t.text) and not _WEB_ADDRESS.search(t.text)
        for s in subjects
        for t in s.subtree
    )


_SLIP = re.compile(  # how a fix itself went wrong: "pushed to fix X, which inadvertently caused…"
    r"\b(?:inadvertent|accidental|mistaken|erroneous|careless)(?:ly)?\b|\bwrongly\b|"
    r"\bby\s+(?:mistake|accident)\b|\bwithout\s+(?:a\s+)?(?:review|testing|tests?|approval)\b",
    re.IGNORECASE,
)
_TIME_STAMP = re.compile(r"(?:\d{1,2}[:.]\d{2}|AM|PM|am|pm|UTC|GMT|[A-Z]{2,4}T)")
_FAILED_CAUSE = re.compile(
    r"\b(?:due\s+to|because\s+of|caused\s+by)\s+(?:a|an|the|this|that|its)\s+"
    r"(?:failed|failing|broken|faulty|expired|full|crashed|stuck|corrupted)\b",
    re.IGNORECASE,
)
_WEB_ADDRESS = re.compile(r"[.·](?:com|org|net|io|co|uk|de|fr|app|dev|ai|gov|edu)$", re.IGNORECASE)
_CODE_NAME = re.compile(r"^[A-Za-z]\w*(?:[._·]\w+)+$|\(\)$")


def passives(doc: Document) -> list[Passive]:
    """Agentless passives in the author's prose (cached per document)."""
    cached = doc.cache.get("passives")
    if cached is None:
        cached = []
        for sentence in doc.prose:
            if sentence.is_question:
                continue
            found = _parsed(doc, sentence) if doc.has_parse else _heuristic(sentence)
            cached.extend(found)
        doc.cache["passives"] = cached
    return cached


def _agent_kind(verb) -> str | None:
    """None when a real agent is named; else why the clause counts as agentless."""
    lists = _lists()
    reason = "no agent"
    for phrase_head in verb.children:
        if phrase_head.lower_ != "by" or phrase_head.dep_ not in {"agent", "prep"}:
            continue
        objects = [child for child in phrase_head.children if child.dep_ == "pobj"]
        if not objects:
            continue
        head = objects[0]
        tokens = list(head.subtree)
        phrase = " ".join(token.text for token in tokens)
        if {token.lower_ for token in tokens} & _OWN_SIDE and not _external(head, lists):
            return None  # "caused by a change our team pushed"; not "by one of our providers"
        if lists["temporal_agents"].fullmatch(head.text) or _is_date_phrase(phrase):
            reason = "temporal"
            continue
        if lists["vague_agents"].fullmatch(phrase) or lists["vague_agents"].fullmatch(head.text):
            return "vague"
        if phrase_head.dep_ == "agent":
            return None
    return reason


def _external(head, lists) -> bool:
    """An outside party, even after "our": "our vendor", "one of our providers"."""
    named = [head, *(o for p in head.children if p.lower_ == "of" for o in p.children)]
    return any(lists["external_party_nouns"].fullmatch(t.lower_) for t in named)


def _is_date_phrase(phrase: str) -> bool:
    return bool(
        re.search(r"\d", phrase)
        or resources.pattern("numbers", "weekdays").search(phrase)
        or resources.pattern("numbers", "date_words").search(phrase)
    )


def _acomp_action_participle(token, lists) -> bool:
    """A past participle of an action verb tagged as an adjective complement of past 'be'."""
    return (
        token.dep_ == "acomp"
        and (token.lower_.endswith("ed") or token.tag_ in {"JJ", "VBN"})
        and token.head.lower_ in _PAST_AUX
        and any(child.dep_ in {"nsubj", "nsubjpass"} for child in token.head.children)
        and bool(
            lists["fault_verbs"].fullmatch(token.lower_)
            or lists["ambiguous_action_verbs"].fullmatch(token.lower_)
        )
        and not lists["state_participles"].fullmatch(token.lower_)
    )


def _reduced_relative(token, lists) -> bool:
    """A past participle modifying a noun, with no agent, of a verb that says what went wrong."""
    return (
        token.dep_ == "acl"
        and token.tag_ in {"VBN", "VBD"}
        and not any(child.dep_ == "agent" for child in token.children)
        # "an update … set the limit too low": a verb with its own object is active, misparsed
        and not any(child.dep_ in {"dobj", "dative"} for child in token.children)
        and bool(
            lists["fault_verbs"].fullmatch(token.lower_)
            or lists["ambiguous_action_verbs"].fullmatch(token.lower_)
        )
        and bool(lists["mistake_markers"].search(" ".join(t.text for t in token.subtree)))
    )


def _parsed(doc: Document, sentence: Sentence) -> list[Passive]:
    lists = _lists()
    out: list[Passive] = []
    if _agent_named(sentence) or own_part(sentence.span):
        return out  # "we knew it had not been tested and did not say so": owned
    if _in_fix_section(sentence) and not lists["mistake_markers"].search(sentence.text):
        return out  # under "Action items" or "Resolution": "the delay was permanently lowered"
    seen: set[int] = set()
    fix_chain: set[int] = (
        set()
    )  # verbs joined to a fix ("…was removed, and the config was updated")
    for token in sentence.span:
        if _reduced_relative(token, lists):
            # "a budget cap entered in cents instead of dollars": a passive with no "be"
            token, verb = token, token
        elif _acomp_action_participle(token, lists):
            # "The rules were misconfigured": the tagger reads the participle as an adjective,
            # but an action on a system after a past "be" is a passive that hides who acted.
            token, verb = token.head, token
        elif token.dep_ != "auxpass":
            continue
        else:
            verb = token.head
        if verb.i in seen or verb.i < token.i:
            continue
        seen.add(verb.i)
        if verb.dep_ != "acomp" and (
            not (
                verb.tag_ in {"VBN", "VBD"}
                or (verb.tag_ == "JJ" and verb.lower_.endswith("ed") and token.dep_ == "auxpass")
            )
            or lists["state_participles"].fullmatch(verb.lower_)
        ):
            continue
        if any(child.dep_ in {"acomp"} for child in verb.children) and verb.tag_ == "VBD":
            continue
        reason = _agent_kind(verb)
        if reason is None:
            continue
        auxes = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
        aux_words = {child.lower_ for child in auxes}
        past = bool(aux_words & _PAST_AUX) or (bool(aux_words & _PERFECT) and "been" in aux_words)
        if any(child.lower_ in _MODALS for child in auxes):
            past = "have" in aux_words and "been" in aux_words
        if verb.dep_ in {"acomp", "acl"}:  # "were misconfigured", "a cap entered in cents"
            past = True
        negated = any(child.dep_ == "neg" for child in verb.children) or any(
            child.dep_ == "nsubjpass" and child.lower_ in _NOBODY for child in verb.children
        )  # "Nobody was told"
        particle = next((child for child in verb.children if child.dep_ == "prt"), None)
        verb_text = verb.text + (f" {particle.text}" if particle is not None else "")
        first = min([token.i, *(child.i for child in auxes)])
        start, _ = sentence.plain_range(sentence.span.doc[first])
        _, end = sentence.plain_range(verb if particle is None or particle.i < verb.i else particle)
        if particle is not None and particle.i > verb.i:
            _, end = sentence.plain_range(particle)
        before = {t.lower_ for t in sentence.span.doc[max(0, token.i - 3) : verb.i]}
        get = bool(aux_words & {"got", "gotten"}) or bool(  # "gets tested" is a habit, not a slip
            aux_words & _GET_AUX
            and before & {"did", "didn't", "n't", "not", "never"}
            and not before & {"do", "does"}  # "logs do not get recorded": how it behaves
        )
        modal = any(child.lower_ in _MODALS for child in auxes)
        subjects = {c.lower_ for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}}
        if _MACHINE_AGENT.search(sentence.text) or (
            verb.lower_ == "made" and subjects & _NEUTRAL_MADE
        ):
            continue  # "was automatically deleted": the system acted; "attempts were made"
        heads = [  # not a time stamp the parser took for the subject ("10:45 AM: The key was…")
            c
            for c in verb.children
            if c.dep_ in {"nsubjpass", "csubjpass"} and not _TIME_STAMP.fullmatch(c.text)
        ]
        if heads and any(
            c.dep_ == "det" and c.lower_ in {"any", "every", "each"} for c in heads[0].children
        ):
            continue  # "a 404 error whenever any page was loaded": a general case, not one act
        if heads and _processed(heads[0], verb, lists):
            continue  # "Loans were approved using last week's scores": the business running
        if (
            heads
            and _fix_delivered(heads[0], verb_text, lists)
            and not _SLIP.search(sentence.text)
            and not lists["mistake_markers"].search(sentence.text)
        ):
            continue  # "The fixed version of the code was uploaded to the server": the repair
        if lists["repair_verbs"].fullmatch(verb_text.lower()) and not lists[
            "mistake_markers"
        ].search(sentence.text):  # "The incident was resolved …, the service was reinstalled
            fix_chain.update(c.i for c in verb.children if c.dep_ == "conj")  # and the backup
            continue  # was uploaded": steps joined to a recovery are the fix
        if (
            heads
            and heads[0].lower_ in {"this", "that", "it"}
            and verb.dep_ == "ccomp"
            and verb.head.dep_ == "relcl"
        ):  # "The rule that caused this has been deleted": the parser made "this" the subject
            heads = [verb.head.head]
        if (
            verb.i in fix_chain
            or (
                heads
                and (
                    _faulty_thing_removed(heads[0], verb_text, lists)
                    or _found_cause_removed(doc, sentence, heads[0], verb_text, lists)
                )
            )
            or (_problem_reworked(verb, verb_text, lists) and not _SLIP.search(sentence.text))
        ):
            fix_chain.update(c.i for c in verb.children if c.dep_ == "conj")
            continue  # "The faulty rule was removed at 16:30 and the config was updated": a fix
        if (
            _acted_on_us(heads)
            or _hypothetical_or_explained(verb)
            or _instruction_or_schedule(verb)
            or _escalated(verb)
        ):
            continue  # "We were made aware…"; "If it had been set to…"; "which meant X were…"
        if not _SLIP.search(sentence.text) and any(
            lists["repair_verbs"].fullmatch(a.lower_)
            and any(c.dep_ == "advcl" and c.i < a.i for c in a.children)
            and _done_as_a_fix(a, [], set(), lists) is not None
            for a in verb.ancestors
        ):
            continue  # inside "To prevent recurrence, … the latent bug was resolved": the fix
        fix = _done_as_a_fix(verb, heads, aux_words, lists)
        if fix is not None:  # "…were disabled, and the latent bug was resolved": a repaired bug
            fix |= {  # is no mistake hidden in the sentence
                t.i
                for c in verb.children
                if c.dep_ == "conj" and lists["repair_verbs"].fullmatch(c.lower_)
                for t in c.subtree
            }
        if (
            fix is not None
            and not _SLIP.search(sentence.text)
            and not lists["mistake_markers"].search(
                " ".join(t.text for t in sentence.span if t.i not in fix)
            )
        ):  # but "a change was pushed to fix X which inadvertently caused…" is the fault
            fix_chain.update(c.i for c in verb.children if c.dep_ == "conj")
            continue  # "To prevent recurrence, the scaling was disabled"; "changes have been made"
        if not (
            (past and heads and _hidden_decision(heads[0], verb, verb_text, lists))
            or hides_fault(
                sentence, verb_text, past, negated and (past or not modal), get, reason == "vague"
            )
        ):
            continue
        if _describes_behaviour(verb, auxes):
            continue
        out.append(
            Passive(
                sentence=sentence,
                start=start,
                end=end,
                verb=verb.text,
                past=past,
                negated=negated,
                rewrite=_rewrite(
                    sentence, verb, auxes, particle, negated, reason, doc.pipeline.lemma
                ),
                reason=reason,
                topic=_topic(verb),
            )
        )
    return out


def _rewrite(
    sentence: Sentence,
    verb,
    auxes,
    particle,
    negated: bool,
    reason: str,
    lemmatize: Callable[[str], str] | None,
) -> str | None:
    """The sentence in the first person ("We set the alert threshold too high."), when simple."""
    if verb.dep_ not in {"ROOT"}:
        return None
    subjects = [child for child in verb.children if child.dep_ == "nsubjpass"]
    if len(subjects) != 1:
        return None
    subject = subjects[0]
    subject_tokens = list(subject.subtree)
    if any(
        t.lower_ in {"which", "that", "who"} and t.i == subject_tokens[0].i for t in subject_tokens
    ):
        return None
    drop = {t.i for t in subject_tokens} | {a.i for a in auxes} | {verb.i}
    drop |= {child.i for child in verb.children if child.dep_ == "neg"}
    if particle is not None:
        drop.add(particle.i)
    for child in verb.children:
        if child.dep_ in {"agent", "prep"} and child.lower_ == "by" and reason == "vague":
            drop |= {t.i for t in child.subtree}
    span = sentence.span
    before = [t for t in span if t.i < subject_tokens[0].i and t.i not in drop]
    after = [t for t in span if t.i > verb.i and t.i not in drop and not t.is_space]
    subject_text = "".join(t.text_with_ws for t in subject_tokens).strip()
    lowered_subject = subject.lower_
    if lowered_subject in _PRONOUN_OBJECTS and len(subject_tokens) == 1:
        object_text = _PRONOUN_OBJECTS[lowered_subject]
    elif subject_tokens[0].tag_ != "NNP" and subject_tokens[0].text not in {"I"}:
        object_text = subject_text[:1].lower() + subject_text[1:]
    else:
        object_text = subject_text
    if negated:
        verb_phrase = f"did not {_base_form(verb.text, lemmatize)}"
    else:
        verb_phrase = _past_form(verb.text)
    if particle is not None:
        verb_phrase += f" {particle.text}"
    lead = "".join(t.text_with_ws for t in before).strip()
    tail_tokens = [t for t in after if not (t.is_punct and t.i == span[-1].i)]
    tail = "".join(t.text_with_ws for t in tail_tokens).strip()
    end_punct = span[-1].text if span[-1].is_punct else "."
    core = f"we {verb_phrase} {object_text}" + (f" {tail}" if tail else "")
    text = f"{lead} {core}" if lead else core[:1].upper() + core[1:]
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    return text.rstrip(",;: ") + end_punct


def _heuristic(sentence: Sentence) -> list[Passive]:
    lists = _lists()
    out: list[Passive] = []
    text = sentence.text
    for match in _BLANK_PASSIVE.finditer(text):
        verb = match.group("verb")
        if _NOT_PARTICIPLES.match(verb) or lists["state_participles"].fullmatch(verb.lower()):
            continue
        rest = text[match.end() :]
        agent = re.match(r"\s*(?:\w+\s+)?by\s+(?P<phrase>[^,.;:!?]+)", rest)
        reason = "no agent"
        if agent:
            phrase = agent.group("phrase").strip()
            words = phrase.split()
            if re.search(r"\b(?:I|me|my|we|us|our)\b", phrase, re.IGNORECASE):
                continue
            if _is_date_phrase(phrase) or (words and lists["temporal_agents"].fullmatch(words[-1])):
                reason = "temporal"
            elif lists["vague_agents"].match(phrase):
                reason = "vague"
            else:
                continue
        aux = match.group("aux").lower()
        past = aux in _PAST_AUX or aux == "been"
        negated = "not" in (match.group("adv") or "").lower() or aux.endswith("n't")
        if not hides_fault(sentence, verb, past, negated, aux in _GET_AUX, reason == "vague"):
            continue
        rewrite = None
        subject = text[: match.start()].strip()
        if (
            subject
            and subject[0].isupper()
            and len(subject.split()) <= 6
            and not re.search(r"[,;:]", subject)
        ):
            obj = subject[:1].lower() + subject[1:] if subject.split()[0] not in {"I"} else subject
            obj = _PRONOUN_OBJECTS.get(obj.lower(), obj)
            tail = re.sub(r"^\s*by\s+(?:someone|somebody|anyone|people)(?:\s+else)?", "", rest)
            verb_phrase = f"did not {_base_form(verb)}" if negated else _past_form(verb)
            rewrite = f"We {verb_phrase} {obj}{tail}".rstrip()
            if not rewrite.endswith((".", "!", "?")):
                rewrite += "."
        out.append(
            Passive(
                sentence=sentence,
                start=sentence.start + match.start(),
                end=sentence.start + match.end(),
                verb=verb,
                past=past,
                negated=negated,
                rewrite=rewrite,
                reason=reason,
            )
        )
    return out


def ownership_count(doc: Document) -> int:
    """First-person statements of ownership: 'I set', 'we missed', 'my mistake', own-side agents."""
    phrases = resources.pattern("blame", "ownership_phrases")
    count = 0
    for sentence in doc.prose:
        count += len(phrases.findall(sentence.text))
        if doc.has_parse:
            for token in sentence.span:
                if (
                    token.dep_ == "nsubj"
                    and token.lower_ in _FIRST
                    and token.head.tag_.startswith("VB")
                ):
                    if (
                        token.head.lemma_.lower() not in _COGNITION
                        and token.head.lower_ not in _COGNITION
                    ):
                        count += 1
                elif (
                    token.dep_ == "pobj"
                    and token.head.dep_ == "agent"
                    and token.lower_ in {"me", "us"}
                ):
                    count += 1
        else:
            count += len(
                re.findall(
                    r"\b(?:I|we)\s+(?!(?:think|believe|feel|hope|guess|know|want|need)\b)[a-z]+",
                    sentence.text,
                    re.IGNORECASE,
                )
            )
    return count
