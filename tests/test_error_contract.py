"""One error contract: review() raises only InputError or ConfigError; the CLI exits 2 with one
line and no traceback for any bad input or option; a draft is never lost to an output error;
history readers survive rows that no longer validate and read-only files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import critic
from brief import failures
from brief.cli import main
from brief.history import HistoryStore
from critic import ConfigError, InputError, review
from critic.config import config_from_file

ROOT = Path(__file__).resolve().parent.parent
GOOD_FACTS = ROOT / "fixtures" / "incidents" / "conversion-drop.yaml"
BRIEF = Path(sys.executable).with_name("brief")
GOOD_DRAFT = (ROOT / "fixtures" / "drafts" / "good_briefing.md").read_text(encoding="utf-8")


def _facts(tmp_path: Path, change, name: str = "facts.yaml") -> Path:
    data = yaml.safe_load(GOOD_FACTS.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _one_line_exit_2(code: int, err: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


# --- review() -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The model failed \ud800 yesterday and we lost sales.", "lone surrogate"),
        ("word " * 2000 + "\x1b[31m red", "control character (U+001B)"),
        ("word " * 2000 + "\x00", "binary"),
        ("a" * 1_000_001, "too long"),
        ("   \n  ", "empty"),
    ],
    ids=["surrogate", "escape-after-8KiB", "nul-after-8KiB", "too-long", "empty"],
)
def test_review_raises_input_error(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        review(text)
    assert expected in str(caught.value)


def test_unknown_kind_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline must not load for an unknown kind")

    monkeypatch.setattr("critic.engine.load_pipeline", no_work)
    monkeypatch.setattr("critic.engine.to_plain", no_work)
    with pytest.raises(InputError, match="unknown kind 'memo'"):
        review(GOOD_DRAFT, kind="memo")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="unknown kind"):
        critic.review_many([GOOD_DRAFT], kind="memo")  # type: ignore[arg-type]


def test_unknown_spacy_model_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_SPACY_MODEL", "en_core_web_xl")
    with pytest.raises(ConfigError, match="unknown spaCy model"):
        review(GOOD_DRAFT)


@pytest.mark.parametrize("table", ["accept", "reject"])
def test_empty_glossary_terms_are_refused(tmp_path: Path, table: str) -> None:
    path = tmp_path / "brief.toml"
    path.write_text(f'[critic.glossary]\n{table} = ["latency", "  "]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="glossary term is empty"):
        config_from_file(path)
    path.write_text('[critic.glossary.terms]\n"" = "nothing"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="glossary term is empty"):
        config_from_file(path)


def test_pyproject_tool_not_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = "brief"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'tool' must be a table"):
        config_from_file(tmp_path / "pyproject.toml")
    draft = tmp_path / "d.md"
    draft.write_text(GOOD_DRAFT, encoding="utf-8")
    code = main(["critique", str(draft), "--config", str(tmp_path / "pyproject.toml")])
    assert "'tool' must be a table" in _one_line_exit_2(code, capsys.readouterr().err)


# --- the CLI: facts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: " + "[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('{"title": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested too deeply"),
    ],
    ids=["yaml", "json"],
)
def test_deeply_nested_facts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(content, encoding="utf-8")
    assert expected in _one_line_exit_2(main(["draft", str(path)]), capsys.readouterr().err)


def _set(path: str, value: object):
    def change(data: dict) -> None:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("next_report_due", "2026-02-30", "next_report_due: must be a date"),
        ("mitigation.0.due", "2026-13-01", "mitigation[0].due: must be a date"),
        ("impact.customers_affected", "9" * 5000, "impact.customers_affected"),
        ("impact.orders_affected", 10**40, "impact.orders_affected: is too large"),
        ("impact.money", {"amount": float("inf")}, "impact.money.amount: must be a real number"),
        ("impact.money", {"amount": float("nan")}, "impact.money.amount: must be a real number"),
        ("impact.money", {"amount": 1e300}, "impact.money.amount: is too large"),
    ],
    ids=["feb-30", "month-13", "5000-digits", "1e40-orders", "inf", "nan", "1e300"],
)
def test_impossible_values_are_field_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, value: object, expected: str
) -> None:
    facts = _facts(tmp_path, _set(path, value))
    code = main(["draft", str(facts)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert expected in err
    assert "9" * 100 not in err  # a huge value is never echoed whole


def test_inf_written_as_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD_FACTS.read_text(encoding="utf-8")
    for literal in (".inf", ".nan", "-.inf"):
        path = tmp_path / "f.yaml"
        data = yaml.safe_load(text)
        data["impact"]["money"] = {"amount": "PLACEHOLDER"}
        path.write_text(yaml.safe_dump(data).replace("PLACEHOLDER", literal), encoding="utf-8")
        assert main(["draft", str(path)]) == 2
        err = capsys.readouterr().err
        assert "must be a real number, not infinity or NaN" in err, literal
        assert "must not be negative" not in err


# --- the CLI: output ------------------------------------------------------------------------


def test_out_is_a_directory_or_missing_folder_fails_before_drafting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import drafter

    monkeypatch.setattr(
        drafter, "generate_draft", lambda *a, **k: pytest.fail("drafted before checking --out")
    )
    line = _one_line_exit_2(
        main(["draft", str(GOOD_FACTS), "--out", str(tmp_path)]), capsys.readouterr().err
    )
    assert "is a directory" in line
    missing = tmp_path / "no" / "such" / "draft.md"
    line = _one_line_exit_2(
        main(["draft", str(GOOD_FACTS), "--out", str(missing)]), capsys.readouterr().err
    )
    assert "does not exist" in line


def test_draft_is_kept_when_the_output_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(failures, "_write_owner_only", full_disk)
    monkeypatch.chdir(tmp_path)
    code = main(["draft", str(GOOD_FACTS), "--out", str(tmp_path / "draft.md")])
    line = _one_line_exit_2(code, capsys.readouterr().err)
    assert "No space left on device" in line and "the draft is saved in" in line
    recovered = Path(line.rsplit("saved in ", 1)[1].strip())
    assert recovered.is_file() and "# " in recovered.read_text(encoding="utf-8")
    assert stat.S_IMODE(recovered.stat().st_mode) == 0o600


def test_closed_stdout_after_drafting_keeps_the_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        closed = False

        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

        def flush(self) -> None:
            return None

    monkeypatch.chdir(tmp_path)
    real = sys.stdout
    monkeypatch.setattr(failures, "stdout", lambda: Broken() if sys.stdout is not real else real)
    monkeypatch.setattr(sys, "stdout", Broken())
    code = main(["draft", str(GOOD_FACTS)])
    line = _one_line_exit_2(code, capsys.readouterr().err)
    assert "the draft is saved in" in line
    assert Path(line.rsplit("saved in ", 1)[1]).read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize(
    ("args", "redirect", "expected"),
    [
        (["draft", "-"], "<&-", "standard input is closed"),
        (["critique", "-"], "<&-", "standard input is closed"),
        (["draft", str(GOOD_FACTS)], ">&-", "standard output is closed"),
        (["critique", str(ROOT / "fixtures" / "drafts" / "good_briefing.md")], ">&-", "closed"),
    ],
    ids=["draft-stdin", "critique-stdin", "draft-stdout", "critique-stdout"],
)
def test_closed_standard_streams(args: list[str], redirect: str, expected: str) -> None:
    command = " ".join([str(BRIEF), *[f"'{a}'" for a in args], redirect])
    done = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, check=False, timeout=300
    )
    line = _one_line_exit_2(done.returncode, done.stderr)
    assert expected in line


def test_critique_control_characters_after_8_kib(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "log.md"
    path.write_text(GOOD_DRAFT + "\n" + "x " * 5000 + "\x1b[0m done\n", encoding="utf-8")
    line = _one_line_exit_2(main(["critique", str(path)]), capsys.readouterr().err)
    assert "control character (U+001B)" in line and "line" in line


def test_critique_refuses_oversized_input_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(4_000_001)  # sparse: nothing to read, only the size is known
    line = _one_line_exit_2(main(["critique", str(path)]), capsys.readouterr().err)
    assert "too long" in line and "1,000,000 characters" in line


def test_unexpected_errors_are_one_line_with_code_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import brief.commands.critique as critique

    def bug(args: object) -> int:
        raise TypeError("something Brief got wrong")

    monkeypatch.setattr(critique, "run", bug)
    monkeypatch.delenv("BRIEF_DEBUG", raising=False)
    code = main(["critique", "x.md"])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err and "internal error" in err
    assert len(err.strip().splitlines()) == 1


# --- history --------------------------------------------------------------------------------


def _store_with_rows(path: Path) -> HistoryStore:
    store = HistoryStore(path)
    store.save_critique(GOOD_DRAFT, None, title="good")
    store.save_critique("second draft, plain words", None, title="second")
    return store


def test_history_rows_that_fail_validation_are_skipped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _store_with_rows(path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute("UPDATE entries SET created_at = 'not a date' WHERE title = 'good'")
        db.execute("UPDATE versions SET label = 'mangled' WHERE id = 2")
    reader = HistoryStore(path)
    titles = [entry.title for entry in reader.list_entries()]
    assert titles == ["second"]
    assert reader.get_entry(1) is None
    assert [v.id for v in reader.list_versions()] == [1]
    assert reader.get_version(2) is None
    assert any("skipped entry 1" in note for note in reader.notes)
    assert any("skipped version 2" in note for note in reader.notes)


def test_history_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    _store_with_rows(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    HistoryStore(path).list_entries()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _read_only(paths: list[Path]) -> list[list[str]]:
    """Make paths unwritable even for root (chattr +i), else by mode; the undo commands."""
    if os.geteuid() == 0 and shutil.which("chattr"):
        for path in paths:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        return [["chattr", "-i", str(path)] for path in paths]
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return [["chmod", "755" if path.is_dir() else "644", str(path)] for path in paths]


def test_read_only_history_is_readable(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "history.sqlite3"
    _store_with_rows(path)
    undo = _read_only([path, folder])
    try:
        with pytest.raises(OSError):
            path.open("ab")  # really read-only
        store = HistoryStore(path)
        assert [entry.title for entry in store.list_entries()] == ["second", "good"]
        assert len(store.list_versions()) == 2
    finally:
        for command in undo:
            subprocess.run(command, check=False)
