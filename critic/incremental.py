"""Run the rules over a Document, keeping each sentence's results for the next check.

A rule module is *sentence-local* when every rule it declares has scope "sentence": what it finds
in a sentence then depends only on that sentence, its line (the parse unit, see critic.parsing) and
its block. Such modules run on a *view* of the document whose prose is just the sentences to
(re)check; their hits are stored per sentence under a key made of the line's text, the sentence's
place in it, its block and the document kind. Document-scope modules always run on the whole
document. `tests/test_checker.py` proves over random edits that the reports equal a fresh
`review()`; a sentence-scope rule that reads beyond its sentence fails that test.

The numbers rules take one pass: they run on shape-only figures, then the entity recognizer runs on
just the sentences they flagged where it could change the verdict, and the numbers rules run again
on those sentences alone (before, every numbers rule ran twice over the whole document).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from critic import resources
from critic.document import Document, Sentence
from critic.figures import Figures, shape_figures
from critic.rules.base import Hit
from critic.sentence_memo import MEMO, SentenceMemo, prefill_passives

NUMBERS = "numbers"
ENTITIES = -1  # key of the list of sentences that needed entities, in _local_hits' answer


def is_sentence_local(module: ModuleType) -> bool:
    """Its findings in a sentence depend only on that sentence (see sentence_key). A module that
    also reads the rest of the document declares READS_DOCUMENT = True."""
    if getattr(module, "READS_DOCUMENT", False):
        return False
    return all(rule.scope == "sentence" for rule in module.RULES)


def _is_numbers(module: ModuleType) -> bool:
    return any(rule.family == NUMBERS for rule in module.RULES)


Entry = tuple[list[tuple[int, Hit]], bool]  # (module order, hit relative to the sentence), entities


@dataclass
class HitMemo:
    """Hits of the sentence-local rules per sentence key, least recently used dropped first."""

    size: int = 20_000
    store: OrderedDict[tuple, Entry] = field(default_factory=OrderedDict)
    shapes: OrderedDict[tuple, tuple[Figures, int]] = field(default_factory=OrderedDict)
    reused: int = 0
    checked: int = 0
    answers: SentenceMemo = field(default_factory=SentenceMemo)  # critic.sentence_memo

    def get(self, key: tuple) -> Entry | None:
        found = self.store.get(key)
        if found is not None:
            self.store.move_to_end(key)
        return found

    def put(self, key: tuple, entry: Entry) -> None:
        self.store[key] = entry
        self.store.move_to_end(key)
        while len(self.store) > self.size:
            self.store.popitem(last=False)

    def prefill(self, doc: Document) -> None:
        """Give each sentence its word count and shape-only figures from earlier checks.

        Both are pure functions of the sentence key; entities are added later exactly as a fresh
        review adds them (the entity recognizer's answers are kept by text, see Pipeline).
        Per-sentence answers of the document-level analyses are kept too (critic.sentence_memo)."""
        doc.cache[MEMO] = self.answers
        for sentence in doc.sentences:
            key = sentence_key(doc, sentence)
            stored = self.shapes.get(key)
            if stored is None:
                figures = shape_figures(
                    sentence.tokens, sentence.base, sentence.text, sentence.start
                )
                self.shapes[key] = (_moved(figures, -sentence.start), sentence.words)
                while len(self.shapes) > self.size:
                    self.shapes.popitem(last=False)
            else:
                self.shapes.move_to_end(key)
                relative, words = stored
                figures = _moved(relative, sentence.start)
                sentence.__dict__["words"] = words  # functools.cached_property's slot
            doc._figures[sentence.index] = figures
        prefill_passives(doc)


def _moved(figures: Figures, by: int) -> Figures:
    """A copy of shape-only figures with every span moved by `by` (every other field as it is)."""
    moved = object.__new__(Figures)
    moved.__dict__.update(figures.__dict__)
    moved.quantity_spans = [(a + by, b + by) for a, b in figures.quantity_spans]
    moved.date_spans = [(a + by, b + by) for a, b in figures.date_spans]
    return moved


def sentence_key(doc: Document, sentence: Sentence) -> tuple:
    """Everything a sentence-local rule may read: its parsed unit and what follows on its line
    (see _reach), the block, the kind (worked out once per sentence of a document)."""
    keys = doc.cache.setdefault("sentence_keys", {})
    key = keys.get(sentence.index)
    if key is None:
        key = keys[sentence.index] = _sentence_key(doc, sentence)
    return key


NEXT_TAIL = 80  # characters after the next parse unit that a rule may still read (see _reach)


def _reach(doc: Document, sentence: Sentence, line_end: int) -> int:
    """Where what a sentence-local rule may read ends: the end of the sentence's line, or sooner,
    NEXT_TAIL characters after the end of the next parse unit on that line. A rule reads its own
    unit and, at most, the sentence after it on the same line (critic.neighbours) with a few
    words after that sentence's figures; so an edit further along a long line (a paragraph of
    many sentences) leaves the sentences before it as they were."""
    bases = doc.cache.get("unit_bases")
    if bases is None:
        bases = doc.cache["unit_bases"] = sorted({s.base for s in doc.sentences})
    position = bisect.bisect_right(bases, sentence.base)
    if position + 1 >= len(bases) or bases[position] >= line_end:
        return line_end  # no unit after the next one on this line
    return min(line_end, bases[position + 1] + NEXT_TAIL)


def _sentence_key(doc: Document, sentence: Sentence) -> tuple:
    text = doc.plain.text
    line_end = text.find("\n", sentence.base)
    line_end = line_end if line_end != -1 else len(text)
    line = text[sentence.base : _reach(doc, sentence, line_end)]
    block = sentence.block
    masks = tuple(
        (max(a, sentence.start) - sentence.start, min(b, sentence.end) - sentence.start)
        for a, b in doc.plain.masked
        if a < sentence.end and b > sentence.start
    )
    return (
        line,
        sentence.start - sentence.base,
        sentence.end - sentence.base,
        sentence.first_in_block,
        block.kind,
        block.presenter,
        block.level,
        block.speaker,
        block.section,
        block.label,
        masks,
        doc.kind,
        doc.has_parse,
    )


def view(doc: Document, sentences: Sequence[Sentence]) -> Document:
    """The document with only `sentences` as its prose (figures shared with `doc`)."""
    part = Document(
        original=doc.original,
        plain=doc.plain,
        kind=doc.kind,
        sentences=doc.sentences,
        pipeline=doc.pipeline,
        config=doc.config,
    )
    part._figures = doc._figures
    part._line_starts = doc._line_starts
    chosen = set(id(s) for s in sentences)
    part.cache["checking"] = list(sentences)
    part.cache["prose"] = [s for s in doc.prose if id(s) in chosen]
    part.cache["spoken"] = [s for s in doc.spoken if id(s) in chosen]
    part.cache["word_count"] = doc.word_count
    return part


def _entity_possible(sentence: Sentence, hints: Any) -> bool:
    """Could the entity recognizer find a figure or date here that token shape missed?"""
    for position, token in enumerate(sentence.tokens):
        if token.like_num or any(ch.isdigit() for ch in token.text):
            return True
        if position and token.text[:1].isupper() and token.text != "I":
            return True
    return bool(hints.search(sentence.text))


def _run_local(
    doc: Document, sentences: Sequence[Sentence], modules: Sequence[ModuleType]
) -> dict[int, list[tuple[int, Hit]]] | None:
    """Hits of `modules` in `sentences`, by sentence index (module order kept), from a view with
    just those sentences as prose. Hits in other sentences (a module that scans all the text) are
    left out; None when a hit is in no sentence or runs past its sentence's end."""
    part = view(doc, sentences)
    by_sentence: dict[int, list[tuple[int, Hit]]] = {s.index: [] for s in sentences}
    for order, module in enumerate(modules):
        for hit in module.check(part):
            sentence = doc.sentence_at(hit.start)
            if sentence is None or hit.end > sentence.end:
                return None
            if sentence.index in by_sentence:
                by_sentence[sentence.index].append((order, hit))
    return by_sentence


