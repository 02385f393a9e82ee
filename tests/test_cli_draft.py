"""`brief draft`: formats, output file, and exit code 2 with a clear message for bad facts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from brief.cli import main

ROOT = Path(__file__).resolve().parent.parent
FRAUD = ROOT / "fixtures/incidents/fraud-blocking-good-orders.yaml"


def test_json_output_is_a_valid_draft(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(FRAUD), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["draft"]) == {"briefing", "script", "qa"}
    assert data["meta"]["model"] == "offline/template"
    assert len(data["draft"]["qa"]) >= 7


def test_markdown_output_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(FRAUD)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Fraud model blocking good orders: ")
    assert "€180,000 in lost sales" in out
    assert "\nYou: Good morning, Miriam." in out
    assert "_Drafted by `offline/template` with prompt `draft-v1`" in out


def test_out_file_and_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "draft.json"
    assert main(["draft", str(FRAUD), "--format", "json", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["draft"]["briefing"]["subject"]
    monkeypatch.setattr(sys, "stdin", open(FRAUD, encoding="utf-8"))  # noqa: SIM115
    assert main(["draft", "-"]) == 0
    assert "# Fraud model blocking good orders" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"\x00\xff\xfe binary", "not UTF-8"),
        (b"title: Broken\nimpact:\n  period: this week\n", "impact: give at least one number"),
        (
            FRAUD.read_bytes().replace(b"amount: 180000", b"amount: a lot"),
            "impact.money.amount: must be a number",
        ),
    ],
    ids=["missing-file", "binary", "no-impact-number", "text-for-number"],
)
def test_bad_facts_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    path = tmp_path / "facts.yaml"
    if content is not None:
        path.write_bytes(content)
    assert main(["draft", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_missing_key_exits_1_and_says_which_variable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(FRAUD), "--model", "openai/gpt-4o-mini"]) == 1
    assert "Set OPENAI_API_KEY" in capsys.readouterr().err


def test_console_script_runs_cold() -> None:
    brief = Path(sys.executable).with_name("brief")
    done = subprocess.run(
        [str(brief), "draft", str(FRAUD), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["draft"]["briefing"]["subject"].startswith("Fraud model")
    assert done.stderr == ""


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["draft"])
    assert caught.value.code == 2
    assert main([]) == 2
