"""The write-up's own organisation and its own products, which its CEO knows by name.

Guideline: Guide §2 Technical Vocabulary: explain the terms the CEO does not use. A company's CEO
knows the company's name and its products ("LaunchDarkly experienced a disruption", "Cloudflare
CDN", "GitHub Actions"), so a jargon finding on them is a suggestion, not a warning: worth a word
only when the briefing goes beyond the company.

The organisation is the draft's *protagonist*: of the proper names in its first two sentences, the
one it uses most (at least `protagonist_min_uses` times; critic/data/jargon.yaml), leaving out
common glossary terms ("cache", "DNS"; names like "CircleCI" stay) and words of time. Products
known by another name ("DynamoDB" in AWS's write-up) come from critic/data/company_products.yaml.
A Markdown front matter's `company:` field (keys in critic/data/jargon.yaml) or a label line of
names opening the draft ("GoCardless.") names it outright. A first-person briefing ("we", "our
fraud model") has none, so nothing changes there. This reads the whole document, so the engine
applies it after the per-sentence rules (the incremental Checker stays exact).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

import yaml

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
_NOT_ORGANISATIONS = {"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "PERSON"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


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
            if token.ent_type_ in _NOT_ORGANISATIONS:  # "US", "Virginia", "Monday"
                continue
            counts[token.text] += 1
            if number < OPENING_SENTENCES:
                opening.add(token.text)
    ranked = [(uses, name) for name, uses in counts.items() if name in opening]
    if not ranked:
        return None
    uses, name = max(ranked)
    return name if uses >= resources.load("jargon")["protagonist_min_uses"] else None


def declared(doc: Document) -> list[str]:
    """The organisations a Markdown front matter names (`company: CircleCI`); empty without front
    matter. A `product:` field is not read: archives use it for the product affected, which may be
    a third party's ("product: MongoDB" in CircleCI's write-up)."""
    cached = doc.cache.get("declared_own")
    if cached is None:
        cached = doc.cache["declared_own"] = _declared(doc.original)
    return cached


def _declared(original: str) -> list[str]:
    match = _FRONT_MATTER.match(original)
    if not match:
        return []
    try:
        fields = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return []
    if not isinstance(fields, dict):
        return []
    wanted = resources.load("jargon")["front_matter_company_keys"]
    found: list[str] = []
    for key, value in fields.items():
        if str(key).lower() in wanted and value is not None:
            items = value if isinstance(value, list) else str(value).split(",")
            found += [str(item).strip() for item in items if str(item).strip()]
    return found


def label_names(doc: Document) -> list[str]:
    """Names on a label line that opens the draft ("GoCardless.", "FirstEnergy / General
    Electric.", "WebKit code repository."): a first sentence with no verb that starts with a proper
    name says whose write-up it is."""
    if not doc.prose:
        return []
    first = doc.prose[0]
    words = [t for t in first.span if not t.is_punct and not t.is_space]
    if (
        not words
        or len(words) > 6
        or words[0].tag_ not in {"NNP", "NNPS"}
        or any(t.tag_.startswith(("VB", "MD")) for t in words)
    ):
        return []
    names: list[str] = []  # the runs of proper nouns: "WebKit code repository." -> WebKit
    run: list[str] = []
    for token in [*first.span, None]:
        if token is not None and token.tag_ in {"NNP", "NNPS"}:
            run.append(token.text)
        elif run:
            names.append(" ".join(run))
            run = []
    return names


def own_names(doc: Document, jargon: set[str]) -> list[str]:
    """The write-up's own organisation: named in its front matter, or its protagonist."""
    companies = declared(doc)
    name = protagonist(doc, jargon)
    return [*companies, *([name] if name and name not in companies else [])]


@cache
def names_of(name: str) -> frozenset[str]:
    """`name` with the other names of the same company in company_products.yaml's aliases
    ("Amazon" → amazon, aws), lower-cased."""
    aliases = resources.load("company_products")["aliases"]
    company = aliases.get(name, aliases.get(name.title(), name))
    return frozenset(
        n.lower() for n in (name, company, *(a for a, c in aliases.items() if c == company))
    )


def _mentions(term: str, products: set[str]) -> bool:
    """A product named by the term or inside it, in whole words and ignoring a plural: "SLOs",
    "CloudWatch metrics" (CloudWatch)."""
    term = term.lower()
    singular = term[:-1] if term.endswith("s") else term
    for product in products:
        if product in {term, singular}:
            return True
        if len(product) >= 3 and re.search(rf"(?<![\w-]){re.escape(product)}s?(?![\w-])", term):
            return True
    return False


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
    names = own_names(doc, glossary) + label_names(doc)
    if not names:
        return hits
    name = names[0]
    lowered_names = frozenset().union(*(names_of(n) for n in names))
    alternatives = "|".join(re.escape(n) for n in sorted(lowered_names))
    owner = re.compile(rf"\b(?:{alternatives})(?:['’]s)?\s+(?:\w+\s+)?$", re.IGNORECASE)
    catalogue = set().union(*(products_of(n) for n in names))
    for hit in candidates:
        words = plain[hit.start : hit.end]
        if (
            words.split()[0].lower() in lowered_names
            or _mentions(words, catalogue)
            or owner.search(plain[max(0, hit.start - 40) : hit.start])
            or _inside_product_name(plain, hit.start, hit.end)
        ):
            hit.severity = "suggestion"
            hit.message = (
                f"“{words}” is {name}'s own name or product: its CEO knows it, but say what it "
                "does if the briefing goes further."
            )
    return hits


def soften_our_names(hits: list[Hit], plain: str, is_jargon: Callable[[str], bool]) -> list[Hit]:
    """Jargon hits on a word that names one of the organisation's teams ("the backend team", "our
    DevOps engineers", "the data science squad") or, after "our", one of its own products by kind
    ("our API service", "our CDN dashboard") become suggestions: the CEO knows their own teams and
    products (team_nouns and own_product_kinds in critic/data/jargon.yaml)."""
    candidates = [h for h in hits if is_jargon(h.rule) and h.severity != "suggestion"]
    if not candidates:
        return hits
    team, kind = _team_after(), _kind_after()
    for hit in candidates:
        words = plain[hit.start : hit.end]
        if team.match(plain, hit.end):
            hit.severity = "suggestion"
            hit.message = f"“{words}” names one of your teams: the CEO knows it."
        elif _OUR_BEFORE.search(plain, max(0, hit.start - 5), hit.start) and kind.match(
            plain, hit.end
        ):
            hit.severity = "suggestion"
            hit.message = f"“{words}” names one of your own products: the CEO knows it."
    return hits


_OUR_BEFORE = re.compile(r"\b[Oo]ur\s+$")


@cache
def _kind_after() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{resources.load('jargon')['own_product_kinds']})\b", re.IGNORECASE)


@cache
def _team_after() -> re.Pattern[str]:
    nouns = resources.load("jargon")["team_nouns"]
    also = r"(?:(?:,|\s+and|\s+&)\s+[\w-]+){0,2}"  # "the DevOps and Database teams"
    kind = r"(?:[ -](?:engineering|operations|ops|platform|infra))?"
    kind += r"(?:[ -](?:junior|senior|lead|staff|principal|chief))?"  # "the DevOps Junior engineer"
    return re.compile(rf"{also}{kind}[ -](?:{nouns})\b", re.IGNORECASE)
