"""Parse plain text in small units, so no unit's parse depends on the others.

The critic puts every Markdown block on its own line and always starts a sentence after a newline;
within a line, a sentence also starts after final punctuation followed by a capital or a digit
("...last week. We ..."), unless the word before the stop is a known abbreviation ("e.g.",
"Mr.") or a single letter ("J. Smith"). Each such unit, usually one sentence, is parsed on its own
(batched through `nlp.pipe`) by `review()` and `critic.Checker` alike. A unit's parse is then a
function of its text alone, which lets the Checker keep parses across edits, re-parse only the
sentence that changed, and still give exactly the report a fresh review gives.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from critic.pipeline import Pipeline

LINE_CHARS = 50_000  # longer units are cut at a space into pieces the pipeline can take
PIPE_BATCH = 64
_STOP = re.compile(r"(?<=[.!?])[\"'”’)\]]*(?P<gap>[ \t]+)(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "no",
        "nos",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "approx",
        "est",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "a.m",
        "p.m",
        "am",
        "pm",
        "u.s",
        "u.k",
        "n.b",
        "cf",
        "al",
        "ca",
    ]
)


def chunk_ranges(text: str) -> list[tuple[int, int]]:
    """Pieces of up to LINE_CHARS characters cut at line starts (for a pipeline without a
    parser, where the unit does not change the analysis and fewer Docs are much faster)."""
    ranges: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > LINE_CHARS:
        cut = text.rfind("\n", start, start + LINE_CHARS) + 1
        if cut <= start:
            cut = text.rfind(" ", start, start + LINE_CHARS)
            cut = cut if cut > start else start + LINE_CHARS
        ranges.append((start, cut))
        start = cut
    ranges.append((start, len(text)))
    return [(a, b) for a, b in ranges if text[a:b].strip()]


def line_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of every parse unit of `text`: its lines, cut after sentence stops."""
    ranges: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        if not text[start:end].isspace() and end > start:
            ranges.extend((start + a, start + b) for a, b in _line_units(text[start:end]))
        start = end + 1
    return ranges


_UNITS: dict[str, tuple[tuple[int, int], ...]] = {}
UNITS_KEPT = 4096  # lines whose units are kept (a re-check splits only the lines it has not seen)
UNITS_LINE_CHARS = 4000


def _line_units(line: str) -> tuple[tuple[int, int], ...]:
    """The parse units of one line, as offsets in it (a function of the line alone: a stop is
    read within the line, and the line before it ends in a newline, which is never a stop)."""
    found = _UNITS.get(line)
    if found is None:
        found = tuple(
            piece for a, b in _sentences(line, 0, len(line)) for piece in _cut(line, a, b)
        )
        if len(line) <= UNITS_LINE_CHARS:
            if len(_UNITS) >= UNITS_KEPT:
                _UNITS.clear()
            _UNITS[line] = found
    return found


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut one line after each stop that surely ends a sentence."""
    for stop in _STOP.finditer(text, start, end):
        before = text[start : stop.start()].rstrip("\"'”’)]")
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        bare = word.rstrip(".!?").lstrip("(\"'“‘").lower()
        if (len(bare) <= 1 and bare.isalpha()) or bare in _ABBREVIATIONS:
            continue
        yield start, stop.start("gap")
        start = stop.end("gap")
    yield start, end


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
    """For each text, its units parsed as (start offset, Doc); units in `cache` are not re-parsed.

    All the units of all the texts go through one `nlp.pipe` stream. A pipeline without a parser
    (the heuristic fallback) takes large chunks instead: it splits sentences the same way.
    """
    texts = list(texts)
    split = line_ranges if pipeline.has_parse else chunk_ranges
    layout = [split(text) for text in texts]
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
