"""Benchmark the app; prints figures (no pass/fail: targets are goals, not tests).

1. First page render, cold: a fresh Python process runs the app once in AppTest (imports plus the
   Draft page's first run); and a real `streamlit run` server: time to /_stcore/health, then time
   for Debian's chromium to show the page's heading (skipped with a note if chromium is absent).
2. Re-check of an edited ~300-word draft, warm, end to end in AppTest (goal <= 300 ms): the
   Critique page and the Draft page, each edit a different sentence; with the bare
   `critic.review()` of the same text for comparison.
3. In a real browser (chromium): keypress (Ctrl+Enter in the editor) to the updated findings
   and highlights on screen, for the same edits; printed beside a bare `critic.review()` of
   the same texts measured in the same run, as a ratio.

Run: .venv/bin/python scripts/bench_app.py [--rounds 15] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # import this checkout's packages, as `streamlit run app.py` does
APP = str(ROOT / "app.py")

from brief.ui.server import CHROMIUM, CHROMIUM_ARGS, serve_app  # noqa: E402

COLD_SNIPPET = """
import time
started = time.perf_counter()
from streamlit.testing.v1 import AppTest
imported = time.perf_counter()
at = AppTest.from_file({app!r}, default_timeout=120).run()
done = time.perf_counter()
assert not at.exception, at.exception
assert any(t.value == "Draft the briefing" for t in at.title)
print(f"{{imported - started:.3f}} {{done - imported:.3f}}")
"""


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (
        f"median {_ms(statistics.median(samples))}, p90 {_ms(p90)}, "
        f"min {_ms(ordered[0])} (n={len(samples)})"
    )


def cold_apptest(env: dict[str, str]) -> None:
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", COLD_SNIPPET.format(app=APP)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    wall = time.perf_counter() - started
    imported, first_run = (float(x) for x in output[-2:])
    print("First page render, cold (fresh process, AppTest):")
    print(f"  wall time, process start to rendered Draft page: {_ms(wall)}")
    print(f"  of which importing streamlit's AppTest: {_ms(imported)}")
    print(f"  first run of app.py (imports of brief/drafter + the page): {_ms(first_run)}")


def cold_server(env: dict[str, str], use_browser: bool) -> None:
    print("First page render, cold (real `streamlit run`):")
    try:
        with serve_app(env) as server:
            print(f"  server start to /_stcore/health ok: {_ms(server.seconds_to_healthy)}")
            if use_browser:
                browser_load(server.url)
    except RuntimeError as exc:
        print(f"  server did not become healthy: {exc}")


def browser_load(url: str) -> None:
    if not CHROMIUM.exists():
        print("  browser figure skipped: /usr/bin/chromium is missing (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        loaded = time.perf_counter()
        page.goto(url)
        page.get_by_role("heading", name="Draft the briefing").wait_for(timeout=90_000)
        page.get_by_role("button", name="Draft it").wait_for(timeout=90_000)
        shown = time.perf_counter() - loaded
        page.goto(url)
        reloaded = time.perf_counter()
        page.get_by_role("button", name="Draft it").wait_for(timeout=90_000)
        warm = time.perf_counter() - reloaded
        browser.close()
    print(f"  first page load in chromium until the form is shown: {_ms(shown)}")
    print(f"  a second load (warm server): {_ms(warm)}")


def _sample_draft() -> str:
    """A ~300-word briefing: the offline draft of the guide's own example."""
    import drafter

    facts = drafter.load_facts(ROOT / "fixtures" / "incidents" / "conversion-drop.yaml")
    words = drafter.briefing_markdown(drafter.compose_offline_draft(facts)).split(" ")
    return " ".join(words[:300]) if len(words) > 300 else " ".join(words)


def _edits(text: str, rounds: int) -> list[str]:
    """Each round changes a different sentence (as a person editing would)."""
    sentences = [i for i, ch in enumerate(text) if ch == "." and i > 40]
    out = []
    for n in range(rounds):
        cut = sentences[n % len(sentences)]
        out.append(f"{text[:cut]} (edit {n}: we saw significant model drift){text[cut:]}")
    return out


