"""`brief eval`: formats, output file, baseline diff, --min-pass-rate and usage errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from brief.cli import main
from brief.evaluation import EvalResult, EvalRow, ModelSpec, diff_results, summarize_rows

ROOT = Path(__file__).resolve().parent.parent
INCIDENTS = ROOT / "fixtures" / "incidents"
CASSETTES = ROOT / "fixtures" / "cassettes"
TWO = [str(INCIDENTS / "conversion-drop.yaml"), str(INCIDENTS / "delivery-eta-late.yaml")]
GOOD = ["--replay", "--model", "openai/gpt-4o-mini"]


def _eval(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["eval", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_the_saved_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _eval(capsys, *TWO, *GOOD, "--format", "json")
    assert code == 0
    result = EvalResult.model_validate_json(out)
    assert result.incidents == ["conversion-drop", "delivery-eta-late"]
    assert [row.status for row in result.rows] == ["pass", "pass"]
    assert result.summaries[0].pass_rate == 1.0 and result.summaries[0].cost_usd > 0


def test_table_markdown_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, table, _ = _eval(capsys, *TWO, *GOOD, "--model", "flawed=openai/gpt-4o-mini")
    assert code == 0
    assert "Summary per model" in table and "Verdict per incident" in table
    assert "conversion-drop" in table and "flawed" in table
    assert "FAIL num" in table  # the vague flawed draft, in the matrix cell

    code, md, _ = _eval(capsys, *TWO, *GOOD, "--format", "md")
    assert code == 0 and md.startswith("# Brief evaluation")
    assert "| incident | openai/gpt-4o-mini |" in md

    code, text, _ = _eval(capsys, *TWO, *GOOD, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["incident"] for r in rows] == ["conversion-drop", "delivery-eta-late"]
    assert {"jargon", "numbers", "blame", "length", "structure", "speaking_seconds"} <= set(rows[0])
    assert rows[0]["status"] == "pass" and float(rows[0]["cost_usd"]) > 0


def test_out_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "reports" / "eval.json"
    code, out, err = _eval(capsys, *TWO, *GOOD, "--format", "json", "--out", str(target))
    assert code == 0 and out == "" and "wrote" in err
    assert EvalResult.model_validate_json(target.read_text(encoding="utf-8")).rows


def test_the_offline_model_passes_every_new_incident(capsys: pytest.CaptureFixture[str]) -> None:
    # conversion-drop, fraud and pricing belong to the drafter's own examples; see the report.
    new = [
        str(p)
        for p in sorted(INCIDENTS.glob("*.yaml"))
        if p.stem not in ("conversion-drop", "fraud-blocking-good-orders", "pricing-wrong-prices")
    ]
    code, out, _ = _eval(capsys, *new, "--model", "offline/template", "--format", "json")
    assert code == 0
    result = EvalResult.model_validate_json(out)
    assert len(result.rows) >= 9 and result.mode == "live"
    failing = {r.incident: r.rules for r in result.rows if r.status != "pass"}
    assert failing == {}


def test_min_pass_rate_sets_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    flawed = ["--replay", "--model", "flawed=openai/gpt-4o-mini"]
    code, _, err = _eval(capsys, *flawed, "--min-pass-rate", "0.9", "--format", "csv")
    assert code == 1
    assert "flawed passed" in err and "below --min-pass-rate 90%" in err
    code, _, err = _eval(capsys, *flawed, "--min-pass-rate", "0%", "--format", "csv")
    assert code == 0 and err == ""
    code, _, _ = _eval(capsys, *TWO, *GOOD, "--min-pass-rate", "100%", "--format", "csv")
    assert code == 0


def test_baseline_diff_shows_regressions_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    assert main(["eval", *GOOD, "--format", "json", "--out", str(baseline)]) == 0
    # The same model label, now answered by the flawed replies.
    swapped = tmp_path / "cassettes"
    shutil.copytree(CASSETTES / "flawed", swapped / "openai__gpt-4o-mini")
    args = ["--replay", "--model", "openai/gpt-4o-mini", "--cassettes", str(swapped)]
    code, out, err = _eval(capsys, *args, "--baseline", str(baseline))
    assert code == 1 and "rows regressed" in err
    assert "REGRESSED openai/gpt-4o-mini / credit-scoring-declines: pass" in out
    assert "-> rejected" in out
    result_json = tmp_path / "now.json"
    code = main(["eval", *args, "--format", "json", "--out", str(result_json)])
    now = EvalResult.model_validate_json(result_json.read_text(encoding="utf-8"))
    # And back: the good replies against the flawed baseline improve.
    code, out, _ = _eval(capsys, *GOOD, "--baseline", str(result_json))
    assert code == 0
    assert "improved  openai/gpt-4o-mini / credit-scoring-declines: rejected -> pass" in out
    assert now.summaries[0].pass_rate < 0.5


def _row(model: str, incident: str, status: str, findings: int = 0) -> EvalRow:
    valid = status in ("pass", "fail")
    return EvalRow(
        model=model,
        litellm_model=model,
        incident=incident,
        title=incident,
        status=status,  # type: ignore[arg-type]
        valid=valid,
        findings={"numbers": findings} if valid else {},
        rules=["numbers.vague-quantity"] * bool(findings),
    )


def _result(rows: list[EvalRow]) -> EvalResult:
    specs = [ModelSpec.parse(m) for m in dict.fromkeys(r.model for r in rows)]
    return EvalResult(
        mode="replay",
        prompt_version="draft-v1",
        incidents=list(dict.fromkeys(r.incident for r in rows)),
        models=specs,
        rows=rows,
        summaries=summarize_rows(specs, rows),
    )


def test_diff_counts_findings_new_and_removed_rows() -> None:
    before = _result(
        [_row("m", "a", "pass", 1), _row("m", "b", "pass", 2), _row("m", "c", "fail", 3)]
    )
    after = _result(
        [_row("m", "a", "pass", 4), _row("m", "b", "pass", 2), _row("m", "d", "rejected")]
    )
    diff = diff_results(before, after, "before.json")
    assert [(c.incident, c.change) for c in diff.regressed] == [("a", "regressed")]
    assert "pass (1 findings) -> pass (4 findings)" in diff.regressed[0].detail
    assert [c.incident for c in diff.new] == ["d"]
    assert [c.incident for c in diff.removed] == ["c"]
    assert diff.unchanged == 1
    assert diff.pass_rate_change == {"m": 0.0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-pass-rate", "most"], "--min-pass-rate must be a rate"),
        (["--concurrency", "0"], "--concurrency must be at least 1"),
        (["no/such/folder"], "no such file or folder: no/such/folder"),
        (["--replay", "--model", "openai/gpt-5"], "no cassettes for 'openai/gpt-5'"),
        (["--model", "openai/gpt-4o-mini"], "OPENAI_API_KEY"),
        (["--model", "=openai/x"], "--model takes MODEL or LABEL=MODEL"),
        (["--baseline", "missing.json"], "--baseline: no such file"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = _eval(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_replay_and_record_together_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["eval", "--replay", "--record"])
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_live_run_without_a_key_points_to_replay(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _eval(capsys, "--model", "openai/gpt-4o-mini")
    assert code == 2 and "--replay" in err


def test_invalid_facts_name_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("title: x\nimpact: {money: {amount: lots}}\n", encoding="utf-8")
    code, _, err = _eval(capsys, str(bad))
    assert code == 2 and str(bad) in err and "impact.money.amount" in err


def test_a_bad_baseline_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "base.json"
    bad.write_text(json.dumps({"rows": "nope"}), encoding="utf-8")
    code, _, err = _eval(capsys, *TWO, *GOOD, "--baseline", str(bad))
    assert code == 2 and "is not a brief eval result" in err