def _local_hits(
    doc: Document, modules: Sequence[ModuleType], sentences: Sequence[Sentence]
) -> dict[int, list[tuple[int, Hit]]] | None:
    """Final hits of the sentence-local modules on `sentences`, entities settled (one pass).

    The sentences that needed the entity recognizer are listed under the key -1."""
    found = _run_local(doc, sentences, modules)
    if found is None:
        return None
    numbers = [order for order, module in enumerate(modules) if _is_numbers(module)]
    if not numbers or doc.pipeline.ner is None:
        return found
    hints = resources.pattern("numbers", "entity_hints")
    wanted = set(numbers)
    todo = [
        doc.sentences[index]
        for index, hits in found.items()
        if any(order in wanted for order, _ in hits)
        and _entity_possible(doc.sentences[index], hints)
    ]
    if not todo:
        return found
    doc.ensure_entities(todo)
    again = _run_local(doc, todo, [modules[order] for order in numbers])
    if again is None:
        return None
    found[ENTITIES] = [(s.index, None) for s in todo]  # type: ignore[list-item]
    for sentence in todo:
        kept = [(order, hit) for order, hit in found[sentence.index] if order not in wanted]
        redone = [(numbers[order], hit) for order, hit in again.get(sentence.index, [])]
        found[sentence.index] = sorted(kept + redone, key=lambda item: item[0])
    return found


