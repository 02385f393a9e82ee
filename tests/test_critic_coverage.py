"""The seven elements are recognised by meaning: everyday wording, question headings or no
headings at all (critic.coverage). Every text here is written for this test."""

from __future__ import annotations

import pytest

from critic import engine, review
from critic.config import CriticConfig
from critic.coverage import analyse

FILLER = (
    "This note is for the leadership team. It covers the checkout problem from this week. "
    "Questions are welcome at any time. "
)


def _covered(text: str, element: str) -> bool:
    return review(FILLER + text, kind="briefing").coverage[element]


@pytest.mark.parametrize(
    ("element", "sentence"),
    [
        ("impact", "Checkout failed on 3 of our 12 regional sites for most of Tuesday morning."),
        ("impact", "Roughly 9% of search queries returned errors between 10:00 and 11:30."),
        ("impact", "The broken release blocked 4,300 photo uploads."),
        ("containment", "Remediation so far included pausing the nightly import."),
        ("containment", "The on-call engineer failed over to the backup database at 10:20."),
        ("containment", "A fix was deployed at 4 pm and the backlog has drained."),
        ("containment", "We locked down the admin console within the hour."),
        ("plan", "The data team is rebuilding the import job on a separate queue."),
        ("plan", "The pricing service is being rewritten so one bad file cannot stop it."),
        ("plan", "Finance plans to audit every refund issued during the outage."),
        ("plan", "Going forward, we check each vendor file against last week's totals."),
        ("root_cause", "A typo in the discount table triggered the wave of refunds."),
        ("root_cause", "The stale currency file was the culprit."),
        ("root_cause", "Everything traces back to a certificate that expired on Sunday."),
        ("root_cause", "The trouble stemmed from a vendor feed that changed its date format."),
        ("prevention", "We are adding stricter validation to the nightly import."),
        ("prevention", "To avoid a repeat, price files now need a second approver."),
        ("follow_up", "We will publish a full post-mortem on Thursday 12 March."),
        (
            "timeline",
            "The warehouse team is relabelling the stock and expects to finish by 12 June.",
        ),
        # a measured outage sizes the impact (issue 8, real write-ups)
        ("impact", "The booking site was down from 9:05 to 11:40 on 14 March."),
        ("impact", "The outage lasted 3 hours and 20 minutes."),
    ],
)
def test_element_recognised_from_prose(element: str, sentence: str) -> None:
    assert _covered(sentence, element), f"{element} not recognised in {sentence!r}"


@pytest.mark.parametrize(
    ("element", "sentence"),
    [
        # a date or a time of day is not a size (a measured outage is: see the test above)
        ("impact", "The booking site went down at 9:05 on 14 March."),
        ("impact", "The outage began on 14 March."),
        ("impact", "The service returned 500 errors to shoppers."),
        ("containment", "We will restart the workers tonight."),
        ("containment", "Had the alarm fired, we could have restored the data sooner."),
        ("plan", "The model is refusing good orders at twice the normal rate."),
        ("plan", "The clean-up script, intended to remove stale rows, deleted live ones."),
        ("root_cause", "The outage led to a long queue at the help desk."),
        ("prevention", "Similar problems happened twice last year."),
    ],
)
def test_element_not_claimed_without_its_meaning(element: str, sentence: str) -> None:
    assert not _covered(sentence, element), f"{element} wrongly found in {sentence!r}"


QUESTION_HEADINGS = """# Checkout problem, week 10

Checkout failed for 2,400 shoppers on Tuesday, about 18,000 euros in lost sales.

## What went wrong?

Our supplier sent the March price list twice and the second copy overwrote the first.

## Where things stand

The shop is taking orders again with last month's prices.

## Could this happen again?

Not in the same way: a second person now signs off on every price list.
"""


def test_question_and_everyday_headings_carry_their_element() -> None:
    coverage = review(QUESTION_HEADINGS, kind="briefing").coverage
    assert coverage["impact"]
    assert coverage["root_cause"]
    assert coverage["containment"]
    assert coverage["prevention"]
    assert not coverage["follow_up"]


NO_HEADINGS = (
    "Our search outage hit 8 of our 10 regional sites for about an hour on Monday, and roughly "
    "12% of searches failed. A configuration change I approved on Friday caused it. We rolled "
    "the change back at 11:40 and search has been normal since. The platform team is rebuilding "
    "the release check and will finish by Friday 13 March. To stop a repeat, every configuration "
    "change now needs a test run on a copy of live traffic. I will send you the full review on "
    "Monday 16 March at 9 am."
)


def test_every_element_found_without_headings() -> None:
    report = review(NO_HEADINGS, kind="briefing")
    missing = [element for element, covered in report.coverage.items() if not covered]
    assert missing == []
    assert not [f.rule for f in report.findings if f.rule.startswith("structure.")]


def test_date_alone_is_not_an_impact() -> None:
    text = (
        "On 3 March 2026 our booking site stopped working at 09:05. It came back at 11:40. "
        "A certificate had expired because nobody renewed it. We renewed it at 11:35. "
        "We will add an expiry alert by 10 March. I will update you on 11 March."
    )
    report = review(text, kind="briefing")
    assert not report.coverage["impact"]
    assert any(f.rule == "structure.impact" for f in report.findings)


TASK_LIST = (
    "On 14 June about 45% of our users could not log in for 90 minutes. A wrong DNS setting on "
    "the login server caused it. We restored the correct setting at 15:45.\n\n"
    "Task List:\n\n"
    "- Patch the login server to handle DNS errors.\n"
    "- Add monitoring for DNS settings.\n"
    "- Train the team on the new change process.\n"
)


