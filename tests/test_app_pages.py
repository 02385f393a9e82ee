"""The Streamlit app through streamlit.testing.v1.AppTest: draft, validate, critique, history.

Every test runs offline (offline/template model) against a temporary history file
(BRIEF_HISTORY_DB, set in conftest), and starts a fresh app session the way a refresh would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from brief.history import HistoryStore

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
CRITIQUE_PAGE = "brief/ui/pages/critique.py"
HISTORY_PAGE = "brief/ui/pages/history.py"
TIMEOUT = 30

HAND_WRITTEN = """Subject: Checkout model problem

Hi Dana,

Mistakes were made and the alert threshold was set too high, so we saw significant model drift
for a few days. Latency also went up. We are looking into it and will fix it soon.

Thanks
"""


@pytest.fixture(autouse=True, scope="module")
def _critic_loaded() -> None:
    """Load the critic's language model once, outside AppTest's 30 s timeout per run (on a
    busy 2-core machine the cold load alone can take longer). The app does the same warm-up
    in the background while the user types."""
    from brief.ui.checking import _load_critic

    _load_critic()


def fresh_app() -> AppTest:
    """A new browser session on the app (what a refresh or a new tab gives)."""
    return AppTest.from_file(APP, default_timeout=TIMEOUT).run()


def plain(markdown: str) -> str:
    """Markdown source without the backslash escapes the app adds to user text."""
    return re.sub(r"\\(.)", r"\1", markdown)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def element_after(at: AppTest, key: str) -> Any:
    """The element drawn right after the widget with this key, in the same container."""
    for block in walk(at._tree):
        children = list(getattr(block, "children", {}).values())
        for index, child in enumerate(children):
            if getattr(child, "key", None) == key:
                assert index + 1 < len(children), f"nothing drawn after {key}"
                return children[index + 1]
    raise AssertionError(f"no widget with key {key}")


def load_example(at: AppTest, name: str = "Conversion drop") -> AppTest:
    at.selectbox(key="example_choice").set_value(name).run()
    at.button(key="load_example").click().run()
    no_exception(at)
    return at


def html_bodies(at: AppTest) -> list[str]:
    return [element.value for element in at.get("html")]


def test_drafting_an_example_incident_with_the_offline_model() -> None:
    at = load_example(fresh_app())
    assert at.text_input(key="f:title").value == "Checkout recommendations failure"
    assert at.text_input(key="f:impact.money.amount").value == "50000"

    at.button(key="draft_button").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert "Checkout recommendations failure" in [s.value for s in at.subheader]
    # briefing, script, Q&A and export tabs; tokens, cost and latency shown
    assert len(at.tabs) >= 4
    meta = " ".join(c.value for c in at.caption)
    assert "offline/template" in meta and "tokens in" in meta and "cost" in meta and " ms" in meta
    # the critique of both parts: scores, the checklist and the highlighted text
    labels = [m.label for m in at.metric]
    assert labels.count("Score") == 2 and "Speaking time" in labels
    checklist = [m.value for m in at.markdown if "What the CEO expects" in m.value]
    assert len(checklist) == 2 and "Root cause" in checklist[0]
    assert any('class="brief-doc rendered"' in body for body in html_bodies(at))
    # saved to the history, and the URL points at the entry so a refresh reopens it
    entries = HistoryStore().list_entries()
    assert [e.title for e in entries] == ["Checkout recommendations failure"]
    assert at.query_params.get("entry") == str(entries[0].id)


def test_a_validation_error_is_shown_beside_its_field_and_nothing_typed_is_lost() -> None:
    at = load_example(fresh_app())
    at.text_input(key="f:impact.money.amount").set_value("fifty thousand")
    at.text_input(key="f:title").set_value("")
    at.button(key="draft_button").click().run()
    no_exception(at)

    beside_money = element_after(at, "f:impact.money.amount")
    assert beside_money.type == "alert" or hasattr(beside_money, "icon")
    assert "must be a number" in plain(beside_money.value)
    assert "fifty thousand" in plain(beside_money.value)
    beside_title = element_after(at, "f:title")
    assert "is required" in plain(beside_title.value)
    assert any("problems" in e.value and "Nothing you typed was lost" in e.value for e in at.error)
    # no draft was made, and the typed value is still there
    assert not HistoryStore().list_entries()
    assert at.text_input(key="f:impact.money.amount").value == "fifty thousand"

    # fixing the field clears its message at once
    at.text_input(key="f:impact.money.amount").set_value("50,000").run()
    assert not any("must be a number" in e.value for e in at.error)


def test_a_failed_model_call_shows_the_error_and_keeps_the_facts() -> None:
    at = load_example(fresh_app())
    at.selectbox(key="model:preset").set_value("openai/gpt-4o-mini").run()
    assert any("OPENAI_API_KEY" in c.value for c in at.sidebar.caption)
    at.button(key="draft_button").click().run()
    no_exception(at)
    errors = plain(" ".join(e.value for e in at.error))
    assert "OPENAI_API_KEY" in errors and "Your facts are kept" in errors
    assert at.text_input(key="f:title").value == "Checkout recommendations failure"
    assert not HistoryStore().list_entries()


def test_editing_the_draft_rechecks_it_and_saves_a_version() -> None:
    at = load_example(fresh_app())
    at.button(key="draft_button").click().run()
    entry = HistoryStore().list_entries()[0]
    part = f"draft:{entry.id}:briefing"
    at.radio(key=f"{part}:view").set_value("Edit").run()
    key = f"edit:{part}"
    before = at.text_area(key=key).value
    jargon = "\n\nThe root cause was model drift in the data pipeline.\n"
    at.text_area(key=key).set_value(before + jargon).run()
    no_exception(at)
    # the editor stays open beside the findings, which now list the new jargon
    assert at.text_area(key=key).value == before + jargon
    listed = "".join(b for b in html_bodies(at) if "brief-finding" in b)
    assert "data pipeline</mark></q>" in listed
    at.radio(key=f"{part}:view").set_value("Read").run()
    marked = [b for b in html_bodies(at) if "brief-doc" in b and "data pipeline</mark>" in b]
    assert marked, "the new jargon is highlighted after the re-check"
    versions = HistoryStore().list_versions(entry.id)
    assert [v.label for v in versions if v.part == "briefing"] == ["generated", "edited"]
    assert versions[-1].text.endswith(jargon)


def test_pasting_a_hand_written_draft_shows_its_findings() -> None:
    at = fresh_app().switch_page(CRITIQUE_PAGE).run()
    at.text_area(key="critique:text").set_value(HAND_WRITTEN)
    at.button(key="critique:check").click().run()
    no_exception(at)
    highlighted = "".join(b for b in html_bodies(at) if "brief-doc" in b)
    marked = re.findall(r"<mark [^>]*>(.*?)</mark>", highlighted, flags=re.DOTALL)
    for words in ("were made", "was set", "significant", "model drift", "Latency", "soon"):
        assert words in marked, f"{words!r} is not highlighted: {marked}"
    side_list = "".join(b for b in html_bodies(at) if "brief-finding" in b)
    assert "jargon.term" in side_list and "blame." in side_list
    # the checklist marks missing elements, and the score is shown
    checklist = next(m.value for m in at.markdown if "What the CEO expects" in m.value)
    assert ":red[:material/cancel:] Dates" in checklist  # "will fix it soon": a plan, no date
    assert next(m.label for m in at.metric) == "Score"
    assert HistoryStore().list_entries()[0].kind == "critique"


def test_filters_narrow_the_highlights_to_one_family() -> None:
    at = fresh_app().switch_page(CRITIQUE_PAGE).run()
    at.text_area(key="critique:text").set_value(HAND_WRITTEN)
    at.button(key="critique:check").click().run()
    entry_id = HistoryStore().list_entries()[0].id
    at.multiselect(key=f"crit:{entry_id}:families").set_value(["jargon"]).run()
    highlighted = "".join(b for b in html_bodies(at) if "brief-doc" in b)
    assert '<mark class="fam-jargon' in highlighted
    assert '<mark class="fam-blame' not in highlighted
    assert '<mark class="fam-numbers' not in highlighted


def test_a_draft_containing_a_script_tag_is_rendered_as_text() -> None:
    hostile = HAND_WRITTEN + '\n<script>alert("owned")</script> <img src=x onerror=alert(1)>\n'
    at = fresh_app().switch_page(CRITIQUE_PAGE).run()
    at.text_area(key="critique:text").set_value(hostile)
    at.button(key="critique:check").click().run()
    no_exception(at)
    bodies = "".join(html_bodies(at))
    assert "<script>alert" not in bodies and "<img src=x" not in bodies
    assert '&lt;script&gt;alert("owned")&lt;/script&gt;' in bodies


def test_history_is_restored_in_a_fresh_app_session() -> None:
    first = load_example(fresh_app(), "Fraud blocking good orders")
    first.button(key="draft_button").click().run()
    no_exception(first)

    # a new session (refresh, restart): the form comes back, and so does the draft
    second = fresh_app()
    no_exception(second)
    assert second.text_input(key="f:title").value == "Fraud model blocking good orders"
    assert any("Restored" in t.proto.body for t in second.toast)
    second.switch_page(HISTORY_PAGE).run()
    no_exception(second)
    listing = plain(" ".join(m.value for m in second.markdown))
    assert "Fraud model blocking good orders" in listing and "offline/template" in listing
    entry = HistoryStore().list_entries()[0]
    second.button(key=f"history:open:{entry.id}").click().run()
    no_exception(second)
    assert "Fraud model blocking good orders" in [s.value for s in second.subheader]
    assert [m.label for m in second.metric].count("Score") == 2


def test_a_refresh_with_the_entry_in_the_url_reopens_the_draft() -> None:
    first = load_example(fresh_app())
    first.button(key="draft_button").click().run()
    entry_id = first.query_params["entry"]
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.query_params["entry"] = entry_id
    again.run()
    no_exception(again)
    assert "Checkout recommendations failure" in [s.value for s in again.subheader]


def test_history_compare_and_delete() -> None:
    store = HistoryStore()
    entry = store.save_critique("We saw significant model drift.", None, title="Drift note")
    store.add_version(entry.id, "text", "We lost 15% of sales to model drift.", None)
    other = store.save_critique("Second note.", None, title="Second note")

    at = fresh_app().switch_page(HISTORY_PAGE).run()
    no_exception(at)
    diff = "".join(b for b in html_bodies(at) if "brief-diff" in b)
    deleted = " ".join(re.findall(r"<del>(.*?)</del>", diff))
    inserted = " ".join(re.findall(r"<ins>(.*?)</ins>", diff))
    assert "significant" in deleted and "15%" in inserted

    at.button(key=f"history:delete:{other.id}").click().run()
    at.button(key=f"history:confirm:{other.id}").click().run()
    no_exception(at)
    assert [e.id for e in store.list_entries()] == [entry.id]
    assert "Second note" not in plain(" ".join(m.value for m in at.markdown))


def test_a_key_in_streamlit_secrets_is_used_but_never_shown() -> None:
    secret = "sk-test-not-a-real-key-123"
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["OPENAI_API_KEY"] = secret
    at.run()
    load_example(at)
    at.selectbox(key="model:preset").set_value("openai/gpt-4o-mini").run()
    assert any("secrets.toml (OPENAI_API_KEY)" in plain(c.value) for c in at.sidebar.caption)
    at.button(key="draft_button").click().run()
    no_exception(at)
    errors = plain(" ".join(e.value for e in at.error))
    # the key was passed on (no "no API key" message); the blocked network is what failed
    assert errors and "no API key" not in errors and "Your facts are kept" in errors
    every_text = " ".join(
        str(getattr(node, "value", "")) + str(getattr(node, "label", "")) for node in walk(at._tree)
    )
    assert secret not in every_text
    stored = [repr(at.session_state[key]) for key in at.session_state]
    assert stored and not any(secret in value for value in stored)
