"""Which of the seven elements a CEO expects the draft covers (Guide §1 and the §3 script).

An element is covered by a heading section about it ("## Root cause" with text under it, a
"Root cause:" label, or a question heading such as "Why did it happen?") or by a sentence whose
meaning carries it, wherever it sits: an email without headings still has an impact sentence or
it does not. The prose is read by meaning, from cue phrases (critic/data/structure.yaml) checked
against the parse: impact is a figure that counts affected things ("8 of 10 services", "a 15%
failure rate", money) or a measured outage ("the network was down for about 6 minutes"), never
a date or a bare duration; containment is an action already taken (not "will
restart", "could have restored"); a plan is a future or planned action in any voice ("will",
"plans to", "is decoupling", "is being rebuilt"); a root cause is "X caused Y" and its paraphrases,
where X is not the incident itself. The timeline needs a date or deadline in a forward-looking
sentence. Only the author's own words count: in a script, the CEO's lines are not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from critic import resources
from critic.document import Document, Sentence
from critic.figures import outage_duration
from critic.models import ELEMENTS
from critic.sentence_memo import per_sentence

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class Coverage:
    covered: dict[str, bool]
    evidence: dict[str, list[Sentence]] = field(default_factory=dict)
    impact_sentences: list[Sentence] = field(default_factory=list)


# a paragraph that opens with its own label: "Fix: we pushed…", "Next steps: …"
_RUN_IN_LABEL = re.compile(r"^\W*([A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3})\s*:\W*\s")


# a paragraph that opens with a short heading of its own: "What went wrong. On 19 November…"
_RUN_IN_HEADING = re.compile(r"^\W*([A-Z][\w'’-]*(?:\s+[\w'’-]+){1,4})\s*[.?]\s+\S")


_JOINED = re.compile(r"\s+(?:and|&)\s+|\s*[/,]\s*", re.IGNORECASE)


@cache
def _heading_parts(heading: str | None) -> tuple[str, ...]:
    """A heading and each part it joins: "Root cause and resolution" labels both the cause and
    the containment; "Corrective and preventative measures" both the plan and the prevention."""
    if not heading:
        return ()
    parts = [p for p in _JOINED.split(heading) if p.strip()]
    return (heading, *parts) if len(parts) > 1 else (heading,)


_IN_SECTION: dict[tuple, bool] = {}


def in_section(sentence: Sentence, element: str) -> bool:
    """The sentence sits under a heading, label or CEO question for `element`."""
    block = sentence.block  # (kept by everything it reads: a re-check asks again of each line)
    key = (element, sentence.text, block.kind, block.section, block.label, block.label_text)
    found = _IN_SECTION.get(key)
    if found is None:
        if len(_IN_SECTION) > 50_000:
            _IN_SECTION.clear()
        found = _IN_SECTION[key] = _in_section(sentence, element)
    return found


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
    if any(heading.match(part) for part in _heading_parts(block.section)) or any(
        heading.match(part) for part in _heading_parts(block.label)
    ):
        return True
    run_in = _RUN_IN_LABEL.match(block.label_text)  # "**Fix:** We pushed a corrected update…"
    if run_in and heading.match(run_in.group(1)):
        return True
    run_in = _RUN_IN_HEADING.match(block.label_text)  # the whole sentence is the heading
    if run_in and (whole := heading.match(run_in.group(1))) and whole.end() == len(run_in.group(1)):
        return True
    question = resources.element_question(element)  # a question as the heading
    return bool(
        question
        and block.section
        and block.section.rstrip().endswith("?")
        and question.search(block.section)
    )


@per_sentence
def _cued(doc: Document, sentence: Sentence, cues: re.Pattern[str]) -> bool:
    return bool(cues.search(sentence.text))


def _future(text: str) -> bool:
    return bool(resources.pattern("numbers", "plan_cues").search(text))


_FORWARD = re.compile(
    r"\b(?:will|shall|going to|plans? to|planned|aims? to|intends? to|expects? to|scheduled|due|"
    r"next (?:step|week|month|update|report)|from now|starting|from (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|tomorrow|today|\d))\b|'ll\b",
    re.IGNORECASE,
)
_PAST_AUX = {"was", "were", "had", "has", "have", "did"}


@per_sentence
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


@per_sentence
def forward_looking(doc: Document, sentence: Sentence) -> bool:
    """A plan step, deadline or promised update (not a report of the past)."""
    if _FORWARD.search(sentence.text) or _planned(doc, sentence):
        return True
    if _imperative(doc, sentence) and not in_section(sentence, "containment"):
        return True  # an order is work still to do: "Add an expiry alert by 10 March."
    sections = [
        element
        for element in ("timeline", "plan", "follow_up", "prevention")
        if in_section(sentence, element)
    ]
    if not sections or _past(doc, sentence):
        return False
    if sections == ["timeline"] and label_line(doc, sentence):
        # "Detection Time: 20 January, 2:00 PM" under "Timeline" logs the incident; "Deadline:
        # 4 December" is labelled as a date to meet
        run_in = _RUN_IN_LABEL.match(sentence.block.label_text)
        heading, _ = resources.element_patterns("timeline")
        return bool(run_in and heading.match(run_in.group(1)))
    return True


# "CrowdStrike.", "BBC Online.", "incident.io.": a name that labels the paragraph it starts
_NAME_LABEL = re.compile(r"[A-Za-z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2}\.")


def _more_in_block(doc: Document, sentence: Sentence) -> bool:
    following = sentence.index + 1
    return following < len(doc.sentences) and doc.sentences[following].block is sentence.block


_META_LINE = re.compile(
    r"\W*(?:[\w'’-]+\s+){0,3}[\w'’-]+\s*:\W*|\W*(?:written|posted|prepared)\s+by\b.{0,60}|"
    r"\W*(?:author|authors|date|status|owner|severity)\s*:.{0,60}",
    re.IGNORECASE,
)


def lead_sentences(doc: Document) -> list[Sentence]:
    """The author's sentences in reading order, without greetings and sign-offs."""
    found = doc.cache.get("lead_sentences")  # asked by several rules
    if found is None:
        found = doc.cache["lead_sentences"] = _lead_sentences(doc)
    return list(found)


