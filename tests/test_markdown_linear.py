"""Markdown to plain text on hostile input: right output (speed is in scripts/bench_markdown.py).

Each case is one the old regular expressions handled in quadratic time; these check that the
linear reader still removes exactly the markup and keeps every other character in place.
"""

from __future__ import annotations

import pytest

from critic.markdown import emphasis_pairs, to_plain


def _plain(text: str) -> str:
    return to_plain(text, "briefing").text


@pytest.mark.parametrize("unit", ["*a ", "_a ", "**a ", "~~a ", "[a ", "[a](", "<!-- ", "<a "])
def test_unclosed_openers_are_kept_as_text(unit: str) -> None:
    text = unit * 4000
    plain = to_plain(text, "briefing")
    assert plain.text == text.strip()
    assert plain.index[: len(plain.text)] == list(range(len(plain.text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "**Impact:** we lost *$1.2 million* in _one_ week",
            "Impact: we lost $1.2 million in one week",
        ),
        ("***all three*** and ~~struck~~ text", "all three and struck text"),
        ("*a **b* c**", "a b c"),  # CommonMark-style nearest pairing, then the outer pair
        ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
        (r"an \*escaped\* star", "an *escaped* star"),
        ("see [the dashboard](http://x.io/a_b_c) now", "see the dashboard now"),
        ("code `a*b*c` stays", "code a*b*c stays"),
        ("at http://x.io/*a*_b_ done", "at http://x.io/*a*_b_ done"),
    ],
)
def test_markup_is_removed(text: str, expected: str) -> None:
    assert _plain(text) == expected


def test_offsets_point_into_the_original() -> None:
    text = "We *lost* **$1.2 million** on " + "*a " * 1000 + "Tuesday."
    plain = to_plain(text, "briefing")
    for position, char in enumerate(plain.text):
        assert text[plain.index[position]] == char
    start = plain.text.index("$1.2 million")
    assert plain.to_original(start, start + len("$1.2 million")) == (
        text.index("$1.2"),
        text.index("$1.2") + len("$1.2 million"),
    )


def test_unclosed_comment_then_many_directives() -> None:
    lines = ["<!-- brief: ignore blame -->", "We were let down by the vendor."] * 2000
    plain = to_plain("\n".join(lines) + "\n\n<!-- never closed", "briefing")
    assert len(plain.blocks) == 2001  # every paragraph, then the unclosed opener as text
    assert plain.text.endswith("\n<!-- never closed")
    assert all(block.ignore == {"blame"} for block in plain.blocks[:-1])
    assert plain.blocks[-1].ignore == set()


def test_emphasis_pairs_stay_on_one_line() -> None:
    assert emphasis_pairs("*a\nb*", "*") == []
    assert emphasis_pairs("*a* *b*", "*") == [(0, 1, 2, 3), (4, 5, 6, 7)]
