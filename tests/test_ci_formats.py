"""`brief critique --format sarif|github|rdjson`: what CI systems read, checked field by field.

The SARIF log is validated against the official SARIF 2.1.0 schema (tests/data, see its README).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from brief.cli import main
from critic import review

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "fixtures" / "drafts"
SCHEMA = json.loads((ROOT / "tests/data/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
UNICODE_DRAFT = (
    "# Café checkout — model failure\n"
    "\n"
    "Our model refused 9,400 good orders last week, about €84,000 in lost sales.\n"
    "The threshold was changed on Monday. The p99 latency of the embeddings service doubled.\n"
)


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)  # relative paths, no brief.toml from the repo
    shutil.copy(DRAFTS / "deflecting_jargon.md", tmp_path / "deflecting.md")
    (tmp_path / "café.md").write_text(UNICODE_DRAFT, encoding="utf-8")
    return [Path("deflecting.md"), Path("café.md")]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["critique", *args])
    return code, capsys.readouterr().out


def test_sarif_is_valid_against_the_2_1_0_schema(drafts, capsys) -> None:
    code, out = _run(capsys, *map(str, drafts), "--format", "sarif")
    assert code == 1  # the deflecting draft has error-level findings
    log = json.loads(out)
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]

    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["columnKind"] == "unicodeCodePoints"
    texts = {str(p): p.read_text(encoding="utf-8") for p in drafts}
    reports = {name: review(text) for name, text in texts.items()}
    assert len(run["results"]) == sum(len(r.findings) for r in reports.values())
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        name = {"caf%C3%A9.md": "café.md"}.get(location["artifactLocation"]["uri"])
        name = name or location["artifactLocation"]["uri"]
        region = location["region"]
        text = texts[name]
        start = region["charOffset"]
        assert text[start : start + region["charLength"]] == region["snippet"]["text"]
        assert text.count("\n", 0, start) + 1 == region["startLine"]
        assert start - (text.rfind("\n", 0, start) + 1) + 1 == region["startColumn"]


def test_sarif_fixes_replace_the_right_text(drafts, capsys) -> None:
    _, out = _run(capsys, str(drafts[1]), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    applied = {}
    for result in results:
        for fix in result.get("fixes", []):
            replacement = fix["artifactChanges"][0]["replacements"][0]
            region = replacement["deletedRegion"]
            start, length = region["charOffset"], region["charLength"]
            old = UNICODE_DRAFT[start : start + length]
            applied[old] = replacement["insertedContent"]["text"]
    assert applied["The threshold was changed on Monday."] == "We changed the threshold on Monday."
    assert any(old.startswith("p99") for old in applied)


def test_github_annotations(drafts, capsys) -> None:
    code, out = _run(capsys, *map(str, drafts), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    pattern = re.compile(
        r"^::(error|warning|notice) file=([^,]+),line=(\d+)(?:,col=(\d+))?,endLine=(\d+)"
        r"(?:,endColumn=(\d+))?,title=([^:]+)::(.+)$"
    )
    findings = sum(len(review(p.read_text(encoding="utf-8")).findings) for p in drafts)
    assert len(lines) == findings
    for line in lines:
        match = pattern.match(line)
        assert match, line
        assert match.group(2) in {"deflecting.md", "café.md"}
        assert "\n" not in match.group(8)
    severities = {pattern.match(line).group(1) for line in lines}
    assert "error" in severities


def test_github_escapes_newlines_and_percent(drafts, capsys) -> None:
    from brief.ci_formats import github

    report = review(UNICODE_DRAFT)
    finding = report.findings[0].model_copy(update={"message": "50% off\nnext line"})
    out = github([("a,b:c.md", UNICODE_DRAFT, report.model_copy(update={"findings": [finding]}))])
    assert out.count("\n") == 1
    assert "file=a%2Cb%3Ac.md" in out and "50%25 off%0Anext line" in out


def test_rdjson_uses_utf8_byte_columns_and_carries_suggestions(drafts, capsys) -> None:
    code, out = _run(capsys, str(drafts[1]), "--format", "rdjson", "--min-severity", "warning")
    assert code == 1  # open jargon warnings: not ready to send (exit 1)
    payload = json.loads(out)
    assert payload["source"]["name"] == "brief"
    diagnostics = payload["diagnostics"]
    assert diagnostics and all(d["severity"] in {"ERROR", "WARNING"} for d in diagnostics)
    passive = next(d for d in diagnostics if d["code"]["value"] == "blame.agentless-passive")
    start = passive["location"]["range"]["start"]
    line = UNICODE_DRAFT.split("\n")[start["line"] - 1]
    assert line.encode("utf-8")[start["column"] - 1 :].startswith(b"was changed")
    assert passive["suggestions"][0]["text"] == "We changed the threshold on Monday."
    # the € on line 3 makes byte and character columns differ there
    euro_line = [d for d in diagnostics if d["location"]["range"]["start"]["line"] == 3]
    for d in euro_line:
        column = d["location"]["range"]["start"]["column"]
        text_line = UNICODE_DRAFT.split("\n")[2].encode("utf-8")
        assert text_line[column - 1 :].decode("utf-8")  # lands on a character boundary


def test_pre_commit_hooks_file_runs_brief_critique() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["brief-critique"]["entry"] == "brief critique"
    assert by_id["brief-critique"]["language"] == "python"
    assert "markdown" in by_id["brief-critique"]["types_or"]
    assert by_id["brief-critique-github"]["entry"].endswith("--format github")
