"""numbers.change-without-figure — "conversion fell", "errors spiked" with no amount.

Guideline: Guide §1 Quantify the Impact: instead of "The model's accuracy dropped," say "The
model's accuracy dropped by 15%...". With the parser, the change word must be a verb with no
object (so "we dropped the feature" is not a change claim), not part of a condition ("alert us if
conversion drops"), and not a particle verb ("fell back", "fell through"); or a change noun followed
by "in"/"of" ("a sharp drop in sales"). Flagged when the sentence carries no figure.
"""

from __future__ import annotations

import re
from functools import cache

from critic import resources
from critic.document import Document, Sentence
from critic.figures import measured_duration
from critic.neighbours import paragraph_answers, timeline_signal
from critic.rules.base import Hit, Rule

RULE = Rule(
    "numbers.change-without-figure",
    "numbers",
    "warning",
    "quantify",
    summary="change with no figure",
)
RULES = (RULE,)

examples_fail = [
    "Conversion rose sharply after the release.",
    "The model's accuracy dropped.",
    "Revenue fell over the weekend.",
    "Errors spiked on Tuesday night.",
    "We saw a sharp drop in sign-ups.",
    "Mobile conversion regressed on Tuesday.",
    "Accuracy worsened after the 12 May release.",
    "Bookings collapsed on Monday.",
    "We saw a sharp drop in sales at the database's busiest hour.",
    "Weekend rates were 11% lower, costing $520,000. Occupancy went up slightly.",
    "8:55 AM - Monitoring detected an increase in login failures.",
    "Impact: we were down for 40 minutes.\n\n"
    "- 8:55 AM - Monitoring detected an increase in login failures.",
    "Logins fell sharply before people cancelled.",
]
examples_pass = [
    "The model's accuracy dropped by 15%.",
    "Conversion fell from 3.1% to 2.6% over the weekend.",
    "We dropped the faulty feature from the model.",
    "We fell back to the previous model on Wednesday.",
    "We will get an alert if conversion drops.",
    "Complaints doubled on Monday.",
    "This allowed the access points to recover, and service came back.",
    "The system stabilised around 11:30 PM when network load decreased.",
    "We found no clear cause like code changes or traffic spikes.",
    "A gradual increase in connections overloaded the database.",
    "Token issuance degraded on 10 May. Between 8% and 15% of requests failed.",
    "This log file grew uncontrollably, eventually filling the disk.",
    "The incident was triggered by an unexpected increase in incoming traffic.",
    "We brought services back carefully to manage the potential surge in traffic.",
    "The issue stemmed from a degradation in one of the internally-used cells.",
    "The migration caused the node to drop offline.",
    "The entire northern grid collapsed.",
    "We changed how search ranks products so that popular items rise to the top.",
    "It suffered from model drift (its predictions got worse because customers changed).",
    "Results did not recover because the index was still corrupted.",
    "Impact: 40% of users could not log in.\n\n"
    "8:55 AM - Monitoring detected an increase in login failures.",
    "As a result, the API server's memory consumption grew exponentially.",
    "The batch job logs its actions to local disk and this log grew without bound.",
    "Logins barely fall before people cancel, so the model missed them.",
    "I had not set an alert for a sudden rise in gift-card payments.",
]

_CONDITION = {"if", "when", "whenever", "unless", "until", "before", "once", "should"}
# present-tense adverbs of habit: a general behaviour, not what moved in this incident
_HABITUAL = {
    "barely",
    "hardly",
    "rarely",
    "seldom",
    "usually",
    "typically",
    "normally",
    "often",
    "always",
    "sometimes",
    "generally",
}
_HYPOTHETICAL = {"will", "would", "could", "might", "may", "can", "should", "'ll", "wo", "must"}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        name: resources.pattern("numbers", name)
        for name in (
            "change_verbs",
            "change_nouns",
            "change_particles",
            "change_non_metric_subjects",
            "change_recovery_verbs",
            "count_nouns",
            "impact_objects",
        )
    }