def _lead_sentences(doc: Document) -> list[Sentence]:
    greeting = re.compile(resources.load("structure")["greeting"], re.IGNORECASE | re.VERBOSE)
    signoff = re.compile(resources.load("structure")["signoff"], re.IGNORECASE | re.VERBOSE)
    out = []
    for sentence in doc.prose:
        text = sentence.text.strip()
        words = len(text.split())
        if words <= 6 and (greeting.fullmatch(text) or signoff.fullmatch(text)):
            continue
        if _META_LINE.fullmatch(text) or (words <= 8 and text.isupper()):
            continue  # "Duration:**", "Issue Summary:", "WRITTEN BY …", "Author: …": not prose
        if (
            sentence.first_in_block
            and _NAME_LABEL.fullmatch(text)
            and _more_in_block(doc, sentence)
        ):
            continue  # "CrowdStrike. A content update…": a name heading the paragraph
        out.append(sentence)
    return out


def _ends_label(sentence: Sentence, position: int) -> bool:
    """The token at `position` is a label before a colon ("Start:", "End Time:")."""
    following = sentence.tokens[position + 1 : position + 2]
    return bool(following) and following[0].text == ":"


def _names_a_heading(text: str) -> bool:
    """A short line that names one of the seven sections ("Issue Summary", "Root Cause and
    Resolution"), wherever in the line the section's name starts."""
    starts = [0, *(m.end() for m in re.finditer(r"\s+", text))]
    for element in ELEMENTS:
        heading, _ = resources.element_patterns(element)
        if any(heading.match(text[start:]) for start in starts):
            return True
    return False


