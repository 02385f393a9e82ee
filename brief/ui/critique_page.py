"""The Critique page: paste or upload a hand-written draft (.md, .txt) and get the same view."""

from __future__ import annotations

import streamlit as st

from brief.history import HistoryStore
from brief.ui.checking import CriticUnavailable, check_text, start_background_warmup
from brief.ui.critique_view import render_part
from brief.ui.state import history_store, kept, md_escape, remember, save_safely
from brief.ui.workspace import PartView, Workspace

WORKSPACE_KEY = "critique_workspace"
TEXT_KEY = "critique:text"
SCRATCH_NAME = "critique_text"
KIND_LABELS = {"auto": "Work it out", "briefing": "Written briefing", "script": "Meeting script"}


def _take_upload() -> None:
    upload = st.session_state.get("critique:upload")
    if upload is None:
        return
    from critic.inputs import max_input_chars, size_problem

    if upload.size > 4 * max_input_chars():
        problem = size_problem(upload.size, unit="bytes")
        st.session_state["critique:message"] = (
            f"{upload.name}: {problem}. The text box was not changed."
        )
        return
    try:
        text = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        st.session_state["critique:message"] = (
            f"{upload.name} is not UTF-8 text. Save it as UTF-8 (.md or .txt) and try again; "
            "the text box was not changed."
        )
        return
    if "\x00" in text:
        st.session_state["critique:message"] = (
            f"{upload.name} looks like a binary file, not text. The text box was not changed."
        )
        return
    st.session_state[TEXT_KEY] = text
    st.session_state.setdefault("_kept", {})[TEXT_KEY] = text
    st.session_state["critique:source"] = upload.name


def _request_check() -> None:
    st.session_state["critique:requested"] = True


def open_critique(workspace: Workspace, *, set_text: bool = True) -> None:
    """Show a pasted draft on this page (also used by the History page's Reopen).

    `set_text` puts the text back into the paste box: only before the box is drawn."""
    prefixes = ("edit:crit", "text:crit", "undo:crit")
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefixes)]:
        del st.session_state[key]
    st.session_state[WORKSPACE_KEY] = workspace
    if set_text and "text" in workspace.parts:
        st.session_state[TEXT_KEY] = workspace.parts["text"].text
        st.session_state.setdefault("_kept", {})[TEXT_KEY] = workspace.parts["text"].text


def _check(text: str, kind: str, store: HistoryStore | None) -> None:
    from critic.inputs import text_problem

    if problem := text_problem(text):  # size, control characters...: before any parsing
        st.error(f"Cannot check this text: {md_escape(problem)}. Your text is kept.")
        return
    try:
        report = check_text(text, kind)
    except CriticUnavailable as exc:
        st.error(f"Cannot check this text: {md_escape(str(exc))}. Your text is kept.")
        return
    source = st.session_state.get("critique:source")
    workspace = Workspace(
        source="critique",
        title=text.strip().splitlines()[0].lstrip("#").strip()[:80] or "Pasted draft",
        parts={
            "text": PartView(
                part="text", kind=report.kind, text=text, report=report, checked_text=text
            )
        },
    )
    if store is not None:
        entry = save_safely("the critique", store.save_critique, text, report, source=source)
        if entry is not None:
            workspace.entry_id = entry.id
            workspace.title = entry.title
            version = entry.latest("text")
            workspace.parts["text"].version_id = version.id if version else None
    open_critique(workspace, set_text=False)


def render_critique_page() -> None:
    st.title("Critique a draft")
    st.caption(
        "Paste a briefing or meeting script you wrote (or upload a .md or .txt file). "
        "The critic flags jargon, vague numbers, blame-shifting, excess length and missing "
        "elements, right inside the text."
    )
    store = history_store()
    if TEXT_KEY not in st.session_state and TEXT_KEY not in st.session_state.get("_kept", {}):
        saved = save_safely("the text", store.load_scratch, SCRATCH_NAME) if store else None
        if saved and isinstance(saved.get("text"), str):
            st.session_state.setdefault("_kept", {})[TEXT_KEY] = saved["text"]

    if message := st.session_state.pop("critique:message", None):
        st.error(md_escape(message))
    st.file_uploader(
        "Upload a draft",
        type=["md", "markdown", "txt"],
        key="critique:upload",
        on_change=_take_upload,
    )
    text = st.text_area(
        "Or paste it here",
        key=kept(TEXT_KEY, ""),
        height=260,
        placeholder="Subject: Checkout recommendations failure…",
    )
    remember(TEXT_KEY)
    if store is not None and st.session_state.get("_critique_saved") != text:
        save_safely("the text", store.save_scratch, SCRATCH_NAME, {"text": text})
        st.session_state["_critique_saved"] = text
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    with c1:
        kind = st.radio(
            "This is a",
            list(KIND_LABELS),
            format_func=KIND_LABELS.get,
            horizontal=True,
            key=kept("critique:kind", "auto"),
        )
        remember("critique:kind")
    with c2:
        st.button(
            "Check this draft",
            type="primary",
            icon=":material/search:",
            key="critique:check",
            on_click=_request_check,
        )

    if st.session_state.pop("critique:requested", False):
        if not text.strip():
            st.error("There is nothing to check yet: paste a draft or upload a file.")
        else:
            _check(text, kind, store)

    workspace: Workspace | None = st.session_state.get(WORKSPACE_KEY)
    if workspace is None or "text" not in workspace.parts:
        start_background_warmup(with_litellm=False)  # load the critic while the user pastes
        return
    st.divider()
    st.subheader(workspace.title)

    def save(view: PartView) -> None:
        if store is not None and workspace.entry_id is not None:
            version = save_safely(
                "the edit", store.add_version, workspace.entry_id, "text", view.text, view.report
            )
            if version is not None:
                view.version_id = version.id

    key = f"crit:{workspace.entry_id or 'new'}"
    workspace.parts["text"] = render_part(workspace.parts["text"], key, on_checked=save)
    from brief.ui.export import findings_json, markdown_bundle

    view = workspace.parts["text"]
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download the text (.md)",
        markdown_bundle(workspace.title, {"text": view.text}),
        file_name="draft.md",
        mime="text/markdown",
        icon=":material/description:",
        key="crit-export:md",
    )
    c2.download_button(
        "Findings (.json)",
        findings_json(workspace.title, {"text": (view.text, view.report)}),
        file_name="draft-findings.json",
        mime="application/json",
        icon=":material/data_object:",
        key="crit-export:json",
    )
