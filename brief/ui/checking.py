"""Run the critic from the app, with its spaCy pipeline loaded once per server process.

`warm_critic` is an `st.cache_resource`: the pipeline loads once and every later check (each
edit re-checked) reuses it. `start_background_warmup` loads the critic and imports litellm in a
background thread as soon as a page opens, so the first "Draft it" does not wait for them.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import streamlit as st

WARM_UP_TEXT = (
    "Our checkout model lost 5% of sales this week, about $20,000. "
    "I set the alert too high. We will retrain it by 2026-12-01."
)

_lock = threading.Lock()
_loaded: dict[str, bool] = {"critic": False}


class CriticUnavailable(RuntimeError):
    """The critic could not be imported or loaded."""


def _load_critic() -> None:
    """Import the critic, load its pipeline and run it once (thread-safe, idempotent)."""
    with _lock:
        if _loaded["critic"]:
            return
        try:
            from critic import review
        except ImportError as exc:
            raise CriticUnavailable(f"the critic is not available ({exc})") from exc
        try:
            from critic.pipeline import load_pipeline
        except ImportError:
            pass
        else:
            load_pipeline()
        review(WARM_UP_TEXT, kind="briefing")
        _loaded["critic"] = True


@st.cache_resource(show_spinner="Loading the language model for the critic (once)…")
def warm_critic() -> str:
    _load_critic()
    return "ready"


def _background_warmup(with_litellm: bool) -> None:
    # Failures are reported later, by the check or the draft that needs the piece.
    with contextlib.suppress(Exception):
        _load_critic()
    if with_litellm:
        with contextlib.suppress(Exception):
            from drafter.llm import get_litellm

            get_litellm()


@st.cache_resource(show_spinner=False)
def start_background_warmup(with_litellm: bool = True) -> threading.Thread:
    """Once per process: load the critic (and litellm) while the user is still typing."""
    thread = threading.Thread(
        target=_background_warmup, args=(with_litellm,), name="brief-warmup", daemon=True
    )
    thread.start()
    return thread


def check_text(text: str, kind: str = "auto", facts: Any = None) -> Any:
    """THE one way the app checks a text (first check and every re-check).

    Uses the critic's incremental `critic.Checker` (it re-reads only the lines that changed).
    With the incident facts, figures they do not hold are findings (numbers.unsupported). The
    pipeline is warm. Raises CriticUnavailable."""
    try:
        warm_critic()
    except CriticUnavailable:
        raise
    except Exception as exc:  # the critic failed to load: say so, keep the page
        raise CriticUnavailable(f"the critic could not start: {exc}") from exc
    from brief.ui.workspace import ensure_models

    ensure_models()
    with _check_lock:  # one shared critic.Checker: each edit re-checks only what changed
        return _shared_checker().check(text, kind=kind, facts=facts)


_check_lock = threading.Lock()


@st.cache_resource(show_spinner=False)
def _shared_checker() -> Any:
    from critic import Checker

    return Checker()
