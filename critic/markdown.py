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
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress

_DIRECTIVE = re.compile(
    r"<!--\s*brief\s*:\s*(?P<verb>ignore-file|ignore)\b(?P<rules>[\s\S]*?)-->", re.IGNORECASE
)
_FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")
_ATX = re.compile(r"^(?P<lead>[ \t]{0,3})(?P<hashes>#{1,6})(?:[ \t]+|$)")
_ATX_TIGHT = re.compile(
    r"^(?P<lead>[ \t]{0,3})(?P<hashes>#{1,6})(?=[A-Z])"
)  # "#Timeline", as typed
_TIGHT_HEADING_WORDS = 8
_SETEXT = re.compile(r"^[ \t]{0,3}(?P<char>=+|-+)[ \t]*$")
_HR = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_SEPARATOR = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$"
)
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_FIELD = re.compile(  # "Impact:", "**Root cause:**", "-Duration:" (no space after the dash)
    r"^[ \t]*(?:[-*•](?=[A-Z]))?(?:\*\*|__)?[A-Z][\w’'/&-]*(?:[ \t]+[\w’'/&-]+){0,3}"
    r"(?:\*\*|__)?[ \t]*:(?!\d)"
)
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"  # a month, any spelling
)
_STAMP_PART = (  # what may follow the first figure of a time stamp, up to its colon, bar or dash
    rf"(?:[\s,.()/-]|\d+(?:st|nd|rd|th)?\b|(?<=\d)[:.h](?=\d)|{_MONTH}(?![a-z])|"
    r"(?:am|pm|a\.m\.|p\.m\.|utc|gmt|hrs|[a-z]{2,3}t|on|at)\b)"
)
_STAMP_LINE = re.compile(  # a timeline line: "10:45 SAST: …", "December 14, 2023, 9:45 AM (UTC): …"
    r"^[ \t]*(?:[-*•](?=\d))?(?:\*\*|__)?"
    rf"(?:\d{{1,2}}[:.h]\d{{2}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}|"
    rf"{_MONTH}[ \t]+\d{{1,2}}\b|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}(?![a-z]))"
    rf"{_STAMP_PART}{{0,40}}?(?:\*\*|__)?[ \t]{{0,3}}(?::(?!\d)|\||[ \t][-–—][ \t])",
    re.IGNORECASE,
)
_FIELD_VALUE_WORDS = 8  # a field line this short with no end punctuation holds one value
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
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
_PRESENTERS = {"you", "me", "i", "presenter", "speaker", "[you]", "[your name]", "[presenter]"}

# Inline markup
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# Labels stop at the next "[" so a line of unclosed "[" costs linear time, not quadratic.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_LINK = re.compile(r"\[(?P<label>[^\[\]\n]+)\](?P<target>\([^()\n]*\)|\[[^\[\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"’”]")
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
    label_text: str = field(default="", repr=False)  # the block's plain text (for sections)

    @property
    def is_prose(self) -> bool:
        """Sentence rules apply: the author's own words, not headings or the CEO's lines."""
        return self.kind in {"paragraph", "item", "row", "turn"} and self.presenter


_SENTENCE_FINAL = frozenset(".!?…")


