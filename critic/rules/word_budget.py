"""length.words — the word budget: a briefing around 250 words; a script under five minutes spoken.

Guideline: Guide §4 Brevity is Key: "CEOs are busy. Get to the point quickly and avoid unnecessary
technical details." Briefing: warning above briefing_words_warning (300), error above
briefing_words_error (450). Script: warning above script_total_seconds_warning (300 s) and error
above script_total_seconds_error (450 s) at speaking_words_per_minute (140). The finding spans the
words beyond the budget, so its line and column show where the cut should start.
"""

from __future__ import annotations

from critic.document import Document, is_word
from critic.rules.base import Hit, Rule

RULE = Rule(
    "length.words", "length", "warning", "brevity", scope="document", summary="over the word budget"
)
RULES = (RULE,)

_FILLER = (
    "We looked at the logs, the dashboards and the alerts for the whole week and talked to the "
    "support team, the data team and the payments team about every order they saw. "
)
examples_fail = [
    "Our fraud model refused 12,100 genuine orders, costing about €180,000. " + _FILLER * 12,
]
examples_pass = [
    "Our fraud model refused 12,100 genuine orders over 4 days, costing about €180,000 in lost "
    "sales. I approved the setting change that caused it. We restored the old setting on Tuesday "
    "at 4 pm. We will test every change on a week of orders from 10 December. I will send the "
    "next update on 1 December at 5 pm.",
]


def _budget(doc: Document) -> tuple[int, int, int, str]:
    limits = doc.thresholds
    if doc.kind == "script":
        per_second = limits.speaking_words_per_minute / 60
        warning = round(limits.script_total_seconds_warning * per_second)
        error = round(limits.script_total_seconds_error * per_second)
        minutes = limits.script_total_seconds_warning / 60
        return warning, warning, error, f"about {minutes:g} minutes spoken"
    return (
        limits.briefing_words_target,
        limits.briefing_words_warning,
        limits.briefing_words_error,
        f"about {limits.briefing_words_target} words",
    )


def check(doc: Document) -> list[Hit]:
    total = doc.word_count
    target, warning, error, label = _budget(doc)
    if total <= warning:
        return []
    counted = 0
    start = end = None
    for sentence in doc.spoken:
        for token in sentence.span:
            if not is_word(token):
                continue
            counted += 1
            if counted == target + 1:
                start = sentence.plain_range(token)[0]
        end = sentence.end
    if start is None or end is None:
        return []
    noun = "script" if doc.kind == "script" else "briefing"
    seconds = round(total * 60 / doc.thresholds.speaking_words_per_minute)
    spoken = f", {seconds // 60} min {seconds % 60:02d} s spoken" if doc.kind == "script" else ""
    return [
        Hit(
            RULE.id,
            start,
            end,
            f"This {noun} has {total} words{spoken}; the budget is {label}.",
            f"Cut about {total - target} words: keep the impact, cause, fix and dates; move "
            "background to an appendix the CEO can ask for.",
            severity="error" if total > error else None,
        )
    ]