@per_sentence
def label_line(doc: Document, sentence: Sentence) -> bool:
    """A line that dates or labels the write-up instead of saying something: "Start: June 5, 2024,
    14:00 UTC", "From 04/27/2021 6:00 p.m. to 11:00 p.m.", "Duration: 3 hours", "🚨 🚨 🚨", a title
    of one or two words ("Postmortem", "0x19."), or a section heading written as a plain line
    ("Issue Summary"). It has no verb."""
    tokens = sentence.tokens
    words = [i for i, t in enumerate(tokens) if any(ch.isalnum() for ch in t.text)]
    if not words:
        return True  # emoji, rules
    if not doc.has_parse:
        return False
    if any(tokens[i].tag_.startswith(("VB", "MD")) and not _ends_label(sentence, i) for i in words):
        return False
    if len(words) <= 2 and sentence.first_in_block:
        return True  # a title or a project code on its own line: "Postmortem", "0x19."
    time_units = resources.pattern("numbers", "time_units")
    figures = doc.figures(sentence)
    if figures.date or any(time_units.fullmatch(tokens[i].text) for i in words):
        # a date or duration with at most a few words beside it ("From … to … (GMT-5)"), not a
        # title that mentions a year ("The Great WordPress Meltdown of 2024")
        colon = next((i for i, t in enumerate(tokens) if t.text == ":"), -1)
        dates = figures.date_spans
        other = [
            i
            for i in words
            if i > colon
            and tokens[i].is_alpha
            and not time_units.fullmatch(tokens[i].text)
            and not any(a <= sentence.plain_range(tokens[i])[0] < b for a, b in dates)
        ]
        return len(other) <= 3
    text = sentence.text.strip()
    return len(words) <= 5 and not text.endswith((".", "!", "?")) and _names_a_heading(text)


def opening_sentences(doc: Document) -> list[Sentence]:
    """The author's sentences a reader meets first: lead sentences without the lines that only
    date or label the write-up ("Start: …", "End: …", "Issue Summary")."""
    return [s for s in lead_sentences(doc) if not label_line(doc, s)]


@per_sentence
def names_the_harm(doc: Document, sentence: Sentence) -> bool:
    """The sentence says what went wrong for something the business serves ("platform users were
    unable to sign in", "customer workloads were stuck", "all create operations on deployments
    timed out"): the bottom line, even before its figure. Technical states alone ("a node entered
    NotReady state") name no one harmed."""
    tokens = sentence.tokens
    if not any(_is_word(t.lower_, "impact_nouns") for t in tokens):
        return False
    for token in tokens:
        if _is_word(token.lower_, "harm_words") and not _is_word(token.lower_, "weak_harm_words"):
            return True
        if token.dep_ == "neg" and _aux_words(token.head) & {"could", "can", "ca"}:
            return True  # "users could not log in"
    return False


def impact_candidates(doc: Document) -> list[Sentence]:
    """Sentences about business consequences: impact words, an Impact section, or money."""
    _, cues = resources.element_patterns("impact")
    return [
        s
        for s in lead_sentences(doc)
        if _cued(doc, s, cues) or in_section(s, "impact") or doc.figures(s).money
    ]


_ERROR_KIND = re.compile(
    r"(?:\s+[A-Za-z]+)?\s+(?:errors?|responses?|status|codes?|pages?|forbidden|not\ found)\b",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"\s*[-‐–]\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b", re.IGNORECASE
)


def sizes_something(text: str, start: int, end: int) -> bool:
    """The figure at text[start:end] is a size, not an error kind ("500 errors", "HTTP 403
    Forbidden") or a duration ("a 30-minute window")."""
    if _STATUS_CODE.match(text[start:end]) and _ERROR_KIND.match(text, end):
        return False
    return not _DURATION_AFTER.match(text, end)


