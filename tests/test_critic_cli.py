"""`brief critique`: formats, exit codes and input errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from brief.cli import main

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no brief.toml / pyproject discovered from the repo


def test_good_draft_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["critique", str(DRAFTS / "good_briefing.md")]) == 0
    out = capsys.readouterr().out
    assert "ready to send, score" in out


def test_text_format_lines(capsys: pytest.CaptureFixture[str]) -> None:
    path = DRAFTS / "deflecting_jargon.md"
    assert main(["critique", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    first = lines[0]
    location, severity, rule = first.split(" ")[:3]
    file, line, column = location.rsplit(":", 2)
    assert file == str(path) and int(line) >= 1 and int(column) >= 1
    assert severity in {"error", "warning", "suggestion"} and "." in rule
    assert lines[1].startswith("    suggestion: ")


def test_json_single_and_many(capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = str(DRAFTS / "good_briefing.md"), str(DRAFTS / "rambling_briefing.md")
    assert main(["critique", "--format", "json", good]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == good and data["passed"] is True and set(data["coverage"]) >= {"impact"}
    assert main(["critique", "--format", "json", good, bad]) == 1
    many = json.loads(capsys.readouterr().out)
    assert [item["path"] for item in many] == [good, bad]
    assert any(f["rule"] == "length.words" for f in many[1]["findings"])


def test_min_severity_filters(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DRAFTS / "deflecting_jargon.md")
    main(["critique", "--format", "json", "--min-severity", "error", path])
    data = json.loads(capsys.readouterr().out)
    assert data["findings"] and {f["severity"] for f in data["findings"]} == {"error"}


def test_kind_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("You: We rolled back the model.\nCEO: Fine.\nYou: Thanks.\n", encoding="utf-8")
    main(["critique", "--format", "json", "--kind", "briefing", str(draft)])
    assert json.loads(capsys.readouterr().out)["kind"] == "briefing"


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Mistakes were made.")))
    assert main(["critique", "-"]) == 1  # an open blame warning: not ready to send
    out = capsys.readouterr().out
    assert "<stdin>:1:10 warning blame.agentless-passive" in out
    assert "not ready: 1 blame warning" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"\xff\xfe\xfa bad", "not UTF-8"),
        (b"\x00\x01bin", "binary"),
    ],
)
def test_input_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content, message
) -> None:
    path = tmp_path / "draft.md"
    if content is not None:
        path.write_bytes(content)
    assert main(["critique", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_invalid_config_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "brief.toml"
    config.write_text('[critic]\ndisable = ["blame.pasive"]\n', encoding="utf-8")
    assert main(["critique", "--config", str(config), str(DRAFTS / "good_briefing.md")]) == 2
    err = capsys.readouterr().err
    assert "unknown rule 'blame.pasive'" in err and "did you mean" in err


def test_cold_subprocess_has_no_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    result = subprocess.run(
        [sys.executable, "-m", "brief.cli", "critique", str(missing)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "no such file" in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "brief.cli", "critique", str(DRAFTS / "rambling_briefing.md")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1 and "length.sentence" in result.stdout
