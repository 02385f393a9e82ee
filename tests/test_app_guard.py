"""The app's guard: a secret in a fact is refused beside its field, or redacted on request."""

from __future__ import annotations

import sqlite3

import pytest

from brief.history import HistoryStore, default_history_path
from tests.test_app_pages import element_after, fresh_app, load_example, no_exception, plain

AWS = "AKIAIOSFODNN7EXAMPLE"


@pytest.fixture(autouse=True, scope="module")
def _detectors_loaded() -> None:
    """Load detect-secrets and Presidio once, outside the app's 30 s script timeout (the app
    itself loads them in its background warm-up)."""
    from drafter.guard import warm_up

    warm_up()


def _rendered(at) -> str:
    texts = (
        [e.value for e in at.markdown] + [e.value for e in at.error] + [e.value for e in at.caption]
    )
    return " ".join(str(t) for t in texts)


def test_a_secret_is_refused_beside_its_field_then_redacted_on_request() -> None:
    at = load_example(fresh_app())
    cause = at.text_area(key="f:root_cause")
    cause.set_value(f"The deploy job printed {AWS} to a public log.")
    at.button(key="draft_button").click().run()
    no_exception(at)
    beside = element_after(at, "f:root_cause")
    assert "aws-key" in plain(beside.value) and "redact" in plain(beside.value)
    assert AWS not in _rendered(at)
    assert not HistoryStore().list_entries()  # nothing drafted, nothing saved

    at.checkbox(key="guard_redact").check().run()
    at.button(key="draft_button").click().run()
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert len(HistoryStore().list_entries()) == 1
    assert at.text_area(key="f:root_cause").value.endswith("to a public log.")  # nothing lost
    with sqlite3.connect(default_history_path()) as db:
        stored = " ".join(str(row) for row in db.execute("SELECT * FROM entries"))
        stored += " ".join(str(row) for row in db.execute("SELECT * FROM versions"))
        stored += " ".join(str(row) for row in db.execute("SELECT * FROM scratch"))
    assert AWS not in stored and "[REDACTED:aws-key]" in stored


def test_a_pasted_draft_over_the_size_limit_is_refused_before_parsing() -> None:
    from tests.test_app_pages import CRITIQUE_PAGE

    at = fresh_app().switch_page(CRITIQUE_PAGE).run()
    huge = "We lost sales. " * 70_000  # 1,050,000 characters
    at.text_area(key="critique:text").set_value(huge)
    at.button(key="critique:check").click().run()
    no_exception(at)
    assert any("too long" in e.value and "1,000,000" in e.value for e in at.error)
    assert at.text_area(key="critique:text").value == huge  # the text is kept
    assert not HistoryStore().list_entries()
