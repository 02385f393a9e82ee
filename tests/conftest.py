"""Shared test setup: the network is blocked (pytest-socket, see pyproject), keys are fake."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INCIDENTS = sorted((ROOT / "fixtures" / "incidents").glob("*.yaml"))
PROVIDER_KEYS = (
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "AZURE_API_KEY",
    "BRIEF_MODEL",
    "BRIEF_API_BASE",
)


@pytest.fixture(autouse=True)
def _no_real_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may use a developer's real key or model settings, or their history file."""
    for name in PROVIDER_KEYS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEF_HISTORY_DB", str(tmp_path / "history.sqlite3"))


@pytest.fixture
def root() -> Path:
    return ROOT