@per_sentence
def _is_impact(doc: Document, sentence: Sentence) -> bool:
    """A business-impact sentence carries money or a figure that sizes something. A scope with no
    number ("each grocery order", "all customers") sizes an impact only beside a word of harm
    ("all customers were affected"): "the model predicts when each order will arrive" is not one."""
    figures = doc.figures(sentence)
    if figures.money:
        return True
    text = doc.plain.text
    harm: bool | None = None
    for a, b in figures.quantity_spans:
        if not sizes_something(text, a, b):
            continue
        if any(ch.isdigit() for ch in text[a:b]) or text[a:b] == "%" or " " not in text[a:b]:
            return True
        if harm is None:
            harm = any(_is_word(t.lower_, "harm_words") for t in sentence.tokens)
        if harm:
            return True
    return False


# -- meaning from the parse -----------------------------------------------------------------------

_WILL = {"will", "'ll", "’ll", "shall", "wo", "sha"}
_MODALS = {"could", "would", "might", "should", "may", "must", "can", "'d", "’d", "ca"}
_PRESENT_BE = {"is", "are", "am", "'s", "’s", "'re", "’re", "'m", "’m"}
_PLAN_VERBS = re.compile(r"^(?:plan|intend|aim|commit|schedul)\w*$")
_CAUSE_FORWARD = re.compile(r"^(?:caus|trigger|led|lead|result)", re.IGNORECASE)
_RELATIVE = {"which", "that", "who"}
# "500 errors" names a kind of error, not a count of them
_STATUS_CODE = re.compile(r"^[1-5]\d\d$|^[1-5]xx$", re.IGNORECASE)


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(resources.load("structure")["meaning"][key]).split())


def _is_word(word: str, key: str) -> bool:
    """`word` (any case, singular or plural) is in the meaning list `key`."""
    lowered = word.lower()
    words = _words(key)
    if lowered in words:
        return True
    if lowered.endswith("ies") and lowered[:-3] + "y" in words:
        return True
    if lowered.endswith("es") and lowered[:-2] in words:
        return True
    return lowered.endswith("s") and lowered[:-1] in words


def _token_at(sentence: Sentence, offset: int) -> Token | None:
    """The sentence's token that starts at or covers plain-text `offset`."""
    for token in sentence.tokens:
        start, end = sentence.plain_range(token)
        if start <= offset < end or start >= offset:
            return token
    return None


def _verb_of(token: Token) -> Token | None:
    """The verb a matched word belongs to: itself, or the nearest verb above it."""
    current = token
    for _ in range(4):
        if current.tag_.startswith("VB") or current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def _aux_words(token: Token) -> set[str]:
    return {child.lower_ for child in token.children if child.dep_ in {"aux", "auxpass"}}


def _not_done(verb: Token) -> bool:
    """The action is future, hypothetical or denied ("will restart", "could have restored")."""
    current = verb
    for _ in range(6):
        auxes = _aux_words(current)
        if auxes & (_WILL | _MODALS):
            return True
        if current is verb and any(child.dep_ == "neg" for child in current.children):
            return True
        if current.dep_ in {"xcomp", "advcl", "conj", "ccomp"} and current.head is not current:
            if _PLAN_VERBS.match(current.head.lower_) or current.head.lower_ == "going":
                return True
            current = current.head
            continue
        break
    return False


