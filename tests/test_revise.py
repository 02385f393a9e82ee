"""drafter.revise: the draft rewritten from the critic's findings, never inventing a figure."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from brief.cassettes import make_vcr
from brief.cli import main
from brief.evaluation import ModelSpec, load_incidents, run_evaluation
from critic.grounding import fact_figures, figures_in, judge
from drafter import DrafterConfig, compose_offline_draft, generate_draft, load_facts
from drafter.revise import _Reply, draft_parts, revise, split_markdown

# the module, not the `drafter.revise` function the package exports under the same name
revise_module = importlib.import_module("drafter.revise")
ROOT = Path(__file__).resolve().parent.parent
INCIDENTS = ROOT / "fixtures" / "incidents"
CASSETTES = ROOT / "fixtures" / "cassettes"
FRAUD = INCIDENTS / "fraud-blocking-good-orders.yaml"
DEFLECTING = ROOT / "fixtures" / "drafts" / "deflecting_jargon.md"
OFFLINE = DrafterConfig(model="offline/template")


def _family_count(version, families: tuple[str, ...]) -> int:
    return sum(version.findings_by_family().get(family, 0) for family in families)


def test_offline_revision_of_a_jargon_heavy_deflecting_draft() -> None:
    facts = load_facts(FRAUD)
    original = DEFLECTING.read_text(encoding="utf-8")
    result = revise(split_markdown(original), facts, OFFLINE, rounds=2)
    first, final = result.first, result.final
    before = _family_count(first, ("jargon", "blame"))
    after = _family_count(final, ("jargon", "blame"))
    assert before >= 9 and after * 3 <= before, (before, after)
    # every figure in the final text was in the draft or is in the facts
    known = fact_figures(facts)
    written = {f.text for f in figures_in(original)}
    for figure in figures_in(final.parts["briefing"]):
        assert figure.text in written or judge(figure, known).supported, figure.text
    # a missing date becomes a visible placeholder, which keeps the draft from passing
    assert "[add: the date]" in final.parts["briefing"] and not result.passed
    assert "I own this" in final.parts["briefing"]
    assert [v.number for v in result.versions] == list(range(len(result.versions)))
    assert all(v.reports for v in result.versions)


def test_a_passing_draft_is_not_revised() -> None:
    facts = load_facts(FRAUD)
    result = revise(compose_offline_draft(facts), facts, OFFLINE, rounds=2)
    assert [v.status for v in result.versions] == ["original"]
    assert result.passed and result.stopped == "the draft passes the critic"


def _replay(label: str, incident: str, rounds: int = 2):
    facts = load_facts(INCIDENTS / f"{incident}.yaml")
    config = DrafterConfig(
        model="openai/gpt-4o-mini", api_key=SecretStr("replay-without-a-key"), backoff_s=0.0
    )
    with make_vcr(CASSETTES, "replay").use_cassette(f"{label}/{incident}.yaml"):
        drafted = generate_draft(facts, config)
        return revise(drafted.draft, facts, config, rounds=rounds)


def test_replayed_revision_that_invents_a_figure_is_rejected() -> None:
    result = _replay("flawed", "conversion-drop")
    statuses = [v.status for v in result.versions]
    assert statuses == ["original", "rejected", "accepted"]
    rejected = result.versions[1]
    assert "$9.8 million" in " ".join(rejected.reasons)
    assert result.passed and result.final_number == 2
    assert not result.first.passed


def test_replayed_revision_passes_in_two_rounds() -> None:
    result = _replay("flawed", "claims-triage-delays")
    assert [v.status for v in result.versions] == ["original", "accepted", "accepted"]
    assert [v.passed for v in result.versions] == [False, False, True]
    weights = [v.weighted for v in result.versions]
    assert weights[0] > weights[1] > weights[2]
    assert result.versions[1].fixed and result.versions[2].fixed


@pytest.mark.parametrize("incident", ["churn-retention-offers", "pricing-wrong-prices"])
def test_replayed_flawed_drafts_pass_after_one_round(incident: str) -> None:
    result = _replay("flawed", incident)
    assert not result.first.passed and result.passed and result.final_number == 1


def _fake_model(monkeypatch: pytest.MonkeyPatch, change) -> None:
    def ask(facts, parts, reports, config, number, rejected):
        return _Reply(parts=change(dict(parts)))

    monkeypatch.setattr(revise_module, "_ask", ask)


def _flawed_parts() -> tuple[dict[str, str], object]:
    facts = load_facts(FRAUD)
    parts = draft_parts(compose_offline_draft(facts))
    parts["briefing"] = parts["briefing"].replace(
        "## Impact\n\n", "## Impact\n\nThis was beyond our control. ", 1
    )
    return parts, facts


def test_a_round_that_does_not_help_stops_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    parts, facts = _flawed_parts()
    _fake_model(monkeypatch, lambda p: p)
    result = revise(parts, facts, DrafterConfig(model="openai/gpt-4o-mini"), rounds=3)
    assert [v.status for v in result.versions] == ["original", "no gain"]
    assert result.final_number == 0 and "did not lower" in result.stopped


def test_a_round_that_drops_an_element_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    parts, facts = _flawed_parts()

    def drop_containment(p: dict[str, str]) -> dict[str, str]:
        # the plan is also read from the prevention steps (sections by meaning): what was done
        # so far lives only under its own heading, so dropping it drops the element
        briefing = p["briefing"].replace("This was beyond our control. ", "")
        head, _, rest = briefing.partition("## Containment")
        p["briefing"] = head + "## Prevention" + rest.partition("## Prevention")[2]
        return p

    _fake_model(monkeypatch, drop_containment)
    result = revise(parts, facts, DrafterConfig(model="openai/gpt-4o-mini"), rounds=2)
    assert [v.status for v in result.versions] == ["original", "rejected", "rejected"]
    assert any("no longer covers" in reason for reason in result.versions[1].reasons)
    assert result.final_number == 0


def test_an_invalid_reply_is_a_rejected_round(monkeypatch: pytest.MonkeyPatch) -> None:
    parts, facts = _flawed_parts()
    monkeypatch.setattr(
        revise_module, "_ask", lambda *a: _Reply(parts=None, problem="the reply was empty.")
    )
    result = revise(parts, facts, DrafterConfig(model="openai/gpt-4o-mini"), rounds=1)
    assert [v.status for v in result.versions] == ["original", "rejected"]
    assert result.versions[1].reasons == ["the reply was empty."]


def test_the_revise_prompt_carries_facts_draft_and_findings() -> None:
    parts, facts = _flawed_parts()
    reports = revise_module.review_parts(parts, facts)
    messages = revise_module.build_revise_messages(
        facts, parts, reports, round_number=2, rejected=["it added “$9.8 million”."]
    )
    user = messages[1]["content"]
    assert "<incident_facts>" in user and "<draft>" in user and "<findings>" in user
    findings = json.loads(user.split("<findings>\n", 1)[1].split("\n</findings>", 1)[0])
    assert any(
        f["part"] == "briefing"
        and f["rule"] == "blame.deflection"
        and f["flagged"] == "beyond our control"
        and f["suggestion"]
        for f in findings
    )
    assert "rejected" in user and "$9.8 million" in user
    assert "[add: revenue impact in $]" in messages[0]["content"]


def test_cli_revise_prints_every_round(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["revise", str(DEFLECTING), "--facts", str(FRAUD), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1  # a placeholder is left to fill
    assert out["versions"][0]["status"] == "original" and len(out["versions"]) == 3
    assert out["versions"][0]["reports"]["briefing"]["findings"]


def test_cli_revise_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["revise", str(empty), "--facts", str(FRAUD)]) == 2
    assert "is empty" in capsys.readouterr().err
    assert main(["revise", str(DEFLECTING), "--facts", str(tmp_path / "no.yaml")]) == 2
    assert main(["revise", str(DEFLECTING), "--facts", str(FRAUD), "--rounds", "-1"]) == 2


def test_cli_draft_then_revise(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["draft", str(FRAUD), "--revise", "2"])
    captured = capsys.readouterr()
    assert code == 0 and "# Revision rounds" in captured.out
    assert "Version 0, original (final)" in captured.out and "passes" in captured.err


def test_eval_reports_pass_rates_before_and_after_revision() -> None:
    incidents = [
        i
        for i in load_incidents([INCIDENTS])
        if i.id in {"conversion-drop", "claims-triage-delays", "credit-scoring-declines"}
    ]
    flawed = ModelSpec.parse("flawed=openai/gpt-4o-mini")
    result = run_evaluation(
        incidents, [flawed], mode="replay", cassettes=CASSETTES, revise_rounds=2
    )
    summary = result.summaries[0].revision
    assert summary is not None
    assert summary.pass_rate_before == 0.0
    assert summary.pass_rate_after == round(2 / 3, 4)  # the third has no valid draft
    assert summary.rejected_rounds == 1
    assert (
        summary.mean_findings_by_family_after["length"]
        < summary.mean_findings_by_family_before["length"]
    )
