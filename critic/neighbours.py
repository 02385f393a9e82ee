"""Does the paragraph around a sentence give the size the sentence leaves vague?

Guideline: Guide §1 Quantify the Impact. Writers often open with the kind of harm and size it in
the next sentence ("The customer impact was significant data loss. 300,000 scoreboards were
lost."), or sum up after the figures ("8 of 10 services failed… These incidents caused widespread
degradation."). A CEO reads the paragraph, not the sentence, so a vague size word, an impact claim
or a change claim is answered when a sentence near it in the same paragraph carries a size: a
count, a percentage or money, or, for words that describe an outage ("degraded service"), a
measured outage ("down for 8 hours and 14 minutes"). "Several" and "multiple" are answered by the
items listed right after ("several services were affected. These were A, B and C."). A date, a
time of day, a version number or an error code ("500 errors") never counts, and neither does a
sentence in another paragraph or speaker turn (a list right after a lead-in is part of it).

Two passes, for the incremental checker (critic.incremental): `neighbour_gives_size` reads only
the next sentence on the same line, which a rule's `check` may read, since the checker keys a
sentence's hits on its text up to 80 characters past the next sentence on its line. The wider
paragraph (`paragraph_answers`) is read only in a rule's `settle`, which runs on the whole document
after cached hits are reused. How far to look is in critic/data/numbers.yaml (paragraph_window).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from critic import resources
from critic.coverage import sizes_something
from critic.figures import measured_duration, outage_duration

if TYPE_CHECKING:
    from critic.document import Document, Sentence
    from critic.markdown import Block


def gives_size(doc: Document, sentence: Sentence) -> bool:
    """The sentence carries a size figure (digits or number words, money, a percentage)."""
    figures = doc.figures(sentence)
    if figures.money:
        return True
    if not figures.numeric:
        return False
    text = doc.plain.text
    return any(
        (
            sizes_something(text, start, end)
            and any(ch.isdigit() for ch in text[start:end])
            and not _ends_a_name(doc, sentence, start)
            and not _DURATION.match(text, end)
        )
        or text[start:end] == "%"
        for start, end in figures.quantity_spans
    )


def _ends_a_name(doc: Document, sentence: Sentence, start: int) -> bool:
    """ "Route 53", "Windows 10": a number right after a proper noun is part of a name."""
    if not doc.has_parse:
        return bool(_NAME_NUMBER.search(doc.plain.text, sentence.start + 1, start))
    previous = None
    for token in sentence.span:
        if sentence.plain_range(token)[0] == start:
            # a capitalised noun ("Route" is NN at the start of a sentence); "Over 500" is not
            return (
                previous is not None and previous.tag_.startswith("NN") and previous.text.istitle()
            )
        previous = token
    return False


_NAME_NUMBER = re.compile(r"\b[A-Z][A-Za-z]+\s+$")
# "within 16 seconds": a duration says how long, not how many
_DURATION = re.compile(
    r"\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b", re.IGNORECASE
)


def _position(doc: Document, sentence: Sentence) -> int:
    sentences = doc.sentences
    position = sentence.index
    if 0 <= position < len(sentences) and sentences[position] is sentence:
        return position
    return next((i for i, s in enumerate(sentences) if s is sentence), -1)


def adjacent(doc: Document, sentence: Sentence) -> list[Sentence]:
    """The sentence just after `sentence` on the same line of the same block.

    Only the one after: the incremental checker keys a sentence's hits on its text up to 80
    characters past the next sentence on its line (critic.incremental.sentence_key), so that
    sentence is part of the key, while an earlier one, or one on another line, could change
    unseen."""
    sentences = doc.sentences
    position = _position(doc, sentence)
    if position < 0 or position + 1 >= len(sentences):
        return []
    other = sentences[position + 1]
    same_line = "\n" not in doc.plain.text[sentence.base : other.end]
    if other.block is sentence.block and same_line and not other.is_question:
        return [other]
    return []


def neighbour_gives_size(
    doc: Document, sentence: Sentence, *, outage: bool = False, about: str | None = None
) -> bool:
    """An adjacent sentence of the same paragraph sizes what `sentence` leaves vague. With
    `outage` (the vague words describe a service down or degraded), a measured outage next door
    ("down for 8 hours and 14 minutes") is the size too. With `about` (the noun the vague words
    count), only a sentence that names it again."""
    named = _names(about) if about else None
    return any(
        (gives_size(doc, other) and (named is None or named.search(other.text)))
        or (outage and outage_duration(other.text))
        for other in adjacent(doc, sentence)
    )


# -- the paragraph, read only after the cached hits are reused (a rule's settle) -------------------


@cache
def _window() -> tuple[int, int, int]:
    window = resources.load("numbers")["paragraph_window"]
    return int(window["before"]), int(window["after"]), int(window["list_items"])


def block_position(doc: Document, block: Block) -> int:
    """Where `block` is in the document's blocks (-1 if nowhere), worked out once per document."""
    positions = doc.cache.get("block_positions")
    if positions is None:
        positions = doc.cache["block_positions"] = {
            id(b): i for i, b in enumerate(doc.plain.blocks)
        }
    return positions.get(id(block), -1)


