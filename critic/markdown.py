"""Turn a Markdown (or plain) draft into prose the parser can read, with a map back to the original.

The plain text drops markup (heading hashes, list markers, emphasis, link targets, code fences, HTML
comments, speaker labels in scripts) and joins hard-wrapped lines with a space. Every plain
character remembers the offset of the original character it came from (`Plain.index`), so findings
point into the ORIGINAL text. Each block (heading, paragraph, list item, table row, speaker turn) is
put on its own line, and the pipeline starts a sentence at every newline.

Inline suppression (HTML comments, invisible when the Markdown is rendered):

* ``<!-- brief: ignore RULE[, RULE...] -->`` on a line of its own silences those rules for the next
  block (paragraph, list item, heading or speaker turn); at the end of a line with text, for the
  block that line belongs to.
* ``<!-- brief: ignore-file RULE[, RULE...] -->`` anywhere silences them for the whole document;
  this is also the only way to silence document-level findings (structure.*, length.words,
  length.grade, length.opening).

A RULE is a rule id (``blame.agentless-passive``), a family (``blame``), a prefix pattern
(``structure.*``) or ``all``; a bare ``ignore`` with no rule means ``all``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

_COMMENT = re.compile(r"<!--[\s\S]*?-->")
_DIRECTIVE = re.compile(
    r"<!--\s*brief\s*:\s*(?P<verb>ignore-file|ignore)\b(?P<rules>[\s\S]*?)-->", re.IGNORECASE
)
_FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")
_ATX = re.compile(r"^(?P<lead>[ \t]{0,3})(?P<hashes>#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^[ \t]{0,3}(?P<char>=+|-+)[ \t]*$")
_HR = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_SEPARATOR = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$"
)
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_FIELD = re.compile(
    r"^[ \t]*(?:\*\*|__)?[A-Z][\w’'/&-]*(?:[ \t]+[\w’'/&-]+){0,3}(?:\*\*|__)?[ \t]*:"
)
_META = re.compile(r"^[ \t]*(?:Subject|Re|To|From|Cc|Bcc|Date|Sent)[ \t]*:", re.IGNORECASE)
_SPEAKER = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<open>\*\*|__)?[ \t]*"
    r"(?P<label>\[[^\]\n]{1,40}\]|\([^)\n]{1,40}\)|"
    r"[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,2}|you|me|ceo)"
    r"(?:’s|'s)?[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(?=\S)"
)
_DIRECTION = re.compile(
    r"^[ \t]*(?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\]|[*_][^*_\n]+[*_])[ \t]*$"
)
_PRESENTERS = {"you", "me", "i", "presenter", "speaker", "[you]", "[your name]", "[presenter]"}

# Inline markup
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[(?P<label>[^\]\n]+)\](?P<target>\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"’”]")
_STAR = re.compile(r"(?<![\\*\w])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*\\])\1(?!\*)")
_UNDER = re.compile(r"(?<![\\\w_])(_{1,3})(?=[^\s_])(.+?)(?<=[^\s_\\])\1(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~])")


@dataclass
class Block:
    """A heading, paragraph, list item, table row or speaker turn, in plain-text offsets."""

    kind: str
    start: int = 0
    end: int = 0
    level: int = 0
    speaker: str | None = None
    presenter: bool = True
    section: str = ""
    label: str = ""
    ignore: set[str] = field(default_factory=set)
    segments: list[tuple[int, int]] = field(default_factory=list)

    @property
    def is_prose(self) -> bool:
        """Sentence rules apply: the author's own words, not headings or the CEO's lines."""
        return self.kind in {"paragraph", "item", "row", "turn"} and self.presenter


@dataclass
class Plain:
    """Plain prose, the map back to the original, and the blocks and directives found."""

    text: str
    index: list[int]
    blocks: list[Block]
    masked: list[tuple[int, int]]
    file_ignore: set[str]
    kind: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for the plain range [start, end)."""
        if end <= start:
            position = self.index[min(start, len(self.index) - 1)]
            return position, position
        return self.index[start], self.index[end - 1] + 1

    @cached_property
    def has_block_ignores(self) -> bool:
        return any(block.ignore for block in self.blocks)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block containing plain offset `offset`."""
        position = bisect.bisect_right(self._block_starts, offset) - 1
        if position >= 0 and offset <= self.blocks[position].end:
            return self.blocks[position]
        return None

    def is_masked(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps code or a URL."""
        return any(a < end and start < b for a, b in self.masked)


