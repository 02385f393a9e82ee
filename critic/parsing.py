"""Parse plain text line by line, so any one line's parse does not depend on the others.

The critic puts every Markdown block on its own line and always starts a sentence after a newline,
so a line is the unit of parsing: `review()` and `critic.Checker` both parse each line on its own
(batched through `nlp.pipe`). A line's parse is then a function of its text alone, which is what
lets the Checker keep parses across edits and still give exactly the report a fresh review gives.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from critic.pipeline import Pipeline

LINE_CHARS = 50_000  # longer lines are cut at a space into pieces the pipeline can take
PIPE_BATCH = 64


def line_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text` with something other than spaces on it."""
    ranges: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        if not text[start:end].isspace() and end > start:
            ranges.extend(_cut(text, start, end))
        start = end + 1
    return ranges


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > LINE_CHARS:
        cut = text.rfind(" ", start, start + LINE_CHARS)
        cut = cut if cut > start else start + LINE_CHARS
        yield start, cut
        start = cut
    yield start, end


class ParseCache:
    """Parsed lines by text, least recently used dropped first (a Doc per distinct line)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._docs: OrderedDict[str, Doc] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, text: str) -> Doc | None:
        doc = self._docs.get(text)
        if doc is not None:
            self._docs.move_to_end(text)
            self.hits += 1
        return doc

    def put(self, text: str, doc: Doc) -> None:
        self._docs[text] = doc
        self._docs.move_to_end(text)
        while len(self._docs) > self.size:
            self._docs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._docs)


def parse_lines(
    pipeline: Pipeline, texts: Iterable[str], cache: ParseCache | None = None
) -> list[list[tuple[int, Doc]]]:
    """For each text, its lines parsed as (start offset, Doc); lines in `cache` are not re-parsed.

    All the lines of all the texts go through one `nlp.pipe` stream.
    """
    texts = list(texts)
    layout = [line_ranges(text) for text in texts]
    out: list[list[tuple[int, Doc] | None]] = [[None] * len(ranges) for ranges in layout]
    todo: list[tuple[int, int, str]] = []
    for t, (text, ranges) in enumerate(zip(texts, layout, strict=True)):
        for i, (start, end) in enumerate(ranges):
            line = text[start:end]
            doc = cache.get(line) if cache is not None else None
            if doc is None:
                todo.append((t, i, line))
            else:
                out[t][i] = (start, doc)
    if todo:
        if cache is not None:
            cache.misses += len(todo)
        lines = [line for _, _, line in todo]
        parsed = (
            [pipeline.nlp(lines[0])]
            if len(lines) == 1
            else pipeline.nlp.pipe(lines, batch_size=PIPE_BATCH)
        )
        for (t, i, line), doc in zip(todo, parsed, strict=True):
            out[t][i] = (layout[t][i][0], doc)
            if cache is not None:
                cache.put(line, doc)
    return [[item for item in items if item is not None] for items in out]
