"""critic.Checker: re-check a draft after each edit, redoing only what the edit touched.

    checker = Checker(kind="briefing")
    report = checker.check(text)            # first check: a full review
    report = checker.check(edited_text)     # only changed lines are parsed again, only their
                                            # sentences' rules run again; figures are redone

Each line's parse is kept by its text (critic.parsing), and each sentence's results of the
sentence-local rules by its line, its place in it and its block (critic.incremental). The
document-level rules, the seven-element coverage and the metrics are recomputed every time, from the
kept analyses. Every report equals what `review(text, kind, config)` returns for the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from critic.config import CriticConfig
from critic.engine import _document, _grounded, _pipeline_for, _prepare, _report, review
from critic.incremental import HitMemo
from critic.models import KindOption, Report
from critic.parsing import ParseCache
from critic.pipeline import load_pipeline


@dataclass
class CheckStats:
    """What the last check did: lines parsed vs reused, sentences checked vs reused."""

    lines_parsed: int = 0
    lines_reused: int = 0
    sentences_checked: int = 0
    sentences_reused: int = 0


class Checker:
    """A reusable reviewer for one evolving draft (or many): same reports as review(), faster."""

    def __init__(
        self,
        kind: KindOption = "auto",
        config: CriticConfig | None = None,
        *,
        max_lines: int = 4096,
        max_sentences: int = 20_000,
    ) -> None:
        self.kind: KindOption = kind
        self.config = config or CriticConfig()
        self._parses = ParseCache(max_lines)
        self._memo = HitMemo(max_sentences)
        self.stats = CheckStats()

    def check(self, text: str, kind: KindOption | None = None, **options: Any) -> Report:
        """The Report for `text`, as `review(text, kind, config, **options)` would give it.

        `facts=` grounds the figures, as in review(), and stays incremental (the grounding rule
        reads the whole document and is redone every time). Any other keyword option is handed to
        review() unchanged, and then the check is a full review.
        """
        kind = kind or self.kind
        facts = options.pop("facts", None)
        if options:
            return review(text, kind, self.config, facts=facts, **options)
        prepared = _prepare(text, kind, self.config)
        pipeline = _pipeline_for(prepared, self.config)
        reusable = pipeline is load_pipeline(self.config.spacy_model)
        parses = self._parses if reusable else None
        memo = self._memo if reusable else None
        before = (self._parses.hits, self._parses.misses, self._memo.reused, self._memo.checked)
        document = _grounded(_document(prepared, pipeline, self.config, cache=parses), facts)
        report = _report(document, memo)
        self.stats = CheckStats(
            lines_parsed=self._parses.misses - before[1],
            lines_reused=self._parses.hits - before[0],
            sentences_checked=self._memo.checked - before[3],
            sentences_reused=self._memo.reused - before[2],
        )
        return report

    def clear(self) -> None:
        """Forget every kept parse and result (the next check is a full review)."""
        self._parses = ParseCache(self._parses.size)
        self._memo = HitMemo(self._memo.size)