@per_sentence
def _quantified_effect(doc: Document, sentence: Sentence) -> bool:
    """A figure that sizes the damage: money, a rate as a percentage, or a count of affected things
    ("8 of 10 main services", "1,200 failed uploads"). Dates and durations never count."""
    figures = doc.figures(sentence)
    if figures.money:
        return True
    if not figures.quantity:
        return False
    tokens = sentence.tokens
    percent = resources.pattern("numbers", "percent_words")
    spans = figures.quantity_spans
    dates = figures.date_spans
    rate_sentence = any(
        _is_word(t.lower_, "rate_words") or _is_word(t.lower_, "impact_nouns") for t in tokens
    )
    harm_sentence = any(_is_word(t.lower_, "harm_words") for t in tokens)
    time_units = resources.pattern("numbers", "time_units")
    for i, token in enumerate(tokens):
        start, end = sentence.plain_range(token)
        if not any(a < end and start < b for a, b in spans):
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.text == "%" or (following is not None and percent.fullmatch(following.text)):
            if rate_sentence:
                return True
            continue
        if not harm_sentence or not sizes_something(doc.plain.text, start, end):
            continue
        for other in tokens[i + 1 : i + 6]:
            o_start, o_end = sentence.plain_range(other)
            if any(a < o_end and o_start < b for a, b in dates) or time_units.fullmatch(other.text):
                break
            if _is_word(other.text, "impact_nouns"):
                return True
            if other.is_punct and other.text not in {"-", "‐", "–"}:
                break
            if other.tag_.startswith("VB") and other.tag_ not in {"VBN", "VBG"}:
                break
    return False


def _plans_ahead(token: Token, auxes: set[str]) -> bool:
    """ "plans to add", "committed to reviewing", "is scheduled for Friday"; not a participle that
    describes ("a job intended to clean up", "intended for testing") or a past plan ("had been
    preparing")."""
    if not _PLAN_VERBS.match(token.lower_) or token.dep_ in {"amod", "acl", "relcl"}:
        return False
    if token.lower_ in {"intended", "aimed"}:  # what a change was meant to do, not a plan
        return False
    if token.tag_ == "VBN" and not auxes:
        return False
    if auxes & {"had", "was", "were"} and token.tag_ == "VBG":
        return False
    for child in token.children:
        if child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ in {"to", "for"}):
            return True
        if child.dep_ == "dobj" and token.lower_.startswith("plan"):
            return True
    return False


_DURATION = re.compile(
    r"(?:an?|\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"[\s-]+(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?)",
    re.IGNORECASE,
)
_WITHIN = re.compile(r"\b(?:within|in|by|after|next|coming|first)\s+$", re.IGNORECASE)


def _dated(doc: Document, sentence: Sentence) -> bool:
    """A date or a deadline: "on 9 December", "within 48 hours"; not a bare length of time ("tests
    every change on 12 months of data")."""
    text = doc.plain.text
    merged: list[list[int]] = []
    for a, b in sorted(doc.figures(sentence).date_spans):
        if merged and not text[merged[-1][1] : a].strip(" -‐–"):
            merged[-1][1] = max(merged[-1][1], b)  # "12" + "months"
        else:
            merged.append([a, b])
    for a, b in merged:
        if not _DURATION.fullmatch(text[a:b].strip()) or _WITHIN.search(text, max(0, a - 12), a):
            return True
    return False


_BY = re.compile(r"\bby\s+$", re.IGNORECASE)


def _by_a_date(doc: Document, sentence: Sentence) -> bool:
    """The sentence sets a deadline: "by 9 December", "By Friday 4 December, …"."""
    text = doc.plain.text
    return any(_BY.search(text, max(0, a - 4), a) for a, _ in doc.figures(sentence).date_spans)


