"""The Draft page: facts in (typed, imported or an example), draft out, critique inside it.

Flow: the form keeps what the user types (autosaved); "Draft it" validates, shows messages
beside the fields, or drafts with live progress; the briefing and script are checked by the
critic and saved to the history; each can be edited and is re-checked at once; export at the end.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import streamlit as st

from brief.history import HistoryStore
from brief.ui import facts_view
from brief.ui.checking import CriticUnavailable, check_text, start_background_warmup
from brief.ui.critique_view import render_part
from brief.ui.export import (
    document_meta,
    docx_bytes,
    draft_json,
    findings_json,
    markdown_bundle,
    pdf_bytes,
    qa_text,
)
from brief.ui.facts_view import (
    REDACT_KEY,
    SHOW_ERRORS_KEY,
    form_state,
    render_facts_form,
    replace_form,
    sync_from_widgets,
    validate_form,
)
from brief.ui.form_state import FormState, data_to_form, empty_form, read_facts_upload
from brief.ui.model_view import render_model_picker
from brief.ui.rehearsal import render_flash_cards, render_reading_view
from brief.ui.revise_view import render_revise
from brief.ui.state import history_store, md_escape, save_safely
from brief.ui.streaming import streamed_preview
from brief.ui.workspace import (
    PartView,
    Workspace,
    parts_from_result,
    qa_scratch_name,
    saved_qa,
    workspace_from_entry,
)
from drafter import (
    DrafterConfig,
    DraftError,
    DraftResult,
    FactsError,
    IncidentFacts,
    dump_facts,
    generate_draft,
    parse_facts_text,
)

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "incidents"
WORKSPACE_KEY = "draft_workspace"
SCRATCH_NAME = "facts_form"
EXAMPLE_SCRATCH = "facts_form_example"
UNDO_KEY = "facts_undo"
OPEN_SCRATCH = "draft_open"
GENERATE_KEY = "draft_requested"
STREAM_REFRESH_S = 0.08


def example_files() -> dict[str, Path]:
    """Example incidents shipped in fixtures/incidents, by a readable name."""
    if not EXAMPLES_DIR.is_dir():
        return {}
    return {
        path.stem.replace("-", " ").capitalize(): path
        for path in sorted(EXAMPLES_DIR.glob("*.yaml"))
    }


# --- loading facts into the form (callbacks run before the page is drawn) ----------------------


UNDO_WORDS = {
    "load": "Loaded an example over your facts.",
    "import": "Imported a file over your facts.",
    "clear": "Cleared the form.",
    "reopen": "Reopened a draft: its facts replaced the form.",
}


def _set_undo(value: dict[str, Any] | None) -> None:
    """The facts a Load/Import/Clear replaced, kept in the session and on disk (refresh)."""
    if value is None:
        st.session_state.pop(UNDO_KEY, None)
    else:
        st.session_state[UNDO_KEY] = value
    save_safely("the form", HistoryStore().save_scratch, UNDO_KEY, value or {})


def _keep_for_undo(action: str) -> None:
    """Before the form is replaced: keep what was typed, so one click brings it back."""
    state = sync_from_widgets()
    if state.is_blank():  # nothing to lose (and an older undo stays available)
        return
    _set_undo(
        {"action": action, "form": state.to_jsonable(), "example": st.session_state.get("_example")}
    )


def _undo_replace() -> None:
    saved = st.session_state.get(UNDO_KEY)
    if not saved:
        return
    replace_form(FormState.from_jsonable(saved["form"]))
    _remember_example(saved.get("example"))
    _set_undo(None)
    st.session_state[SHOW_ERRORS_KEY] = False
    st.session_state["facts_message"] = ("success", "Your facts are back.")


def _remember_example(name: str | None) -> None:
    """Which example the form holds (None: typed or imported), kept across a refresh."""
    st.session_state["_example"] = name
    st.session_state["example_choice"] = name
    save_safely("the form", HistoryStore().save_scratch, EXAMPLE_SCRATCH, {"name": name})


def _load_example() -> None:
    name = st.session_state.get("example_choice")
    path = example_files().get(name or "")
    if path is None:
        return
    data = parse_facts_text(path.read_text(encoding="utf-8"), source=path.name)
    state, notes = data_to_form(data)
    _keep_for_undo("load")
    replace_form(state, notes)
    _remember_example(name)
    st.session_state[SHOW_ERRORS_KEY] = False
    st.session_state["facts_message"] = ("success", f"Loaded the example “{name}”.")


def _import_facts() -> None:
    upload = st.session_state.get("facts_upload")
    if upload is None:
        return
    try:
        state, notes = read_facts_upload(upload.name, upload.getvalue())
    except FactsError as exc:
        st.session_state["facts_message"] = ("error", f"{exc} The form was not changed.")
        return
    _keep_for_undo("import")
    replace_form(state, notes)
    _remember_example(None)
    st.session_state[SHOW_ERRORS_KEY] = True
    st.session_state["facts_message"] = ("success", f"Imported {upload.name}.")


def _clear_form() -> None:
    _keep_for_undo("clear")
    replace_form(empty_form())
    _remember_example(None)
    st.session_state[SHOW_ERRORS_KEY] = False
    st.session_state["facts_message"] = ("info", "Cleared the form.")


def _request_draft() -> None:
    st.session_state[SHOW_ERRORS_KEY] = True
    st.session_state[GENERATE_KEY] = True


# --- autosave ----------------------------------------------------------------------------------


def _restore_form(store: HistoryStore | None) -> None:
    """In a fresh session, bring back the form from the last session (refresh, restart)."""
    if facts_view.FORM_KEY in st.session_state:
        return
    example = save_safely("the form", store.load_scratch, EXAMPLE_SCRATCH) if store else None
    name = (example or {}).get("name")
    st.session_state["_example"] = name if name in example_files() else None
    st.session_state["example_choice"] = st.session_state["_example"]
    undo = save_safely("the form", store.load_scratch, UNDO_KEY) if store else None
    if undo and isinstance(undo.get("form"), dict):
        st.session_state[UNDO_KEY] = undo
    saved = save_safely("the form", store.load_scratch, SCRATCH_NAME) if store else None
    st.session_state["_form_restored"] = bool(saved)
    if saved:
        try:
            state = FormState.from_jsonable(saved)
        except ValueError:
            state = empty_form()
        else:
            st.session_state["facts_message"] = (
                "info",
                "Restored the facts you were typing last time.",
            )
        replace_form(state)
    else:
        replace_form(empty_form())


def _autosave(store: HistoryStore | None, state: FormState) -> None:
    snapshot = state.to_jsonable()
    if store is None or st.session_state.get("_autosaved") == snapshot:
        return
    save_safely("the form", store.save_scratch, SCRATCH_NAME, snapshot)
    st.session_state["_autosaved"] = snapshot


def _reopen_from_url(store: HistoryStore | None) -> None:
    """After a refresh the URL still says ?entry=N: reopen that draft."""
    if store is None or WORKSPACE_KEY in st.session_state:
        return
    raw = st.query_params.get("entry")
    if not raw:  # a fresh tab on /draft: the draft that was open last time
        last = save_safely("", store.load_scratch, OPEN_SCRATCH) or {}
        raw = str(last.get("entry", ""))
    if not raw or not raw.isdigit():
        return
    entry = save_safely("", store.get_entry, int(raw))
    if entry is not None and entry.kind == "draft":
        # never put the draft's facts over the form restored from autosave (what the user
        # typed, or cleared, last time); a fresh browser with no autosave gets them
        restored = bool(st.session_state.get("_form_restored"))
        open_workspace(reopened_workspace(store, entry), load_facts=not restored)


def reopened_workspace(store: HistoryStore | None, entry: Any) -> Workspace:
    """A history entry as a workspace, with its edited Q&A when there is one."""
    qa = None
    if store is not None and entry.id is not None:
        qa = saved_qa(save_safely("", store.load_scratch, qa_scratch_name(entry.id)))
    return workspace_from_entry(entry, qa)


def open_workspace(workspace: Workspace, *, load_facts: bool = True) -> None:
    """Show a draft on this page (also used by the History page's Reopen).

    `load_facts` puts the draft's facts back into the form; only call it with True before
    the form is drawn (from a callback or at the top of the page)."""
    prefixes = ("edit:draft", "text:draft", "undo:draft", "qa:draft")
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefixes)]:
        del st.session_state[key]
    st.session_state[WORKSPACE_KEY] = workspace
    if load_facts and workspace.facts is not None:
        state, notes = data_to_form(workspace.facts.model_dump(mode="json", exclude_none=True))
        if state.to_jsonable() != sync_from_widgets().to_jsonable():
            _keep_for_undo("reopen")
        replace_form(state, notes)
        _remember_example(None)
    if workspace.entry_id is not None:
        st.query_params["entry"] = str(workspace.entry_id)
        save_safely("", HistoryStore().save_scratch, OPEN_SCRATCH, {"entry": workspace.entry_id})


def _keep_url(workspace: Workspace | None) -> None:
    """The URL names the open draft (page switches drop query parameters): a refresh or a
    bookmark reopens it."""
    if workspace is None or workspace.entry_id is None:
        return
    if st.query_params.get("entry") != str(workspace.entry_id):
        st.query_params["entry"] = str(workspace.entry_id)


# --- drafting ----------------------------------------------------------------------------------


def _draft(facts: IncidentFacts, config: DrafterConfig, store: HistoryStore | None) -> None:
    """Draft with visible progress, check both parts, save; errors keep everything typed."""
    with st.status(f"Drafting with {config.model}…", expanded=True) as status:
        st.write(":material/check: Facts are complete.")
        streamed: list[str] = []
        box = st.empty()
        last_paint = [0.0]

        def on_text(piece: str) -> None:
            streamed.append(piece)
            now = time.perf_counter()
            if now - last_paint[0] >= STREAM_REFRESH_S:
                last_paint[0] = now
                preview = streamed_preview("".join(streamed))
                if preview:
                    box.text(preview)

        try:
            result = generate_draft(facts, config, on_text=on_text if config.stream else None)
        except DraftError as exc:
            status.update(label="The model call failed", state="error", expanded=True)
            box.empty()
            st.error(
                f"{md_escape(str(exc))}\n\nYour facts are kept: fix the model settings in the "
                "sidebar (or pick offline/template) and press Draft it again.",
                icon=":material/error:",
            )
            return
        box.empty()
        st.write(
            f":material/check: Draft received in {result.meta.latency_ms:,.0f} ms; checking it…"
        )
        workspace = Workspace(
            source="draft",
            title=facts.title,
            facts=facts,
            result=result,
            parts=parts_from_result(result),
        )
        checked: dict[str, Any] = {}
        for name, view in workspace.parts.items():
            try:
                report = check_text(view.text, view.kind, facts=facts)
            except CriticUnavailable as exc:
                st.warning(f"Not checked: {md_escape(str(exc))}")
                report = None
            workspace.parts[name] = view.model_copy(
                update={"report": report, "checked_text": view.text if report else None}
            )
            checked[name] = (view.text, report)
        if store is not None:
            entry = save_safely("the draft", store.save_draft, facts, result, checked)
            if entry is not None:
                workspace.entry_id = entry.id
                for name in workspace.parts:
                    version = entry.latest(name)  # type: ignore[arg-type]
                    if version is not None:
                        workspace.parts[name].version_id = version.id
        status.update(label="Draft ready, and checked", state="complete", expanded=False)
    if st.session_state.get(UNDO_KEY):
        _set_undo(None)  # the user drafted with the facts as they are now
    open_workspace(workspace, load_facts=False)


def _save_edit(store: HistoryStore | None, workspace: Workspace) -> Any:
    def save(view: PartView) -> None:
        if store is None or workspace.entry_id is None:
            return
        version = save_safely(
            "the edit", store.add_version, workspace.entry_id, view.part, view.text, view.report
        )
        if version is not None:
            view.version_id = version.id

    return save


# --- showing the draft -------------------------------------------------------------------------


def _render_meta(result: DraftResult) -> None:
    meta = result.meta
    cost = "n/a" if meta.cost_usd is None else f"${meta.cost_usd:.4f}"
    repaired = " · repaired once" if meta.repaired else ""
    st.caption(
        f"Model **{md_escape(meta.model)}** · prompt {md_escape(meta.prompt_version)} · "
        f"{meta.input_tokens:,} tokens in, {meta.output_tokens:,} out · cost {cost} · "
        f"{meta.latency_ms:,.0f} ms · {meta.attempts} request(s){repaired}"
    )
    if result.unsupported_figures:
        figures = ", ".join(md_escape(f) for f in result.unsupported_figures)
        st.warning(
            f"Check these figures: they are not in the facts, so the model may have invented "
            f"them: {figures}",
            icon=":material/policy:",
        )


def _presenter(workspace: Workspace) -> str | None:
    facts = workspace.facts
    presenter = getattr(facts, "presenter", None) if facts is not None else None
    return getattr(presenter, "name", None) if presenter is not None else None


def _render_export(workspace: Workspace) -> None:
    parts = {name: view.text for name, view in workspace.parts.items()}
    questions = workspace.questions()
    qa = qa_text(questions) if questions else None
    markdown = markdown_bundle(workspace.title, parts, qa=qa)
    meta = document_meta(workspace.title, workspace.result, _presenter(workspace))
    stem = "".join(c if c.isalnum() else "-" for c in workspace.title.lower()).strip("-")[:60]
    stem = stem or "brief"
    st.caption(
        "What you download is exactly what the CEO receives: the text as edited here, with the "
        "Q&A. How it was drafted (model, cost) is in the file's properties, not in the text."
    )
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        "Briefing, script and Q&A (.docx)",
        lambda: docx_bytes(markdown, meta),
        file_name=f"{stem}.docx",
        key="export:docx",
        icon=":material/article:",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        type="primary",
    )
    if "briefing" in parts:
        c2.download_button(
            "One-page briefing (.pdf)",
            lambda: pdf_bytes(parts["briefing"], meta, strict=False),
            file_name=f"{stem}-briefing.pdf",
            mime="application/pdf",
            key="export:pdf",
            icon=":material/picture_as_pdf:",
        )
    c3.download_button(
        "Briefing, script and Q&A (.md)",
        markdown,
        file_name=f"{stem}.md",
        mime="text/markdown",
        icon=":material/description:",
        key="export:md",
    )
    d1, d2, _ = st.columns(3)
    findings = {name: (view.text, view.report) for name, view in workspace.parts.items()}
    d1.download_button(
        "Findings (.json)",
        lambda: findings_json(workspace.title, findings),
        file_name=f"{stem}-findings.json",
        mime="application/json",
        key="export:findings",
        icon=":material/data_object:",
    )
    d2.download_button(
        "Draft as edited + metadata (.json)",
        lambda: draft_json(workspace.title, parts, questions, workspace.result),
        file_name=f"{stem}-draft.json",
        mime="application/json",
        key="export:draft",
        icon=":material/data_object:",
    )


def _save_qa(store: HistoryStore | None, workspace: Workspace) -> Any:
    def save(qa: list[tuple[str, str]]) -> None:
        workspace.qa = qa
        if store is not None and workspace.entry_id is not None:
            save_safely(
                "the Q&A",
                store.save_scratch,
                qa_scratch_name(workspace.entry_id),
                {"qa": [list(item) for item in qa]},
            )

    return save


def _script_stages(workspace: Workspace) -> list[str]:
    if workspace.result is None:
        return []
    return [turn.stage for turn in workspace.result.draft.script]


def render_workspace(
    workspace: Workspace, store: HistoryStore | None, config: DrafterConfig | None = None
) -> None:
    st.subheader(workspace.title)
    if workspace.result is not None:
        _render_meta(workspace.result)
    save = _save_edit(store, workspace)
    names = [n for n in ("briefing", "script") if n in workspace.parts]
    labels = {
        "briefing": ":material/mail: Briefing",
        "script": ":material/record_voice_over: Meeting script",
    }
    tabs = st.tabs(
        [
            *(labels[n] for n in names),
            ":material/quiz: Rehearse the questions",
            ":material/download: Export",
        ]
    )
    base = f"draft:{workspace.entry_id or 'new'}"
    for name, tab in zip(names, tabs, strict=False):
        with tab:
            key = f"{base}:{name}"
            if name == "script" and st.toggle(
                "Reading view: rehearse the script aloud, with the time for each part",
                key=f"{key}:reading",
            ):
                text = st.session_state.get(f"text:{key}", workspace.parts[name].text)
                render_reading_view(text, _script_stages(workspace))
                continue
            workspace.parts[name] = render_part(
                workspace.parts[name], key, on_checked=save, facts=workspace.facts
            )
    with tabs[len(names)]:
        render_flash_cards(
            workspace.questions(), f"qa:{base}", on_change=_save_qa(store, workspace)
        )
    with tabs[len(names) + 1]:
        _render_export(workspace)
    render_revise(workspace, config)


# --- the page ------------------------------------------------------------------------------------


def _render_facts_tools(
    state: FormState, facts: IncidentFacts | None, import_error: str | None
) -> None:
    examples = example_files()
    if "example_choice" not in st.session_state:  # widget state is dropped on page switches
        st.session_state["example_choice"] = st.session_state.get("_example")
    c1, c2, c3 = st.columns([2, 1, 1], vertical_alignment="bottom")
    with c1:
        choice = st.selectbox(
            "Start from an example incident",
            list(examples),
            index=None,
            placeholder="Choose an example…",
            key="example_choice",
        )
    with c2:
        st.button(
            "Load the example",
            on_click=_load_example,
            icon=":material/folder_open:",
            key="load_example",
            disabled=choice is None,
            help="Replaces the form; you can undo it.",
        )
    with c3:
        st.button(
            "Clear the form",
            on_click=_clear_form,
            icon=":material/mop:",
            key="clear_form",
            disabled=state.is_blank(),
            help="Empties every field; you can undo it.",
        )
    undo = st.session_state.get(UNDO_KEY)
    if undo:
        u1, u2 = st.columns([3, 1], vertical_alignment="center")
        u1.info(
            f"{UNDO_WORDS.get(undo.get('action', ''), 'Replaced your facts.')} "
            "The facts you had typed are kept until you undo or draft.",
            icon=":material/info:",
        )
        u2.button(
            "Undo: bring my facts back",
            on_click=_undo_replace,
            icon=":material/undo:",
            key="undo_replace",
        )
    with st.expander("Import or export the facts (YAML or JSON)", expanded=bool(import_error)):
        if import_error:
            st.error(md_escape(import_error), icon=":material/error:")
        st.file_uploader(
            "Import a facts file",
            type=["yaml", "yml", "json"],
            key="facts_upload",
            on_change=_import_facts,
        )
        if facts is not None:
            yaml_text, json_text = dump_facts(facts, "yaml"), dump_facts(facts, "json")
        else:
            import json

            import yaml

            from brief.ui.form_state import form_to_data

            data = form_to_data(state)
            yaml_text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
            json_text = json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
            st.caption("The facts are not complete yet; the export holds what you typed so far.")
        c1, c2 = st.columns(2)
        c1.download_button(
            "Export as YAML",
            yaml_text,
            file_name="incident.yaml",
            mime="application/yaml",
            key="export_yaml",
            icon=":material/download:",
        )
        c2.download_button(
            "Export as JSON",
            json_text,
            file_name="incident.json",
            mime="application/json",
            key="export_json",
            icon=":material/download:",
        )


def render_draft_page() -> None:
    st.title("Draft the briefing")
    st.caption(
        "Type the facts once. Brief drafts the written briefing, the meeting script and the "
        "answers to the CEO's tough questions, then checks them the way a demanding CEO would."
    )
    store = history_store()
    _restore_form(store)
    _reopen_from_url(store)
    config = render_model_picker()

    state = sync_from_widgets()
    facts, problems = validate_form(state)
    show_errors = bool(st.session_state.get(SHOW_ERRORS_KEY))

    import_error = None
    if message := st.session_state.pop("facts_message", None):
        level, text = message
        if level == "error":
            import_error = text
        else:
            st.toast(text, icon=":material/check_circle:" if level == "success" else "ℹ️")

    workspace: Workspace | None = st.session_state.get(WORKSPACE_KEY)
    _keep_url(workspace)
    _render_facts_tools(state, facts, import_error)
    with st.expander(
        ":material/assignment: Incident facts",
        expanded=workspace is None or bool(problems and show_errors),
    ):
        render_facts_form(problems if show_errors else {})
    _autosave(store, form_state())

    st.checkbox(
        "Redact secrets and personal data before drafting",
        key=REDACT_KEY,
        help="Keys, tokens, passwords, e-mail addresses, phone and card numbers in the facts are "
        "replaced with [REDACTED:kind] before anything is sent. Without it, they are refused.",
    )
    st.button(
        "Draft it",
        type="primary",
        icon=":material/edit_note:",
        key="draft_button",
        on_click=_request_draft,
        disabled=config is None,
    )
    if st.session_state.pop(GENERATE_KEY, False):
        if facts is None:
            count = len(problems)
            st.error(
                f"The facts have {count} problem{'s' if count != 1 else ''}: each is shown "
                "under its field above. Nothing you typed was lost.",
                icon=":material/warning:",
            )
        elif config is not None:
            _draft(facts, config, store)
            workspace = st.session_state.get(WORKSPACE_KEY)

    if workspace is not None:
        st.divider()
        render_workspace(workspace, store, config)
    # After the page is drawn: load the critic and litellm while the user types.
    start_background_warmup()
