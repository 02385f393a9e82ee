"""jargon.term — technical terms a CEO would have to decode.

Guideline: Guide §2 Technical Vocabulary (and How to Explain It) and Understanding the Stakes:
"Avoid technical jargon and focus on the consequences." The glossary (critic/data/glossary.yaml)
holds the guide's eight terms with its own plain explanations, plus common ML and infrastructure
terms. A term explained in the same sentence ("latency — the time the model takes to answer —
doubled") is only a suggestion. Organisations accept or add terms in [critic.glossary].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from critic import regex_cache, resources
from critic.document import Document, Sentence
from critic.literal_hints import hint_span, hints, occurring
from critic.rules.base import Hit, Rule

RULE = Rule("jargon.term", "jargon", "warning", "vocabulary", summary="ML or infrastructure jargon")
RULES = (RULE,)

examples_fail = [
    "We saw significant model drift after the holiday sale.",
    "The hyperparameters were tuned last quarter.",
    "Our Data Pipeline dropped 4,000 rows on Tuesday.",
    "The model drifted after the price change.",
    "Precision fell to 71% and recall to 64%.",
    "P99 latency doubled to 900 ms.",
]
examples_pass = [
    "The model's answers got worse because customers changed how they shop.",
    "Customers drifted to competitors after the price rise.",
    "I recall the meeting on Friday.",
    "We will retrain the model by 4 December.",
    "The model needs retraining.",
]

# A term counts as explained only when the sentence really defines it: brackets, a dash or colon, an
# appositive ("DNS, the internet's address book, failed"), "meaning", "which means", "i.e.", "that
# is", "in other words", or a definition ("refers to", "is when"). A trailing ", causing …" or
# ", which failed" is not an explanation.
_EXPLAINS_AFTER = re.compile(
    r"^\s*(?:\(|—|–|--|\s-\s|:|"
    r",\s*(?:which|that)\s+(?:is|means|measures|counts)\b|"
    r",?\s*(?:meaning|i\.e\.|that is|in other words|in plain terms|put simply|simply put|or)\b|"
    r"\s+(?:means|refers to|is when|is how|is what|describes|measures|stands for|"
    r"in other words|or in plain terms)\b)"
    r"(?P<rest>[^.;!?]*)",
    re.IGNORECASE,
)
_EXPLAINS_BEFORE = re.compile(
    r"(?:\(\s*$|(?:known as|called|what (?:engineers|we|the team|data scientists) calls?)"
    r"\s+[\"“'‘]?$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Term:
    name: str
    pattern: re.Pattern[str]
    plain: str
    explanation: str
    source: str
    context: re.Pattern[str] | None
    skip_tags: frozenset[str]


def _compile(body: str, case_sensitive: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    source = rf"(?<![\w/-])(?:{body})(?![\w-]|/\w)"
    return resources.HintedPattern(source, flags)  # type: ignore[return-value]  # compiled lazily


@cache
def glossary() -> tuple[Term, ...]:
    terms = []
    for entry in resources.load("glossary")["terms"]:
        context = entry.get("context")
        terms.append(
            Term(
                name=entry["term"],
                pattern=_compile(entry["pattern"], bool(entry.get("case_sensitive"))),
                plain=entry["plain"],
                explanation=" ".join(entry["explanation"].split()),
                source=entry.get("source", "brief"),
                context=regex_cache.compile(context, re.IGNORECASE) if context else None,
                skip_tags=frozenset(entry.get("skip_tags", ())),
            )
        )
    return tuple(terms)


def _scan(
    terms: tuple[Term, ...],
    text: str,
    hinted: str | None = None,
    ranges: list[tuple[int, int]] | None = None,
) -> list[tuple[Term, re.Match[str]]]:
    """Every glossary match in the text, in reading order (glossary order first at a position).

    One pass per term over the whole text is faster than one combined alternation: each pattern
    keeps its own literal-prefix search, over just the lines from the first to the last line that
    holds one of its literal hints. `ranges` limits the search to those (line) spans of the text.
    A term never spans a line break, so a line's matches are the same either way (see _line_span).
    """
    whole = [(0, len(text))] if ranges is None else ranges
    # a literal prefilter skips the terms the text cannot contain (one pass for all their hints)
    every, union = _hint_table(terms)
    # (only terms with a hint in `hinted`, the checked sentences, can match there)
    present = occurring(union, hinted or text)
    found = [
        (order, term, match)
        for order, term in _candidates(terms, every, present)
        if (own := every[order]) is None or present is None or not own.isdisjoint(present)
        for start, end in (
            whole if ranges is not None or own is None or present is None else _around(own, text)
        )
        for match in term.pattern.finditer(text, start, end)
    ]
    found.sort(key=lambda item: (item[2].start(), item[0]))
    return [(term, match) for _, term, match in found]


def _candidates(
    terms: tuple[Term, ...], every: list[frozenset[str] | None], present: frozenset[str] | None
) -> list[tuple[int, Term]]:
    """(order, term) of the terms that may match, given the hints present: for the glossary
    alone, only the terms under those hints (and those without hints), not all of them."""
    if present is None or every is not _glossary_every():
        return list(enumerate(terms))
    always, by_hint = _glossary_index()
    orders = set(always)
    for hint in present:
        orders.update(by_hint.get(hint, ()))
    return [(order, terms[order]) for order in sorted(orders)]


@cache
def _glossary_index() -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    """The glossary terms without hints, and the terms under each hint, by glossary order."""
    every = _glossary_every()
    by_hint: dict[str, list[int]] = {}
    for order, own in enumerate(every):
        for hint in own or ():
            by_hint.setdefault(hint, []).append(order)
    always = tuple(order for order, own in enumerate(every) if own is None)
    return always, {hint: tuple(orders) for hint, orders in by_hint.items()}


@cache
def _glossary_hints() -> tuple[dict[int, frozenset[str] | None], frozenset[str]]:
    """Each glossary term's literal hints (by the term's id: the glossary lives as long as the
    process), and all of them together (worked out once)."""
    table = {id(term): hints(term.pattern) for term in glossary()}
    return table, frozenset().union(*(h for h in table.values() if h is not None))


@cache
def _glossary_every() -> list[frozenset[str] | None]:
    table, _ = _glossary_hints()
    return [table[id(term)] for term in glossary()]


def _hint_table(
    terms: tuple[Term, ...],
) -> tuple[list[frozenset[str] | None], frozenset[str]]:
    """Each term's literal hints, and a set holding all of them."""
    table, union = _glossary_hints()
    if terms == glossary():  # no terms added or accepted in the config: the same objects
        return _glossary_every(), union
    every = [table[id(t)] if id(t) in table else hints(t.pattern) for t in terms]
    extra = [h for t, h in zip(terms, every, strict=True) if id(t) not in table and h is not None]
    return every, union.union(*extra) if extra else union