def block_sentences(doc: Document, block: Block) -> list[Sentence]:
    """The sentences of `block`, in order (grouped once per document)."""
    grouped = doc.cache.get("block_sentences")
    if grouped is None:
        grouped = doc.cache["block_sentences"] = {}
        for sentence in doc.sentences:
            grouped.setdefault(id(sentence.block), []).append(sentence)
    return grouped.get(id(block), [])


def _following_list(doc: Document, block: Block) -> list[Block]:
    """The list items right after `block` (a lead-in paragraph and the list it introduces), up to
    paragraph_window.list_items of them."""
    blocks = doc.plain.blocks
    position = block_position(doc, block)
    if position < 0:
        return []
    items = []
    for other in blocks[position + 1 : position + 1 + _window()[2]]:
        if other.kind != "item":
            break
        items.append(other)
    return items


def paragraph(doc: Document, sentence: Sentence, *, earlier: bool = True) -> list[Sentence]:
    """The sentences near `sentence` in its paragraph (paragraph_window before, unless not
    `earlier`, and after), then those of a list right after it when the sentence ends its
    paragraph. Questions are left out."""
    sentences = doc.sentences
    position = _position(doc, sentence)
    if position < 0:
        return []
    before, after, _ = _window()
    before = before if earlier else 0
    near = [
        other
        for other in sentences[max(0, position - before) : position + after + 1]
        if other is not sentence and other.block is sentence.block and not other.is_question
    ]
    last_in_block = position + 1 >= len(sentences) or sentences[position + 1].block is not (
        sentence.block
    )
    if last_in_block and sentence.block.kind == "paragraph":
        for item in _following_list(doc, sentence.block):
            near.extend(block_sentences(doc, item))
    return near


_LIST = r"(?:[^,;.]+,){%d,}[^,;.]*\b(?:and|or)\b"
_LISTED = re.compile(
    rf"\b(?:include[sd]?|including|such\s+as|namely)\b:?\s+{_LIST % 1}|:\s*{_LIST % 1}|"
    rf"{_LIST % 3}",
    re.IGNORECASE,
)


def _names(noun: str) -> re.Pattern[str]:
    """The noun again, singular or plural ("partner", "partners")."""
    stem = re.escape(noun.lower().removesuffix("s"))
    return re.compile(rf"\b{stem}s?\b", re.IGNORECASE)


def counted_noun(doc: Document, start: int, end: int) -> str | None:
    """The noun the vague words at start:end count, when it is one the CEO counts ("a handful
    of our wholesale partners" -> "partners", "many customers" -> "customers")."""
    nouns = resources.pattern("numbers", "count_nouns")
    words = doc.plain.text[start:end]
    last = re.search(r"([\w-]+)\s*$", words)
    if last and nouns.fullmatch(last.group(1)):
        return last.group(1)
    if not re.search(r"\bof\s*$", words):
        return None
    sentence = doc.sentence_at(start)
    stop = min(end + 60, sentence.end if sentence is not None else end)  # within the sentence
    after = re.match(
        r"\s+(?:(?:the|our|their|its|these|those)\s+)?((?:[\w-]+\s+){0,2}[\w-]+)",
        doc.plain.text[end:stop],
    )
    if after is None:
        return None
    return next((word for word in after.group(1).split() if nouns.fullmatch(word)), None)


