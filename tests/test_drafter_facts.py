"""Incident facts: loading, validation messages a person can act on, unknowns, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from drafter import FactsError, IncidentFacts, Unknown, dump_facts, load_facts, validate_facts
from tests.conftest import INCIDENTS

CONVERSION = Path(__file__).resolve().parent.parent / "fixtures/incidents/conversion-drop.yaml"


def facts_data() -> dict:
    return yaml.safe_load(CONVERSION.read_text(encoding="utf-8"))


def problems_of(data: dict) -> dict[str, str]:
    with pytest.raises(FactsError) as caught:
        validate_facts(data)
    return caught.value.by_field()


@pytest.mark.parametrize("path", INCIDENTS, ids=lambda p: p.stem)
def test_every_example_incident_loads(path: Path) -> None:
    facts = load_facts(path)
    assert isinstance(facts, IncidentFacts)
    assert facts.mitigation and facts.prevention


def test_at_least_the_three_guide_examples_exist() -> None:
    names = {p.stem for p in INCIDENTS}
    assert {"conversion-drop", "fraud-blocking-good-orders", "pricing-wrong-prices"} <= names


def test_missing_impact_is_named() -> None:
    data = facts_data()
    del data["impact"]
    assert problems_of(data) == {"impact": "is required"}


def test_impact_without_any_number_is_rejected() -> None:
    data = facts_data()
    data["impact"] = {"period": "this week", "other": "customers are unhappy"}
    problems = problems_of(data)
    assert list(problems) == ["impact"]
    assert "at least one number" in problems["impact"]


def test_text_where_a_number_belongs_names_the_field_and_value() -> None:
    data = facts_data()
    data["impact"]["money"]["amount"] = "about fifty grand"
    problems = problems_of(data)
    assert list(problems) == ["impact.money.amount"]
    assert "must be a number" in problems["impact.money.amount"]
    assert "about fifty grand" in problems["impact.money.amount"]


def test_bad_date_in_a_plan_step_points_at_the_step() -> None:
    data = facts_data()
    data["mitigation"][1]["due"] = "next Friday"
    problems = problems_of(data)
    assert list(problems) == ["mitigation[1].due"]
    assert "2026-12-04" in problems["mitigation[1].due"]


def test_misspelled_field_is_reported_as_unknown() -> None:
    data = facts_data()
    data["root_casue"] = data.pop("root_cause")
    problems = problems_of(data)
    assert problems["root_casue"].startswith("is not a known field")
    assert problems["root_cause"] == "is required"


def test_empty_plan_is_rejected() -> None:
    data = facts_data()
    data["mitigation"] = []
    assert problems_of(data) == {"mitigation": "needs at least one entry"}


@pytest.mark.parametrize("word", ["unknown", "Under investigation", "TBD"])
def test_facts_can_be_marked_unknown(word: str) -> None:
    data = facts_data()
    data["root_cause"] = word
    data["impact"]["customers_affected"] = word
    facts = validate_facts(data)
    assert isinstance(facts.root_cause, Unknown)
    assert facts.unknown_facts() == ["impact.customers_affected", "root_cause"]


def test_unknown_with_a_note_keeps_the_note() -> None:
    data = facts_data()
    data["root_cause"] = {"unknown": "log review finishes Friday"}
    facts = validate_facts(data)
    assert str(facts.root_cause) == "log review finishes Friday"


def test_missing_file_unreadable_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match="no such file"):
        load_facts(tmp_path / "absent.yaml")
    binary = tmp_path / "facts.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x01binary")
    with pytest.raises(FactsError, match="not UTF-8"):
        load_facts(binary)
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(FactsError, match="not valid YAML or JSON at line 2"):
        load_facts(broken)
    empty = tmp_path / "empty.yaml"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(FactsError, match="empty"):
        load_facts(empty)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(FactsError, match="mapping"):
        load_facts(listing)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_dump_and_load_round_trip(tmp_path: Path, fmt: str) -> None:
    facts = load_facts(CONVERSION)
    path = tmp_path / f"facts.{fmt}"
    path.write_text(dump_facts(facts, fmt), encoding="utf-8")
    if fmt == "json":
        json.loads(path.read_text(encoding="utf-8"))
    assert load_facts(path) == facts