@per_sentence
def _planned(doc: Document, sentence: Sentence) -> bool:
    """A future or planned action in any voice, read from the parse; or work set a deadline in the
    present tense ("By 9 December, switching off any part of search needs a second approval")."""
    if not doc.has_parse:
        return False
    if _by_a_date(doc, sentence) and not _past(doc, sentence):
        return True
    meta = resources.pattern("numbers", "plan_meta_verbs")
    for token in sentence.tokens:
        tag = token.tag_
        if not tag.startswith("VB"):
            continue
        auxes = _aux_words(token)
        negated = any(child.dep_ == "neg" for child in token.children)
        if auxes & _WILL and token.lower_ != "be" and not negated:
            rest = sentence.text[token.idx - sentence.span.start_char :]
            if not meta.match(rest):
                return True
        if _plans_ahead(token, auxes):
            return True
        if tag == "VBG" and auxes & _PRESENT_BE and not _is_word(token.lower_, "status_verbs"):
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if not subjects and token.dep_ == "conj":  # "fixed the bug and are redesigning"
                subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if any(
                _is_word(s.lower_, "actor_nouns") or s.tag_ in {"NNP", "NNPS"} for s in subjects
            ):
                return True
        if (
            tag == "VBN"
            and "being" in auxes
            and auxes & _PRESENT_BE
            and not _is_word(token.lower_, "failure_participles")
        ):
            return True
    return False


@per_sentence
def _imperative(doc: Document, sentence: Sentence) -> bool:
    """An action item written as an order: "Add monitoring for DNS settings.", "Regularly review
    the process.", "Regular Audits: Conduct quarterly audits." Not a label ("Start: …"), a
    question, or a sentence with a subject."""
    if not doc.has_parse or sentence.text.rstrip().endswith("?"):
        return False
    tokens = sentence.tokens
    colon = next((i for i, t in enumerate(tokens[:7]) if t.text == ":"), -1)
    position = next(
        (
            i
            for i in range(colon + 1, len(tokens))
            if tokens[i].tag_ not in {"RB", "LS", "CD"}
            and any(ch.isalnum() for ch in tokens[i].text)
        ),
        None,
    )
    if position is None or tokens[position].tag_ != "VB" or _ends_label(sentence, position):
        return False
    verb = tokens[position]
    after_label = {t.i for t in tokens[colon + 1 :]}
    return not any(
        child.dep_ in {"nsubj", "nsubjpass", "expl", "aux", "auxpass"} and child.i in after_label
        for child in verb.children
    )


def _action_items(doc: Document, sentences: list[Sentence]) -> list[Sentence]:
    """Future work listed as orders, without "will": imperatives under a plan or prevention
    heading, or two or more close together under the same heading ("Task List: Patch the login
    server. Add monitoring for DNS settings."). Not steps under a containment heading (what was
    done)."""
    orders = [_imperative(doc, s) for s in sentences]
    items = []
    for i, sentence in enumerate(sentences):
        if not orders[i] or in_section(sentence, "containment"):
            continue
        in_a_row = any(
            0 <= j < len(sentences)
            and orders[j]
            and sentences[j].block.section == sentence.block.section
            for j in (i - 2, i - 1, i + 1, i + 2)
        )
        if in_a_row or in_section(sentence, "plan") or in_section(sentence, "prevention"):
            items.append(sentence)
    return items


@per_sentence
def _contained(doc: Document, sentence: Sentence, cues: re.Pattern[str]) -> bool:
    """An action already taken to stop the damage (not a future, hypothetical or denied one)."""
    matches = list(cues.finditer(sentence.text))
    if not matches:
        return False
    if not doc.has_parse:
        return not _future(sentence.text)
    for match in matches:
        token = _token_at(sentence, sentence.start + match.start())
        verb = _verb_of(token) if token is not None else None
        if verb is None or not _not_done(verb):
            return True
    return False


