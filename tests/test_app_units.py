"""The app's pure helpers: the facts form's state and the exports (no streamlit session)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

import drafter
from brief.ui.export import docx_bytes, findings_json, markdown_bundle
from brief.ui.form_state import (
    FormState,
    data_to_form,
    empty_form,
    form_to_data,
    number_or_text,
    read_facts_upload,
)
from critic import review

ROOT = Path(__file__).resolve().parent.parent
INCIDENTS = sorted((ROOT / "fixtures" / "incidents").glob("*.yaml"))


@pytest.mark.parametrize("path", INCIDENTS, ids=lambda p: p.stem)
def test_every_example_survives_the_form_and_an_autosave(path: Path) -> None:
    data = drafter.parse_facts_text(path.read_text(encoding="utf-8"))
    state, notes = data_to_form(data)
    assert notes == {}
    restored = FormState.from_jsonable(json.loads(json.dumps(state.to_jsonable())))
    assert drafter.validate_facts(form_to_data(restored)) == drafter.validate_facts(data)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("50000", 50000),
        ("50,000", 50000),
        ("$1,250.50", 1250.5),
        ("fifty thousand", "fifty thousand"),
    ],
)
def test_numbers_are_read_leniently_but_words_are_kept_for_the_validator(typed, expected) -> None:
    assert number_or_text(typed) == expected


def test_unknown_facts_and_blank_optional_fields() -> None:
    state = empty_form()
    state.values.update(
        {
            "impact.money.amount": "unknown",
            "impact.orders_affected": "1,200",
            "root_cause_unknown": True,
            "root_cause": "log review finishes Friday",
            "next_report_due": dt.date(2026, 12, 2),
            "next_report_due.time": "17:00",
            "prevention": "- retrain every 2 weeks\n\n* check data daily\n",
        }
    )
    data = form_to_data(state)
    assert data["impact"]["money"] == "unknown"
    assert data["impact"]["orders_affected"] == 1200
    assert data["root_cause"] == {"unknown": "log review finishes Friday"}
    assert data["next_report_due"] == "2026-12-02T17:00"
    assert data["prevention"] == ["retrain every 2 weeks", "check data daily"]
    assert "containment" not in data  # the empty row is left out
    assert "presenter" not in data


def test_a_value_that_cannot_go_in_a_date_box_is_reported_not_dropped() -> None:
    data = drafter.parse_facts_text(INCIDENTS[0].read_text(encoding="utf-8"))
    data["mitigation"][0]["due"] = "next Friday"
    state, notes = data_to_form(data)
    assert state.mitigation[0]["due"] is None
    assert "next Friday" in notes["mitigation[0].due"]


def test_reading_an_upload() -> None:
    state, _ = read_facts_upload("x.yaml", INCIDENTS[0].read_bytes())
    assert state.values["title"]
    with pytest.raises(drafter.FactsError, match=r"x\.yaml is not UTF-8"):
        read_facts_upload("x.yaml", b"\xff\xfe\x00title")
    with pytest.raises(drafter.FactsError, match="not valid YAML or JSON at line 1"):
        read_facts_upload("x.yaml", b"title: [unclosed")
    # values that are wrong still load, so they can be fixed in the form
    state, _ = read_facts_upload(
        "x.json", b'{"title": "T", "impact": {"money": {"amount": "lots"}}}'
    )
    assert state.values["impact.money.amount"] == "lots"


def test_exports_hold_the_edited_text_findings_and_a_word_document() -> None:
    facts = drafter.load_facts(INCIDENTS[0])
    draft = drafter.compose_offline_draft(facts)
    briefing = drafter.briefing_markdown(draft) + "\nEdited by hand: model drift.\n"
    script = drafter.script_markdown(draft)
    markdown = markdown_bundle(
        facts.title, {"briefing": briefing, "script": script}, qa=drafter.qa_markdown(draft)
    )
    assert "Edited by hand" in markdown and "# Meeting script" in markdown
    assert "# Tough questions" in markdown

    report = review(briefing, kind="briefing")
    exported = json.loads(findings_json(facts.title, {"briefing": (briefing, report)}))
    findings = exported["parts"]["briefing"]["findings"]
    assert any(f["text"] == "model drift" and f["family"] == "jargon" for f in findings)

    from docx import Document

    document = Document(io.BytesIO(docx_bytes(markdown)))
    texts = [p.text for p in document.paragraphs]
    styles = {p.style.name for p in document.paragraphs}
    assert draft.briefing.subject in texts[0]
    assert "Edited by hand: model drift." in texts
    assert {"List Number", "List Bullet"} <= styles
    assert not any(t.startswith("#") or "**" in t for t in texts)


def test_the_evaluate_page_is_listed_only_when_its_module_exists(monkeypatch) -> None:
    from brief.ui import pages

    monkeypatch.setattr(pages, "eval_page_available", lambda: False)
    assert pages.page_names() == ["draft", "critique", "history"]
    monkeypatch.setattr(pages, "eval_page_available", lambda: True)
    assert pages.page_names()[-1] == "eval"
    for name in pages.PAGE_SPECS:
        assert (ROOT / pages.page_path(name)).is_file()