@dataclass
class Plain:
    """Plain prose, the map back to the original, and the blocks and directives found."""

    text: str
    index: list[int]
    blocks: list[Block]
    masked: list[tuple[int, int]]
    file_ignore: set[str]
    kind: str

    @property
    def parse_text(self) -> str:
        """The text the parser reads: the plain text, but final punctuation inside code or a URL
        becomes a middle dot, so "run `make test. Then`" is one sentence (offsets unchanged)."""
        if not self.masked:
            return self.text
        chars = list(self.text)
        for a, b in self.masked:
            for i in range(a, b):
                if chars[i] in _SENTENCE_FINAL:
                    chars[i] = "·"
        return "".join(chars)

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


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each HTML comment; one forward scan, so unclosed openers cost nothing."""
    position = text.find(_COMMENT_OPEN)
    while position >= 0:
        close = text.find(_COMMENT_CLOSE, position + len(_COMMENT_OPEN))
        if close < 0:
            return
        end = close + len(_COMMENT_CLOSE)
        yield position, end
        position = text.find(_COMMENT_OPEN, end)


def _can_open(char: str, before: str, after: str) -> bool:
    if not after or after.isspace():
        return False
    if char == "~":
        return True
    blocked = "\\*" if char == "*" else "\\_"
    return not before or not (before in blocked or before.isalnum() or before == "_")


def _can_close(char: str, before: str, after: str) -> bool:
    if not before or before.isspace() or before == "\\":
        return False
    if char == "_":
        return not (after and (after.isalnum() or after == "_"))
    return True


def emphasis_pairs(text: str, char: str) -> list[tuple[int, int, int, int]]:
    """Matched emphasis delimiters for `char` ('*', '_' or '~'), as (open, open_end, close,
    close_end), in linear time: one scan over delimiter runs with a stack per run length.

    A run of 1-3 '*' or '_' (exactly 2 '~') opens when followed by a non-space and not preceded by
    a word character or backslash; it closes when preceded by a non-space. A closer takes the
    nearest open run of the same length, and openers inside a matched pair are dropped, as in
    CommonMark. Lines never pair with each other.
    """
    pairs: list[tuple[int, int, int, int]] = []
    stacks: dict[int, list[int]] = {}
    length = len(text)
    position = text.find(char)
    line_end = -1
    while position >= 0:
        if position > line_end:
            stacks = {}
            line_end = text.find("\n", position)
            line_end = length if line_end < 0 else line_end
        end = position
        while end < length and text[end] == char:
            end += 1
        size = end - position
        usable = size == 2 if char == "~" else size <= 3
        before = text[position - 1] if position else ""
        after = text[end] if end < length else ""
        if usable:
            stack = stacks.get(size)
            if stack and _can_close(char, before, after):
                opener = stack.pop()
                pairs.append((opener, opener + size, position, end))
                for other in stacks.values():
                    while other and other[-1] > opener:
                        other.pop()
            elif _can_open(char, before, after):
                stacks.setdefault(size, []).append(position)
        position = text.find(char, end)
    return pairs


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
        if label.startswith("[^"):
            continue  # a footnote ("[^1]: …"), not a speaker
        labels[label] = labels.get(label, 0) + 1
        if label in _PRESENTERS or label == "ceo" or label.startswith(("[", "(")):
            strong += 1
    repeated = [name for name, count in labels.items() if count >= 2]
    # a dialogue has a few speakers; a write-up repeats its field labels ("Impact:", "Root Cause:")
    # among many others
    dialogue = len(repeated) >= 2 and len(labels) <= 4
    return "script" if strong >= 2 or dialogue else "briefing"


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
        for start, end in _comments(self.text):
            self.hidden[start:end] = b"\x01" * (end - start)
            directive = _DIRECTIVE.fullmatch(self.text, start, end)
            if directive:
                verb = directive.group("verb").lower()
                found.append((start, end, verb, _selectors(directive.group("rules"))))
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
        """The line with commented-out characters as spaces."""
        line = self.text[start:end]
        hidden = self.hidden[start:end]
        if 1 not in hidden:
            return line
        return _Segment._fill(line, [(m.start(), m.end()) for m in _HIDDEN.finditer(hidden)], " ")

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
        directive_at: dict[int, list[tuple[str, set[str], int]]] = {}
        line_starts = [span[0] for span in spans]
        for start, end, verb, selectors in directives:
            number = bisect.bisect_right(line_starts, start) - 1
            directive_at.setdefault(number, []).append((verb, selectors, end))

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
        atx = _ATX.match(body) or (
            (len(body.split()) <= _TIGHT_HEADING_WORDS and _ATX_TIGHT.match(body)) or None
        )
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
        field_label = _FIELD.match(body) or _STAMP_LINE.match(body)
        if field_label and self.kind != "script":
            block = self.open("paragraph")
            label = re.sub(r"[*_]", "", field_label.group(0)).strip().lstrip("-•")
            block.label = re.sub(r"\s*(?::|\||[-–—])$", "", label.strip()).strip()
            self._segment(start + offset, start + offset + len(body.rstrip()))
            self.seen_content = True
            return
        going_on = self.current is not None and self.current.kind in {"paragraph", "item", "turn"}
        if going_on and not self._after_field_value(body):
            self._segment(start + offset, start + offset + len(body.rstrip()))
            return
        self.open("paragraph")
        self._segment(start + offset, start + offset + len(body.rstrip()))
        self.seen_content = True

    def _after_field_value(self, body: str) -> bool:
        """The line starts a new sentence after a one-line field ("Issue detected: 9 October,
        14:00 UTC" then "The issue was…"): the field is short, has no end punctuation, and the new
        line starts with a capital. A longer field line wrapped mid-sentence goes on as one."""
        block = self.current
        if block is None or not block.label or len(block.segments) != 1 or not body[:1].isupper():
            return False
        field = self.text[block.segments[0][0] : block.segments[0][1]].rstrip(" *_")
        return len(field.split()) <= _FIELD_VALUE_WORDS and field[-1:] not in ".,;:!?-–—"

    def _segment(self, start: int, end: int) -> None:
        while start < end and self.text[start] in " \t":
            start += 1
        if self.current is not None and start < end:
            self.current.segments.append((start, end))


class _Segment:
    """One line of a block while its markup is removed, in time linear in its length.

    `work` is the text the patterns see: dropped characters become NUL and the insides of code
    spans become "x", so later patterns never match inside them. `keep` marks the characters that
    stay in the plain text. Each pass collects its ranges and rebuilds `work` once.
    """

    def __init__(self, source: str, hidden: bytes) -> None:
        self.source = source
        self.keep = bytearray(hidden.translate(_FLIP))
        self.work = source
        if 1 in hidden:
            self.work = self._fill(source, [(m.start(), m.end()) for m in _HIDDEN.finditer(hidden)])

    @staticmethod
    def _fill(text: str, ranges: list[tuple[int, int]], char: str = "\x00") -> str:
        if not ranges:
            return text
        pieces = []
        position = 0
        for a, b in sorted(ranges):
            if b <= position:
                continue
            a = max(a, position)
            pieces.append(text[position:a])
            pieces.append(char * (b - a))
            position = b
        pieces.append(text[position:])
        return "".join(pieces)

    def drop(self, ranges: list[tuple[int, int]]) -> None:
        for a, b in ranges:
            if b > a:
                self.keep[a:b] = bytes(b - a)
        self.work = self._fill(self.work, ranges)

    def mark(self, ranges: list[tuple[int, int]]) -> None:
        """Hide markup characters inside code and URLs from the emphasis passes."""
        if not ranges:
            return
        pieces = []
        position = 0
        for a, b in sorted(ranges):
            if b <= position:
                continue
            a = max(a, position)
            pieces.append(self.work[position:a])
            pieces.append(self.work[a:b].translate(_MARKUP_TO_X))
            position = b
        pieces.append(self.work[position:])
        self.work = "".join(pieces)


_MARKUP = re.compile(r"[`!\[<*_~\\|]|www\.|://")
_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")
_HIDDEN = re.compile(rb"\x01+")
_MARKUP_TO_X = str.maketrans({"*": "x", "_": "x", "~": "x"})


def _inline(
    text: str, start: int, end: int, hidden: bytearray, row: bool
) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Plain characters, their original offsets and masked (code/URL) ranges for one segment."""
    source = text[start:end]
    segment = _Segment(source, bytes(hidden[start:end]))
    masked: list[tuple[int, int]] = []

    output = source.replace("\t", " ")
    if not _MARKUP.search(source):  # most lines of prose: nothing to remove
        keep = segment.keep
        if 0 not in keep:
            return output, list(range(start, end)), []
    drops: list[tuple[int, int]] = []
    if "`" in segment.work:
        code: list[tuple[int, int]] = []
        for match in _CODE_SPAN.finditer(segment.work):
            drops += [(match.start(1), match.end(1)), (match.end(2), match.end())]
            masked.append((match.start(2), match.end(2)))
            code.append((match.start(2), match.end(2)))
        segment.drop(drops)
        segment.work = segment._fill(segment.work, code, "x")
    if "![" in segment.work:
        segment.drop([(m.start(), m.end()) for m in _IMAGE.finditer(segment.work)])
    if "<" in segment.work:
        segment.drop([(m.start(), m.end()) for m in _AUTOLINK.finditer(segment.work)])
    if "[" in segment.work:
        drops = []
        for match in _LINK.finditer(segment.work):
            drops += [(match.start(), match.start() + 1), (match.end("label"), match.end())]
        segment.drop(drops)
    if "<" in segment.work:
        segment.drop([(m.start(), m.end()) for m in _HTML_TAG.finditer(segment.work)])
    if "www." in segment.work or "://" in segment.work:
        urls = [(m.start(), m.end()) for m in _URL.finditer(segment.work)]
        masked += urls
        segment.mark(urls)
    for _ in range(2):
        for char in "*_~":
            if char not in segment.work:
                continue
            drops = []
            for open_start, open_end, close_start, close_end in emphasis_pairs(segment.work, char):
                drops += [(open_start, open_end), (close_start, close_end)]
            segment.drop(drops)
    if "\\" in segment.work:
        segment.drop([(m.start(), m.start() + 1) for m in _ESCAPE.finditer(segment.work)])
    if row:
        work = segment.work
        stripped = work.strip()
        first = work.find("|")
        last = work.rfind("|")
        drops = []
        semicolons = []
        position = first
        while position >= 0:
            if not (position > 0 and source[position - 1] == "\\"):
                if (position == first and stripped.startswith("|")) or (
                    position == last and stripped.endswith("|")
                ):
                    drops.append((position, position + 1))
                else:
                    semicolons.append((position, position + 1))
            position = work.find("|", position + 1)
        segment.drop(drops)
        output = segment._fill(output, semicolons, ";")
    keep = segment.keep
    plain = "".join(compress(output, keep))
    index = list(compress(range(start, end), keep))
    plain_masks: list[tuple[int, int]] = []
    if masked:
        before = 0  # kept characters before `position`, counted once from left to right
        position = 0
        for a, b in sorted(masked):
            before += keep.count(1, position, a)
            inside = keep.count(1, a, b)
            if inside:
                plain_masks.append((before, before + inside))
            position = a
    plain_masks.sort()
    return plain, index, plain_masks


_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)[^*_\n]{1,80}(?:\*\*|__)\s*:?\s*$")


