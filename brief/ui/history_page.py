"""The History page: every draft and critique, newest first; reopen, compare two, delete."""

from __future__ import annotations

import html

import streamlit as st

from brief.history import (
    EntrySummary,
    HistoryStore,
    VersionDiff,
    VersionRecord,
    compare_versions,
)
from brief.ui.state import history_store, md_escape, save_safely
from brief.ui.workspace import PART_TITLES, workspace_from_entry

PAGE_SIZE = 50
DIFF_CSS = """
<style>
.brief-diff { white-space: pre-wrap; line-height: 1.6; padding: 0.75rem 1rem;
  border: 1px solid rgba(128,128,128,0.3); border-radius: 0.5rem; overflow-wrap: anywhere; }
.brief-diff del { background: #f8d7da; color: #842029; text-decoration: line-through; }
.brief-diff ins { background: #d1e7dd; color: #0f5132; text-decoration: none; }
</style>
"""


def diff_html(diff: VersionDiff) -> str:
    """The word-level diff as HTML; every piece of text is escaped."""
    parts = []
    for piece in diff.pieces:
        text = html.escape(piece.text, quote=False)
        if piece.op == "insert":
            parts.append(f"<ins>{text}</ins>")
        elif piece.op == "delete":
            parts.append(f"<del>{text}</del>")
        else:
            parts.append(text)
    return DIFF_CSS + f'<div class="brief-diff">{"".join(parts)}</div>'


def _reopen(store: HistoryStore, entry_id: int) -> None:
    entry = save_safely("", store.get_entry, entry_id)
    if entry is None:
        st.session_state["history:message"] = f"Entry {entry_id} is gone (deleted?)."
        return
    if entry.kind == "draft":
        from brief.ui.draft_page import open_workspace, reopened_workspace

        open_workspace(reopened_workspace(store, entry))
        st.session_state["history:goto"] = "draft"
    else:
        from brief.ui.critique_page import open_critique

        open_critique(workspace_from_entry(entry))
        st.session_state["history:goto"] = "critique"


def _delete(store: HistoryStore, entry_id: int, also: tuple[int, ...] = ()) -> None:
    """Delete one entry (and, for a whole incident, its older drafts too)."""
    for other in also:
        _delete(store, other)
    if save_safely("", store.delete_entry, entry_id):
        count = 1 + len(also)
        st.session_state["history:message"] = (
            f"Deleted entry {entry_id}." if count == 1 else f"Deleted {count} drafts."
        )
        save_safely("", store.clear_scratch, f"qa:{entry_id}")
        for key in ("draft_workspace", "critique_workspace"):
            workspace = st.session_state.get(key)
            if workspace is not None and workspace.entry_id == entry_id:
                del st.session_state[key]
                if key == "draft_workspace" and st.query_params.get("entry") == str(entry_id):
                    del st.query_params["entry"]
    st.session_state.pop("history:confirm", None)


def _version_label(version: VersionRecord, titles: dict[int, str]) -> str:
    score = f" · score {version.score}" if version.score is not None else ""
    when = version.created_at.astimezone().strftime("%d %b %H:%M")
    return (
        f"#{version.id} · {titles.get(version.entry_id, '?')[:50]} · "
        f"{PART_TITLES.get(version.part, version.part)} ({version.label}) · {when}{score}"
    )


def _render_compare(store: HistoryStore, titles: dict[int, str]) -> None:
    versions = save_safely("", store.list_versions) or []
    st.subheader("Compare two versions")
    if len(versions) < 2:
        st.caption(
            "Edit a draft and re-check it (or check two drafts) to have versions to compare."
        )
        return
    by_id = {v.id: v for v in versions}
    ids = [v.id for v in reversed(versions)]
    # Default: the last two versions of the most recently edited text, else the last two saved.
    default_old, default_new = versions[-2].id, versions[-1].id
    for newest in reversed(versions):
        same = [v for v in versions if (v.entry_id, v.part) == (newest.entry_id, newest.part)]
        if len(same) >= 2:
            default_old, default_new = same[-2].id, same[-1].id
            break
    c1, c2 = st.columns(2)
    old_id = c1.selectbox(
        "Older",
        ids,
        index=ids.index(default_old),
        key="history:old",
        format_func=lambda i: _version_label(by_id[i], titles),
    )
    new_id = c2.selectbox(
        "Newer",
        ids,
        index=ids.index(default_new),
        key="history:new",
        format_func=lambda i: _version_label(by_id[i], titles),
    )
    if old_id == new_id:
        st.caption("Pick two different versions.")
        return
    diff = compare_versions(by_id[old_id], by_id[new_id])
    m1, m2, m3 = st.columns(3)
    m1.metric("Words", f"+{diff.words_added} / −{diff.words_removed}")
    if diff.score_change is not None:
        m2.metric("Score", by_id[new_id].score, delta=diff.score_change)
    if diff.findings_change is not None:
        m3.metric(
            "Findings", by_id[new_id].findings, delta=diff.findings_change, delta_color="inverse"
        )
    st.html(diff_html(diff))
    with st.expander("Unified diff"):
        st.code(diff.unified or "(no difference)", language="diff")