def _selectors(raw: str) -> set[str]:
    names = {part.strip().lower() for part in re.split(r"[,\s]+", raw) if part.strip()}
    return names or {"all"}


def detect_kind(text: str) -> str:
    """'script' when the text has speaker lines ("You:", "CEO:", "[Name]:"), else 'briefing'."""
    labels: dict[str, int] = {}
    strong = 0
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = _SPEAKER.match(line)
        if not match:
            continue
        label = match.group("label").strip().lower()
        labels[label] = labels.get(label, 0) + 1
        if label in _PRESENTERS or label == "ceo" or label.startswith(("[", "(")):
            strong += 1
    repeated = [name for name, count in labels.items() if count >= 2]
    return "script" if strong >= 2 or len(repeated) >= 2 else "briefing"


def _is_presenter(label: str, first_presenter: str | None) -> bool:
    lowered = label.lower()
    if lowered in _PRESENTERS or "your" in lowered:
        return True
    if "ceo" in lowered:
        return False
    return first_presenter is not None and lowered == first_presenter


class _Builder:
    """Line-by-line Markdown reader that produces blocks of original-text segments."""

    def __init__(self, text: str, kind: str) -> None:
        self.text = text
        self.kind = kind
        self.hidden = bytearray(len(text))
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.pending: set[str] = set()
        self.file_ignore: set[str] = set()
        self.first_presenter: str | None = None
        self.seen_content = False
        self.after_signoff = False

    # -- directives -----------------------------------------------------------------------------
    def scan_comments(self) -> list[tuple[int, int, str, set[str]]]:
        found = []
        for match in _COMMENT.finditer(self.text):
            self.hidden[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            directive = _DIRECTIVE.fullmatch(match.group(0))
            if directive:
                verb = directive.group("verb").lower()
                found.append(
                    (match.start(), match.end(), verb, _selectors(directive.group("rules")))
                )
        return found

    # -- blocks ---------------------------------------------------------------------------------
    def close(self) -> None:
        if self.current is not None and self.current.segments:
            block = self.current
            if self.pending:
                block.ignore |= self.pending
                self.pending = set()
            self.blocks.append(block)
        self.current = None

    def open(self, kind: str, **attrs: object) -> Block:
        self.close()
        block = Block(kind=kind, **attrs)  # type: ignore[arg-type]
        self.current = block
        return block

    def visible(self, start: int, end: int) -> str:
        return "".join(
            " " if self.hidden[i] else ch
            for i, ch in zip(range(start, end), self.text[start:end], strict=True)
        )

    def run(self) -> None:
        directives = self.scan_comments()
        text = self.text
        spans: list[tuple[int, int]] = []
        position = 0
        for raw_line in text.split("\n"):
            end = position + len(raw_line)
            content_end = end - 1 if raw_line.endswith("\r") else end
            spans.append((position, content_end))
            position = end + 1
        fence: str | None = None
        in_indented_code = False
        previous_blank = True
        front_matter_end = self._front_matter(spans)
        directive_at = {}
        for start, end, verb, selectors in directives:
            directive_at.setdefault(text.count("\n", 0, start), []).append((verb, selectors, end))

        for number, (start, end) in enumerate(spans):
            if number < front_matter_end:
                continue
            line = self.visible(start, end)
            line_directives = directive_at.get(number, [])
            if fence is not None:
                stripped = line.strip()
                if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                    fence = None
                continue
            fence_match = _FENCE.match(line)
            if fence_match:
                self.close()
                fence = fence_match.group("fence")
                continue
            if not line.strip():
                self.close()
                for verb, selectors, _ in line_directives:
                    (self.file_ignore if verb == "ignore-file" else self.pending).update(selectors)
                previous_blank = True
                in_indented_code = False
                continue
            if in_indented_code or (
                previous_blank
                and re.match(r"^(?: {4}|\t)", line)
                and (not self.blocks or self.blocks[-1].kind != "item")
                and self.current is None
            ):
                in_indented_code = True
                previous_blank = False
                continue
            previous_blank = False
            self.line(start, end, line)
            for verb, selectors, _ in line_directives:
                if verb == "ignore-file":
                    self.file_ignore.update(selectors)
                elif self.current is not None:
                    self.current.ignore |= selectors
                elif self.blocks:
                    self.blocks[-1].ignore |= selectors
        self.close()

    def _front_matter(self, spans: list[tuple[int, int]]) -> int:
        if not spans or self.text[spans[0][0] : spans[0][1]].strip() != "---":
            return 0
        for number in range(1, min(len(spans), 60)):
            line = self.text[spans[number][0] : spans[number][1]].strip()
            if line in {"---", "..."}:
                return number + 1
            if line and not re.match(
                r"^[\w-]+\s*:|^-\s|^\s", self.text[spans[number][0] : spans[number][1]]
            ):
                return 0
        return 0

    def line(self, start: int, end: int, line: str) -> None:
        offset = 0
        while True:  # blockquote markers
            quote = _QUOTE.match(line, offset)
            if not quote or quote.end() == offset:
                break
            offset = quote.end()
        body = line[offset:]
        if not body.strip():
            self.close()
            return
        if _HR.match(body) and not (
            self.current and self.current.kind == "paragraph" and "-" in body
        ):
            self.close()
            return
        setext = _SETEXT.match(body)
        if setext and self.current is not None and self.current.kind == "paragraph":
            if len(self.current.segments) == 1:
                self.current.kind = "heading"
                self.current.level = 1 if setext.group("char")[0] == "=" else 2
            self.close()
            return
        if _TABLE_SEPARATOR.match(body) and "|" in body:
            return
        atx = _ATX.match(body)
        if atx:
            content_start = start + offset + atx.end()
            content_end = start + offset + len(body.rstrip())
            closing = re.search(r"[ \t]+#+[ \t]*$", self.text[content_start:content_end])
            if closing:
                content_end = content_start + closing.start()
            self.open("heading", level=len(atx.group("hashes")))
            self._segment(content_start, content_end)
            self.close()
            self.seen_content = True
            return
        if body.lstrip().startswith("|"):
            self.open("row")
            self._segment(start + offset, start + offset + len(body.rstrip()))
            self.close()
            self.seen_content = True
            return
        if self.kind == "script":
            if _DIRECTION.match(body):
                self.close()
                return
            speaker = _SPEAKER.match(body)
            if speaker:
                label = speaker.group("label").strip()
                lowered = label.lower()
                if self.first_presenter is None and (
                    lowered in _PRESENTERS or "ceo" not in lowered
                ):
                    self.first_presenter = lowered
                block = self.open("turn", speaker=label)
                block.presenter = _is_presenter(label, self.first_presenter)
                self._segment(start + offset + speaker.end(), start + offset + len(body.rstrip()))
                self.seen_content = True
                return
        item = _ITEM.match(body)
        if item and not _HR.match(body):
            self.open("item")
            self._segment(start + offset + item.end(), start + offset + len(body.rstrip()))
            self.seen_content = True
            return
        if not self.seen_content and _META.match(body):
            self.open("meta")
            self._segment(start + offset, start + offset + len(body.rstrip()))
            self.close()
            return
        field_label = _FIELD.match(body)
        if field_label and self.kind != "script":
            block = self.open("paragraph")
            block.label = re.sub(r"[*_:]", "", field_label.group(0)).strip()
            self._segment(start + offset, start + offset + len(body.rstrip()))
            self.seen_content = True
            return
        if self.current is not None and self.current.kind in {"paragraph", "item", "turn"}:
            self._segment(start + offset, start + offset + len(body.rstrip()))
            return
        self.open("paragraph")
        self._segment(start + offset, start + offset + len(body.rstrip()))
        self.seen_content = True

    def _segment(self, start: int, end: int) -> None:
        while start < end and self.text[start] in " \t":
            start += 1
        if self.current is not None and start < end:
            self.current.segments.append((start, end))


_SENTENCE_FINAL = frozenset(".!?…")


def _inline(
    text: str, start: int, end: int, hidden: bytearray, row: bool
) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Plain characters, their original offsets and masked (code/URL) ranges for one segment."""
    source = text[start:end]
    keep = [not hidden[start + i] for i in range(len(source))]
    work = [("\x00" if not keep[i] else ch) for i, ch in enumerate(source)]
    replace: dict[int, str] = {}
    masked: list[tuple[int, int]] = []

    def drop(a: int, b: int) -> None:
        for i in range(a, b):
            keep[i] = False
            work[i] = "\x00"

    def current() -> str:
        return "".join(work)

    for match in _CODE_SPAN.finditer(current()):
        drop(match.start(1), match.end(1))
        drop(match.end(2), match.end())
        masked.append((match.start(2), match.end(2)))
        for i in range(match.start(2), match.end(2)):
            work[i] = "x"
    for match in _IMAGE.finditer(current()):
        drop(match.start(), match.end())
    for match in _AUTOLINK.finditer(current()):
        drop(match.start(), match.end())
    for match in _LINK.finditer(current()):
        drop(match.start(), match.start() + 1)
        drop(match.end("label"), match.end())
    for match in _HTML_TAG.finditer(current()):
        drop(match.start(), match.end())
    for match in _URL.finditer(current()):
        masked.append((match.start(), match.end()))
        for i in range(match.start(), match.end()):
            if work[i] in "*_~":
                work[i] = "x"
    for _ in range(2):
        for pattern in (_STAR, _UNDER, _STRIKE):
            for match in pattern.finditer(current()):
                opener = match.group(1) if pattern is not _STRIKE else "~~"
                drop(match.start(), match.start() + len(opener))
                drop(match.end() - len(opener), match.end())
    for match in _ESCAPE.finditer(current()):
        drop(match.start(), match.start() + 1)
    if row:
        stripped = current().strip()
        first = current().find("|")
        last = current().rfind("|")
        for i, ch in enumerate(current()):
            if ch == "|" and (i > 0 and source[i - 1] == "\\") is False:
                if (i == first and stripped.startswith("|")) or (
                    i == last and stripped.endswith("|")
                ):
                    drop(i, i + 1)
                else:
                    replace[i] = ";"
    # Final punctuation inside code or a URL never ends a sentence: "run `make test. Then`" is
    # one sentence. It becomes a middle dot in the plain text (offsets are unchanged).
    for a, b in masked:
        for i in range(a, b):
            if source[i] in _SENTENCE_FINAL:
                replace[i] = "·"
    chars: list[str] = []
    index: list[int] = []
    plain_masks: list[tuple[int, int]] = []
    position_of: dict[int, int] = {}
    for i, ch in enumerate(source):
        if not keep[i]:
            continue
        position_of[i] = len(chars)
        chars.append(replace.get(i, "\t" if ch == "\t" else ch).replace("\t", " "))
        index.append(start + i)
    for a, b in masked:
        kept = [position_of[i] for i in range(a, b) if i in position_of]
        if kept:
            plain_masks.append((kept[0], kept[-1] + 1))
    return "".join(chars), index, plain_masks


def to_plain(text: str, kind: str) -> Plain:
    """Plain prose for `text`, read as `kind` ('briefing' or 'script')."""
    builder = _Builder(text, kind)
    builder.run()
    chars: list[str] = []
    index: list[int] = []
    masked: list[tuple[int, int]] = []
    blocks: list[Block] = []
    section = ""
    for block in builder.blocks:
        pieces: list[tuple[str, list[int], list[tuple[int, int]]]] = []
        for seg_start, seg_end in block.segments:
            piece = _inline(text, seg_start, seg_end, builder.hidden, block.kind == "row")
            pieces.append(piece)
        # trim whitespace at the edges of the block, keep the joins
        block_chars: list[str] = []
        block_index: list[int] = []
        block_masks: list[tuple[int, int]] = []
        for number, (piece_text, piece_index, piece_masks) in enumerate(pieces):
            if number and block_chars:
                block_chars.append(" ")
                block_index.append(block.segments[number - 1][1])
            base = len(block_chars)
            block_chars.extend(piece_text)
            block_index.extend(piece_index)
            block_masks.extend((a + base, b + base) for a, b in piece_masks)
        lead = 0
        while lead < len(block_chars) and block_chars[lead].isspace():
            lead += 1
        tail = len(block_chars)
        while tail > lead and block_chars[tail - 1].isspace():
            tail -= 1
        if tail <= lead:
            continue
        if chars:
            chars.append("\n")
            index.append(min(index[-1] + 1, len(text)))
        block.start = len(chars)
        chars.extend(block_chars[lead:tail])
        index.extend(block_index[lead:tail])
        block.end = len(chars)
        masked.extend(
            (block.start + a - lead, block.start + b - lead)
            for a, b in block_masks
            if b > lead and a < tail
        )
        if block.kind == "heading":
            section = "".join(chars[block.start : block.end])
        elif block.kind == "turn" and block.presenter and blocks and blocks[-1].kind == "turn":
            previous = blocks[-1]
            block.section = (
                "".join(chars[previous.start : previous.end])
                if not previous.presenter
                else previous.section
            )
        else:
            block.section = section
        blocks.append(block)
    index.append(len(text))
    return Plain(
        text="".join(chars),
        index=index,
        blocks=blocks,
        masked=masked,
        file_ignore=builder.file_ignore,
        kind=kind,
    )
