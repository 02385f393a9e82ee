"""review() and review_many(): run the rules over a draft and build the Report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from critic import grounding, resources
from critic.config import CriticConfig, selector_matches
from critic.coverage import analyse
from critic.document import Document, chunk_ranges, sentences_from
from critic.markdown import Plain, detect_kind, to_plain
from critic.models import SEVERITY_RANK, Finding, KindOption, Metrics, Report
from critic.passive import ownership_count, passives
from critic.pipeline import Pipeline, blank_pipeline, load_pipeline
from critic.readability import prose_grade, reading_ease
from critic.rules import RULE_MODULES, RULES
from critic.rules.base import Hit

PENALTY = {"error": 15, "warning": 5, "suggestion": 1}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


class InputError(ValueError):
    """Text the critic cannot review (empty, or binary-looking). The message is one line."""


def check_text(text: str) -> None:
    """Raise InputError for empty or binary-looking text."""
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError("the draft is empty")
    sample = text[:8192]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError("the input looks like binary data, not text")


@dataclass
class _Prepared:
    text: str
    plain: Plain
    kind: str


def _prepare(text: str, kind: KindOption, config: CriticConfig) -> _Prepared:
    check_text(text)
    wanted = kind if kind != "auto" else config.kind
    resolved = detect_kind(text) if wanted == "auto" else wanted
    return _Prepared(text=text, plain=to_plain(text, resolved), kind=resolved)


def _prefetch_entities(doc: Document, modules: list) -> None:
    """Run the entity recognizer once, on just the sentences a numbers rule would flag from token
    shape alone, so the entities can confirm or overrule those findings (the rules run again)."""
    if doc.pipeline.ner is None:
        return
    todo: dict[int, object] = {}
    hints = resources.pattern("numbers", "entity_hints")
    for module in modules:
        if all(rule.family != "numbers" for rule in module.RULES):
            continue
        for hit in module.check(doc):
            sentence = doc.sentence_at(hit.start)
            if sentence is not None and _entity_possible(sentence, hints):
                todo[sentence.index] = sentence
    doc.ensure_entities(list(todo.values()))


def _entity_possible(sentence, hints) -> bool:
    """Could the entity recognizer find a figure or date here that token shape missed?"""
    for position, token in enumerate(sentence.tokens):
        if token.like_num or any(ch.isdigit() for ch in token.text):
            return True
        if position and token.text[:1].isupper() and token.text != "I":
            return True
    return bool(hints.search(sentence.text))


def _enabled_modules(config: CriticConfig, doc: Document) -> list:
    modules = []
    for module in RULE_MODULES:
        rules = [rule for rule in module.RULES if not config.is_disabled(rule.id)]
        if not rules:
            continue
        if doc.is_fragment and all(rule.scope == "document" for rule in rules):
            continue
        modules.append(module)
    return modules


def _suppressed(doc: Document, hit: Hit) -> bool:
    plain = doc.plain
    if any(selector_matches(name, hit.rule) for name in plain.file_ignore):
        return True
    if RULES[hit.rule].scope == "document" or not plain.has_block_ignores:
        return False
    block = plain.block_at(hit.start)
    return block is not None and any(selector_matches(name, hit.rule) for name in block.ignore)


def _finding(doc: Document, hit: Hit, severity: str) -> Finding:
    rule = RULES[hit.rule]
    start, end = doc.to_original(hit.start, hit.end)
    line, column = doc.line_column(start)
    return Finding(
        rule=hit.rule,
        family=rule.family,  # type: ignore[arg-type]
        severity=severity,  # type: ignore[arg-type]
        start=start,
        end=end,
        line=line,
        column=column,
        message=hit.message,
        suggestion=hit.suggestion,
        why=resources.guideline(rule.guideline),
    )


def _metrics(doc: Document) -> Metrics:
    words = doc.word_count
    sentences = len(doc.spoken)
    grade = prose_grade(doc) or 0.0
    ease = reading_ease(doc) or 0.0
    return Metrics(
        words=words,
        sentences=sentences,
        mean_sentence_length=round(words / sentences, 1) if sentences else 0.0,
        flesch_kincaid_grade=round(grade, 1),
        flesch_reading_ease=round(ease, 1),
        speaking_seconds=round(words * 60 / doc.thresholds.speaking_words_per_minute, 1),
        passive_count=len(passives(doc)),
        ownership_count=ownership_count(doc),
    )


def _score(findings: Iterable[Finding]) -> int:
    penalty = sum(PENALTY[f.severity] for f in findings)
    return max(0, 100 - penalty)


def _report(doc: Document) -> Report:
    config = doc.config
    modules = _enabled_modules(config, doc)
    _prefetch_entities(doc, modules)
    findings: list[Finding] = []
    suppressed = 0
    for module in modules:
        for hit in module.check(doc):
            if config.is_disabled(hit.rule):
                continue
            if doc.is_fragment and RULES[hit.rule].scope == "document":
                continue
            severity = config.severity_for(hit.rule) or hit.severity or RULES[hit.rule].severity
            if severity == "off":
                continue
            if _suppressed(doc, hit):
                suppressed += 1
                continue
            findings.append(_finding(doc, hit, severity))
    findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
    coverage = analyse(doc).covered
    return Report(
        kind=doc.kind,  # type: ignore[arg-type]
        findings=findings,
        coverage=dict(coverage),
        metrics=_metrics(doc),
        engine=doc.pipeline.info,
        passed=not any(f.severity == "error" for f in findings),
        score=_score(findings),
        suppressed=suppressed,
    )


def _pipeline_for(prepared: _Prepared, config: CriticConfig) -> Pipeline:
    pipeline = load_pipeline(config.spacy_model)
    limit = config.thresholds.max_parse_chars
    if pipeline.has_parse and len(prepared.plain.text) > limit:
        return blank_pipeline(
            f"input of {len(prepared.plain.text):,} characters is over max_parse_chars "
            f"({limit:,}); "
            "heuristics only (no parser or entities) to keep the review fast"
        )
    return pipeline


def _document(prepared: _Prepared, pipeline: Pipeline, config: CriticConfig, docs=None) -> Document:
    plain = prepared.plain
    if docs is None:
        ranges = chunk_ranges(plain)
        texts = [plain.text[a:b] for a, b in ranges]
        parsed = list(pipeline.nlp.pipe(texts)) if len(texts) > 1 else [pipeline.nlp(texts[0])]
        docs = [(a, doc) for (a, _), doc in zip(ranges, parsed, strict=True)]
    return Document(
        original=prepared.text,
        plain=plain,
        kind=prepared.kind,
        sentences=sentences_from(plain, docs),
        pipeline=pipeline,
        config=config,
    )


def _grounded(doc: Document, facts: Any) -> Document:
    """Leave the facts' figures where the numbers.unsupported rule finds them."""
    if facts is not None:
        doc.cache[grounding.FACTS_KEY] = grounding.fact_figures(facts)
    return doc


