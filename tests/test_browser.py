"""Real-browser tests: `streamlit run app.py` on a free localhost port, driven by Debian's
chromium through Playwright (never `playwright install`).

1. The whole journey of a stressed engineer, at 1280x800: load an example, draft, apply a
   suggested rewrite, edit a sentence, re-check, rehearse a question, export .docx and PDF,
   refresh, and find everything still there.
2. A 390-px phone: nothing wider than the screen, and drafting with the keyboard only.

Screenshots go to test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brief.ui.server import CHROMIUM, CHROMIUM_ARGS, serve_app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
JARGON = "The bidding model suffered model drift in its data pipeline and overspent."
EDIT = " I will send the full report to Dana by Friday at 17:00."
ANSWER = "We lost $50,000 in sales because I set the alert threshold too high."

pytestmark = pytest.mark.browser


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    env = {**os.environ, "BRIEF_HISTORY_DB": str(tmp_path / "history.sqlite3")}
    with serve_app(env) as server:
        yield server.url


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # a busy 2-core machine: each rerun can take seconds

    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; "
            ".ci/run does it). Never run `playwright install`."
        )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


def _shot(page: Any, name: str) -> None:
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _wait_idle(page: Any) -> None:
    """Until Streamlit has finished the current run (its status widget is gone)."""
    page.wait_for_timeout(250)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)


def _open(page: Any, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(url, wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Draft the briefing")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="Draft it")).to_be_visible(timeout=60_000)
    _wait_idle(page)


def _choose_example(page: Any, name: str) -> None:
    page.get_by_role("combobox", name="Start from an example incident").click()
    page.get_by_role("option", name=name).click()
    _wait_idle(page)


def _tab_to(page: Any, label: str, limit: int) -> None:
    """Press Tab until the focused element is the button with this label."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(e => ['BUTTON', 'INPUT', 'TEXTAREA'].includes(e.tagName) ?"
            " (e.innerText || '') + ' ' + (e.getAttribute('aria-label') || '') : '')"
            "(document.activeElement)"
        )
        if label in focused:
            return
    pytest.fail(f"Tab never reached “{label}” in {limit} presses")


def _fingerprint(page: Any) -> str:
    return page.locator(".brief-findings").first.get_attribute("data-checked") or ""