def _shift(hit: Hit, by: int) -> Hit:
    return Hit(hit.rule, hit.start + by, hit.end + by, hit.message, hit.suggestion, hit.severity)


def _whole(doc: Document, modules: Sequence[ModuleType]) -> list[Hit]:
    """The modules on the whole document, the old way: entities for every sentence a numbers
    rule flags, then every module again (used only when a module is not sentence-local)."""
    found = _local_hits(doc, modules, doc.sentences)
    if found is not None:
        found.pop(ENTITIES, None)
        return _in_module_order(found, len(modules))
    return [hit for module in modules for hit in module.check(doc)]


def _in_module_order(found: dict[int, list[tuple[int, Hit]]], count: int) -> list[Hit]:
    per_module: list[list[Hit]] = [[] for _ in range(count)]
    for index in sorted(found):
        for order, hit in found[index]:
            per_module[order].append(hit)
    return [hit for hits in per_module for hit in hits]


def collect_hits(
    doc: Document, modules: Sequence[ModuleType], memo: HitMemo | None = None
) -> list[Hit]:
    """Every enabled module's hits on `doc`, with the sentence-local ones reused from `memo`."""
    local = [m for m in modules if is_sentence_local(m)]
    whole = [m for m in modules if not is_sentence_local(m)]
    hits: list[Hit] = []
    if local:
        hits.extend(_local(doc, local, memo) if memo is not None else _whole(doc, local))
    for module in whole:
        hits.extend(module.check(doc))
    return _settled(doc, modules, hits)


def _settled(doc: Document, modules: Sequence[ModuleType], hits: list[Hit]) -> list[Hit]:
    """A sentence-local module may declare `settle(doc, hit) -> Hit`: a whole-document adjustment
    (e.g. a milder severity) applied after reuse, so the module's per-sentence hits stay cached."""
    for module in modules:
        settle = getattr(module, "settle", None)
        if settle is not None:
            ids = {rule.id for rule in module.RULES}
            hits = [settle(doc, hit) if hit.rule in ids else hit for hit in hits]
    return hits


def _local(doc: Document, modules: Sequence[ModuleType], memo: HitMemo) -> list[Hit]:
    names = tuple(module.__name__ for module in modules)
    keys = {s.index: (names, *sentence_key(doc, s)) for s in doc.sentences}
    found: dict[int, list[tuple[int, Hit]]] = {}
    missing: list[Sentence] = []
    with_entities: list[Sentence] = []
    for sentence in doc.sentences:
        stored = memo.get(keys[sentence.index])
        if stored is None:
            missing.append(sentence)
            continue
        hits, entities = stored
        found[sentence.index] = [(o, _shift(h, sentence.start)) for o, h in hits]
        if entities:
            with_entities.append(sentence)
    memo.reused += len(doc.sentences) - len(missing)
    memo.checked += len(missing)
    # later rules and the coverage read these sentences' figures as a fresh review leaves them
    doc.ensure_entities(with_entities)
    if missing:
        fresh = _local_hits(doc, modules, missing)
        if fresh is None:  # a module read beyond its sentences: no reuse for this document
            return _whole(doc, modules)
        needed = {index for index, _ in fresh.pop(ENTITIES, [])}
        for sentence in missing:
            own = fresh.get(sentence.index, [])
            found[sentence.index] = own
            relative = [(o, _shift(h, -sentence.start)) for o, h in own]
            memo.put(keys[sentence.index], (relative, sentence.index in needed))
    return _in_module_order(found, len(modules))