def _pseudo_heading(text: str, block: Block, stripped: str) -> bool:
    """A short paragraph that labels what follows, as emails and chat do without Markdown
    headings: a whole line in bold ("**Next steps**") or a short line ending in a colon ("What we
    will do next:")."""
    if len(stripped.split()) > 8 or not block.segments:
        return False
    source = text[block.segments[0][0] : block.segments[-1][1]]
    if _BOLD_LINE.match(source):
        return True
    return stripped.endswith(":") and not re.search(r"[.!?;]", stripped)


def to_plain(text: str, kind: str) -> Plain:
    """Plain prose for `text`, read as `kind` ('briefing' or 'script')."""
    builder = _Builder(text, kind)
    builder.run()
    chunks: list[str] = []  # block texts and the newlines between them
    length = 0
    index: list[int] = []
    masked: list[tuple[int, int]] = []
    blocks: list[Block] = []
    section = ""
    for block in builder.blocks:
        pieces = [
            _inline(text, seg_start, seg_end, builder.hidden, block.kind == "row")
            for seg_start, seg_end in block.segments
        ]
        # join the lines with a space, then trim whitespace at the edges of the block
        block_parts: list[str] = []
        block_size = 0
        block_index: list[int] = []
        block_masks: list[tuple[int, int]] = []
        for number, (piece_text, piece_index, piece_masks) in enumerate(pieces):
            if number and block_size:
                block_parts.append(" ")
                block_index.append(block.segments[number - 1][1])
                block_size += 1
            block_parts.append(piece_text)
            block_index.extend(piece_index)
            block_masks.extend((a + block_size, b + block_size) for a, b in piece_masks)
            block_size += len(piece_text)
        joined = "".join(block_parts)
        stripped = joined.strip()
        if not stripped:
            continue
        lead = len(joined) - len(joined.lstrip())
        tail = lead + len(stripped)
        if length:
            chunks.append("\n")
            index.append(min(index[-1] + 1, len(text)))
            length += 1
        block.start = length
        chunks.append(stripped)
        index.extend(block_index[lead:tail])
        length += len(stripped)
        block.end = length
        masked.extend(
            (block.start + a - lead, block.start + b - lead)
            for a, b in block_masks
            if b > lead and a < tail
        )
        if block.kind == "heading":
            section = stripped
        elif block.kind == "turn" and block.presenter and blocks and blocks[-1].kind == "turn":
            previous = blocks[-1]
            block.section = previous.label_text if not previous.presenter else previous.section
        else:
            block.section = section
            if block.kind == "paragraph" and _pseudo_heading(text, block, stripped):
                section = stripped.rstrip(":").strip()  # "**Next steps**", "What we will do next:"
        block.label_text = stripped
        blocks.append(block)
    index.append(len(text))
    return Plain(
        text="".join(chunks),
        index=index,
        blocks=blocks,
        masked=masked,
        file_ignore=builder.file_ignore,
        kind=kind,
    )
