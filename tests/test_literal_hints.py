"""The literal prefilter never hides a match: when it says "impossible", the regex finds nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from critic import resources
from critic.literal_hints import hints, may_match, occurring
from critic.rules.jargon_term import glossary

PATTERNS = [term.pattern.compiled for term in glossary()] + [  # type: ignore[attr-defined]
    resources.pattern(name, key).compiled
    for name in ("numbers", "blame")
    for key, value in resources.load(name).items()
    if isinstance(value, str)
]
WORDS = [
    "model",
    "drift",
    "SLA",
    "p99",
    "latency",
    "was",
    "changed",
    "several",
    "Kubernetes",
    "ſla",
    "\u212aafka",
    "İngestion",
    "we",
    "€40,000",
    "by Friday",
    "significantly",
]


def test_hints_are_found_for_most_patterns() -> None:
    known = [p for p in PATTERNS if hints(p) is not None]
    assert len(known) >= len(PATTERNS) * 0.7
    assert hints(re.compile(r"(?:model|data)[ -]drift", re.IGNORECASE)) == {"drift"}
    assert hints(re.compile(r"a|bc")) is None  # too short to be worth it


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=12))
def test_prefilter_is_exact(words: list[str]) -> None:
    text = " ".join(words)
    for pattern in PATTERNS:
        if not may_match(hints(pattern), text):
            assert pattern.search(text) is None, (pattern.pattern[:60], text)


def test_fold_characters_always_reach_the_regex() -> None:
    pattern = re.compile("kafka", re.IGNORECASE)
    assert pattern.search("\u212aafka") is not None  # KELVIN SIGN folds to k
    assert may_match(hints(pattern), "\u212aafka")
    assert not may_match(hints(pattern), "rabbitmq")


def test_hinted_pattern_answers_like_the_compiled_one() -> None:
    wrapped = resources.pattern("blame", "hedging")
    text = "We believe it might possibly be fixed, perhaps by Friday."
    assert [m.span() for m in wrapped.finditer(text)] == [
        m.span() for m in wrapped.compiled.finditer(text)
    ]
    assert wrapped.search("The model failed.") is None


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=12))
def test_one_pass_for_many_hint_sets_agrees_with_each(words: list[str]) -> None:
    text = " ".join(words)
    sets = [found for found in map(hints, PATTERNS) if found is not None]
    present = occurring(frozenset().union(*sets), text)
    for found in sets:
        expected = may_match(found, text)
        assert (present is None or not found.isdisjoint(present)) == expected, (found, text)


def test_phrase_lists_compile_on_first_use_with_the_same_answers() -> None:
    source = r"(?<![\w'’-])(?:(?:model|data)[ -]drift)(?![\w’-])"
    lazy = resources.HintedPattern(source, re.IGNORECASE | re.VERBOSE)
    assert lazy.hints == {"drift"}
    assert lazy.search("Sales fell on Friday.") is None
    assert lazy.findall("Sales fell on Friday.") == []
    assert lazy._compiled is None  # no hint in the text: never compiled
    text = "We saw model drift and Data-Drift after the sale."
    eager = re.compile(source, re.IGNORECASE | re.VERBOSE)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy._compiled is not None
    assert lazy.fullmatch("model drift") is not None and lazy.flags == eager.flags


HINTED = [term.pattern for term in glossary()] + [
    resources.pattern(name, key)
    for name in ("numbers", "blame")
    for key, value in resources.load(name).items()
    if isinstance(value, str)
]


def test_a_search_between_two_offsets_prefilters_only_that_part() -> None:
    pattern = resources.HintedPattern(r"(?<![\w'’-])(?:model drift)(?![\w’-])", re.IGNORECASE)
    text = "We saw model drift.\nSales fell on Friday.\nThe model drift is back."
    second = (text.index("Sales"), text.index("The"))
    assert pattern.search(text, *second) is None  # the hint occurs, but not between the two
    assert list(pattern.finditer(text, *second)) == []
    assert [m.start() for m in pattern.finditer(text, second[0])] == [text.rindex("model")]
    # a lookbehind still reads the character before the start: "re-model drift" is no match
    assert pattern.search("re-model drift", 3) is None


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=12),
    st.integers(-2, 80),
    st.integers(0, 90),
)
def test_searches_between_two_offsets_find_what_the_regex_finds(
    words: list[str], pos: int, endpos: int
) -> None:
    text = " ".join(words)
    for pattern in HINTED:
        whole = pattern.compiled
        expected = [(m.span(), m.group(0)) for m in whole.finditer(text, pos, endpos)]
        assert [(m.span(), m.group(0)) for m in pattern.finditer(text, pos, endpos)] == expected
        found, wanted = pattern.search(text, pos, endpos), whole.search(text, pos, endpos)
        assert (found and found.span()) == (wanted and wanted.span()), (pattern.pattern, text)