def test_task_list_of_orders_is_a_plan_without_dates() -> None:
    report = review(TASK_LIST, kind="briefing")
    assert report.coverage["plan"]
    assert not report.coverage["timeline"]  # the right finding: a plan without dates
    rules = {f.rule for f in report.findings}
    assert "structure.plan" not in rules
    assert "structure.timeline" in rules


def test_dated_orders_give_the_timeline() -> None:
    dated = TASK_LIST.replace("DNS errors.", "DNS errors by 20 June.")
    assert review(dated, kind="briefing").coverage["timeline"]


def test_one_order_outside_a_plan_section_is_not_a_plan() -> None:
    text = (
        "On 14 June about 45% of our users could not log in for 90 minutes. A wrong DNS setting "
        "on the login server caused it. We restored the correct setting at 15:45. To see what "
        "happened, look at the login graph for that afternoon."
    )
    assert not review(text, kind="briefing").coverage["plan"]


def test_steps_already_taken_are_not_a_plan() -> None:
    text = TASK_LIST.replace("Task List:", "Resolution:")
    assert not review(text, kind="briefing").coverage["plan"]


@pytest.mark.parametrize(
    ("element", "text"),
    [
        ("root_cause", "## Contributing Factors\n\n- No monitoring of certificate expiry.\n"),
        ("containment", "At 00:35 we began re-provisioning the deleted worker nodes.\n"),
        ("prevention", "Unstable changes should always be tested in staging first.\n"),
        ("prevention", "Avoid configuration drift between staging and production.\n"),
    ],
)
def test_more_everyday_wording(element: str, text: str) -> None:
    assert _covered(text, element)


def test_a_standing_regret_is_not_prevention() -> None:
    assert not _covered("That change should never have reached production.\n", "prevention")


@pytest.mark.parametrize(
    ("element", "text"),
    [
        (
            "root_cause",
            "On Sunday my team loaded a price list in which we had entered the fee twice.\n",
        ),
        (
            "root_cause",
            "It had no spending limit of its own. That missing limit was our design choice.\n",
        ),
        (
            "root_cause",
            "\n\n**What went wrong.** The ranking read an old copy of the stock figures.\n",
        ),
        (
            "containment",
            "\n\n**What we did.** Sam's team pointed search at the new stock figures.\n",
        ),
        ("plan", "By 9 December, switching off any part of search needs a second approval.\n"),
        ("prevention", "By 4 December Ines adds a floor so no fare drops below its cost.\n"),
        ("prevention", "Thursday: a check that stops any travel time far from its neighbours'.\n"),
    ],
)
def test_more_wording_from_fresh_briefings(element: str, text: str) -> None:
    assert _covered(text, element)


def test_a_length_of_time_is_not_a_deadline() -> None:
    text = (
        "On 14 June about 45% of our users could not log in for 90 minutes. A wrong DNS setting "
        "caused it. We restored the setting at 15:45.\n\n## Plan\n\n"
        "- Rebuild the check using two winters of data.\n"
        "- Run it beside the old check for four weekends and compare.\n\n"
        "## Prevention\n\nMy team now tests every change on 12 months of data.\n"
    )
    report = review(text, kind="briefing")
    assert report.coverage["plan"]
    assert not report.coverage["timeline"]
    dated = text.replace("and compare.", "and compare, within 30 days.")
    assert review(dated, kind="briefing").coverage["timeline"]


def test_an_incident_log_under_a_timeline_heading_is_not_a_deadline() -> None:
    text = (
        "On 14 June about 45% of our users could not log in for 90 minutes. A wrong DNS setting "
        "caused it. We restored the setting at 15:45. We will add a DNS check.\n\n## Timeline\n\n"
        "- Detection Time: 14 June 2024, 14:30 UTC\n- Deadline: 4 July 2024\n"
    )
    report = review(text, kind="briefing")
    evidence = [s.text for s in report_evidence(text)]
    assert report.coverage["timeline"]
    assert evidence == ["Deadline: 4 July 2024"]


def report_evidence(text: str) -> list:
    """The sentences the coverage reads as evidence of the timeline."""
    config = CriticConfig()
    prepared = engine._prepare(text, "briefing", config)
    doc = engine._document(prepared, engine._pipeline_for(prepared, config), config)
    return analyse(doc).evidence["timeline"]


SCRIPT = (
    "You: Dana, on Sunday our job search ranked listings by date alone. Applications fell 22%, "
    "about 15,000 fewer.\n\nCEO: Cause?\n\nYou: I turned off the relevance step to test a speed "
    "fix and forgot to turn it back on.\n\nCEO: Fixed?\n\nYou: Yes. I turned it back on at 09:30 "
    "on Tuesday.\n\nCEO: What changes?\n\nYou: Switching off any part of search needs a second "
    "approval from now on.\n\nCEO: Next update?\n\nYou: Friday 11 December, with the change live.\n"
)


@pytest.mark.parametrize("element", ["root_cause", "containment", "plan", "follow_up"])
def test_short_ceo_questions_say_what_the_answer_covers(element: str) -> None:
    assert review(SCRIPT, kind="script").coverage[element]


def test_orders_after_run_in_labels_are_a_plan() -> None:
    text = TASK_LIST.replace("Task List:", "Corrective and Preventative Measures").replace(
        "- Patch the login server", "Automated Checks: Implement a check on the login server"
    )
    assert review(text, kind="briefing").coverage["plan"]


@pytest.mark.parametrize(
    ("element", "text"),
    [
        ("containment", "The primary culprit was identified and terminated.\n"),
        ("prevention", "- Automatic process to detect known flaws in our products.\n"),
    ],
)
def test_wording_from_engineering_postmortems(element: str, text: str) -> None:
    assert _covered(text, element)
