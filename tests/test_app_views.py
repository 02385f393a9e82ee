"""The app's new pure pieces: rendered Markdown with marks in place, one-click rewrites, the
exports the CEO receives (Word, one-page PDF, JSON with edits), the streaming preview, the
rehearsal timings and the history grouping. No streamlit session needed."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import drafter
from brief.ui.export import (
    DocumentMeta,
    PdfTooLong,
    document_meta,
    docx_bytes,
    draft_json,
    markdown_bundle,
    pdf_bytes,
    qa_text,
)
from brief.ui.markup import annotated_html, annotated_page
from brief.ui.rehearsal import script_parts, speaking_seconds
from brief.ui.rewrites import apply_rewrite, plain_rewrite
from brief.ui.streaming import streamed_preview

ROOT = Path(__file__).resolve().parent.parent
INCIDENT = ROOT / "fixtures" / "incidents" / "conversion-drop.yaml"


@dataclass
class F:
    """A finding, shaped like critic.Finding."""

    start: int
    end: int
    family: str = "jargon"
    severity: str = "warning"
    rule: str = "jargon.term"
    message: str = "jargon"
    suggestion: str = ""
    why: str = ""


def _draft():
    facts = drafter.load_facts(INCIDENT)
    return facts, drafter.compose_offline_draft(facts)


# --- rendered Markdown with marks in place ------------------------------------------------------


def test_rendered_view_drops_markdown_syntax_and_keeps_marks_on_the_right_words() -> None:
    text = (
        "# Subject line\n\nWe saw **model drift** on Monday.\n\n## Plan\n\n1. Retrain it\n- Alert\n"
    )
    start = text.index("model drift")
    page = annotated_html(text, [F(start, start + len("model drift"))])
    assert "<h3>Subject line</h3>" in page and "<h4>Plan</h4>" in page
    assert "#" not in re.sub(r"<[^>]+>", "", page) and "**" not in page
    assert "<ol><li>Retrain it</li></ol><ul><li>Alert</li></ul>" in page
    marked = re.findall(r"<mark [^>]*>(.*?)</mark>", page)
    assert marked == ["<strong>model drift</strong>"]
    # colour is not the only signal: a family letter and number point at the list
    assert '<sup class="brief-ref fam-jargon">J1</sup>' in page
    assert 'data-findings="J1"' in page


def test_source_view_keeps_the_text_exactly_and_marks_the_same_span() -> None:
    text = "## Impact\n\nSales fell by **a lot**.\n"
    start = text.index("a lot")
    page = annotated_html(text, [F(start, start + 5, family="numbers")], rendered=False)
    plain = re.sub(r"<sup[^>]*>.*?</sup>", "", page)
    plain = re.sub(r"<[^>]+>", "", plain)
    assert plain == text
    assert "N1" in page and 'class="brief-doc source"' in page


def test_marks_spanning_lines_and_overlaps_never_cross_tags() -> None:
    text = "We saw model\ndrift and a big loss.\n"
    findings = [F(7, 18), F(7, 12, family="length", severity="error")]
    page = annotated_html(text, findings)
    # balanced tags, each mark closed before the next one opens
    assert page.count("<mark") == page.count("</mark>") == 2  # "model", then "drift"
    assert re.search(r"<mark[^>]*>[^<]*<mark", page) is None
    assert "L1" in page and "J2" in page  # ordered by start, then end


def test_user_html_is_escaped_in_both_views() -> None:
    text = '<script>alert("x")</script> and **<img src=x onerror=alert(1)>**\n'
    for rendered in (True, False):
        page = annotated_page(text, [F(0, 8)], rendered=rendered)
        assert "<script>alert" not in page and "<img" not in page
        assert "&lt;script&gt;" in page


def test_speaker_labels_are_bold_in_the_rendered_script() -> None:
    page = annotated_html("You: Dana, I need ten minutes.\n\nCEO: Go on.\n", [])
    assert "<strong>You:</strong> Dana" in page and "<strong>CEO:</strong> Go on." in page


# --- one-click rewrites ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "suggestion", "expected"),
    [
        (
            "We saw model drift.",
            "model drift",
            "Say “a drop in accuracy” (guide: “the model slowly got worse”)",
            "a drop in accuracy",
        ),
        (
            "Mistakes were made.",
            "Mistakes were made",
            "Own it in the first person: “we made mistakes” (or “I …” if it was you).",
            "We made mistakes",
        ),
        ("We saw a few issues.", "a few", "Replace “a few” with the figure: a count", None),
        ("It was set.", "was set", "Say who acted: “we set …” or “I set …”.", None),
        ("Fix soon.", "soon", "Give a date, e.g. “by Friday”.", None),
    ],
)
def test_only_plain_rewrites_can_be_applied(text, words, suggestion, expected) -> None:
    start = text.index(words)
    finding = F(start, start + len(words), suggestion=suggestion)
    assert plain_rewrite(finding, text) == expected
    if expected:
        assert apply_rewrite(text, start, start + len(words), expected).count(expected) == 1


def test_plain_rewrites_from_the_real_critic_apply_cleanly() -> None:
    from critic import review

    text = "The root cause was model drift in the data pipeline. Mistakes were made.\n"
    report = review(text, kind="briefing")
    rewrites = [(f, plain_rewrite(f, text)) for f in report.findings]
    applicable = [(f, r) for f, r in rewrites if r]
    assert applicable, [f.suggestion for f in report.findings]
    finding, replacement = applicable[0]
    fixed = apply_rewrite(text, finding.start, finding.end, replacement)
    assert text[finding.start : finding.end] not in fixed or replacement in fixed
    assert replacement in fixed


# --- exports -----------------------------------------------------------------------------------


def test_the_word_document_has_no_tool_metadata_in_the_body_and_bold_labels() -> None:
    from docx import Document

    facts, draft = _draft()
    result = drafter.generate_draft(facts, drafter.DrafterConfig(model="offline/template"))
    qa = [(item.question, item.answer) for item in draft.qa]
    markdown = markdown_bundle(
        facts.title,
        {"briefing": drafter.briefing_markdown(draft), "script": drafter.script_markdown(draft)},
        qa=qa_text(qa),
    )
    assert "offline/template" not in markdown and "tokens" not in markdown
    meta = document_meta(facts.title, result, "Sam Lee")
    document = Document(io.BytesIO(docx_bytes(markdown, meta)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "offline/template" not in body and "Drafted by" not in body and "`" not in body
    props = document.core_properties
    assert props.author == "Sam Lee" and props.author != "python-docx"
    assert props.last_modified_by == "Sam Lee"
    assert "offline/template" in props.comments and props.title == facts.title
    labelled = [p for p in document.paragraphs if p.text.startswith(("Q:", "You:"))]
    assert labelled and all(p.runs[0].bold and p.runs[0].text in ("Q:", "You:") for p in labelled)
    answers = [p for p in document.paragraphs if p.text.startswith("A:")]
    assert answers and all(p.runs[0].bold for p in answers)


def test_one_page_pdf_of_the_briefing() -> None:
    facts, draft = _draft()
    briefing = drafter.briefing_markdown(draft) + "\nEdited by hand before the meeting.\n"
    meta = DocumentMeta(title=facts.title, author="Sam Lee", comments="Drafted with Brief")
    data = pdf_bytes(briefing, meta)
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 1
    assert b"Sam Lee" in data or "Sam Lee".encode("utf-16-be") in data
    assert b"/Producer" in data
    assert b"offline/template" not in data
    # a briefing far over the budget does not fit on one page
    with pytest.raises(PdfTooLong):
        pdf_bytes(briefing + ("More words to say. " * 40 + "\n\n") * 30, meta)
    assert pdf_bytes(briefing * 8, meta, strict=False).startswith(b"%PDF-")


def test_the_draft_json_holds_the_edits() -> None:
    facts, _ = _draft()
    result = drafter.generate_draft(facts, drafter.DrafterConfig(model="offline/template"))
    qa = [(item.question, item.answer) for item in result.draft.qa]
    qa[0] = (qa[0][0], "My own answer.")
    data = json.loads(
        draft_json(facts.title, {"briefing": "# Edited\n", "script": "You: hi\n"}, qa, result)
    )
    assert data["briefing"] == "# Edited\n" and data["qa"][0]["answer"] == "My own answer."
    assert data["edited"] is True and data["meta"]["model"] == "offline/template"


# --- streaming, rehearsal ----------------------------------------------------------------------


def test_the_streaming_preview_shows_words_not_json() -> None:
    partial = '{"briefing": {"subject": "Checkout fell 15%", "summary": "We lost \\"$50,000'
    preview = streamed_preview(partial)
    assert preview == 'Subject: Checkout fell 15%\n\nBottom line: We lost "$50,000 …'
    assert "{" not in preview


def test_reading_view_parts_and_speaking_time() -> None:
    _, draft = _draft()
    script = drafter.script_markdown(draft)
    parts = script_parts(script, [turn.stage for turn in draft.script])
    assert [p.speaker for p in parts] == [turn.speaker for turn in draft.script]
    assert parts[0].title == "Opening"
    assert parts[0].seconds == pytest.approx(speaking_seconds(draft.script[0].text))
    assert speaking_seconds(" ".join(["word"] * 140)) == pytest.approx(60.0)
    # after an edit that adds a turn, the stages no longer line up: numbered parts instead
    edited = script + "\nYou: One more thing.\n"
    assert script_parts(edited, [t.stage for t in draft.script])[-1].title.startswith("Part")


# --- history ------------------------------------------------------------------------------------


def test_history_groups_drafts_of_one_incident() -> None:
    from brief.history import EntrySummary
    from brief.ui.history_page import group_by_incident

    now = dt.datetime.now(dt.UTC)

    def entry(i: int, title: str, kind: str = "draft") -> EntrySummary:
        return EntrySummary(id=i, kind=kind, title=title, created_at=now, updated_at=now)

    groups = group_by_incident(
        [entry(5, "Checkout failure"), entry(4, "Fraud"), entry(3, "checkout  failure"),
         entry(2, "Checkout failure", "critique")]
    )  # fmt: skip
    assert [[e.id for e in g] for g in groups] == [[5, 3], [4], [2]]


def test_eval_labels_are_distinct_and_never_cut() -> None:
    from brief.ui.eval_page import short_labels

    names = ["anthropic/claude-3-5-haiku", "anthropic/claude-3-5-sonnet", "openai/x", "azure/x"]
    labels = short_labels(names)
    assert labels["anthropic/claude-3-5-haiku"] == "claude-3-5-haiku"
    assert labels["openai/x"] == "openai/x" and len(set(labels.values())) == 4


def test_the_baseline_diff_is_a_table_of_what_regressed_and_improved() -> None:
    from brief.evaluation.models import BaselineDiff, RowChange
    from brief.ui.eval_page import diff_frame

    diff = BaselineDiff(
        baseline="base.json",
        regressed=[
            RowChange(
                model="m", incident="a", before="pass", after="fail", change="regressed",
                detail="critic now fails",
            )
        ],
        improved=[
            RowChange(
                model="m", incident="b", before="fail", after="pass", change="improved",
                detail="critic passes",
            )
        ],
    )  # fmt: skip
    frame = diff_frame(diff)
    assert list(frame["change"]) == ["regressed", "improved"]
    assert list(frame["incident"]) == ["a", "b"] and frame.iloc[0]["after"] == "fail"