def incident_key(entry: EntrySummary) -> tuple[str, str]:
    """Drafts of the same incident share a title: one history row holds them all."""
    return entry.kind, " ".join(entry.title.lower().split())


def group_by_incident(entries: list[EntrySummary]) -> list[list[EntrySummary]]:
    """Entries grouped by incident, newest group first, newest draft first inside."""
    groups: dict[tuple[str, str], list[EntrySummary]] = {}
    for entry in entries:  # entries come newest first
        groups.setdefault(incident_key(entry), []).append(entry)
    return list(groups.values())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _render_group(store: HistoryStore, group: list[EntrySummary], confirm: int | None) -> None:
    latest = group[0]
    with st.container(border=True):
        c1, c2, c3 = st.columns([6, 1.3, 1.3], vertical_alignment="center")
        kind = (
            ":material/edit_note: Draft" if latest.kind == "draft" else ":material/search: Critique"
        )
        when = latest.updated_at.astimezone().strftime("%d %b %Y %H:%M")
        versions = sum(entry.versions for entry in group)
        detail = [kind, when]
        if len(group) > 1:
            detail.append(_plural(len(group), "draft" if latest.kind == "draft" else "check"))
        detail.append(_plural(versions, "version"))
        if latest.model:
            detail.append(latest.model)
        if latest.latest_score is not None:
            detail.append(f"score {latest.latest_score}")
        c1.markdown(f"**{md_escape(latest.title)}**  \n" + md_escape(" · ".join(detail)))
        c2.button(
            "Reopen",
            key=f"history:open:{latest.id}",
            on_click=_reopen,
            args=(store, latest.id),
            icon=":material/folder_open:",
            help="Open the newest version",
        )
        older = tuple(entry.id for entry in group[1:])
        if confirm == latest.id:
            c3.button(
                "Confirm delete" if not older else f"Delete all {len(group)}",
                key=f"history:confirm:{latest.id}",
                type="primary",
                on_click=_delete,
                args=(store, latest.id, older),
            )
        else:
            c3.button(
                "Delete",
                key=f"history:delete:{latest.id}",
                icon=":material/delete:",
                on_click=lambda i=latest.id: st.session_state.update({"history:confirm": i}),
            )
        if older:
            with st.expander(f"Earlier drafts of this incident ({len(older)})"):
                for entry in group[1:]:
                    o1, o2, o3 = st.columns([6, 1.3, 1.3], vertical_alignment="center")
                    stamp = entry.updated_at.astimezone().strftime("%d %b %H:%M")
                    score = (
                        f" · score {entry.latest_score}" if entry.latest_score is not None else ""
                    )
                    o1.markdown(md_escape(f"{stamp} · {_plural(entry.versions, 'version')}{score}"))
                    o2.button(
                        "Reopen",
                        key=f"history:open:{entry.id}",
                        on_click=_reopen,
                        args=(store, entry.id),
                    )
                    if confirm == entry.id:
                        o3.button(
                            "Confirm",
                            key=f"history:confirm:{entry.id}",
                            type="primary",
                            on_click=_delete,
                            args=(store, entry.id),
                        )
                    else:
                        o3.button(
                            "Delete",
                            key=f"history:delete:{entry.id}",
                            on_click=lambda i=entry.id: st.session_state.update(
                                {"history:confirm": i}
                            ),
                        )


def render_history_page() -> None:
    st.title("History")
    store = history_store()
    if store is None:
        return
    st.caption(
        f"Saved on this computer in {md_escape(str(store.path))} "
        "(set BRIEF_HISTORY_DB to keep it elsewhere)."
    )
    goto = st.session_state.pop("history:goto", None)
    if goto:
        from brief.ui.pages import switch_to

        switch_to(goto)
    if message := st.session_state.pop("history:message", None):
        st.info(md_escape(message))

    entries = save_safely("", store.list_entries, PAGE_SIZE) or []
    if not entries:
        st.info("Nothing here yet: every draft you make and every text you check is saved here.")
        return
    titles = {entry.id: entry.title for entry in entries}
    confirm = st.session_state.get("history:confirm")
    for group in group_by_incident(entries):
        _render_group(store, group, confirm)
    st.divider()
    _render_compare(store, titles)
