"""Which of the seven elements a CEO expects the draft covers (Guide §1 and the §3 script).

An element is covered by a heading section about it ("## Root cause" with text under it, or a
"Root cause:" label) or by a sentence that carries it, wherever it sits (an email without headings
still has an impact sentence or it does not). Impact needs a business figure (money, a percentage,
a count); the timeline needs a date or deadline in a forward-looking sentence. Only the author's own
words count: in a script, the CEO's lines are not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from critic import resources
from critic.document import Document, Sentence
from critic.models import ELEMENTS


@dataclass
class Coverage:
    covered: dict[str, bool]
    evidence: dict[str, list[Sentence]] = field(default_factory=dict)
    impact_sentences: list[Sentence] = field(default_factory=list)


def _in_section(sentence: Sentence, element: str) -> bool:
    block = sentence.block
    if block.kind == "turn":
        question = resources.element_question(element)
        substantive = len(sentence.text.split()) >= 4
        asked = bool(substantive and question and block.section and question.search(block.section))
        if asked and element == "containment":  # "What are you doing about it?" -> the done part
            return not _future(sentence.text)
        return asked
    heading, _ = resources.element_patterns(element)
    return bool(
        (block.section and heading.match(block.section))
        or (block.label and heading.match(block.label))
    )


def _future(text: str) -> bool:
    return bool(resources.pattern("numbers", "plan_cues").search(text))


_FORWARD = re.compile(
    r"\b(?:will|shall|going to|plans? to|planned|aims? to|intends? to|expects? to|scheduled|due|"
    r"next (?:step|week|month|update|report)|from now|starting|from (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|tomorrow|today|\d))\b|'ll\b",
    re.IGNORECASE,
)
_PAST_AUX = {"was", "were", "had", "has", "have", "did"}


def _past(doc: Document, sentence: Sentence) -> bool:
    """The sentence reports what already happened (so its date is not a deadline)."""
    if doc.has_parse:
        root = sentence.span.root
        if root.tag_ == "VBD":
            return True
        auxes = {child.lower_ for child in root.children if child.dep_ in {"aux", "auxpass"}}
        return root.tag_ == "VBN" and bool(auxes & _PAST_AUX)
    return bool(
        re.search(r"\b(?:was|were|had|did)\b|\b\w+ed\b", " ".join(sentence.text.split()[:6]))
    )


def forward_looking(doc: Document, sentence: Sentence) -> bool:
    """A plan step, deadline or promised update (not a report of the past)."""
    if _FORWARD.search(sentence.text):
        return True
    sections = ("timeline", "plan", "follow_up", "prevention")
    return any(_in_section(sentence, element) for element in sections) and not _past(doc, sentence)


def lead_sentences(doc: Document) -> list[Sentence]:
    """The author's sentences in reading order, without greetings and sign-offs."""
    greeting = re.compile(resources.load("structure")["greeting"], re.IGNORECASE | re.VERBOSE)
    signoff = re.compile(resources.load("structure")["signoff"], re.IGNORECASE | re.VERBOSE)
    out = []
    for sentence in doc.prose:
        text = sentence.text.strip()
        words = len(text.split())
        if words <= 6 and (greeting.fullmatch(text) or signoff.fullmatch(text)):
            continue
        out.append(sentence)
    return out


def impact_candidates(doc: Document) -> list[Sentence]:
    """Sentences about business consequences: impact words, an Impact section, or money."""
    _, cues = resources.element_patterns("impact")
    return [
        s
        for s in lead_sentences(doc)
        if cues.search(s.text) or _in_section(s, "impact") or doc.figures(s).money
    ]


def _is_impact(doc: Document, sentence: Sentence) -> bool:
    figures = doc.figures(sentence)
    return figures.quantity or figures.money


def analyse(doc: Document) -> Coverage:
    """Coverage of the seven elements (cached per document)."""
    cached = doc.cache.get("coverage")
    if cached is not None:
        return cached
    sentences = lead_sentences(doc)
    evidence: dict[str, list[Sentence]] = {element: [] for element in ELEMENTS}

    candidates = impact_candidates(doc)
    impact = [s for s in candidates if _is_impact(doc, s)]
    if not impact and candidates:
        doc.ensure_entities(candidates)
        impact = [s for s in candidates if _is_impact(doc, s)]
    evidence["impact"] = impact

    for element in ("root_cause", "plan", "prevention", "follow_up"):
        _, cues = resources.element_patterns(element)
        evidence[element] = [s for s in sentences if cues.search(s.text) or _in_section(s, element)]

    _, containment_cues = resources.element_patterns("containment")
    evidence["containment"] = [
        s
        for s in sentences
        if _in_section(s, "containment")
        or (containment_cues.search(s.text) and not _future(s.text))
    ]

    dated_contexts = [s for s in sentences if forward_looking(doc, s)]
    timeline = [s for s in dated_contexts if doc.figures(s).date]
    if not timeline and dated_contexts:
        doc.ensure_entities(dated_contexts)
        timeline = [s for s in dated_contexts if doc.figures(s).date]
    evidence["timeline"] = timeline

    coverage = Coverage(
        covered={element: bool(evidence[element]) for element in ELEMENTS},
        evidence=evidence,
        impact_sentences=impact,
    )
    doc.cache["coverage"] = coverage
    return coverage