@lru_cache(maxsize=64)
def _kept_glossary(accepted: frozenset[str]) -> tuple[Term, ...]:
    """The glossary less the terms a config accepts (worked out once per accepted set)."""
    return tuple(t for t in glossary() if t.name.lower() not in accepted)


def _config_terms(doc: Document) -> list[Term]:
    glossary_config = doc.config.glossary
    extra = []
    for word, explanation in glossary_config.terms.items():
        body = re.escape(word).replace(r"\ ", r"[ -]") + r"(?:s|es)?"
        extra.append(
            Term(word, _compile(body, False), explanation, explanation, "config", None, frozenset())
        )
    for word in glossary_config.reject:
        if word in glossary_config.terms:
            continue
        body = re.escape(word).replace(r"\ ", r"[ -]") + r"(?:s|es)?"
        advice = "say it in plain words"
        extra.append(Term(word, _compile(body, False), advice, advice, "config", None, frozenset()))
    return extra


def explained(sentence: Sentence, start: int, end: int) -> bool:
    """The sentence defines the term at [start, end) (offsets within the sentence)."""
    return defined_outright(sentence, start, end) or _appositive(sentence, start, end)


def defined_outright(sentence: Sentence, start: int, end: int) -> bool:
    """A definition in brackets, after a dash or colon, or with "meaning", "which means", "known
    as" (not an appositive or a describing clause, which often says what happened next)."""
    text = sentence.text
    after = _EXPLAINS_AFTER.match(text[end:])
    if after and len(re.findall(r"[A-Za-z]+", after.group("rest"))) >= 3:
        return True
    if _EXPLAINS_BEFORE.search(text[:start]):
        before_words = re.findall(r"[A-Za-z]+", text[:start])
        return len(before_words) >= 3
    return False