def _parsed_changes(sentence: Sentence) -> list[tuple[int, int]]:
    pats = _patterns()
    spans = []
    for token in sentence.span:
        lowered = token.lower_
        if token.tag_.startswith("VB") and pats["change_verbs"].fullmatch(lowered):
            children = list(token.children)
            deps = {child.dep_ for child in children}
            # "Mobile conversion regressed on Tuesday." is sometimes parsed as a noun phrase with
            # the verb as its modifier: a root noun with no other verb is the subject after all.
            misparsed = (
                token.dep_ == "acl"
                and sentence.span.root.tag_.startswith("NN")
                and not any(t.tag_.startswith("VB") and t.i != token.i for t in sentence.span)
            )
            if misparsed and not deps & {"dobj", "auxpass", "nsubjpass", "dative"}:
                spans.append(sentence.plain_range(token))
                continue
            if deps & {"dobj", "auxpass", "nsubjpass", "dative"} or token.dep_ in {
                "amod",
                "xcomp",
                "acl",
            }:
                continue
            particle = next((c for c in children if c.dep_ == "prt"), None)
            if particle is not None and pats["change_particles"].fullmatch(particle.lower_):
                continue
            following = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if following is not None and pats["change_particles"].fullmatch(following.lower_):
                continue  # "fell through the cracks", "fell behind schedule"
            if token.i + 2 < len(token.doc) and token.doc[
                token.i + 1 : token.i + 3
            ].text.lower() in {
                "into action",
                "to action",
            }:
                continue  # "the team jumps into action": people acting, not a figure
            if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in children):
                continue
            if any(c.dep_ in {"mark", "advmod"} and c.lower_ in _CONDITION for c in children):
                continue  # "if conversion drops", "stabilised when network load decreased"
            if any(c.dep_ == "neg" for c in children):
                continue  # "results did not recover": nothing moved
            if token.tag_ in {"VBP", "VBZ"} and any(
                c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in children
            ):
                continue  # "logins barely fall before people cancel": how things usually go
            if _purpose(token):
                continue  # "we changed the ranking so that popular items rise to the top"
            subjects = [c for c in children if c.dep_ == "nsubj"]
            if not subjects and token.dep_ == "conj":
                subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if not subjects:
                if token.dep_ in {"dep", "ROOT", "conj"} and _heuristic_at(sentence, token):
                    spans.append(sentence.plain_range(token))
                continue
            subject_text = " ".join(t.text for t in subjects[0].subtree)
            if pats["change_recovery_verbs"].fullmatch(lowered) and not (
                pats["count_nouns"].search(subject_text)
                or pats["impact_objects"].search(subject_text)
            ):
                continue  # "the access points recovered": a system came back, no figure moved
            if _machinery_subject().search(subject_text):
                continue  # "this log file grew", "queue depth growing": the machinery, not a figure
            if (
                pats["change_non_metric_subjects"].fullmatch(subjects[0].text)
                or pats["change_non_metric_subjects"].fullmatch(subject_text)
                or subjects[0].lower_
                in {
                    "i",
                    "we",
                    "you",
                }
            ):
                continue
            start, end = sentence.plain_range(token)
            if particle is not None:
                end = sentence.plain_range(particle)[1]
            spans.append((start, end))
        elif (
            token.tag_.startswith("NN")
            and pats["change_verbs"].fullmatch(lowered)
            and lowered.endswith("s")
        ):
            # tagger slip: "the uplift model underperforms in ..." read as a plural noun
            if token.dep_ in {"conj", "ROOT", "dep"} and _heuristic_at(sentence, token):
                spans.append(sentence.plain_range(token))
        elif token.tag_.startswith("NN") and pats["change_nouns"].fullmatch(lowered):
            following = token.nbor(1) if token.i + 1 < token.doc.__len__() else None
            if following is not None and following.lower_ in {"in", "of"}:
                if any(c.dep_ == "nummod" for c in token.children):
                    continue
                start = sentence.plain_range(token)[0]
                spans.append((start, sentence.plain_range(following)[1]))
    return spans


def _purpose(token) -> bool:
    """The change is what an action was for ("so that popular items rise", "in order that…")."""
    marks = [c for c in token.children if c.dep_ == "mark"]
    if any(m.lower_ == "so" for m in marks) and any(m.lower_ == "that" for m in marks):
        return True
    start = token.left_edge.i
    before = token.doc[max(0, start - 2) : start]
    return [t.lower_ for t in before] == ["so", "that"] or (
        len(before) == 2 and before[1].lower_ == "that" and before[0].lower_ in {"so", "order"}
    )


