"""The app flows a stressed user needs, through AppTest: nothing typed is lost (hints not values,
undo after Load/Clear, the picker in sync after a refresh), fix findings in place (Apply, Undo),
rehearse the questions (flash cards, edits kept), reopen survives a refresh."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from brief.history import HistoryStore
from tests.test_app_pages import (  # noqa: F401 (_critic_loaded is a fixture)
    APP,
    HISTORY_PAGE,
    TIMEOUT,
    _critic_loaded,
    fresh_app,
    html_bodies,
    load_example,
    no_exception,
)

HINTED = (
    "f:model_name",
    "f:impact.money.amount",
    "f:impact.money.currency",
    "f:impact.customers_affected",
    "f:audience.ceo_name",
)


def test_empty_fields_show_hints_that_cannot_be_mistaken_for_values() -> None:
    at = fresh_app()
    for key in HINTED:
        widget = at.text_input(key=key)
        assert widget.placeholder.startswith("e.g. "), (key, widget.placeholder)


def test_load_and_clear_can_be_undone_and_survive_a_refresh() -> None:
    at = fresh_app()
    at.text_input(key="f:title").set_value("My own incident").run()
    at.text_input(key="f:impact.money.amount").set_value("12345").run()
    load_example(at)
    assert at.text_input(key="f:title").value == "Checkout recommendations failure"
    undo = at.button(key="undo_replace")
    assert "bring my facts back" in undo.label
    undo.click().run()
    no_exception(at)
    assert at.text_input(key="f:title").value == "My own incident"
    assert at.text_input(key="f:impact.money.amount").value == "12345"

    at.button(key="clear_form").click().run()
    assert at.text_input(key="f:title").value == ""
    # a refresh before undoing: the undo is still offered, and works
    again = fresh_app()
    no_exception(again)
    again.button(key="undo_replace").click().run()
    assert again.text_input(key="f:title").value == "My own incident"


def test_the_example_picker_matches_the_form_after_a_refresh() -> None:
    at = load_example(fresh_app(), "Fraud blocking good orders")
    assert at.selectbox(key="example_choice").value == "Fraud blocking good orders"
    again = fresh_app()
    assert again.selectbox(key="example_choice").value == "Fraud blocking good orders"
    assert again.text_input(key="f:title").value == "Fraud model blocking good orders"
    again.button(key="clear_form").click().run()
    assert fresh_app().selectbox(key="example_choice").value is None


def _drafted() -> tuple[AppTest, int]:
    at = load_example(fresh_app())
    at.button(key="draft_button").click().run()
    no_exception(at)
    return at, HistoryStore().list_entries()[0].id


def test_apply_a_plain_rewrite_then_undo_it() -> None:
    at, entry_id = _drafted()
    part = f"draft:{entry_id}:briefing"
    at.radio(key=f"{part}:view").set_value("Edit").run()
    edit = at.text_area(key=f"edit:{part}")
    edit.set_value(edit.value + "\nThe root cause was model drift.\n").run()
    applies = [b for b in at.button if str(b.key).startswith(f"{part}:apply:")]
    assert applies, "a jargon finding offers a one-click rewrite"
    before = at.text_area(key=f"edit:{part}").value
    applies[-1].click().run()
    no_exception(at)
    after = at.text_area(key=f"edit:{part}").value
    assert after != before and "model drift" not in after.splitlines()[-1]
    versions = HistoryStore().list_versions(entry_id)
    assert versions[-1].text == after  # the applied fix is re-checked and saved
    at.button(key=f"{part}:undo").click().run()
    assert at.text_area(key=f"edit:{part}").value == before


def test_flash_cards_hide_the_answer_until_revealed_and_keep_edits() -> None:
    at, entry_id = _drafted()
    cards = f"qa:draft:{entry_id}"
    question = at.text_input(key=f"{cards}:q:0").value
    assert question
    assert not any(a.key == f"{cards}:a:0" for a in at.text_area)  # hidden
    at.button(key=f"{cards}:reveal").click().run()
    answer = at.text_area(key=f"{cards}:a:0")
    answer.set_value("We lost about $50,000 because I set the alert too high.").run()
    no_exception(at)
    assert any("brief-doc" in b for b in html_bodies(at)) or any(
        "no findings" in c.value for c in at.caption
    )
    at.button(key=f"{cards}:next").click().run()
    assert not any(a.key == f"{cards}:a:1" for a in at.text_area)  # next card starts hidden

    # a refresh: the edited answer is kept with the draft
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.query_params["entry"] = str(entry_id)
    again.run()
    again.button(key=f"{cards}:reveal").click().run()
    assert again.text_area(key=f"{cards}:a:0").value.startswith("We lost about $50,000")


def test_reading_view_gives_speaking_time_per_part() -> None:
    at, entry_id = _drafted()
    at.toggle(key=f"draft:{entry_id}:script:reading").set_value(True).run()
    no_exception(at)
    reading = "".join(b for b in html_bodies(at) if "brief-reading" in b)
    assert "Opening" in reading and reading.count('class="turn"') >= 5
    assert any("Your speaking time" in c.value for c in at.caption)


def test_reopen_from_history_survives_a_refresh_and_drafts_group_by_incident() -> None:
    at, first = _drafted()
    at.button(key="draft_button").click().run()  # the same incident drafted again
    entries = HistoryStore().list_entries()
    assert len(entries) == 2
    history = fresh_app().switch_page(HISTORY_PAGE).run()
    no_exception(history)
    rows = [m.value for m in history.markdown if "Checkout recommendations failure" in m.value]
    assert len(rows) == 1 and "2 drafts" in rows[0]
    history.button(key=f"history:open:{first}").click().run()
    no_exception(history)
    assert history.query_params.get("entry") == str(first)
    # refresh: same URL, the reopened draft is back
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.query_params["entry"] = str(first)
    again.run()
    assert "Checkout recommendations failure" in [s.value for s in again.subheader]