def enumerates(text: str) -> bool:
    """The text lists items: "These included A, B and C", "such as A, B or C", or four or more
    ("A (…), B (…), C (…) and D"). Two clauses joined by commas are not a list."""
    return bool(_LISTED.search(text))


def paragraph_answers(
    doc: Document,
    sentence: Sentence,
    *,
    outage: bool = False,
    duration: bool = False,
    enumerable: bool = False,
    earlier: bool = True,
    about: str | None = None,
) -> bool:
    """A sentence near `sentence` in its paragraph sizes what it leaves vague.

    * a count, a percentage or money, before or after it; without `earlier`, only after it: a
      figure just before a change claim ("Rates were 11% lower. Occupancy went up.") or a part of
      a whole ("775 customers lost access… up to 14 days for a subset of these customers") sizes
      something else;
    * with `duration` (a vague duration, "for hours"), only a measured duration: a count does not
      say how long;
    * with `outage` ("degraded service"), a measured outage ("8 hours and 14 minutes of
      interruptions"), unless the sentence measures its own ("degraded for 3 hours"): then what
      is open is how much was degraded;
    * with `enumerable` ("several services"), the items listed right after;
    * with `about` (the noun the vague words count: "a handful of our partners", "returns rose"),
      only a figure in a sentence that names it again: "2,300 more contacts" does not say how
      many partners complained."""
    near = paragraph(doc, sentence, earlier=earlier)
    if duration:
        return any(measured_duration(other.text) for other in near)
    named = _names(about) if about else None
    if any(
        gives_size(doc, other) and (named is None or named.search(other.text)) for other in near
    ):
        return True
    own_duration = measured_duration(sentence.text)
    if outage and not own_duration and any(outage_duration(other.text) for other in near):
        return True
    if enumerable:
        position = _position(doc, sentence)
        following = [other for other in near if _position(doc, other) > position]
        if following and (
            following[0].block is not sentence.block or enumerates(following[0].text)
        ):
            return True
        if sentence.text.rstrip().endswith(":") and following:
            return True
    return False


# -- the document: a timeline entry, and an impact sized somewhere -------------------------------

# "- 14:30 UTC - Issue detected", "**June 19, 2024, 7:15 AM (UTC):** Issue…", "08:00 WAT -",
# "August 8th, 18:30 -", "13:22PM :-": a block that opens with a time of day, then a separator
# (after the word "Timeline" when the heading line ran into the first entry)
_CLOCK = r"\d{1,2}(?::\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?|\s*[AaPp]\.?[Mm]\.?)(?:\s*\(?[A-Z]{2,4}\)?)?"
_DAY = r"[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
_STAMP = re.compile(
    rf"[\W_]*(?i:(?:timeline|chronology)\b[\W_]*)?(?:{_DAY},?\s*(?:at\s+)?(?:{_CLOCK})?|{_CLOCK})"
    r"\s*(?:\*\*)?\s*[-–—:]"
)


def timeline_entry(doc: Document, sentence: Sentence) -> bool:
    """The sentence is an entry of the incident's timeline: it or its block opens with a time of
    day ("- 14:30 UTC - Issue detected…"), or it is a list item under a Timeline heading."""
    block = sentence.block
    if block.kind == "item" and resources.pattern("numbers", "timeline_sections").search(
        block.section
    ):
        return True  # a paragraph may run on past the list ("Root Cause: …" with no heading)
    text = doc.plain.text
    return bool(_STAMP.match(text, block.start) or _STAMP.match(text, sentence.start))


@cache
def _impact_figure() -> re.Pattern[str]:
    nouns = resources.load("numbers")["affected_nouns"].strip()
    return re.compile(
        rf"\d[\d,.]*\+?\s*(?:%|percent|per\s+cent)?\s+(?:of\s+)?(?:(?:our|the|all|its|their|"
        rf"total|active)\s+){{0,2}}(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b|"
        # "a 100% service disruption": the share of the service that was lost
        r"\d[\d,.]*\s*(?:%|percent)\s+(?:service\s+)?(?:disruption|outage|downtime|unavailability)\b",
        re.IGNORECASE | re.VERBOSE,
    )


