"""One real-browser test: `streamlit run app.py` on a free localhost port, driven by Debian's
chromium through Playwright (never `playwright install`). Load an example, change a field, draft
with the offline model, and check that the critique is highlighted inside the text.

A screenshot is saved to test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from brief.ui.server import CHROMIUM, CHROMIUM_ARGS, serve_app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    env = {**os.environ, "BRIEF_HISTORY_DB": str(tmp_path / "history.sqlite3")}
    with serve_app(env) as server:
        yield server.url


def _launch(playwright):  # -> Browser
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; "
            ".ci/run does it). Never run `playwright install`."
        )
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def test_draft_in_a_real_browser_shows_highlighted_findings(app_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    if shutil.which("chromium") is None and not CHROMIUM.exists():
        pytest.fail("chromium is not installed (apt-get install -y chromium)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(app_url, wait_until="domcontentloaded")
            expect(page.get_by_role("heading", name="Draft the briefing")).to_be_visible(
                timeout=60_000
            )

            # Start from an example, then type over one field as a user would.
            page.get_by_role("button", name="Load the example").click()
            title = page.get_by_role("textbox", name="Incident title")
            expect(title).not_to_have_value("", timeout=30_000)
            title.fill("Ad bidding model overspent the budget")
            title.press("Tab")
            what = page.get_by_role("textbox", name="What went wrong, in plain words")
            what.fill("The bidding model suffered model drift in its data pipeline and overspent.")
            what.press("Tab")  # a text area commits on blur
            page.wait_for_timeout(800)

            page.get_by_role("button", name="Draft it").click()
            expect(page.get_by_text("Draft ready, and checked")).to_be_visible(timeout=90_000)
            expect(page.get_by_role("heading", name="Ad bidding model overspent the budget"))

            # the jargon typed into the form is highlighted in the briefing, message on hover
            jargon = page.locator(".brief-doc mark.fam-jargon", has_text="model drift").first
            expect(jargon).to_be_visible(timeout=30_000)
            hover = jargon.get_attribute("title") or ""
            assert "Jargon" in hover and "Try:" in hover, f"no message on hover: {hover!r}"
            expect(page.locator(".brief-findings").first).to_contain_text("jargon.term")
            expect(page.get_by_text("What the CEO expects:").first).to_be_visible()

            # Streamlit scrolls inside its main block: show the draft, on a tall window.
            page.set_viewport_size({"width": 1400, "height": 2200})
            page.get_by_role(
                "heading", name="Ad bidding model overspent the budget"
            ).scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "browser-draft.png"))
        finally:
            browser.close()
