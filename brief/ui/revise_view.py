"""“Revise with the critic” on the Draft page: the rounds, a side-by-side diff of any two versions
with the findings each round fixed, and the placeholders left for the user to fill.

Called once from the draft page (`render_revise(workspace, config)`); everything else lives here.
"""

from __future__ import annotations

import difflib
import html
import re
from typing import Any

import streamlit as st

from drafter import DrafterConfig, DraftError, qa_markdown
from drafter.revise import PARTS, RevisionResult, Version, revise

STATE_KEY = "revision:{entry}"
PLACEHOLDER = re.compile(r"\[add:[^\]\n]{1,200}\]", re.IGNORECASE)
PART_NAMES = {"briefing": "Briefing", "script": "Meeting script", "qa": "Tough questions"}
_TOKEN = re.compile(r"\s+|[^\s]+")


def workspace_parts(workspace: Any) -> dict[str, str]:
    """The texts to revise: the briefing and script as the user last edited them, and the Q&A."""
    parts = dict.fromkeys(PARTS, "")
    for name in ("briefing", "script"):
        if name in workspace.parts:
            parts[name] = workspace.parts[name].text
    if workspace.result is not None:
        parts["qa"] = qa_markdown(workspace.result.draft)
    return parts


def highlight_placeholders(text: str) -> str:
    """HTML of the text with every `[add: ...]` placeholder marked for the user to fill."""
    out, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(
            '<mark style="background:#ffd54f;padding:0 2px" title="Fill this in with the real '
            f'figure">{html.escape(match.group(0))}</mark>'
        )
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def side_by_side(old: str, new: str) -> tuple[str, str]:
    """Two HTML columns: words removed struck out on the left, words added marked on the right."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f'<del style="background:#ffcdd2">{removed}</del>')
        if added:
            right.append(f'<ins style="background:#c8e6c9;text-decoration:none">{added}</ins>')
    return "".join(left), "".join(right)


def fixed_between(result: RevisionResult, first: int, second: int) -> list[str]:
    """The findings fixed by the accepted rounds after `first` up to `second`."""
    return [
        item
        for version in result.versions
        if first < version.number <= second and version.status == "accepted"
        for item in version.fixed
    ]


def _version_line(version: Version, final: int) -> str:
    counts = version.counts()
    if version.status == "rejected" and not version.reports:
        summary = "no valid reply"
    else:
        summary = (
            f"{counts['error']} errors, {counts['warning']} warnings, "
            f"weighted {version.weighted}" + (", passes" if version.passed else "")
        )
    mark = " · **final**" if version.number == final else ""
    return f"**Version {version.number}** ({version.status}{mark}): {summary}"


def _box(body: str) -> None:
    st.markdown(
        '<div style="white-space:pre-wrap;font-size:0.9em;border:1px solid #ddd;'
        f'padding:8px;border-radius:4px">{body}</div>',
        unsafe_allow_html=True,
    )


def render_result(result: RevisionResult, key: str) -> None:
    """The rounds, the diff of any two versions and the final text with its placeholders."""
    st.caption(f"Stopped: {result.stopped}.")
    for version in result.versions:
        st.markdown(_version_line(version, result.final_number))
        for reason in version.reasons:
            st.caption(f"– {reason}")
    numbers = [v.number for v in result.versions]
    c1, c2, c3 = st.columns(3)
    first = c1.selectbox("Compare version", numbers, index=0, key=f"{key}:a")
    second = c2.selectbox("with version", numbers, index=len(numbers) - 1, key=f"{key}:b")
    part = c3.selectbox(
        "Part",
        [p for p in PARTS if result.first.parts.get(p)],
        format_func=PART_NAMES.get,
        key=f"{key}:part",
    )
    old = next(v for v in result.versions if v.number == first).parts.get(part, "")
    new = next(v for v in result.versions if v.number == second).parts.get(part, "")
    left, right = side_by_side(old, new)
    col_a, col_b = st.columns(2)
    with col_a:
        st.markdown(f"Version {first}")
        _box(left)
    with col_b:
        st.markdown(f"Version {second}")
        _box(right)
    fixed = fixed_between(result, min(first, second), max(first, second))
    if fixed:
        with st.expander(f"{len(fixed)} findings fixed between these versions"):
            st.markdown("\n".join(f"- {html.escape(item)}" for item in fixed))
    final = result.final
    placeholders = [m.group(0) for text in final.parts.values() for m in PLACEHOLDER.finditer(text)]
    if placeholders:
        st.warning(
            f"{len(placeholders)} placeholder(s) to fill: the reviser never guesses a figure. "
            "Each is an error until you replace it with the real one.",
            icon=":material/edit:",
        )
        for name, text in final.parts.items():
            if PLACEHOLDER.search(text):
                st.markdown(f"**{PART_NAMES[name]}**")
                _box(highlight_placeholders(text))


def render_revise(workspace: Any, config: DrafterConfig | None) -> None:
    """The “Revise with the critic” button and, once run, its rounds."""
    key = STATE_KEY.format(entry=workspace.entry_id or "new")
    if workspace.facts is None:
        return
    with st.expander(
        ":material/auto_fix_high: Revise with the critic", expanded=key in st.session_state
    ):
        st.caption(
            "The critic's findings go back to the model, round by round, until the draft passes. "
            "A round that adds a figure the facts do not hold, or drops one of the seven "
            "elements, is rejected; every version is kept."
        )
        rounds = st.number_input("Rounds at most", 1, 5, 2, key=f"{key}:rounds")
        if st.button("Revise with the critic", key=f"{key}:go", icon=":material/auto_fix_high:"):
            try:
                with st.spinner("Revising…"):
                    result = revise(
                        workspace_parts(workspace),
                        workspace.facts,
                        config or DrafterConfig(),
                        rounds=int(rounds),
                    )
            except (DraftError, ValueError) as exc:
                st.error(f"The revision failed: {html.escape(str(exc))}")
                return
            st.session_state[key] = result.model_dump(mode="json")
        stored = st.session_state.get(key)
        if stored:
            render_result(RevisionResult.model_validate(stored), key)
