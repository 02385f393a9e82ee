"""The cassettes in fixtures/cassettes: no secrets, marked hand-written, complete, reproducible."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from brief.cassettes import find_secrets, make_vcr
from brief.evaluation import load_incidents, recorded_sets

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "fixtures" / "cassettes"
INCIDENTS = ROOT / "fixtures" / "incidents"
ALL_CASSETTES = sorted(p for p in CASSETTES.rglob("*.yaml") if p.name != "_set.yaml")


def _load_generator():
    spec = importlib.util.spec_from_file_location(
        "write_cassettes", ROOT / "scripts" / "write_cassettes.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_cassettes_for_every_incident_in_each_set() -> None:
    incidents = {p.stem for p in INCIDENTS.glob("*.yaml")}
    assert len(incidents) >= 12
    sets = recorded_sets(CASSETTES)
    assert len(sets) >= 3
    for spec in sets:
        folder = CASSETTES / spec.label.replace("/", "__")
        assert {p.stem for p in folder.glob("*.yaml")} - {"_set"} == incidents, spec


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_cassette_holds_anything_that_looks_like_a_key(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert find_secrets(text) == []
    data = yaml.safe_load(text)
    for interaction in data["interactions"]:
        headers = {name.lower() for name in interaction["request"].get("headers") or {}}
        assert not headers & {"authorization", "x-api-key", "api-key"}


@pytest.mark.parametrize("path", ALL_CASSETTES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_hand_written_cassettes_say_so(path: Path) -> None:
    meta = yaml.safe_load(path.read_text(encoding="utf-8")).get("brief_meta")
    assert meta, f"{path} has no brief_meta: a live recording must not sit among the fixtures"
    assert "hand" in meta["source"].lower() and "not a live recording" in meta["source"]
    assert meta["note"]
    assert meta["expect"]["valid"] in (True, False)


def test_the_key_scanner_finds_planted_keys() -> None:
    planted = [
        "Authorization: Bearer abcdefghijklmnop",
        "x-api-key: ['sk-ant-api03-AbCdEfGhIjKlMnOpQrSt']",
        '"api_key": "0123456789abcdef0123"',
        "aws: AKIAIOSFODNN7EXAMPLE",
        "OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz",
    ]
    for text in planted:
        assert find_secrets(text), text
    assert find_secrets("max_tokens: 4096, the api-key header is filtered") == []


def test_recording_drops_account_headers_from_responses() -> None:
    recorder = make_vcr(CASSETTES, mode="record")
    response = {
        "headers": {"Set-Cookie": ["__cf_bm=abc"], "openai-organization": ["user-x"], "x-ok": ["1"]}
    }
    kept = recorder.before_record_response(response)
    assert kept["headers"] == {"x-ok": ["1"]}


def test_the_generator_reproduces_the_committed_cassettes(tmp_path: Path) -> None:
    generator = _load_generator()
    count = generator.write_all(tmp_path, load_incidents([INCIDENTS]))
    assert count == len(ALL_CASSETTES)
    for path in ALL_CASSETTES:
        fresh = tmp_path / path.relative_to(CASSETTES)
        assert fresh.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{path} differs from what scripts/write_cassettes.py writes now (the good replies use "
            "the offline writer's wording): re-run `.venv/bin/python scripts/write_cassettes.py`"
        )
