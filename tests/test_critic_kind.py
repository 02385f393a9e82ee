"""Scripts are told from write-ups by their speaker lines (critic.markdown.detect_kind). Every
text here is written for this test."""

from __future__ import annotations

from critic import review
from critic.markdown import detect_kind

FIELD_LABELS = """# Checkout outage

Duration: 5 June 2024, 14:00 to 15:30 UTC
Impact: About 80% of shoppers could not pay.
Root Cause: A cache setting I changed that morning.
Resolution: We restored the old setting at 15:20.

## Details

Impact: Pages timed out for 90 minutes and 1,200 orders failed.
Root Cause: The new setting emptied the cache every minute.
Detection: An alert fired at 14:05.
Tasks: Add a test for cache settings by 20 June.
"""

NAMED_DIALOGUE = """Ana: Good morning, Miriam. Checkout failed for 1,200 shoppers on Tuesday.
Miriam: How did that happen?
Ana: I changed a cache setting without a full test. We restored it at 15:20.
Miriam: Could it happen again?
Ana: Not once the new test is in place on 20 June.
"""


def test_repeated_field_labels_do_not_make_a_script() -> None:
    assert detect_kind(FIELD_LABELS) == "briefing"
    assert review(FIELD_LABELS).kind == "briefing"


def test_named_speakers_taking_turns_make_a_script() -> None:
    assert detect_kind(NAMED_DIALOGUE) == "script"


def test_footnotes_are_not_speakers() -> None:
    text = (
        "# Metrics down\n\nPrometheus was down for 2 hours.[^1] Alerts were silent.[^2]\n\n"
        "[^1]: See the dashboard.\n[^2]: See the pager log.\n[^3]: See the runbook.\n"
    )
    assert detect_kind(text) == "briefing"