def review(
    text: str, kind: KindOption = "auto", config: CriticConfig | None = None, *, facts: Any = None
) -> Report:
    """Review one draft (Markdown or plain text) and return the Report.

    With `facts` (a mapping, or a pydantic model), every figure that cannot be traced to them is
    a `numbers.unsupported` finding. Raises InputError (a ValueError) for empty or binary-looking
    text.
    """
    config = config or CriticConfig()
    prepared = _prepare(text, kind, config)
    pipeline = _pipeline_for(prepared, config)
    return _report(_grounded(_document(prepared, pipeline, config), facts))


def review_many(
    texts: Sequence[str],
    kind: KindOption = "auto",
    config: CriticConfig | None = None,
    *,
    batch_size: int = 32,
    workers: int = 1,
    facts: Any = None,
) -> list[Report]:
    """Review many drafts, parsing them in batches with nlp.pipe. Same results as review().

    `workers` > 1 splits a large batch (at least `workers * batch_size` drafts) over that many
    processes, one a core: forked from this one when it runs no other thread (so the loaded
    pipeline is shared), spawned otherwise (each then loads the pipeline itself).
    `facts` grounds every draft's figures, as in review().
    """
    config = config or CriticConfig()
    facts = grounding.fact_figures(facts) if facts is not None else None
    if workers > 1 and len(texts) >= workers * batch_size:
        return _review_in_processes(texts, kind, config, batch_size, workers, facts)
    prepared = [_prepare(text, kind, config) for text in texts]
    pipeline = load_pipeline(config.spacy_model)
    reports: list[Report | None] = [None] * len(prepared)
    batchable = [
        i
        for i, item in enumerate(prepared)
        if len(item.plain.text) <= min(config.thresholds.max_parse_chars, 50_000)
        and item.plain.text.strip()
    ]
    parsed = pipeline.nlp.pipe((prepared[i].plain.text for i in batchable), batch_size=batch_size)
    for i, doc in zip(batchable, parsed, strict=True):
        document = _document(prepared[i], pipeline, config, docs=[(0, doc)])
        reports[i] = _report(_grounded(document, facts))
    for i, item in enumerate(prepared):
        if reports[i] is None:
            document = _document(item, _pipeline_for(item, config), config)
            reports[i] = _report(_grounded(document, facts))
    return [report for report in reports if report is not None]


def _review_chunk(
    texts: Sequence[str], kind: KindOption, config: CriticConfig, batch_size: int, facts: Any = None
) -> list[Report]:
    return review_many(texts, kind, config, batch_size=batch_size, facts=facts)


def _review_in_processes(
    texts: Sequence[str],
    kind: KindOption,
    config: CriticConfig,
    batch_size: int,
    workers: int,
    facts: Any = None,
) -> list[Report]:
    import multiprocessing
    import threading

    load_pipeline(config.spacy_model)  # load before forking, so children share it
    alone = threading.active_count() == 1
    method = "fork" if alone and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    size = -(-len(texts) // workers)
    chunks = [list(texts[start : start + size]) for start in range(0, len(texts), size)]
    with multiprocessing.get_context(method).Pool(len(chunks)) as pool:
        parts = pool.starmap(
            _review_chunk, [(chunk, kind, config, batch_size, facts) for chunk in chunks]
        )
    return [report for part in parts for report in part]
