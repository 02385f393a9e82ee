"""The app's “Revise with the critic”: rounds, a side-by-side diff and placeholders to fill."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from brief.history import HistoryStore
from brief.ui.revise_view import fixed_between, highlight_placeholders, side_by_side
from drafter import DrafterConfig, compose_offline_draft, load_facts
from drafter.revise import draft_parts, revise

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def test_side_by_side_marks_removed_and_added_words() -> None:
    left, right = side_by_side("We saw model drift <b>.", "We saw the model getting worse <b>.")
    assert '<del style="background:#ffcdd2">drift</del>' in left
    assert "<ins" in right and "getting worse" in right
    assert "&lt;b&gt;" in left and "<b>" not in left  # the user's text is escaped


def test_placeholders_are_highlighted_and_escaped() -> None:
    body = highlight_placeholders("It cost <us> [add: revenue impact in $] this week.")
    assert "&lt;us&gt;" in body
    assert body.count("<mark") == 1 and "[add: revenue impact in $]</mark>" in body


def test_fixed_between_lists_what_each_accepted_round_fixed() -> None:
    facts = load_facts(ROOT / "fixtures" / "incidents" / "conversion-drop.yaml")
    parts = draft_parts(compose_offline_draft(facts))
    parts["briefing"] = parts["briefing"].replace(
        "## Impact\n\n", "## Impact\n\nWe saw model drift. It was beyond our control. ", 1
    )
    result = revise(parts, facts, DrafterConfig(model="offline/template"), rounds=2)
    fixed = fixed_between(result, 0, result.final_number)
    assert any("jargon.term “model drift”" in item for item in fixed)
    assert fixed_between(result, 0, 0) == []


def test_the_revise_button_shows_rounds_diff_and_placeholders() -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()  # drafting imports litellm
    at.selectbox(key="example_choice").set_value("Conversion drop").run()
    at.button(key="load_example").click().run()
    at.button(key="draft_button").click().run()
    entry = HistoryStore().list_entries()[0]
    part = f"draft:{entry.id}:briefing"
    at.radio(key=f"{part}:view").set_value("Edit").run()  # the editor sits beside the findings
    edit = f"edit:{part}"
    invented = "\n\nWe saw model drift. It cost us $9.8 million.\n"
    at.text_area(key=edit).set_value(at.text_area(key=edit).value + invented).run()
    assert not at.exception, [e.message for e in at.exception]
    at.button(key=f"revision:{entry.id}:go").click().run(timeout=180)
    assert not at.exception, [e.message for e in at.exception]
    lines = [m.value for m in at.markdown if m.value.startswith("**Version")]
    assert lines[0].startswith("**Version 0** (original)") and "Version 1" in lines[1]
    bodies = " ".join(m.value for m in at.markdown)
    assert "<del" in bodies and "<ins" in bodies  # the side-by-side diff
    assert "[add: the amount in $]</mark>" in bodies  # the invented figure, to fill
    assert any("placeholder" in w.value for w in at.warning)
