"""jargon.acronym — acronyms, initialisms and tool names that the glossary does not list.

Guideline: Guide §2 Technical Vocabulary: "Avoid technical jargon and focus on the consequences."
No glossary can list every system name, so this rule reads word shape: an acronym or initialism
("EBS", "SLO", "TTL"), or a CamelCase name ("ZooKeeper", "PagerDuty"), is jargon unless it is on the
plain-business allowlist (CEO, USD, Q3, KPI…) or is a consumer brand a CEO knows (iPhone, PayPal),
both in critic/data/acronyms.yaml. A word written in capitals that is common in lower case ("NOT",
"ALL") is emphasis, not an acronym (word frequencies from `wordfreq`). A term that the sentence
defines ("the DNS (the internet's address book)") is only a suggestion, as for jargon.term, and
organisations accept their own names in [critic.glossary] accept.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from critic import resources
from critic.document import Document, Sentence
from critic.rules.base import Hit, Rule
from critic.rules.jargon_term import explained
from critic.sentence_memo import per_sentence

RULE = Rule(
    "jargon.acronym", "jargon", "warning", "vocabulary", summary="unexplained acronym or tool name"
)
RULES = (RULE,)
READS_DOCUMENT = True  # names used for an organisation anywhere in the draft are not jargon

examples_fail = [
    "The LVM volumes filled up at 02:10.",
    "Our CronMaster jobs stopped at midnight.",
    "We breached the RPO for the billing database.",
    "The GSLB sent shoppers to the wrong region.",
]
examples_pass = [
    "Q3 revenue in USD fell by 4% against our KPI.",
    "The CEO and CFO approved the refunds on Friday.",
    "Customers could not pay with PayPal for 2 hours.",
    "We did NOT restart the checkout service.",
    "EBS (the disks our servers store data on) filled up at 02:10.",
    "About 4,000 GoCardless customers saw failed payments; GoCardless apologised on Friday.",
]

_ACRONYM = re.compile(r"(?<![\w/.-])(?:[A-Z][A-Z0-9&]{1,7}|[A-Z]\d{1,3}[A-Z]?)s?(?![\w-])")
_CAMEL = re.compile(
    r"(?<![\w/.-])(?:[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+|[a-z]+[A-Z][A-Za-z0-9]*)(?![\w-])"
)
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$")
_COMMON_WORD_ZIPF = 4.5


@cache
def _allowed() -> tuple[frozenset[str], frozenset[str]]:
    data = resources.load("acronyms")
    plain = frozenset(str(word).lower() for word in data.get("plain_acronyms", []))
    brands = frozenset(str(word).lower() for word in data.get("consumer_brands", []))
    return plain, brands


@lru_cache(maxsize=4096)
def _common_word(word: str) -> bool:
    """A word readers know in lower case ("NOT", "ALL"): capitals for emphasis, not an acronym."""
    from wordfreq import zipf_frequency  # imported on first use: its data loads lazily

    return zipf_frequency(word.lower(), "en") >= _COMMON_WORD_ZIPF


def _shouting(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


_ZONE_SHAPE = re.compile(r"[A-Z]{1,4}T")  # UTC, GMT, PST, CEST, and misspellings like UST
_PLACEHOLDERS = {"HH", "MM", "SS", "YYYY", "DD"}
_TIME_PART = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:AM|PM|am|pm|a\.m\.|p\.m\.))?\s*\(?$")


def _candidates(sentence: Sentence) -> list[tuple[int, int, str]]:
    text = sentence.text
    found = []
    plain, brands = _allowed()
    for pattern, kind in ((_ACRONYM, "acronym"), (_CAMEL, "name")):
        for match in pattern.finditer(text):
            word = match.group(0)
            bare = word[:-1] if kind == "acronym" and word.endswith("s") else word
            lowered = bare.lower()
            if lowered in plain or word.lower() in plain or lowered in brands:
                continue
            if kind == "acronym" and (
                _ROMAN.match(bare) or (bare.isalpha() and _common_word(bare))
            ):
                continue
            if kind == "acronym" and not sum(ch.isupper() for ch in bare) >= 2 and bare.isalpha():
                continue
            if kind == "acronym" and (
                (_TIME_PART.search(text[: match.start()]) and _ZONE_SHAPE.fullmatch(bare))
                or (text[match.end() : match.end() + 1] == ":" and bare in _PLACEHOLDERS)
            ):
                continue  # "00:00 UST", "08:00 GWT": a time zone, however spelled; "HH:mm"
            found.append((match.start(), match.end(), kind))
    return found


_OWN_NAME = re.compile(
    r"\b(?P<name>[A-Za-z][\w.-]*[A-Za-z0-9])(?:['’]s)?\s+(?:customers|users|clients|merchants|"
    r"members|employees|staff|team|engineers|engineering|support|status\s+page|community|"
    r"infrastructure|platform|systems|network|services|service|product|products|website|app)\b"
)


def _organisations(doc: Document) -> set[str]:
    """Names the draft uses for an organisation ("CircleCI customers", "GoCardless's team"): the
    writer's company or a customer, not a system the CEO has to decode."""
    cached = doc.cache.get("organisations")
    if cached is None:
        cached = {m.group("name").lower() for m in _OWN_NAME.finditer(doc.plain.text)}
        doc.cache["organisations"] = cached
    return cached


@per_sentence  # kept per sentence by a Checker
def _sentence_candidates(doc: Document, sentence: Sentence) -> list[tuple[int, int, str]]:
    return [] if _shouting(sentence.text) else _candidates(sentence)


def check(doc: Document) -> list[Hit]:
    accepted = {name.strip().lower() for name in doc.config.glossary.accept}
    accepted |= _organisations(doc)
    accepted |= {word.lower() for word in doc.config.glossary.terms}
    hits: list[Hit] = []
    for sentence in doc.prose:
        for start, end, kind in _sentence_candidates(doc, sentence):
            words = sentence.text[start:end]
            if words.lower() in accepted or words.rstrip("s").lower() in accepted:
                continue
            if doc.plain.is_masked(sentence.start + start, sentence.start + end):
                continue
            is_explained = explained(sentence, start, end)
            what = "acronym" if kind == "acronym" else "system or tool name"
            if is_explained:
                message = f"“{words}” is an {what}; you explain it, but plain words are shorter."
            else:
                message = f"“{words}” is an {what} the CEO may not know."
            hits.append(
                Hit(
                    RULE.id,
                    sentence.start + start,
                    sentence.start + end,
                    message.replace("an system", "a system"),
                    f"Say what “{words}” does for the business in plain words (e.g. “the system "
                    "that routes orders”), or spell it out once in brackets.",
                    severity="suggestion" if is_explained else None,
                )
            )
    return hits
