"""Small helpers shared by the pages: the history store, widget state that survives page
switches, and escaping for Markdown."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from brief.history import HistoryError, HistoryStore

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Text shown through st.markdown/st.error exactly as written (no formatting, no HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def history_store() -> HistoryStore | None:
    """The history (path from BRIEF_HISTORY_DB); None with a visible warning if unusable."""
    store = HistoryStore()
    try:
        with store._connect():
            pass
    except HistoryError as exc:
        st.warning(f"History is off: {md_escape(str(exc))}", icon=":material/database:")
        return None
    return store


def save_safely(action: str, func: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a history write; on failure say so and carry on (the page keeps everything)."""
    try:
        return func(*args, **kwargs)
    except HistoryError as exc:
        st.warning(
            f"Could not save {action} to the history: {md_escape(str(exc))}",
            icon=":material/database:",
        )
        return None


def kept(widget_key: str, default: Any) -> str:
    """Prepare a widget key whose value must survive switching pages and back.

    Streamlit forgets a widget's value when its page is not shown; we keep a copy under
    `_kept` and give it back before the widget is drawn again. Call `remember` after it."""
    store: dict[str, Any] = st.session_state.setdefault("_kept", {})
    if widget_key not in st.session_state:
        st.session_state[widget_key] = store.get(widget_key, default)
    return widget_key


def remember(widget_key: str) -> Any:
    value = st.session_state.get(widget_key)
    st.session_state.setdefault("_kept", {})[widget_key] = value
    return value
