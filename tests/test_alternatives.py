"""A word list searched through the few alternatives a text can hold finds exactly what the whole
alternation finds (critic.alternatives): same spans, same text, the earlier alternative on a tie."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from critic import resources
from critic.alternatives import MIN_ALTERNATIVES, alternatives_of, split_alternatives

WORD_LISTS = [
    resources.pattern(name, key)
    for name in ("numbers", "blame", "structure", "jargon")
    for key, value in resources.load(name).items()
    if isinstance(value, str)
]
WORDS = [
    "corners were cut",
    "beyond our control",
    "due to",
    "rolled back",
    "roll back was completed",
    "because",
    "the vendor",
    "significantly",
    "tomorrow",
    "revenue",
    "we will",
    "next update",
    "for hours",
    "out of nowhere",
    "human error",
    "not",
    "ſ",
    "-",
    "'",
]


def test_split_keeps_groups_classes_escapes_and_comments_whole() -> None:
    body = "a(?:b|c)|[|x]|d\\|e|f # g|h\n|i"
    assert split_alternatives(body, verbose=True) == ["a(?:b|c)", "[|x]", "d\\|e", "f # g|h\n", "i"]
    assert split_alternatives("a|b)", verbose=False) is None
    assert split_alternatives("a|[b", verbose=False) is None
    assert split_alternatives("a # no end of line|b", verbose=True) is None


def test_groups_or_empty_alternatives_keep_the_whole_pattern() -> None:
    many = "|".join(f"word{n}" for n in range(MIN_ALTERNATIVES))
    prefix, suffix = resources.WORD_START, resources.WORD_END
    assert alternatives_of(f"{prefix}(?:{many}){suffix}", prefix, suffix, re.I) is not None
    grouped = f"{prefix}(?:(a)b|{many}){suffix}"
    assert alternatives_of(grouped, prefix, suffix, re.I) is None
    optional = f"{prefix}(?:x?|{many}){suffix}"
    assert alternatives_of(optional, prefix, suffix, re.I) is None


READ = [pattern.read_alternatives() for pattern in WORD_LISTS]  # at once, not after 40 searches


def test_long_word_lists_use_their_alternatives() -> None:
    text = "corners were cut because of the vendor"
    used = [p for p in WORD_LISTS if p._few(text)[1] is not None]
    assert sum(READ) >= 50 and len(used) >= 10
    assert not any(p._few(text)[1] == [] and p.compiled.search(text) for p in WORD_LISTS)


def test_a_list_reads_its_alternatives_only_once_searched_often() -> None:
    pattern = resources.words_pattern("|".join(f"often{n}" for n in range(MIN_ALTERNATIVES)))
    for _ in range(resources.SEARCHES_BEFORE_ALTERNATIVES - 1):
        assert pattern.search("often3") is not None
    assert pattern._alternatives is False  # type: ignore[attr-defined]
    assert pattern.search("often3") is not None
    assert pattern._alternatives  # type: ignore[attr-defined]


def test_an_earlier_alternative_wins_a_tie() -> None:
    pieces = ["data", "data center", *(f"filler{n}" for n in range(MIN_ALTERNATIVES))]
    pattern = resources.words_pattern(" | ".join(p.replace(" ", "\\ ") for p in pieces))
    assert pattern.read_alternatives()  # type: ignore[attr-defined]
    assert pattern._few("the data center")[1] == [0, 1]  # type: ignore[attr-defined]
    assert [m.group(0) for m in pattern.finditer("the data center, data")] == ["data", "data"]
    found = pattern.search("our data center")
    assert found is not None and found.group(0) == "data"


@pytest.mark.parametrize("pattern", WORD_LISTS, ids=lambda p: p.pattern[14:44])
def test_each_word_list_agrees_on_its_own_phrases(pattern) -> None:
    text = " and ".join(WORDS) + ". " + ", ".join(WORDS[::-1])
    whole = pattern.compiled
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in whole.finditer(text)]
    assert [m.span() for m in pattern.finditer(text, 7, len(text) - 9)] == [
        m.span() for m in whole.finditer(text, 7, len(text) - 9)
    ]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=5), min_size=1, max_size=14))
def test_matches_are_those_of_the_whole_alternation(words: list[str]) -> None:
    text = " ".join(words)
    for pattern in WORD_LISTS:
        whole = pattern.compiled
        expected = [(m.span(), m.group(0)) for m in whole.finditer(text)]
        assert [(m.span(), m.group(0)) for m in pattern.finditer(text)] == expected, text
        first = pattern.search(text, 2)
        wanted = whole.search(text, 2)
        assert (first and first.span()) == (wanted and wanted.span()), text