def _heuristic_at(sentence: Sentence, token) -> bool:
    """Word-pattern check for one change word when the parse gives no subject."""
    start = token.idx + sentence.base - sentence.start
    end = start + len(token.text)
    return any(
        s - sentence.start == start and e - sentence.start == end
        for s, e in _heuristic_changes(sentence)
    )


def _heuristic_changes(sentence: Sentence) -> list[tuple[int, int]]:
    pats = _patterns()
    spans = []
    text = sentence.text
    for match in pats["change_verbs"].finditer(text):
        before = text[: match.start()].rstrip()
        after = text[match.end() :]
        previous = re.findall(r"[\w']+", before)[-1:] if before else []
        if not previous or previous[0].lower() in {
            "i",
            "we",
            "you",
            "to",
            "will",
            "would",
            "could",
            "a",
            "the",
        }:
            continue
        if re.search(r"\b(?:if|when|whenever|unless|until)\b", before, re.IGNORECASE):
            continue
        if re.match(r"\s+(?:the|a|an|our|their|its|it|them)\b", after, re.IGNORECASE):
            continue
        particle = re.match(r"\s+(\w+)", after)
        if particle and pats["change_particles"].fullmatch(particle.group(1)):
            continue
        spans.append((sentence.start + match.start(), sentence.start + match.end()))
    for match in re.finditer(
        r"\b(?:a|an|the)\s+(?:\w+\s+)?(" + _noun_body() + r")\s+(?:in|of)\b", text, re.IGNORECASE
    ):
        spans.append((sentence.start + match.start(1), sentence.start + match.end()))
    return spans


@cache
def _noun_body() -> str:
    return "|".join(part.strip() for part in resources.load("numbers")["change_nouns"].split("|"))


