"""critic.Checker: incremental re-checks give exactly the report a fresh review() gives.

The property test edits real drafts at random (replace, insert, delete or join sentences and
lines, retype a word) and compares, after every edit, the Checker's report with a fresh review of
the same text. It is the guard for the rules: a sentence-scope rule that reads beyond its
sentence, line or block makes it fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from critic import Checker, CriticConfig, InputError, review

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = sorted(
    [*ROOT.glob("fixtures/drafts/*.md"), *ROOT.glob("fixtures/critic/documents/*.*")],
    key=lambda p: p.name,
)
TEXTS = [path.read_text(encoding="utf-8") for path in DRAFTS]
SENTENCES = [
    "We lost about $84,000 in sales last week.",
    "The threshold was changed without review.",
    "Latency climbed significantly after the deploy.",
    "I will send the next update on Friday 4 December.",
    "Unfortunately, the data team's pipeline failed us.",
    "We will retrain the model by 12 December with two engineers.",
    "Several customers were affected.",
    "The p99 latency of the embeddings service doubled.",
    "It was a minor glitch.",
    "Revenue fell 15% (about $50,000 this week).",
    "## Root cause",
    "- Add a check on the data feed by Monday.",
    "CEO: What happened?",
    "You: Our pricing model set wrong prices.",
]
WORDS = ["significant", "the", "we", "was", "model", "SLA", "rollback", "3", "soon", "approx."]


def _edit(text: str, operation: tuple[str, int, int]) -> str:
    kind, where, pick = operation
    lines = text.split("\n")
    index = where % len(lines)
    line = lines[index]
    if kind == "replace-sentence" and ". " in line:
        parts = line.split(". ")
        parts[pick % len(parts)] = SENTENCES[pick % len(SENTENCES)].rstrip(".")
        lines[index] = ". ".join(parts)
    elif kind == "append-sentence":
        lines[index] = (line + " " + SENTENCES[pick % len(SENTENCES)]).strip()
    elif kind == "insert-line":
        lines.insert(index, SENTENCES[pick % len(SENTENCES)])
    elif kind == "delete-line" and len(lines) > 3:
        del lines[index]
    elif kind == "join-lines" and index + 1 < len(lines):
        lines[index : index + 2] = [line + " " + lines[index + 1]]
    else:  # retype a word
        words = line.split(" ")
        words[pick % len(words)] = WORDS[pick % len(WORDS)]
        lines[index] = " ".join(words)
    return "\n".join(lines)


OPERATIONS = st.tuples(
    st.sampled_from(
        ["replace-sentence", "append-sentence", "insert-line", "delete-line", "join-lines", "word"]
    ),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
)

# One Checker across all examples: its kept parses and results are reused between drafts too.
CHECKER = Checker()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(st.sampled_from(range(len(TEXTS))), st.lists(OPERATIONS, min_size=1, max_size=4))
def test_reports_after_random_edits_equal_a_fresh_review(which: int, edits) -> None:
    text = TEXTS[which]
    assert CHECKER.check(text) == review(text)
    for operation in edits:
        text = _edit(text, operation)
        if not text.strip():
            return
        assert CHECKER.check(text) == review(text), operation


def test_a_one_sentence_edit_reparses_one_line_and_rechecks_its_sentences() -> None:
    checker = Checker()
    text = (ROOT / "fixtures/drafts/good_briefing.md").read_text(encoding="utf-8")
    checker.check(text)
    lines = text.split("\n")
    target = max(range(len(lines)), key=lambda i: len(lines[i]))
    first_stop = lines[target].index(". ") + 1
    lines[target] = "Checkout was down for hours." + lines[target][first_stop:]
    edited = "\n".join(lines)
    report = checker.check(edited)
    assert report == review(edited)
    stats = checker.stats
    assert stats.lines_parsed == 1 and stats.lines_reused >= 5
    assert 1 <= stats.sentences_checked <= 3  # the edited line's sentences only
    assert stats.sentences_reused >= 10
    assert any(f.rule == "numbers.vague-quantity" for f in report.findings)


def test_an_edit_late_in_a_long_paragraph_rechecks_only_the_sentences_next_to_it() -> None:
    sentences = [
        f"On day {n} we moved {n * 100} orders to the new pricing model by hand." for n in range(9)
    ]
    text = "## What happened\n\n" + " ".join(sentences) + "\n"
    checker = Checker()
    checker.check(text)
    edited = text.replace("On day 8 we moved", "On day 8 we shifted")
    assert checker.check(edited) == review(edited)
    assert checker.stats.lines_parsed == 1
    # the edited sentence and those before it whose keys reach into it (the next sentence and 80
    # characters more: here three short ones); not the five earlier ones
    assert checker.stats.sentences_checked <= 4
    assert checker.stats.sentences_reused >= 5


def test_checker_takes_kind_and_config_like_review() -> None:
    config = CriticConfig.model_validate({"disable": ["jargon"]})
    checker = Checker(kind="script", config=config)
    text = "You: The p99 latency doubled.\nCEO: Why?\nYou: The threshold was changed."
    assert checker.check(text) == review(text, kind="script", config=config)
    assert not any(f.family == "jargon" for f in checker.check(text).findings)


def test_extra_options_are_passed_to_review(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict = {}

    def fake_review(text, kind="auto", config=None, **options):
        seen.update(options)
        return review(text, kind, config)

    monkeypatch.setattr("critic.checker.review", fake_review)
    Checker().check("We lost $5,000 last week.", facts={"title": "x"}, extra=1)
    assert seen == {"facts": {"title": "x"}, "extra": 1}


def test_facts_are_checked_incrementally_and_equal_review() -> None:
    facts = {"impact": {"money": {"amount": 5000, "currency": "USD"}}}
    checker = Checker()
    first = "We lost $5,000 last week.\n\nRefunds cost $9,000."
    assert checker.check(first, facts=facts) == review(first, facts=facts)
    edited = first.replace("$9,000", "$5,000")
    assert checker.check(edited, facts=facts) == review(edited, facts=facts)
    assert checker.stats.sentences_reused >= 1


def test_bad_input_raises_the_same_error_as_review() -> None:
    with pytest.raises(InputError):
        Checker().check("   ")


def test_kept_figures_keep_every_field() -> None:
    from critic.figures import Figures
    from critic.incremental import _moved

    figures = Figures(
        quantity=True,
        numeric=True,
        money=True,
        date=True,
        quantity_spans=[(1, 3)],
        date_spans=[(5, 9)],
    )
    assert _moved(figures, 10) == Figures(
        quantity=True,
        numeric=True,
        money=True,
        date=True,
        quantity_spans=[(11, 13)],
        date_spans=[(15, 19)],
    )


def test_a_vague_word_sized_by_the_next_sentence_stays_sized_after_an_edit_elsewhere() -> None:
    # the edited sentence is checked again, its neighbour's figures are kept from the first check:
    # they must still say the figure is numeric ("60-90%")
    text = (
        "Our pricing model failed on Monday and we lost $40,000 in sales.\n\n"
        "The failure meant most services could not find their settings, leading to widespread "
        "errors. The web tier was hit hardest, showing 60-90% error rates.\n"
    )
    checker = Checker()
    assert checker.check(text) == review(text)
    edited = text.replace("could not find", "could not load")
    assert checker.check(edited) == review(edited)
    assert not [f for f in review(edited).findings if f.rule == "numbers.vague-quantity"]
