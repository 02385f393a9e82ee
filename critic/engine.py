"""review() and review_many(): run the rules over a draft and build the Report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from critic import grounding, resources
from critic.config import ConfigError, CriticConfig, selector_matches
from critic.coverage import analyse
from critic.definitions import soften_defined
from critic.document import Document, sentences_from
from critic.incremental import HitMemo, collect_hits
from critic.inputs import kind_problem, text_problem
from critic.markdown import Plain, detect_kind, to_plain
from critic.models import SEVERITY_RANK, Finding, KindOption, Metrics, Report
from critic.own_products import soften_our_names, soften_own
from critic.parsing import ParseCache, parse_lines
from critic.passive import ownership_count, passives
from critic.pipeline import Pipeline, blank_pipeline, load_pipeline, resolve_choice
from critic.readability import prose_grade, reading_ease
from critic.rules import RULE_MODULES, RULES
from critic.rules.base import Hit
from critic.sentence_memo import summed

PENALTY = {"error": 15, "warning": 5, "suggestion": 1}


class InputError(ValueError):
    """Text the critic cannot review (empty, or binary-looking). The message is one line."""


def check_text(text: str) -> None:
    """Raise InputError for text the critic does not accept (critic/inputs.py says what)."""
    if problem := text_problem(text):
        raise InputError(problem)


def check_kind(kind: object) -> None:
    """Raise InputError for a kind other than auto, briefing or script, before any work."""
    if problem := kind_problem(kind):
        raise InputError(problem)


def check_model(config: CriticConfig) -> None:
    """Raise ConfigError for an unknown spaCy model choice (BRIEF_SPACY_MODEL or the config)."""
    try:
        resolve_choice(config.spacy_model)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


@dataclass
class _Prepared:
    text: str
    plain: Plain
    kind: str


def _prepare(text: str, kind: KindOption, config: CriticConfig) -> _Prepared:
    check_text(text)
    check_kind(kind)
    check_model(config)
    wanted = kind if kind != "auto" else config.kind
    resolved = detect_kind(text) if wanted == "auto" else wanted
    return _Prepared(text=text, plain=to_plain(text, resolved), kind=resolved)


_ENABLED: dict[tuple, list] = {}


def _enabled_modules(config: CriticConfig, doc: Document) -> list:
    """Modules with an enabled rule (worked out once per set of `disable` and `severity`
    settings, the only ones CriticConfig.is_disabled reads: review() makes a new default config
    on every call), less document-only ones for a fragment."""
    settings = (tuple(config.disable), tuple(config.severity.items()))
    enabled = _ENABLED.get(settings)
    if enabled is None:
        enabled = []
        for module in RULE_MODULES:
            rules = [rule for rule in module.RULES if not config.is_disabled(rule.id)]
            if rules:
                enabled.append((module, all(rule.scope == "document" for rule in rules)))
        if len(_ENABLED) > 64:
            _ENABLED.clear()
        _ENABLED[settings] = enabled
    fragment = doc.is_fragment
    return [module for module, document_only in enabled if not (fragment and document_only)]


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
        ownership_count=summed(doc, ownership_count),
    )


BLOCKING_WARNING_FAMILIES = ("jargon", "numbers", "blame")


def blockers(findings: Iterable[Finding]) -> list[str]:
    """Why a draft is not ready to send: any error, or an open warning in jargon, numbers or blame.

    Length and structure warnings are advice a writer may weigh; an error anywhere, or jargon, a
    vague figure or deflection left in, would meet the CEO as written."""
    errors: dict[str, int] = {}
    warnings: dict[str, int] = {}
    for finding in findings:
        if finding.severity == "error":
            errors[finding.family] = errors.get(finding.family, 0) + 1
        elif finding.severity == "warning" and finding.family in BLOCKING_WARNING_FAMILIES:
            warnings[finding.family] = warnings.get(finding.family, 0) + 1
    reasons = [
        f"{count} {family} {'error' if count == 1 else 'errors'}"
        for family, count in errors.items()
    ]
    reasons += [
        f"{count} {family} {'warning' if count == 1 else 'warnings'}"
        for family, count in warnings.items()
    ]
    return reasons


RULE_ORDER = {rule_id: index for index, rule_id in enumerate(RULES)}


def _one_per_span(findings: list[Finding], family: str) -> list[Finding]:
    """Within `family`, overlapping findings from different rules keep only the most severe one
    (the first rule in order on a tie): "impossible to anticipate" is one deflection, not two."""
    order = {id(f): RULE_ORDER[f.rule] for f in findings}  # rule order breaks ties
    others = [f for f in findings if f.family != family]
    mine = sorted((f for f in findings if f.family == family), key=lambda f: (f.start, f.end))
    clusters: list[list[Finding]] = []
    reach = -1
    for finding in mine:  # runs of overlapping findings, in one pass
        if clusters and finding.start < reach:
            clusters[-1].append(finding)
            reach = max(reach, finding.end)
        else:
            clusters.append([finding])
            reach = finding.end
    kept: list[Finding] = []
    for cluster in clusters:
        chosen: list[Finding] = []
        ranked = sorted(cluster, key=lambda f: (-SEVERITY_RANK[f.severity], order[id(f)]))
        for finding in ranked:
            if any(
                other.rule != finding.rule
                and other.start < finding.end
                and finding.start < other.end
                for other in chosen
            ):
                continue
            chosen.append(finding)
        kept.extend(chosen)
    return others + kept


def _score(findings: Iterable[Finding]) -> int:
    penalty = sum(PENALTY[f.severity] for f in findings)
    return max(0, 100 - penalty)


def _report(doc: Document, memo: HitMemo | None = None) -> Report:
    config = doc.config
    if memo is not None:
        memo.prefill(doc)
    modules = _enabled_modules(config, doc)
    findings: list[Finding] = []
    suppressed = 0
    is_jargon = lambda rule: RULES[rule].family == "jargon"  # noqa: E731
    plain = doc.plain.text
    hits = [replace(h) for h in collect_hits(doc, modules, memo)]
    hits = soften_own(soften_defined(hits, plain, is_jargon), doc, is_jargon)
    hits = soften_our_names(hits, plain, is_jargon)
    for hit in hits:
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
    for family in ("jargon", "blame"):
        findings = _one_per_span(findings, family)
    findings.sort(key=lambda f: (f.start, -SEVERITY_RANK[f.severity], f.rule))
    coverage = analyse(doc).covered
    reasons = blockers(findings)
    return Report(
        kind=doc.kind,  # type: ignore[arg-type]
        findings=findings,
        coverage=dict(coverage),
        metrics=_metrics(doc),
        engine=doc.pipeline.info,
        passed=not reasons,
        blockers=reasons,
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


def _document(
    prepared: _Prepared,
    pipeline: Pipeline,
    config: CriticConfig,
    docs=None,
    cache: ParseCache | None = None,
) -> Document:
    plain = prepared.plain
    if docs is None:  # each line parsed on its own (see critic.parsing)
        docs = parse_lines(pipeline, [plain.parse_text], cache)[0]
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
    a `numbers.unsupported` finding. Raises only InputError (text or kind the critic does not
    accept: empty, too long, binary, control characters, lone surrogates, unknown kind; see
    critic/inputs.py) or ConfigError (an unknown spaCy model choice). Both are ValueErrors with a
    one-line message.
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
    """Review many drafts, parsing their lines in batches with nlp.pipe. Same results as review().

    `workers` > 1 splits a large batch (at least `workers * batch_size` drafts) over that many
    processes, one a core, with equal shares of text (see critic.workers): forked from this one
    when it runs no other thread (so the loaded pipeline is shared), spawned otherwise.
    `facts` grounds every draft's figures, as in review().
    """
    config = config or CriticConfig()
    facts = grounding.fact_figures(facts) if facts is not None else None
    if workers > 1 and len(texts) >= workers * batch_size:
        from critic.workers import review_in_processes

        return review_in_processes(texts, kind, config, batch_size, workers, facts)
    prepared = [_prepare(text, kind, config) for text in texts]
    pipeline = load_pipeline(config.spacy_model)
    reports: list[Report | None] = [None] * len(prepared)
    batchable = [
        i
        for i, item in enumerate(prepared)
        if len(item.plain.text) <= config.thresholds.max_parse_chars and item.plain.text.strip()
    ]
    for first in range(0, len(batchable), batch_size):
        part = batchable[first : first + batch_size]
        parsed = parse_lines(pipeline, [prepared[i].plain.parse_text for i in part])
        for i, docs in zip(part, parsed, strict=True):
            document = _document(prepared[i], pipeline, config, docs=docs)
            reports[i] = _report(_grounded(document, facts))
    for i, item in enumerate(prepared):
        if reports[i] is None:
            document = _document(item, _pipeline_for(item, config), config)
            reports[i] = _report(_grounded(document, facts))
    return [report for report in reports if report is not None]