def changes(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    """Plain spans of change claims in a sentence (figures not considered)."""
    if sentence.is_question:
        return []
    if not _patterns()["change_verbs"].search(sentence.text) and not _patterns()[
        "change_nouns"
    ].search(sentence.text):
        return []
    return _parsed_changes(sentence) if doc.has_parse else _heuristic_changes(sentence)


def _phrase_changes(sentence: Sentence) -> list[tuple[int, int]]:
    """'went up', 'took a beating', 'tailed off': changes the parse does not see as one verb."""
    if sentence.is_question:
        return []
    pattern = resources.pattern("numbers", "change_phrases")
    return [
        (sentence.start + m.start(), sentence.start + m.end())
        for m in pattern.finditer(sentence.text)
    ]


_NEGATED_EXAMPLE = re.compile(
    r"\b(?:no|without|nor)\s+(?:\w+\s+){0,3}?(?:like|such\s+as|as)\s+(?:[\w-]+\s+){0,8}$",
    re.IGNORECASE,
)


# "model drift (its predictions got worse because customers changed)": a term explained in brackets
_DEFINITION = re.compile(
    r"[A-Za-z]\s*\((?![^()]*\d)[^()]*\b(?:because|when|meaning|i\.e\.|that\s+is|which)\b[^()]*\)"
)


def _in_definition(doc: Document, sentence: Sentence, span: tuple[int, int]) -> bool:
    """The change is part of a bracketed explanation of a term, not a claim about this incident."""
    for match in _DEFINITION.finditer(sentence.text):
        if sentence.start + match.start() < span[0] and span[1] <= sentence.start + match.end():
            return True
    return False


def _denied_example(doc: Document, sentence: Sentence, span: tuple[int, int]) -> bool:
    """'no clear cause like code changes or traffic spikes': a change named only to deny it."""
    return bool(_NEGATED_EXAMPLE.search(doc.plain.text[sentence.start : span[0]]))


@cache
def _machinery_pattern() -> re.Pattern[str]:
    data = resources.load("numbers")
    nouns, heads = data["mechanism_nouns"].strip(), data["outage_heads"].strip()
    return re.compile(
        rf"\s+(?:(?:one|some|parts?)\s+of\s+)?(?:the\s+)?"
        rf"(?:(?!(?:at|on|in|of|for|from|to|after|with|by|the|our|and|or)\s)[\w'’-]+\s+){{0,3}}?"
        rf"(?:internal(?:ly)?\b|(?:{nouns})\b(?!\s+(?:{heads})\b))",
        re.IGNORECASE | re.VERBOSE,
    )


@cache
def _machinery_subject() -> re.Pattern[str]:
    nouns = resources.load("numbers")["mechanism_nouns"].strip()
    return re.compile(rf"(?:{nouns})$", re.IGNORECASE | re.VERBOSE)


@cache
def _cause_or_maybe() -> re.Pattern[str]:
    return re.compile(
        rf"(?:{resources.load('numbers')['change_not_a_claim'].strip()})\s*$",
        re.IGNORECASE | re.VERBOSE,
    )


def _machinery(doc: Document, span: tuple[int, int]) -> bool:
    """'a gradual increase in connections', 'a degradation in one of the internal cells': a
    change in the machinery, not in a business figure."""
    words = doc.plain.text[span[0] : span[1]].lower()
    if not words.endswith((" in", " of")):
        return False
    return bool(_machinery_pattern().match(doc.plain.text, span[1]))


def _cause_or_possibility(doc: Document, sentence: Sentence, span: tuple[int, int]) -> bool:
    """'triggered by an unexpected increase in traffic', 'the root cause was a surge in…',
    'to manage the potential surge in traffic': a cause or a possibility, not a figure that
    moved and hurt the business."""
    return bool(_cause_or_maybe().search(doc.plain.text[sentence.start : span[0]]))


def _changed_noun(doc: Document, sentence: Sentence, hit: Hit) -> str | None:
    """What moved, when it is something the CEO counts: the subject of the change verb ("Returns
    rose sharply" -> "Returns") or the object of the change noun ("a drop in orders")."""
    if not doc.has_parse:
        return None
    nouns = _patterns()["count_nouns"]
    token = next((t for t in sentence.span if sentence.plain_range(t)[0] == hit.start), None)
    if token is None:
        return None
    if token.tag_.startswith("VB"):
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        return subject.text if subject is not None and nouns.fullmatch(subject.text) else None
    objects = [
        grandchild
        for child in token.children
        if child.dep_ == "prep"
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    return objects[0].text if objects and nouns.fullmatch(objects[0].text) else None


def settle(doc: Document, hit: Hit) -> Hit:
    """Dropped when one of the next sentences in the paragraph gives the amount ("Token issuance
    degraded. 8-15% of requests failed.") (critic/neighbours.py); when what moved is something
    counted ("Returns rose"), only a figure that names it again ("2,300 more contacts" does not).
    A figure before it is about something else ("Rates were 11% lower. Occupancy went up
    slightly.")."""
    sentence = doc.sentence_at(hit.start)
    if sentence is not None and (
        paragraph_answers(doc, sentence, earlier=False, about=_changed_noun(doc, sentence, hit))
        or timeline_signal(doc, sentence, hit.end)
    ):
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    return hit


def _example(words: str) -> str:
    """ "fell" -> “fell by 15% (…)”; a noun of change ("an uptick in", "a sharp drop in") takes
    the figure before its object: “a 15% drop in … (…)”."""
    cost = "(about $50,000 this week)"
    noun = re.fullmatch(r"(?:an?\s+)?(?:[\w-]+\s+)?([\w-]+)\s+(?:in|of)", words.strip())
    if noun:
        return f"“a 15% {noun.group(1)} in … {cost}”."
    return f"“{words} by 15% {cost}”."


def check(doc: Document) -> list[Hit]:
    hits: list[Hit] = []
    for sentence in doc.prose:
        spans = sorted(set(changes(doc, sentence)) | set(_phrase_changes(sentence)))
        spans = [
            span
            for span in spans
            if not _denied_example(doc, sentence, span)
            and not _machinery(doc, span)
            and not _cause_or_possibility(doc, sentence, span)
            and not _in_definition(doc, sentence, span)
        ]
        if not spans or doc.figures(sentence).quantity or measured_duration(sentence.text):
            continue
        start, end = spans[0]
        words = doc.plain.text[start:end]
        hits.append(
            Hit(
                RULE.id,
                start,
                end,
                f"“{words}” says a figure moved but not by how much.",
                f"Add the amount and what it cost: {_example(words)}",
            )
        )
    return hits