def impact_sized(doc: Document) -> bool:
    """Somewhere in the document a figure sizes who or what was hit: a count or a share of
    customers, users, orders or requests ("Approximately 20% of users were affected", "all our
    10,000 users"). Worked out once per document."""
    cached = doc.cache.get("impact_sized")
    if cached is None:
        pattern = _impact_figure()
        cached = doc.cache["impact_sized"] = any(
            pattern.search(sentence.text) and gives_size(doc, sentence)
            for sentence in doc.sentences
        )
    return cached


def block_sizes_impact(doc: Document, sentence: Sentence) -> bool:
    """The sentence's own block (an "Impact:" paragraph, a summary) sizes who was hit ("…downtime
    for approximately 60% of active users. … The outage caused significant disruptions…"): a
    degree word there describes the impact the block has already sized."""
    pattern = _impact_figure()
    return any(
        other is not sentence and pattern.search(other.text) and gives_size(doc, other)
        for other in block_sentences(doc, sentence.block)
    )


def timeline_signal(doc: Document, sentence: Sentence, end: int) -> bool:
    """A timeline entry in a document that sizes its impact elsewhere: "alerts showed a
    significant spike in requests" narrates what was seen when; the CEO's size is the impact
    figure, not the size of each signal on the way. A signal about money coming in ("a sudden
    drop in successful payment transactions", words up to 40 characters past `end`) is an impact
    of its own."""
    if not (timeline_entry(doc, sentence) and impact_sized(doc)):
        return False
    after = doc.plain.text[end : min(sentence.end, end + 40)]
    return not resources.pattern("numbers", "business_metrics").search(after)


_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


def action_item(doc: Document, sentence: Sentence) -> bool:
    """The sentence is a step to take, listed under a plan or prevention heading ("Action items",
    "Corrective measures", "Improvements"): an imperative or a bare noun phrase ("Set up alerting
    for elevated error rates", "Increased capacity planning to handle peak loads"), after any
    run-in label ("Load testing: Regularly perform…"). A vague word there describes what to build
    or test, not the size of what happened."""
    if not doc.has_parse or sentence.block.kind != "item":
        return False
    headings = (resources.element_patterns(e)[0] for e in ("plan", "prevention"))
    if not any(heading.search(sentence.block.section) for heading in headings):
        return False
    root = sentence.span.root
    if root.tag_ not in {"VB", "VBG", "NN", "NNS", "NNP", "JJ"}:
        return False  # "Restarted several servers", "We have tested…": what was done
    colon = next((t.i for t in sentence.span if t.text == ":" and t.i < root.i), -1)
    return not any(c.dep_ in _SUBJECTS and c.i > colon for c in root.children)


_EXPLAINED = re.compile(r"\btraced\s+(?:back\s+)?to\b|\broot\s+cause\b", re.IGNORECASE)
_CAUSAL = re.compile(
    r"\b(?:led\s+to|leading\s+to|lead\s+to|resulted\s+in|resulting\s+in|caused|causing|due\s+to|"
    r"traced\s+(?:back\s+)?to|root\s+cause)\b",
    re.IGNORECASE,
)


def cause_chain(doc: Document, sentence: Sentence) -> bool:
    """The sentence tells how the failure worked ("This misconfiguration resulted in improper
    routing of user requests, leading to an outage"): its subject is a cause, not the outage or
    its harm ("This failure disrupted user experience and led to delays" is an impact)."""
    if not doc.has_parse or not _CAUSAL.search(sentence.text):
        return False
    if _EXPLAINED.search(sentence.text):
        return True  # "The incident was traced back to…": the sentence is about the cause
    root = sentence.span.root
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return root.tag_.startswith("NN")  # a label: "Inability to log in due to a disruption"
    if subjects[0].tag_ in {"DT", "PRP", "WDT"}:
        return False  # "This led to orders showing the wrong status": "this" may be the harm
    subject = " ".join(t.text for t in subjects[0].subtree)
    return not _harm_subject().search(subject)


@cache
def _harm_subject() -> re.Pattern[str]:
    data = resources.load("numbers")
    return re.compile(
        rf"\b(?:{data['outage_heads'].strip()}|{data['outage_words'].strip()}|impact|customers?|"
        rf"users?|clients?)\b",
        re.IGNORECASE | re.VERBOSE,
    )
