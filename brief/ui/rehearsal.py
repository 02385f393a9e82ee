"""Rehearse the meeting: the script as a reading view with the speaking time of each part, and
the tough questions as flash cards (answer hidden until revealed, editable, each answer checked
by the critic).

`script_parts` and `speaking_seconds` are plain functions (unit-tested); the render functions
draw them. Q&A edits are kept in the workspace and saved with the history entry (scratch
`qa:<entry id>`), so exports and a refresh see them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from brief.ui.checking import CriticUnavailable, check_text
from brief.ui.critique_view import plural, speaking_time
from brief.ui.markup import annotated_page

WORDS_PER_MINUTE = 140  # the critic's speaking rate
STAGE_TITLES: dict[str, str] = {
    "opening": "Opening",
    "impact": "Impact",
    "root_cause": "What went wrong",
    "why_not_caught": "Why it was not caught earlier",
    "actions": "What we are doing",
    "recurrence": "Could it happen again",
    "follow_up": "Follow-up",
}
_TURN = re.compile(r"^(?:\*\*)?(You|CEO):(?:\*\*)?\s*", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z0-9$€£%][\w'’.,%$€£-]*")


def speaking_seconds(text: str, wpm: int = WORDS_PER_MINUTE) -> float:
    return len(_WORD.findall(text)) * 60.0 / wpm


@dataclass(frozen=True)
class ScriptPart:
    speaker: str
    title: str
    text: str
    seconds: float


def script_parts(script: str, stages: Sequence[str] = ()) -> list[ScriptPart]:
    """The script's turns (`You:` / `CEO:` paragraphs), each with its speaking time; titled by
    the guide's stage when the generated stages still line up with the (edited) turns."""
    matches = list(_TURN.finditer(script))
    if not matches:
        text = script.strip()
        return [ScriptPart("You", "Script", text, speaking_seconds(text))] if text else []
    turns = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(script)
        turns.append((match.group(1), script[match.end() : end].strip()))
    use_stages = len(stages) == len(turns)
    parts = []
    you_count = 0
    for index, (speaker, text) in enumerate(turns):
        if speaker == "You":
            you_count += 1
        if use_stages:
            title = STAGE_TITLES.get(stages[index], stages[index].replace("_", " ").capitalize())
        else:
            title = f"Part {you_count}" if speaker == "You" else "The CEO"
        parts.append(ScriptPart(speaker, title, text, speaking_seconds(text)))
    return parts


READING_CSS = (
    "<style>.brief-reading{max-width:46rem}"
    ".brief-reading .turn{margin:0 0 1.1rem 0}"
    ".brief-reading .you{font-size:1.2rem;line-height:1.6}"
    ".brief-reading .ceo{font-style:italic;opacity:0.8;border-left:3px solid #999;"
    "padding-left:0.6rem}"
    ".brief-reading .head{font-size:0.8rem;text-transform:uppercase;letter-spacing:0.04em;"
    "opacity:0.75}</style>"
)


def reading_html(parts: Sequence[ScriptPart]) -> str:
    import html

    rows = []
    for part in parts:
        css = "you" if part.speaker == "You" else "ceo"
        time_note = f" · {speaking_time(part.seconds)}" if part.speaker == "You" else ""
        rows.append(
            f'<div class="turn"><div class="head">{html.escape(part.title)}{time_note}</div>'
            f'<div class="{css}">{html.escape(part.text)}</div></div>'
        )
    return READING_CSS + '<div class="brief-reading">' + "".join(rows) + "</div>"


def render_reading_view(script: str, stages: Sequence[str]) -> None:
    parts = script_parts(script, stages)
    yours = [p for p in parts if p.speaker == "You"]
    total = sum(p.seconds for p in yours)
    st.caption(
        f"Your speaking time: **{speaking_time(total)}** at {WORDS_PER_MINUTE} words a minute, "
        f"in {plural(len(yours), 'part')}. Read it aloud once, then rehearse the questions."
    )
    st.html(reading_html(parts))


# --- flash cards -------------------------------------------------------------------------------

QA = list[tuple[str, str]]
OnQAChanged = Callable[[QA], None]


def _check_answer(answer: str) -> Any | None:
    """The critic's report on one answer (cached per text for this session)."""
    cache: dict[str, Any] = st.session_state.setdefault("_qa_reports", {})
    if answer not in cache:
        try:
            cache[answer] = check_text(answer, "briefing")
        except CriticUnavailable:
            return None
    return cache[answer]


def _move(key: str, step: int, total: int) -> None:
    current = int(st.session_state.get(f"{key}:card", 0))
    st.session_state[f"{key}:card"] = (current + step) % total
    st.session_state[f"{key}:revealed"] = False


def _reveal(key: str) -> None:
    st.session_state[f"{key}:revealed"] = True


def render_flash_cards(qa: QA, key: str, on_change: OnQAChanged) -> QA:
    """One question at a time; the answer is hidden until "Reveal the answer", then editable and
    checked by the critic. Returns the (possibly edited) Q&A."""
    if not qa:
        st.caption("No questions were saved with this draft.")
        return qa
    total = len(qa)
    number = int(st.session_state.get(f"{key}:card", 0)) % total
    question, answer = qa[number]
    revealed = bool(st.session_state.get(f"{key}:revealed"))

    st.caption(
        f"Question {number + 1} of {total}. Answer it aloud first, then reveal the prepared "
        "answer. Edit either one: your changes are saved and exported."
    )
    with st.container(border=True, key=f"{key}:cardbox"):
        q_key = f"{key}:q:{number}"
        if q_key not in st.session_state:
            st.session_state[q_key] = question
        new_question = st.text_input("The CEO asks", key=q_key)
        if not revealed:
            st.button(
                "Reveal the answer",
                key=f"{key}:reveal",
                type="primary",
                icon=":material/visibility:",
                on_click=_reveal,
                args=(key,),
            )
            new_answer = answer
        else:
            a_key = f"{key}:a:{number}"
            if a_key not in st.session_state:
                st.session_state[a_key] = answer
            new_answer = st.text_area("Your answer (Ctrl+Enter checks it)", key=a_key, height=140)
            report = _check_answer(new_answer)
            if report is not None:
                inline = list(report.findings)
                st.caption(
                    f"{speaking_time(speaking_seconds(new_answer))} to say · "
                    + (plural(len(inline), "finding") if inline else "no findings: well done")
                )
                if inline:
                    st.html(annotated_page(new_answer, inline))
                    for finding in inline:
                        st.markdown(f"- {finding.message} *Try:* {finding.suggestion}")
    nav = st.columns(3)
    nav[0].button(
        "Previous",
        key=f"{key}:prev",
        icon=":material/arrow_back:",
        on_click=_move,
        args=(key, -1, total),
    )
    nav[1].button(
        "Next question",
        key=f"{key}:next",
        icon=":material/arrow_forward:",
        on_click=_move,
        args=(key, 1, total),
    )
    if (new_question, new_answer) != (question, answer):
        qa = [*qa[:number], (new_question, new_answer), *qa[number + 1 :]]
        on_change(qa)
    return qa