def test_the_whole_journey_in_a_real_browser(app_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    _open(page, app_url)
    expect(page.get_by_role("textbox", name="Incident title")).to_have_attribute(
        "placeholder", re.compile(r"^e\.g\. ")
    )

    # 1. load an example, change a field as a user would
    _choose_example(page, "Conversion drop")
    page.get_by_role("button", name="Load the example").click()
    title = page.get_by_role("textbox", name="Incident title")
    expect(title).to_have_value("Checkout recommendations failure", timeout=30_000)
    _wait_idle(page)  # the run that loads the example has finished before anyone types
    what = page.get_by_role("textbox", name="What went wrong, in plain words")
    what.fill(JARGON)
    what.press("Tab")  # a text area commits on blur
    _wait_idle(page)
    _shot(page, "journey-1-facts")

    # 2. draft
    page.get_by_role("button", name="Draft it").click()
    expect(page.get_by_text("Draft ready, and checked")).to_be_visible(timeout=90_000)
    _wait_idle(page)
    heading = page.get_by_role("heading", name="Checkout recommendations failure", exact=True)
    heading.scroll_into_view_if_needed()
    # what the CEO will read: rendered headings, no Markdown syntax, marks in place
    doc = page.locator(".brief-doc.rendered").first
    expect(doc.locator("h4", has_text="Impact")).to_be_visible()
    assert "## Impact" not in doc.inner_text()
    jargon = doc.locator("mark.fam-jargon", has_text="model drift").first
    expect(jargon).to_be_visible(timeout=30_000)
    assert re.search(r"J\d+", jargon.get_attribute("data-findings") or "")
    doc.scroll_into_view_if_needed()
    _shot(page, "journey-2-draft")

    # 3. apply a suggested rewrite with one click
    apply = page.get_by_role("button", name=re.compile(r"^Apply: ")).first
    apply.scroll_into_view_if_needed()
    before = _fingerprint(page)
    apply.click()
    expect(page.get_by_text(re.compile(r"^Applied: "))).to_be_visible(timeout=30_000)
    _wait_idle(page)
    assert _fingerprint(page) != before
    _shot(page, "journey-3-applied")

    # 4. edit a sentence in place, Ctrl+Enter re-checks, the editor stays open
    page.get_by_role("radio", name="Edit").first.check(force=True)
    editor = page.get_by_role("textbox", name=re.compile("Edit the text")).first
    expect(editor).to_be_visible(timeout=30_000)
    editor.click()
    editor.press("Control+End")
    editor.type(EDIT)
    before = _fingerprint(page)
    editor.press("Control+Enter")
    page.wait_for_function(
        "(old) => document.querySelector('.brief-findings')?.dataset.checked !== old",
        arg=before,
        timeout=30_000,
    )
    _wait_idle(page)
    expect(editor).to_be_visible()
    assert EDIT.strip() in editor.input_value()
    _shot(page, "journey-4-edited")

    # 5. rehearse a question: the answer is hidden until revealed, then critiqued
    page.get_by_role("tab", name=re.compile("Rehearse the questions")).click()
    expect(page.get_by_role("button", name="Reveal the answer")).to_be_visible()
    page.get_by_role("button", name="Reveal the answer").click()
    answer = page.get_by_role("textbox", name=re.compile("Your answer"))
    expect(answer).to_be_visible(timeout=30_000)
    answer.fill(ANSWER)
    answer.press("Control+Enter")
    _wait_idle(page)
    expect(page.get_by_text(re.compile(r"to say · "))).to_be_visible(timeout=30_000)
    _shot(page, "journey-5-rehearse")

    # 6. export: the CEO's documents hold the edits, and no tool metadata in the body
    page.get_by_role("tab", name=re.compile("Export")).click()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"\(\.docx\)")).click()
    docx_path = ARTIFACTS / "journey.docx"
    download.value.save_as(docx_path)
    from docx import Document

    document = Document(io.BytesIO(docx_path.read_bytes()))
    body = "\n".join(p.text for p in document.paragraphs)
    assert EDIT.strip() in body and ANSWER in body
    assert "offline/template" not in body and document.core_properties.author != "python-docx"
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile(r"\(\.pdf\)")).click()
    pdf = ARTIFACTS / "journey.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes())) == 1
    _shot(page, "journey-6-export")

    # 7. refresh: the draft, the edit and the rehearsed answer are all still there
    url = page.url
    assert "entry=" in url
    page.reload(wait_until="domcontentloaded")
    expect(
        page.get_by_role("heading", name="Checkout recommendations failure", exact=True)
    ).to_be_visible(timeout=60_000)
    _wait_idle(page)
    # the edit is still there; its time is not in the facts, so the grounded re-check marks it
    # (a finding reference such as "N3" follows the marked "17:00")
    expect(page.locator(".brief-doc.rendered").first).to_contain_text(
        re.compile(re.escape(EDIT.strip().removesuffix(".")))
    )
    page.get_by_role("tab", name=re.compile("Rehearse the questions")).click()
    page.get_by_role("button", name="Reveal the answer").click()
    expect(page.get_by_role("textbox", name=re.compile("Your answer"))).to_have_value(
        ANSWER, timeout=30_000
    )
    page.get_by_text("Incident facts").click()  # folded away while a draft is open
    expect(page.get_by_role("textbox", name="Incident title")).to_have_value(
        "Checkout recommendations failure"
    )
    expect(page.get_by_role("textbox", name="What went wrong, in plain words")).to_have_value(
        JARGON
    )
    _shot(page, "journey-7-after-refresh")

    # every page has a stable URL
    page.goto(app_url + "/draft", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Draft the briefing")).to_be_visible(timeout=60_000)
    page.goto(app_url + "/history", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="History")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Checkout recommendations failure").first).to_be_visible()
    _wait_idle(page)
    expect(page.get_by_role("button", name="Reopen").first).to_be_visible()
    _shot(page, "journey-8-history")


def test_a_phone_and_the_keyboard_alone(app_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    _open(page, app_url)
    _shot(page, "phone-1-form")

    # keyboard only: pick an example, load it, draft it
    _tab_to(page, "Start from an example incident", limit=40)
    page.keyboard.type("Conversion")
    expect(page.get_by_role("option", name="Conversion drop")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Load the example")).to_be_enabled()
    _wait_idle(page)
    _tab_to(page, "Load the example", limit=5)
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Incident title")).to_have_value(
        "Checkout recommendations failure", timeout=30_000
    )
    _wait_idle(page)
    _tab_to(page, "Draft it", limit=250)  # on through every field of the form
    page.keyboard.press("Enter")
    expect(page.get_by_text("Draft ready, and checked")).to_be_visible(timeout=90_000)
    _wait_idle(page)

    # nothing is wider than the phone: no sideways scrolling
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth,"
        " ...[...document.querySelectorAll('.brief-doc, .brief-finding')]"
        ".map(e => Math.ceil(e.getBoundingClientRect().right))]"
    )
    assert max(widths) <= 390 + 1, widths
    page.locator(".brief-doc.rendered:visible").first.scroll_into_view_if_needed()
    _shot(page, "phone-2-draft")
