"""The whole matrix replayed offline: every incident by every recorded model, then the critic.

Each hand-written cassette states in `brief_meta.expect` what the evaluation must conclude: good
replies pass the critic; flawed ones are flagged in the right family, or rejected with a reason
that names the problem. This test replays them all (the network is blocked) and checks each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from brief.evaluation import EvalResult, EvalRow, load_incidents, recorded_sets, run_evaluation
from brief.evaluation.cassette_sets import cassette_path

ROOT = Path(__file__).resolve().parent.parent
CASSETTES = ROOT / "fixtures" / "cassettes"
INCIDENTS = ROOT / "fixtures" / "incidents"
GOOD_SETS = (
    "openai/gpt-4o-mini",
    "anthropic/claude-sonnet-4-5",
    "anthropic/claude-3-5-haiku-20241022",
)


@pytest.fixture(scope="module")
def matrix() -> EvalResult:
    incidents = load_incidents([INCIDENTS])
    return run_evaluation(incidents, recorded_sets(CASSETTES), mode="replay", cassettes=CASSETTES)


def _cases() -> list[tuple[str, str]]:
    return [
        (spec.label, path.stem)
        for spec in recorded_sets(CASSETTES)
        for path in sorted(INCIDENTS.glob("*.yaml"))
    ]


def _expectation(result: EvalResult, label: str, incident: str) -> dict:
    spec = next(s for s in result.models if s.label == label)
    meta = yaml.safe_load(cassette_path(CASSETTES, spec, incident).read_text(encoding="utf-8"))
    return meta["brief_meta"]["expect"]


def _row(result: EvalResult, label: str, incident: str) -> EvalRow:
    return next(r for r in result.rows if r.model == label and r.incident == incident)


def test_the_matrix_has_every_incident_in_at_least_two_wire_formats(matrix: EvalResult) -> None:
    assert len(matrix.incidents) >= 12
    labels = {spec.label for spec in matrix.models}
    assert set(GOOD_SETS) <= labels and "flawed" in labels
    assert len(matrix.rows) == len(matrix.incidents) * len(matrix.models)
    assert matrix.mode == "replay"
    assert matrix.critic_engine


@pytest.mark.parametrize(("label", "incident"), _cases())
def test_each_replayed_draft_gets_the_expected_verdict(
    matrix: EvalResult, label: str, incident: str
) -> None:
    expect = _expectation(matrix, label, incident)
    row = _row(matrix, label, incident)
    context = f"{label}/{incident}: {row.status} {row.findings} {row.rules} {row.reason}"
    assert row.valid is expect["valid"], context
    if "status" in expect:
        assert row.status == expect["status"], context
    if "reason" in expect:
        assert row.reason and expect["reason"] in row.reason, context
    for family, minimum in expect.get("families", {}).items():
        assert row.findings[family] >= minimum, context
    if "repaired" in expect:
        assert row.repaired is expect["repaired"], context
        assert row.attempts == (2 if expect["repaired"] else 1), context
    if "unsupported_figures" in expect:
        for figure in expect["unsupported_figures"]:
            assert any(figure in found for found in row.unsupported_figures), context
    if row.valid:
        assert row.words and row.words > 50 and row.grade is not None, context
        assert row.speaking_seconds and row.speaking_seconds > 30, context
        assert row.input_tokens > 0 and row.output_tokens > 0, context
    else:
        assert row.critic_passed is None and row.reason, context


@pytest.mark.parametrize("label", GOOD_SETS)
def test_good_replies_pass_with_no_errors_and_no_invented_figures(
    matrix: EvalResult, label: str
) -> None:
    rows = [r for r in matrix.rows if r.model == label]
    assert [r.incident for r in rows if r.status != "pass"] == []
    assert all(r.errors == 0 and r.unsupported_figures == [] for r in rows)
    summary = matrix.summary_for(label)
    assert summary is not None and summary.pass_rate == 1.0 and summary.valid == len(rows)


def test_flawed_replies_are_caught(matrix: EvalResult) -> None:
    summary = matrix.summary_for("flawed")
    assert summary is not None
    assert summary.pass_rate < 0.5
    assert summary.rejected >= 3 and summary.repaired >= 2 and summary.errors >= 1
    flagged = {
        family
        for row in matrix.rows
        if row.model == "flawed" and row.valid
        for family, count in row.findings.items()
        if count >= 5
    }
    assert {"jargon", "blame", "length", "numbers"} <= flagged
    good = matrix.summary_for("openai/gpt-4o-mini")
    assert good is not None and summary.mean_findings > 2 * good.mean_findings


def test_costs_come_from_litellm_where_it_knows_the_model(matrix: EvalResult) -> None:
    openai = matrix.summary_for("openai/gpt-4o-mini")
    haiku = matrix.summary_for("anthropic/claude-3-5-haiku-20241022")
    assert openai is not None and openai.cost_usd and openai.cost_usd > 0
    # litellm 1.110.2's price list has no claude-3-5-haiku: the cost is unknown, not zero.
    assert haiku is not None and haiku.cost_usd is None