def warm_recheck(rounds: int) -> None:
    from streamlit.testing.v1 import AppTest

    from brief.history import HistoryStore
    from critic import review

    text = _sample_draft()
    print(
        f"Re-check of an edited draft, warm, in AppTest ({len(text.split())} words; "
        "goal <= 300 ms):"
    )

    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    # "Warm": the app's background warm-up (critic pipeline, litellm import), which runs while
    # a person types, has finished.
    from brief.ui.checking import start_background_warmup

    start_background_warmup().join()
    at.switch_page("brief/ui/pages/critique.py").run()
    at.text_area(key="critique:text").set_value(text)
    at.button(key="critique:check").click().run()
    entries = HistoryStore().list_entries()
    assert entries, (at.exception, [w.value for w in at.warning], [e.value for e in at.error])
    entry = entries[0]
    at.radio(key=f"crit:{entry.id}:view").set_value("Edit").run()
    key = f"edit:crit:{entry.id}"
    samples = []
    for edited in _edits(text, rounds):
        started = time.perf_counter()
        at.text_area(key=key).set_value(edited).run()
        samples.append(time.perf_counter() - started)
        assert not at.exception, at.exception
    print(f"  Critique page, edit -> re-checked page: {_summary(samples)}")

    draft = AppTest.from_file(APP, default_timeout=120).run()
    draft.selectbox(key="example_choice").set_value("Conversion drop").run()
    draft.button(key="load_example").click().run()
    draft.button(key="draft_button").click().run()
    entry = HistoryStore().list_entries()[0]
    draft.radio(key=f"draft:{entry.id}:briefing:view").set_value("Edit").run()
    key = f"edit:draft:{entry.id}:briefing"
    base = draft.text_area(key=key).value
    samples = []
    for edited in _edits(base, rounds):
        started = time.perf_counter()
        draft.text_area(key=key).set_value(edited).run()
        samples.append(time.perf_counter() - started)
        assert not draft.exception, draft.exception
    print(f"  Draft page (form + both parts), edit -> re-checked page: {_summary(samples)}")

    samples = []
    for edited in _edits(text, rounds):
        started = time.perf_counter()
        review(edited)
        samples.append(time.perf_counter() - started)
    print(f"  for comparison, bare critic.review() of the same edits: {_summary(samples)}")


BROWSER_FINGERPRINT = (
    "(want) => document.querySelector('.brief-findings')?.dataset.checked === want"
)


def browser_recheck(env: dict[str, str], rounds: int) -> None:
    """Keypress to updated highlights in chromium, beside a bare review() of the same edits."""
    from brief.ui.critique_view import text_fingerprint
    from critic import review

    text = _sample_draft()
    print(f"Re-check in a real browser ({len(text.split())} words), keypress -> highlights:")
    if not CHROMIUM.exists():
        print("  skipped: /usr/bin/chromium is missing (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    edits = _edits(text, rounds)
    samples: list[float] = []
    with serve_app(env) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(server.url + "/critique")
        box = page.get_by_role("textbox", name="Or paste it here")
        box.wait_for(timeout=90_000)
        box.fill(text)
        box.press("Control+Enter")
        page.get_by_role("button", name="Check this draft").click()
        page.wait_for_function(BROWSER_FINGERPRINT, arg=text_fingerprint(text), timeout=90_000)
        page.get_by_role("radio", name="Edit").check(force=True)
        editor = page.get_by_role("textbox", name="Edit the text (Ctrl+Enter re-checks)")
        editor.wait_for(timeout=60_000)
        warm_up = edits[-1] + " (warm-up round, not counted)"
        for edited in [warm_up, *edits]:  # the first round warms the path
            editor.fill(edited)
            started = time.perf_counter()
            editor.press("Control+Enter")
            page.wait_for_function(
                BROWSER_FINGERPRINT, arg=text_fingerprint(edited), timeout=60_000
            )
            samples.append(time.perf_counter() - started)
        reruns: list[float] = []  # the same page redrawn with no re-check: Streamlit's own cost
        for n in range(rounds):
            target = "Source" if n % 2 == 0 else "Read"
            started = time.perf_counter()
            page.get_by_role("radio", name=target).check(force=True)
            shown = ".brief-doc.source" if target == "Source" else ".brief-doc.rendered"
            page.locator(shown).first.wait_for(timeout=60_000)
            reruns.append(time.perf_counter() - started)
        browser.close()
    samples = samples[1:]
    bare = []
    for edited in edits:
        started = time.perf_counter()
        review(edited)
        bare.append(time.perf_counter() - started)
    ratio = statistics.median(samples) / statistics.median(bare)
    print(f"  browser, Ctrl+Enter -> updated findings and highlights: {_summary(samples)}")
    print(f"  bare critic.review() of the same texts, same run:       {_summary(bare)}")
    print(f"  a rerun with no re-check (switch Read/Source), same run: {_summary(reruns)}")
    print(f"  ratio of medians (browser / bare review): {ratio:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore", UserWarning)  # keep the figures readable
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEF_HISTORY_DB"] = str(Path(tmp) / "bench-history.sqlite3")
        env = {**os.environ}
        cold_apptest(env)
        cold_server(env, use_browser=not args.no_browser)
        warm_recheck(args.rounds)
        if not args.no_browser:
            browser_recheck(env, args.rounds)


if __name__ == "__main__":
    main()
