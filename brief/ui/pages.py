"""The app's pages for `st.navigation`. Each page is a tiny script in brief/ui/pages/ so that
tests (AppTest.switch_page) and the browser reach it the same way.

Every page has a stable URL: /draft, /critique, /history, /evaluate. Streamlit serves the
default page at "/" only (its own path then answers "Page not found"), so the default page is
a small root page that draws the Draft page, and Draft itself lives at /draft. The navigation
is drawn by `render_navigation` (page links), so Draft is listed once.

The Evaluate page is listed only when `brief.ui.eval_page` is installed, so the app works
without it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "pages"
APP_ROOT = PAGES_DIR.parents[2]

# name -> (script, title, icon, url path)
PAGE_SPECS: dict[str, tuple[str, str, str, str]] = {
    "draft": ("draft.py", "Draft", ":material/edit_note:", "draft"),
    "critique": ("critique.py", "Critique a draft", ":material/search:", "critique"),
    "history": ("history.py", "History", ":material/history:", "history"),
    "eval": ("eval.py", "Evaluate", ":material/analytics:", "evaluate"),
}


def eval_page_available() -> bool:
    try:
        return importlib.util.find_spec("brief.ui.eval_page") is not None
    except (ImportError, ValueError):
        return False


def page_path(name: str) -> str:
    """The page script's path relative to app.py, as st.Page and AppTest.switch_page want it."""
    return str((PAGES_DIR / PAGE_SPECS[name][0]).relative_to(APP_ROOT))


def page_names() -> list[str]:
    """The pages to show, in order; Evaluate only when its module is installed."""
    names = ["draft", "critique", "history"]
    if eval_page_available():
        names.append("eval")
    return names


def _draft_home() -> None:
    """The app's root URL: the Draft page (Streamlit serves the default page at "/" only, so
    the Draft page itself is an ordinary page at /draft and this one draws it at "/")."""
    from brief.ui.draft_page import render_draft_page

    render_draft_page()


def build_pages() -> list[st.Page]:
    """The root page first, then the listed pages in order (Draft at /draft, ...)."""
    _, title, icon, _ = PAGE_SPECS["draft"]
    pages = [st.Page(_draft_home, title=title, icon=icon, url_path="start", default=True)]
    for name in page_names():
        _, title, icon, url_path = PAGE_SPECS[name]
        pages.append(st.Page(page_path(name), title=title, icon=icon, url_path=url_path))
    return pages


def render_navigation(pages: list[st.Page]) -> None:
    """Links to the listed pages in the sidebar (the root page is the Draft page again)."""
    with st.sidebar:
        for page in pages[1:]:
            st.page_link(page)
        st.divider()


def switch_to(name: str) -> None:
    st.switch_page(page_path(name))