def _appositive(sentence: Sentence, start: int, end: int) -> bool:
    """A phrase set off by a comma right after the term that says what it is: an appositive
    (", the internet's address book,") or a describing clause (", where it scores orders but
    decides nothing"), not what happened next (", causing errors at checkout")."""
    consequences = resources.pattern("jargon", "consequence_verbs")
    for token in sentence.span:
        offset = token.idx + sentence.base - sentence.start
        if not start <= offset < end:
            continue
        describing = list(token.children)
        if token.dep_ in {"compound", "amod"} and token.head.i > token.i:
            # "the autoscaler system, which manages server counts": the clause on the noun the
            # term names explains the term
            describing += list(token.head.children)
        if token.dep_ == "dobj":  # "We ran an A/B test, comparing old and new prices …"
            describing += [c for c in token.head.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
        for child in describing:
            if child.dep_ not in {"appos", "acl", "relcl", "advcl"} or child.i < token.i:
                continue
            subtree = list(child.subtree)
            previous = child.doc[subtree[0].i - 1] if subtree[0].i > 0 else None
            if previous is None or previous.text not in {",", "—", "–", "("}:
                continue
            verbs = [t for t in subtree if t.tag_.startswith("VB")]
            if verbs and consequences.fullmatch(verbs[0].lower_):
                continue
            following = child.doc[subtree[-1].i + 1 : child.sent.end]
            closed = child.dep_ != "appos" or (
                not len(following) or following[0].text in {",", ")", "—", "–", "."}
            )
            if len([t for t in subtree if t.is_alpha]) >= 3 and closed:
                return True
    return False


_DETERMINERS = re.compile(r"^(?:(?:our|the|a|an|their|its|your)\s+)+", re.IGNORECASE)


def _named_with_plain_kind(term: Term, sentence: Sentence, start: int, end: int) -> bool:
    """The term is followed by its own plain rewrite ("the Nginx web server", plain "our web
    server"): the sentence says what kind of thing it is, in the CEO's words."""
    kind = _DETERMINERS.sub("", term.plain).strip()
    if len(kind) < 4 or kind.lower() in sentence.text[start:end].lower():
        return False
    after = sentence.text[end : end + len(kind) + 40].lower()
    # "the Nginx web server", "a MySQL relational database" (up to two describing words between)
    between = r"(?:[ -][a-z][\w-]*){0,2}?"
    return re.match(rf"{between}[ -]{re.escape(kind.lower())}\b", after) is not None


def _tag_at(sentence: Sentence, offset: int) -> str:
    for token in sentence.span:
        if token.idx + sentence.base >= sentence.start + offset:
            return token.tag_
    return ""


def _line_span(text: str, first: int, last: int) -> tuple[int, int]:
    """The lines from the one holding `first` to the one holding `last`, as (pos, endpos) for
    `finditer`: from the line start (a lookbehind still sees the text before it) to the newline
    and one more character, so that `$` and lookaheads after the last line's end see what they see
    in the whole text (at endpos just past the newline, `$` would match before it)."""
    end = text.find("\n", last)
    return text.rfind("\n", 0, first) + 1, len(text) if end == -1 else min(len(text), end + 2)


def _around(hints: frozenset[str], text: str) -> list[tuple[int, int]]:
    """The span of lines where a term with these hints can match (the whole text if unknown)."""
    found = hint_span(hints, text)
    if found is None:
        return [(0, len(text))]
    return [_line_span(text, found[0], max(found[0], found[1] - 1))]


def _lines(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """The lines holding `sentences`, in order, each once, next lines as one span (_line_span)."""
    out: list[tuple[int, int]] = []
    for base in sorted({s.base for s in sentences}):
        start, end = _line_span(text, base, base)
        if out and start < out[-1][1]:
            start = out.pop()[0]
        out.append((start, end))
    return out


def check(doc: Document) -> list[Hit]:
    accepted = {name.strip().lower() for name in doc.config.glossary.accept}
    terms = [*_config_terms(doc), *_kept_glossary(frozenset(accepted))]
    hits: list[Hit] = []
    text = doc.plain.text
    matches: dict[int, list[tuple[Term, int, int]]] = {}
    checking = doc.checking  # a re-check: only the edited sentences' terms
    part = None if checking is doc.sentences else {s.index for s in checking}
    hinted = None if part is None else "\n".join(s.text for s in checking)
    lines = None if part is None else _lines(text, checking)
    for term, whole in _scan(tuple(terms), text, hinted, lines):
        sentence = doc.sentence_at(whole.start())
        if sentence is None or whole.end() > sentence.end:
            continue
        if part is not None and sentence.index not in part:
            continue
        if not (sentence.block.is_prose or sentence.block.kind == "heading"):
            continue
        matches.setdefault(sentence.index, []).append(
            (term, whole.start() - sentence.start, whole.end() - sentence.start)
        )
    for index, found in sorted(matches.items()):
        sentence = doc.sentences[index]
        taken: list[tuple[int, int]] = []
        for term, start, end in found:
            hit = _judge(doc, sentence, term, start, end, accepted, taken)
            if hit is not None:
                taken.append((start, end))
                hits.append(hit)
    return hits


def _judge(
    doc: Document,
    sentence: Sentence,
    term: Term,
    start: int,
    end: int,
    accepted: set[str],
    taken: list[tuple[int, int]],
) -> Hit | None:
    """A finding for one glossary match, or None when it does not count."""
    words = sentence.text[start:end]
    if any(a < end and start < b for a, b in taken) or words.lower() in accepted:
        return None
    if doc.plain.is_masked(sentence.start + start, sentence.start + end):
        return None
    if term.context and not term.context.search(sentence.text.replace(words, " ")):
        return None
    if term.skip_tags and doc.has_parse and _tag_at(sentence, start) in term.skip_tags:
        return None
    defines = defined_outright(sentence, start, end) or _named_with_plain_kind(
        term, sentence, start, end
    )
    is_explained = defines or _appositive(sentence, start, end)
    source = "the guide's explanation" if term.source == "guide" else "in plain words"
    if is_explained:
        message = f"“{words}” is jargon; you explain it, but plain words are shorter."
    else:
        message = f"“{words}” is jargon the CEO may not know."
    return Hit(
        RULE.id,
        sentence.start + start,
        sentence.start + end,
        message,
        f"Say “{term.plain}” ({source}: “{term.explanation}”)",
        severity="suggestion" if is_explained else None,
        defines_term=defines,
    )
