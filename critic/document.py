"""A parsed draft: plain prose mapped to the original, its blocks, sentences and cached analyses."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from critic.figures import Figures, add_entities, shape_figures
from critic.markdown import Block, Plain

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from critic.config import CriticConfig, Thresholds
    from critic.pipeline import Pipeline


@dataclass
class Sentence:
    """One sentence of the draft, in plain-text offsets."""

    index: int
    start: int
    end: int
    text: str
    span: Span
    base: int
    block: Block
    first_in_block: bool

    @cached_property
    def tokens(self) -> list[Token]:
        """The sentence's tokens without spaces (worked out once; read, never change, the list)."""
        return [token for token in self.span if not token.is_space]

    @cached_property
    def words(self) -> int:
        return sum(1 for token in self.tokens if is_word(token))  # a space is never a word

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?")

    def plain_range(self, token: Token) -> tuple[int, int]:
        """Plain offsets of a token."""
        return self.base + token.idx, self.base + token.idx + len(token.text)


_CLITICS = {
    "n't",
    "n’t",
    "'s",
    "’s",
    "'ll",
    "’ll",
    "'re",
    "’re",
    "'ve",
    "’ve",
    "'m",
    "’m",
    "'d",
    "’d",
}


def is_word(token: Token) -> bool:
    """A word as a reader counts it: "can't" and "one-week" are one word each."""
    if token.is_space or token.is_punct:
        return False
    text = token.text
    if not text.isalnum() and not any(ch.isalnum() for ch in text):  # isalnum(): most words
        return False
    if token.lower_ in _CLITICS:
        return False
    if token.i >= 2:
        doc = token.doc
        hyphen = doc[token.i - 1]
        if (
            hyphen.text in {"-", "‐"}
            and not hyphen.whitespace_
            and not doc[token.i - 2].whitespace_
        ):
            return False
    return True


@dataclass
class Document:
    """Everything the rules need about one draft."""

    original: str
    plain: Plain
    kind: str
    sentences: list[Sentence]
    pipeline: Pipeline
    config: CriticConfig
    cache: dict[str, Any] = field(default_factory=dict)
    _figures: dict[int, Figures] = field(default_factory=dict)
    _line_starts: list[int] = field(default_factory=list)

    @property
    def has_parse(self) -> bool:
        return self.pipeline.has_parse

    @property
    def thresholds(self) -> Thresholds:
        return self.config.thresholds

    @property
    def prose(self) -> list[Sentence]:
        """Sentences written by the author: not headings, meta lines or the CEO's lines."""
        cached = self.cache.get("prose")
        if cached is None:
            cached = [s for s in self.sentences if s.block.is_prose]
            self.cache["prose"] = cached
        return cached

    @property
    def spoken(self) -> list[Sentence]:
        """Sentences that count towards length: every paragraph, item, row and speaker turn."""
        cached = self.cache.get("spoken")
        if cached is None:
            kinds = {"paragraph", "item", "row", "turn"}
            cached = [s for s in self.sentences if s.block.kind in kinds]
            self.cache["spoken"] = cached
        return cached

    @property
    def checking(self) -> list[Sentence]:
        """The sentences whose findings are wanted: all of them, or in a re-check only those an
        edit touched (critic.incremental.view). A rule may skip work elsewhere; hits elsewhere are
        dropped anyway."""
        return self.cache.get("checking", self.sentences)

    @property
    def word_count(self) -> int:
        cached = self.cache.get("word_count")
        if cached is None:
            cached = sum(s.words for s in self.spoken)
            self.cache["word_count"] = cached
        return cached

    @property
    def is_fragment(self) -> bool:
        """Too short to judge as a whole document (no structure, word-budget or grade findings).

        A Q&A (kind "qa") is a set of short answers: judged sentence by sentence, like a fragment.
        """
        if self.kind == "qa":
            return True
        limits = self.thresholds
        return (
            self.word_count < limits.fragment_words and len(self.prose) < limits.fragment_sentences
        )

    # -- figures --------------------------------------------------------------------------------
    def figures(self, sentence: Sentence) -> Figures:
        cached = self._figures.get(sentence.index)
        if cached is None:
            cached = shape_figures(sentence.tokens, sentence.base, sentence.text, sentence.start)
            self._figures[sentence.index] = cached
        return cached

    def ensure_entities(self, sentences: list[Sentence]) -> None:
        """Run the entity recognizer (once, batched) on sentences not yet checked."""
        todo = [s for s in sentences if not self.figures(s).from_entities]
        if not todo:
            return
        if self.pipeline.ner is None:
            for sentence in todo:
                self.figures(sentence).from_entities = True
            return
        texts = [s.text for s in todo]
        for sentence, entities in zip(todo, self.pipeline.entities(texts), strict=True):
            add_entities(self.figures(sentence), entities, sentence.text, sentence.start)

    # -- locations ------------------------------------------------------------------------------
    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.plain.to_original(start, end)

    def line_column(self, offset: int) -> tuple[int, int]:
        if not self._line_starts:
            starts = [0]
            text = self.original
            position = text.find("\n")
            while position != -1:
                starts.append(position + 1)
                position = text.find("\n", position + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def sentence_at(self, offset: int) -> Sentence | None:
        starts = self.cache.get("sentence_starts")
        if starts is None:
            starts = [s.start for s in self.sentences]
            self.cache["sentence_starts"] = starts
        position = bisect.bisect_right(starts, offset) - 1
        if (
            position >= 0
            and self.sentences[position].start <= offset < self.sentences[position].end
        ):
            return self.sentences[position]
        return None


def sentences_from(plain: Plain, docs: list[tuple[int, Doc]]) -> list[Sentence]:
    """Sentence objects for parsed chunks (base offset, Doc)."""
    block_starts = [block.start for block in plain.blocks]
    out: list[Sentence] = []
    for base, doc in docs:
        for trimmed, start_char, end_char, tokens in _trimmed_sentences(doc):
            start = base + start_char
            end = base + end_char
            position = max(0, bisect.bisect_right(block_starts, start) - 1)
            block = plain.blocks[position] if plain.blocks else Block(kind="paragraph")
            first_in_block = not out or out[-1].block is not block
            sentence = Sentence(
                index=len(out),
                start=start,
                end=end,
                text=plain.text[start:end],
                span=trimmed,
                base=base,
                block=block,
                first_in_block=first_in_block,
            )
            sentence.__dict__["tokens"] = tokens  # functools.cached_property's slot
            out.append(sentence)
    return out


_TRIMMED = "brief_trimmed_sentences"


def _trimmed_sentences(doc: Doc) -> list[tuple[Span, int, int, list[Token]]]:
    """Each sentence of a parsed unit without its leading and trailing spaces: (span, start and
    end character in the unit, tokens without spaces). Kept in the Doc's user_data, so a unit a
    Checker parsed once is not walked again on the next check (a function of the parse alone)."""
    found = doc.user_data.get(_TRIMMED)
    if found is not None:
        return found
    found = []
    for span in doc.sents:
        first = 0
        last = len(span)
        while first < last and span[first].is_space:
            first += 1
        while last > first and span[last - 1].is_space:
            last -= 1
        if first >= last:
            continue
        trimmed = span[first:last]
        tokens = [token for token in trimmed if not token.is_space]
        found.append((trimmed, trimmed.start_char, trimmed.end_char, tokens))
    doc.user_data[_TRIMMED] = found
    return found
