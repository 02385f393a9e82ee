"""The write-up's own organisation and its own products, which its CEO knows by name.

Guideline: Guide §2 Technical Vocabulary: explain the terms the CEO does not use. A company's CEO
knows the company's name and its products ("LaunchDarkly experienced a disruption", "Cloudflare
CDN", "GitHub Actions"), so a jargon finding on them is a suggestion, not a warning: worth a word
only when the briefing goes beyond the company.

The organisation is the draft's *protagonist*: of the proper names in its first two sentences, the
one it uses most (at least `protagonist_min_uses` times; critic/data/jargon.yaml), leaving out
common glossary terms ("cache", "DNS"; names like "CircleCI" stay) and words of time. Products
known by another name ("DynamoDB" in AWS's write-up) come from critic/data/company_products.yaml.
A first-person briefing ("we", "our fraud model") has none, so nothing changes there. This reads
the whole document, so the engine applies it after the per-sentence rules (the incremental
Checker stays exact).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from critic import resources
from critic.document import Document
from critic.rules.base import Hit

_TIME_WORDS = re.compile(
    r"(?:UTC|GMT|PST|PDT|EST|EDT|CET|CEST|BST|IST|JST|AM|PM|Q[1-4]|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
)


OPENING_SENTENCES = 2
GLOSSARY_RULE = "jargon.term"


def protagonist(doc: Document, jargon: set[str]) -> str | None:
    """The proper name the draft uses most among those in its opening sentences ("On 4 October,
    Cloudflare experienced…"), if it uses it often enough."""
    counts: Counter[str] = Counter()
    opening: set[str] = set()
    for number, sentence in enumerate(doc.prose):
        for token in sentence.span:
            if token.tag_ not in {"NNP", "NNPS"} or len(token.text) < 2 or not token.is_alpha:
                continue
            if token.lower_ in jargon or _TIME_WORDS.fullmatch(token.text):
                continue
            counts[token.text] += 1
            if number < OPENING_SENTENCES:
                opening.add(token.text)
    ranked = [(uses, name) for name, uses in counts.items() if name in opening]
    if not ranked:
        return None
    uses, name = max(ranked)
    return name if uses >= resources.load("jargon")["protagonist_min_uses"] else None


@cache
def products_of(name: str) -> frozenset[str]:
    """The lower-cased product names of the company `name` (or its alias), from
    critic/data/company_products.yaml; empty for a company not listed."""
    data = resources.load("company_products")
    company = data["aliases"].get(name, name)
    return frozenset(str(p).lower() for p in data["companies"].get(company, []))


_CAPITALISED = re.compile(r"[A-Z][\w/@.-]*")
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w/@.-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"^\s+[A-Z][\w/@.-]*")


def _inside_product_name(plain: str, start: int, end: int) -> bool:
    """In a write-up with a protagonist, a term inside a run of capitalised words is part of a
    product's name ("Cloud Load Balancing", "Storage Write API", "SQL Geo-Restore"), not the
    bare term."""
    words = plain[start:end]
    if not _CAPITALISED.match(words):
        return False
    before = _CAPITALISED_BEFORE.search(plain[max(0, start - 30) : start])
    after = _CAPITALISED_AFTER.match(plain[end : end + 30])
    return bool(before or after)


def soften_own(hits: list[Hit], doc: Document, is_jargon: Callable[[str], bool]) -> list[Hit]:
    """Jargon hits on the protagonist or on a product named after it become suggestions."""
    candidates = [h for h in hits if is_jargon(h.rule) and h.severity != "suggestion"]
    if not candidates or not doc.has_parse:
        return hits
    plain = doc.plain.text
    glossary = {  # common terms ("cache", "DNS"), not names ("LaunchDarkly", "CircleCI")
        words.lower()
        for h in candidates
        if h.rule == GLOSSARY_RULE
        for words in [plain[h.start : h.end]]
        if words.islower() or words.isupper()
    }
    name = protagonist(doc, glossary)
    if name is None:
        return hits
    owner = re.compile(rf"\b{re.escape(name)}(?:['’]s)?\s+(?:\w+\s+)?$")
    catalogue = products_of(name)
    for hit in candidates:
        words = plain[hit.start : hit.end]
        if (
            words.split()[0] == name
            or words.lower() in catalogue
            or owner.search(plain[max(0, hit.start - 40) : hit.start])
            or _inside_product_name(plain, hit.start, hit.end)
        ):
            hit.severity = "suggestion"
            hit.message = (
                f"“{words}” is {name}'s own name or product: its CEO knows it, but say what it "
                "does if the briefing goes further."
            )
    return hits
