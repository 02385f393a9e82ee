"""Per-sentence answers kept across a Checker's re-checks (the document-level analyses' share).

Coverage asks the same questions of every sentence on every check ("is this an impact
sentence?", "does it state a cause?"); the metrics count ownership and passives sentence by
sentence; jargon.acronym lists each sentence's candidates. Each answer is a function of what
`critic.incremental` keys a sentence by (its parse unit and what follows on its line, its place,
its block, the document kind), plus the sentence's figures (shape only, or with entities) and the
text just after it (a figure at the end of a sentence may be read with the next words: "HTTP 403"
+ "Forbidden"). A function decorated with `per_sentence` keeps its answers under that key, but
only in a document a Checker prepared (`doc.cache[MEMO]` holds the store); a plain `review()`
computes every answer afresh.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from critic.document import Document, Sentence

MEMO = "sentence_memo"
KEYS = "sentence_memo_keys"
TAIL = 80  # characters after a sentence that a per-sentence answer may read

Result = TypeVar("Result")


class SentenceMemo:
    """Answers by (question, arguments, sentence), least recently used dropped first. A sentence
    is named by a small number given to its full key (so each question hashes a short tuple)."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.store: OrderedDict[tuple, Any] = OrderedDict()
        self.ids: dict[tuple, int] = {}
        self._next = 0

    def get(self, key: tuple, compute: Callable[[], Result]) -> Result:
        store = self.store
        if key in store:
            store.move_to_end(key)
            return store[key]
        value = store[key] = compute()
        if len(store) > self.size:
            store.popitem(last=False)
        return value

    def id_of(self, key: tuple) -> int:
        """A number for this sentence key, never given to another key (old entries age out)."""
        found = self.ids.get(key)
        if found is None:
            if len(self.ids) >= self.size:
                self.ids.clear()
            found = self.ids[key] = self._next
            self._next += 1
        return found


def _key(doc: Document, sentence: Sentence) -> tuple[int, bool]:
    """The sentence's number (see SentenceMemo.id_of) and whether its figures have entities."""
    keys = doc.cache.get(KEYS)
    if keys is None:
        keys = doc.cache[KEYS] = {}
    found = keys.get(sentence.index)
    if found is None:
        from critic.incremental import sentence_key

        text = doc.plain.text
        full = (sentence_key(doc, sentence), text[sentence.end : sentence.end + TAIL])
        found = keys[sentence.index] = doc.cache[MEMO].id_of(full)
    figures = doc._figures.get(sentence.index)  # (Document.figures, without a call when known)
    if figures is None:
        figures = doc.figures(sentence)
    return found, figures.from_entities


_MISSING = object()


def per_sentence(
    function: Callable[..., Result],
) -> Callable[..., Result]:
    """Keep `function(doc, sentence, *args)`'s answers per sentence key in a Checker's document.

    Only for functions that read nothing of the document beyond the sentence, its line, its block,
    its figures, the document kind and the few characters after it; `args` must be hashable."""
    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def wrapper(doc: Document, sentence: Sentence, *args: Any) -> Result:
        memo: SentenceMemo | None = doc.cache.get(MEMO)
        if memo is None:
            return function(doc, sentence, *args)
        number, entities = _key(doc, sentence)
        key = (name, args, number, entities)
        store = memo.store
        found = store.get(key, _MISSING)
        if found is not _MISSING:
            store.move_to_end(key)
            return found  # type: ignore[return-value]
        return memo.get(key, lambda: function(doc, sentence, *args))

    return wrapper


def summed(doc: Document, count: Callable[[Document], int]) -> int:
    """`count(doc)` for a count that adds up sentence by sentence over the prose, each sentence's
    share kept in a Checker's document (worked out on a view with that sentence alone)."""
    memo: SentenceMemo | None = doc.cache.get(MEMO)
    if memo is None:
        return count(doc)
    from critic.incremental import view

    name = f"{count.__module__}.{count.__qualname__}"
    return sum(
        memo.get((name, (), *_key(doc, s)), lambda s=s: count(view(doc, [s])))  # type: ignore[misc]
        for s in doc.prose
    )


def prefill_passives(doc: Document) -> None:
    """Leave `critic.passive.passives(doc)` in the document's cache from each sentence's kept
    passives (they are found sentence by sentence; offsets are kept relative to the sentence)."""
    memo: SentenceMemo | None = doc.cache.get(MEMO)
    if memo is None or "passives" in doc.cache:
        return
    from critic.incremental import view
    from critic.passive import passives

    def relative(sentence: Sentence) -> tuple:
        return tuple(
            replace(  # kept without the sentence, so no old document is held
                found,
                sentence=None,
                start=found.start - sentence.start,
                end=found.end - sentence.start,
            )
            for found in passives(view(doc, [sentence]))
        )

    out = []
    for sentence in doc.prose:
        kept = memo.get(("passives", (), *_key(doc, sentence)), lambda s=sentence: relative(s))
        out.extend(
            replace(
                found,
                sentence=sentence,
                start=found.start + sentence.start,
                end=found.end + sentence.start,
            )
            for found in kept
        )
    doc.cache["passives"] = out
