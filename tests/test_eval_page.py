"""The app's evaluation page: runs a replayed evaluation, or opens a saved result."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    from brief.ui.eval_page import render_eval_page

    render_eval_page()


def test_the_page_runs_a_replayed_evaluation_and_shows_the_matrix() -> None:
    at = AppTest.from_function(_page, default_timeout=120)
    at.run()
    assert "offline/template" in at.multiselect[0].options
    assert "flawed=openai/gpt-4o-mini" in at.multiselect[0].options
    at.multiselect[0].set_value(["openai/gpt-4o-mini", "flawed=openai/gpt-4o-mini"])
    at.multiselect[1].set_value(["credit-scoring-declines"])
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.subheader] == ["Summary per model", "Verdict per incident"]
    matrix = at.dataframe[1].value
    assert list(matrix["openai/gpt-4o-mini"]) == ["pass"]
    assert list(matrix["flawed"]) == ["REJECTED"]
    # charts: full model names (never cut), and the app's one palette and family names
    specs = " ".join(chart.proto.spec for chart in at.get("vega_lite_chart"))
    assert '"labelLimit": 0' in specs
    assert "#e69f00" in specs and "Blame" in specs and "Ownership" not in specs
    assert not any(b.proto.icon == "📊" for b in at.button)


def test_the_page_offers_to_open_a_saved_result() -> None:
    at = AppTest.from_function(_page, default_timeout=60)
    at.run()
    at.radio[0].set_value("Open a saved result").run()
    assert not at.exception
    assert any("saved result" in u.label for u in at.get("file_uploader"))
