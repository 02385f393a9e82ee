"""brief.highlight: findings marked in place, all user text escaped, overlaps never break HTML."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from brief.highlight import highlight_html, highlighted_page, split_findings
from critic.models import Finding


def finding(
    start: int, end: int, family: str = "jargon", severity: str = "warning", **kw
) -> Finding:
    values = {
        "rule": f"{family}.test",
        "family": family,
        "severity": severity,
        "start": start,
        "end": end,
        "line": 1,
        "column": start + 1,
        "message": f"message {start}-{end}",
        "suggestion": f"suggestion {start}-{end}",
        "why": "Guide §2",
    }
    values.update(kw)
    return Finding(**values)


class _TagChecker(HTMLParser):
    """Collects text and checks every tag closes in order (no crossing or dangling tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "sup" not in self.stack:
            self.text.append(data)


def parse(markup: str) -> _TagChecker:
    checker = _TagChecker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == [], f"unclosed tags: {checker.stack}"
    return checker


def test_a_finding_is_marked_in_place_with_message_and_suggestion_on_hover() -> None:
    text = "We saw model drift on Monday."
    start = text.index("model drift")
    markup = highlight_html(text, [finding(start, start + len("model drift"))])
    parsed = parse(markup)
    marks = [attrs for tag, attrs in parsed.tags if tag == "mark"]
    assert len(marks) == 1
    assert "message 7-18" in (marks[0]["title"] or "")
    assert "suggestion 7-18" in (marks[0]["title"] or "")
    assert "fam-jargon" in (marks[0]["class"] or "")
    assert "<mark" in markup and ">model drift</mark>" in markup
    assert "".join(parsed.text) == text  # the visible text is exactly the original


def test_script_tags_and_entities_in_the_draft_are_shown_as_text() -> None:
    text = 'Hi <script>alert("x")</script> & <b>bold</b> "quoted"'
    start = text.index("alert")
    markup = highlight_html(text, [finding(start, start + 5)])
    assert "<script>" not in markup
    assert "<b>" not in markup
    assert "&lt;script&gt;" in markup
    parsed = parse(markup)
    assert "".join(parsed.text) == text
    assert {tag for tag, _ in parsed.tags} <= {"div", "mark", "sup"}


def test_hostile_message_cannot_escape_the_title_attribute() -> None:
    text = "Latency rose."
    hostile = finding(0, 7, message='"><script>alert(1)</script>', suggestion="<img src=x>")
    markup = highlight_html(text, [hostile])
    assert "<script>" not in markup and "<img" not in markup
    parsed = parse(markup)
    (mark,) = [attrs for tag, attrs in parsed.tags if tag == "mark"]
    assert '"><script>alert(1)</script>' in (mark["title"] or "")


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (5, 15)],  # crossing
        [(0, 20), (5, 10)],  # nested
        [(3, 8), (3, 8)],  # identical
        [(0, 4), (4, 9)],  # touching
        [(10, 5), (-3, 2), (25, 99)],  # reversed, negative, past the end
    ],
)
def test_overlapping_and_odd_spans_keep_the_html_well_formed(spans: list[tuple[int, int]]) -> None:
    text = "The model drift hid <the> loss."
    findings = [finding(max(0, s), max(0, e)) if s >= 0 else finding(0, e) for s, e in spans]
    parsed = parse(highlight_html(text, findings))
    assert "".join(parsed.text) == text


def test_overlap_takes_the_colour_of_the_more_severe_finding_and_lists_both() -> None:
    text = "Mistakes were made with the data pipeline."
    blame = finding(0, 19, family="blame", severity="error")
    jargon = finding(10, 42, family="jargon", severity="warning")
    parsed = parse(highlight_html(text, [jargon, blame]))
    marks = [attrs for tag, attrs in parsed.tags if tag == "mark"]
    overlap = [m for m in marks if m["data-findings"] and " " in m["data-findings"]]
    assert overlap, "the overlapping piece is marked with both findings"
    assert "fam-blame" in (overlap[0]["class"] or "")
    assert "message 0-19" in (overlap[0]["title"] or "")
    assert "message 10-42" in (overlap[0]["title"] or "")


def test_document_level_findings_are_listed_not_highlighted() -> None:
    text = "A short briefing. " * 20
    word_budget = finding(0, len(text), family="length", rule="length.words")
    missing_plan = finding(0, 17, family="structure", rule="structure.plan")
    jargon = finding(2, 7)
    inline, document = split_findings([word_budget, missing_plan, jargon], text)
    assert inline == [jargon]
    assert set(document) == {word_budget, missing_plan}
    markup = highlight_html(text, [word_budget, missing_plan, jargon])
    assert markup.count("<mark") == 1


def test_numbers_follow_reading_order() -> None:
    text = "one two three four"
    later, earlier = finding(8, 13), finding(0, 3)
    markup = highlight_html(text, [later, earlier])
    assert markup.index('<sup class="brief-ref">1</sup>') < markup.index(
        '<sup class="brief-ref">2</sup>'
    )


def test_page_includes_style_and_legend_and_escapes_text() -> None:
    page = highlighted_page("<script>x</script>", [])
    assert page.startswith("\n<style>") or "<style>" in page
    assert "Jargon" in page and "Blame" in page
    assert html.escape("<script>x</script>", quote=False) in page
