"""Live runs go through litellm.acompletion concurrently, bounded by --concurrency; --record
saves each answer as a cassette (without the key) that then replays with no server at all.

The "provider" is brief.evaluation.fake_server: an OpenAI-compatible server on 127.0.0.1 that
answers after a delay, reached with model "openai/x" and api_base pointing at it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from brief.cassettes import find_secrets
from brief.evaluation import (
    Incident,
    ModelSpec,
    ProgressBar,
    load_incidents,
    run_evaluation,
)
from brief.evaluation.fake_server import FakeOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
FAKE_KEY = "sk-test-0123456789abcdefghijklmnop"
MODEL = ModelSpec.parse("openai/x")


@pytest.fixture
def incidents() -> list[Incident]:
    base = load_incidents([ROOT / "fixtures" / "incidents"])[:4]
    # Eight distinct incidents from four fact files.
    return [
        Incident(id=f"{incident.id}-{copy}", path=incident.path, facts=incident.facts)
        for copy in (1, 2)
        for incident in base
    ]


@pytest.fixture(autouse=True)
def _fake_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)


@pytest.mark.parametrize("concurrency", [1, 3])
def test_requests_in_flight_never_exceed_the_concurrency(
    incidents: list[Incident], concurrency: int
) -> None:
    stream = io.StringIO()
    progress = ProgressBar(stream, force=True)
    with FakeOpenAIServer(delay_s=0.15) as server:
        result = run_evaluation(
            incidents[:6],
            [MODEL],
            mode="live",
            api_base=server.api_base,
            concurrency=concurrency,
            on_progress=progress,
        )
    progress.close()
    assert server.answered == 6
    assert server.peak_in_flight == concurrency
    assert [row.status for row in result.rows].count("rejected") == 0
    assert all(row.valid and row.critic_passed is not None for row in result.rows)
    assert result.concurrency == concurrency and result.mode == "live"
    assert "6/6" in stream.getvalue()


def test_record_then_replay_without_the_server(
    incidents: list[Incident], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cassettes = tmp_path / "cassettes"
    with FakeOpenAIServer() as server:
        api_base = server.api_base
        recorded = run_evaluation(
            incidents[:3], [MODEL], mode="record", cassettes=cassettes, api_base=api_base
        )
    files = sorted((cassettes / "openai__x").glob("[!_]*.yaml"))
    assert [f.stem for f in files] == sorted(i.id for i in incidents[:3])
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert FAKE_KEY not in text and find_secrets(text) == []
        data = yaml.safe_load(text)
        assert "brief_meta" not in data  # a live recording is not marked hand-written
        assert len(data["interactions"]) == 1
    set_file = yaml.safe_load((cassettes / "openai__x" / "_set.yaml").read_text())
    assert set_file["model"] == "openai/x"

    # The server is gone; replay answers from the cassettes alone.
    monkeypatch.delenv("OPENAI_API_KEY")
    replayed = run_evaluation(
        incidents[:3], [MODEL], mode="replay", cassettes=cassettes, api_base=api_base
    )
    assert [r.status for r in replayed.rows] == [r.status for r in recorded.rows]
    assert [r.words for r in replayed.rows] == [r.words for r in recorded.rows]
    assert all(r.valid for r in replayed.rows)


def test_a_missing_cassette_is_a_missing_row_not_a_network_call(
    incidents: list[Incident], tmp_path: Path
) -> None:
    (tmp_path / "openai__x").mkdir()
    result = run_evaluation(incidents[:1], [MODEL], mode="replay", cassettes=tmp_path)
    row = result.rows[0]
    assert row.status == "missing" and "--record" in (row.reason or "")
    assert result.summaries[0].missing == 1 and result.summaries[0].pass_rate == 0.0
