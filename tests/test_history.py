"""brief.history: the SQLite store of facts, drafts and critiques (path from BRIEF_HISTORY_DB)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import drafter
from brief.history import (
    HistoryError,
    HistoryStore,
    compare_versions,
    default_history_path,
)
from critic import review

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "nested" / "history.sqlite3")


@pytest.fixture(scope="module")
def drafted() -> tuple[drafter.IncidentFacts, drafter.DraftResult]:
    facts = drafter.load_facts(ROOT / "fixtures" / "incidents" / "conversion-drop.yaml")
    draft = drafter.compose_offline_draft(facts)
    meta = drafter.DraftMeta(model="offline/template", prompt_version="test", input_tokens=10)
    return facts, drafter.DraftResult(draft=draft, meta=meta)


def test_path_comes_from_the_environment_then_xdg(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEF_HISTORY_DB", str(tmp_path / "mine.sqlite3"))
    assert default_history_path() == tmp_path / "mine.sqlite3"
    monkeypatch.delenv("BRIEF_HISTORY_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_history_path() == tmp_path / "xdg" / "brief" / "history.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_history_path() == tmp_path / "home" / ".local/share/brief/history.sqlite3"


def test_store_uses_the_env_path_by_default(tmp_path: Path) -> None:
    # conftest points BRIEF_HISTORY_DB at a temporary file for every test
    store = HistoryStore()
    store.save_critique("We lost $5,000 this week.", None)
    assert store.path.exists()
    assert store.path.parent == tmp_path


def test_a_draft_is_saved_with_its_facts_result_and_checked_parts(store, drafted) -> None:
    facts, result = drafted
    briefing = drafter.briefing_markdown(result.draft)
    script = drafter.script_markdown(result.draft)
    report = review(briefing, kind="briefing")
    entry = store.save_draft(
        facts, result, {"briefing": (briefing, report), "script": (script, None)}
    )

    reopened = HistoryStore(store.path).get_entry(entry.id)  # a new process would do this
    assert reopened is not None
    assert reopened.kind == "draft"
    assert reopened.title == facts.title
    assert reopened.facts == facts
    assert reopened.result == result
    assert reopened.latest("briefing").text == briefing
    assert reopened.latest("briefing").report == report
    assert reopened.latest("briefing").score == report.score
    assert reopened.latest("script").report is None
    assert [s.id for s in store.list_entries()] == [entry.id]


def test_edits_become_versions_and_identical_text_is_not_saved_twice(store) -> None:
    entry = store.save_critique("# Outage\n\nThe alert was set too high.\n", None, source="a.md")
    assert entry.title == "Outage" and entry.source == "a.md"
    edited = "# Outage\n\nI set the alert too high.\n"
    first = store.add_version(entry.id, "text", edited, review(edited))
    again = store.add_version(entry.id, "text", edited, review(edited))
    assert again.id == first.id
    assert [v.label for v in store.list_versions(entry.id)] == ["pasted", "edited"]
    assert store.list_entries()[0].versions == 2


def test_compare_two_versions(store) -> None:
    old_text = "We saw significant model drift. The alert was set too high."
    new_text = "We lost 15% of sales. I set the alert too high."
    entry = store.save_critique(old_text, review(old_text))
    new = store.add_version(entry.id, "text", new_text, review(new_text))
    old = store.get_entry(entry.id).version_list[0]
    diff = compare_versions(old, new)
    deleted = "".join(p.text for p in diff.pieces if p.op == "delete")
    inserted = "".join(p.text for p in diff.pieces if p.op == "insert")
    assert "significant" in deleted and "15%" in inserted
    assert "".join(p.text for p in diff.pieces if p.op != "insert") == old_text
    assert "".join(p.text for p in diff.pieces if p.op != "delete") == new_text
    assert diff.words_added > 0 and diff.words_removed > 0
    assert diff.unified.startswith("--- version")
    assert diff.score_change == new.score - old.score


def test_delete_removes_the_entry_and_its_versions(store) -> None:
    keep = store.save_critique("Keep me.", None)
    gone = store.save_critique("Delete me.", None)
    store.add_version(gone.id, "text", "Delete me, edited.", None)
    assert store.delete_entry(gone.id) is True
    assert store.delete_entry(gone.id) is False
    assert store.get_entry(gone.id) is None
    assert [v.entry_id for v in store.list_versions()] == [keep.id]
    with pytest.raises(HistoryError, match="no longer exists"):
        store.add_version(gone.id, "text", "late edit", None)


def test_scratch_keeps_the_form_being_typed(store) -> None:
    assert store.load_scratch("facts_form") is None
    store.save_scratch("facts_form", {"values": {"title": "Half typed"}})
    store.save_scratch("facts_form", {"values": {"title": "Typed more"}})
    assert HistoryStore(store.path).load_scratch("facts_form") == {
        "values": {"title": "Typed more"}
    }
    store.clear_scratch("facts_form")
    assert store.load_scratch("facts_form") is None


def test_a_row_from_another_version_of_brief_still_opens(store) -> None:
    entry = store.save_critique("Text.", review("We lost $5,000."))
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE versions SET report_json = '{\"old\": true}'")
        db.execute("UPDATE entries SET facts_json = '{\"title\": 1}'")
    reopened = store.get_entry(entry.id)
    assert reopened is not None and reopened.version_list[0].report is None
    assert reopened.version_list[0].text == "Text."


def test_an_unwritable_path_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store = HistoryStore(blocker / "history.sqlite3")
    with pytest.raises(HistoryError, match="BRIEF_HISTORY_DB"):
        store.list_entries()