@per_sentence
def _states_cause(doc: Document, sentence: Sentence, cues: re.Pattern[str]) -> bool:
    """A cause is named: "X caused Y" where X is not the incident itself ("the outage led to
    refunds" is impact, not cause), or any other cause phrase."""
    matches = list(cues.finditer(sentence.text))
    if not matches:
        return False
    if not doc.has_parse:
        return True
    for match in matches:
        if not _CAUSE_FORWARD.match(match.group(0)):
            return True
        token = _token_at(sentence, sentence.start + match.start())
        verb = _verb_of(token) if token is not None else None
        if verb is None:
            return True
        holder = verb
        subjects = [c for c in holder.children if c.dep_ == "nsubj"]
        if not subjects and holder.dep_ in {"advcl", "xcomp", "conj"}:
            holder = holder.head
            subjects = [c for c in holder.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ in _RELATIVE and holder.dep_ == "relcl":
            subjects = [holder.head]
        if not subjects or not _is_word(subjects[0].lower_, "incident_nouns"):
            return True
    return False


def analyse(doc: Document) -> Coverage:
    """Coverage of the seven elements (cached per document)."""
    cached = doc.cache.get("coverage")
    if cached is not None:
        return cached
    sentences = lead_sentences(doc)
    evidence: dict[str, list[Sentence]] = {element: [] for element in ELEMENTS}

    candidates = impact_candidates(doc)
    impact = [s for s in candidates if _is_impact(doc, s)]
    if not impact:
        impact = [s for s in sentences if _quantified_effect(doc, s)]
    if not impact and candidates:
        doc.ensure_entities(candidates)
        impact = [s for s in candidates if _is_impact(doc, s)]
    # an opening that counts the damage without an impact word ("our chatbot gave wrong delivery
    # dates in about 4,700 conversations") is the impact, leading
    opening = [s for s in sentences[:4] if s not in impact and _quantified_effect(doc, s)]
    if opening:
        impact = sorted([*impact, *opening], key=lambda s: s.index)
    outages = [s for s in sentences if outage_duration(s.text)]  # "down for about 6 minutes"
    if outages:
        impact = sorted([*impact, *(s for s in outages if s not in impact)], key=lambda s: s.index)
    # a fragment of a line split at a number ("On 5." of "On 5. January we deployed…") sizes nothing
    impact = [s for s in impact if s.words > 2 or doc.figures(s).money or "%" in s.text]
    evidence["impact"] = impact

    for element in ("prevention", "follow_up"):
        _, cues = resources.element_patterns(element)
        evidence[element] = [s for s in sentences if _cued(doc, s, cues) or in_section(s, element)]

    _, cause_cues = resources.element_patterns("root_cause")
    evidence["root_cause"] = [
        s for s in sentences if in_section(s, "root_cause") or _states_cause(doc, s, cause_cues)
    ]

    _, plan_cues = resources.element_patterns("plan")
    evidence["plan"] = [
        s
        for s in sentences
        if _cued(doc, s, plan_cues)
        or (in_section(s, "plan") and not _past(doc, s))
        or _planned(doc, s)
    ]
    if not evidence["plan"]:  # a task list of orders is a plan, dated or not
        evidence["plan"] = _action_items(doc, sentences)

    _, containment_cues = resources.element_patterns("containment")
    evidence["containment"] = [
        s
        for s in sentences
        if (in_section(s, "containment") and not _future(s.text))
        or _contained(doc, s, containment_cues)
    ]

    dated_contexts = [s for s in sentences if forward_looking(doc, s)]
    timeline = [s for s in dated_contexts if _dated(doc, s)]
    if not timeline and dated_contexts:
        doc.ensure_entities(dated_contexts)
        timeline = [s for s in dated_contexts if _dated(doc, s)]
    evidence["timeline"] = timeline

    if not evidence["plan"] and evidence["containment"]:
        # Every step already done, the lasting fix included ("Google has taken several steps to
        # prevent recurrence. The tool that caused it has been deprecated."): no open work is left
        # to plan or to date.
        lasting = resources.pattern("structure", "lasting_fix_done")
        done = [
            s
            for s in evidence["prevention"]
            if lasting.search(s.text) and _past(doc, s) and not forward_looking(doc, s)
        ]
        if done:
            evidence["plan"] = done
            evidence["timeline"] = evidence["timeline"] or done

    coverage = Coverage(
        covered={element: bool(evidence[element]) for element in ELEMENTS},
        evidence=evidence,
        impact_sentences=impact,
    )
    doc.cache["coverage"] = coverage
    return coverage
