"""The critic: a deterministic reviewer (spaCy + textstat, no LLM) for CEO incident briefings.

    from critic import review
    report = review(open("briefing.md").read())          # kind: "briefing" | "script" | "auto"
    checker = Checker(); checker.check(text); checker.check(edited)   # incremental re-checks
    for finding in report.findings:
        print(finding.line, finding.column, finding.rule, finding.message)

It flags jargon, missing numbers, blame-deflecting language, excess length and missing elements,
each finding located in the original text and citing the guideline it enforces. The critic never
imports litellm or streamlit.
"""

from critic import _spacy_cli_guard  # noqa: F401  (first: spaCy without its CLI stack)
from critic.checker import Checker
from critic.config import ConfigError, CriticConfig, load_config
from critic.engine import InputError, review, review_many
from critic.models import EngineInfo, Finding, Metrics, Report

__all__ = [
    "Checker",
    "ConfigError",
    "CriticConfig",
    "EngineInfo",
    "Finding",
    "InputError",
    "Metrics",
    "Report",
    "load_config",
    "review",
    "review_many",
]
