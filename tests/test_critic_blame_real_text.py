"""Issue 8: blame on real write-ups. Each case is a kind of false alarm found in judged student and
company postmortems (ALX, DFDS), with the matching case that must still be flagged."""

from __future__ import annotations

import pytest

from critic import review


def _blame(text: str) -> list[tuple[str, str]]:
    report = review(text)
    return [
        (f.rule, text[f.start : f.end])
        for f in report.findings
        if f.family == "blame" and f.severity != "suggestion"
    ]


def test_removing_what_the_timeline_just_found_is_the_fix() -> None:
    found = (
        "| 10:02 | We found out that the traefik namespace had limitranges applied |\n"
        "| 10:05 | The limitrange in the traefik namespace was deleted |\n"
    )
    assert not _blame(found)
    unexplained = "| 10:05 | The limitrange in the traefik namespace was deleted by mistake |\n"
    assert ("blame.agentless-passive", "was deleted") in _blame(unexplained)


def test_a_note_that_drops_we_owns_the_choice_next_door() -> None:
    text = (
        "Four Java based Lambdas were found. They were not checked for Log4J. "
        "Agreed with the developer to delete them since they were only for testing."
    )
    assert not _blame(text)
    alone = "Four Java based Lambdas were found. They were not checked for Log4J."
    assert ("blame.agentless-passive", "were not checked") in _blame(alone)


def test_steps_joined_to_a_repair_are_the_fix_but_a_mistake_among_them_counts() -> None:
    fix = (
        "The incident was resolved at 11 pm: the service was reinstalled and the backup was "
        "uploaded."
    )
    assert not _blame(fix)
    slip = "The site was restored and the bad config was deployed again."
    assert ("blame.agentless-passive", "was deployed") in _blame(slip)


@pytest.mark.parametrize(
    "text",
    [
        "A recent update to the load balancer configuration set the limit too low.",  # active
        "This caused nginx to give a 404 error when any request was made.",  # a general case
        "The de-registration delay was permanently lowered to improve roll-over performance.",
    ],
)
def test_passives_that_are_not_hidden_faults(text: str) -> None:
    assert not _blame(text), text


@pytest.mark.parametrize(
    ("text", "still_flagged"),
    [
        (
            "- Root Cause: A load balancer forgot how to share and piled the weight on one server.",
            "- Root Cause: the vendor forgot to renew the certificate.",
        ),
        (
            "Connections were open, but they forgot to close the door behind them.",
            "The contractors were late, and they forgot to renew the certificate.",
        ),
        (
            "14:50 UTC - Engineering team incorrectly suspected a DDoS attack.",
            "14:50 UTC - The platform team broke the discount feed.",
        ),
        (
            "- Product put into production prematurely without monitoring",
            "- The agency shipped us broken labels.",
        ),
    ],
)
def test_machines_labels_and_guesses_are_not_other_parties(text: str, still_flagged: str) -> None:
    assert not _blame(text), text
    assert any(rule == "blame.others-at-fault" for rule, _ in _blame(still_flagged)), still_flagged


def test_a_machine_named_after_its_product_is_not_a_party_that_failed_to_tell_us() -> None:
    assert not _blame("It's like the Nginx server went on a coffee break without telling anyone!")
    assert _blame("Our chatbot vendor changed its model on 19 November without telling us.")


def test_a_wrong_lead_reported_is_not_an_excuse() -> None:
    guess = (
        "10:10 AM: Initial investigation focused on external services, assuming the problem lay "
        "outside our infrastructure."
    )
    assert not _blame(guess)
    assert _blame("The problem lay outside our infrastructure.")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("These measures will fortify our defences for future unforeseen disasters.", False),
        ("Deploy canary releases to find unforeseen interactions before wide impact.", False),
        ("The provider did not warn us, leading to an unforeseen spike in traffic.", True),
        ("This is the kind of thing nobody can plan for.", True),
    ],
)
def test_the_unforeseeable_ahead_is_a_plan_not_fate(text: str, flagged: bool) -> None:
    assert any(rule == "blame.fate" for rule, _ in _blame(text)) is flagged, text


def test_the_fix_delivered_is_the_repair_but_a_change_that_broke_things_is_not() -> None:
    def passives(text: str) -> list[str]:
        return [f.rule for f in review(text).findings if f.rule == "blame.agentless-passive"]

    assert passives("At 13:15 the first version of a repair script was uploaded.") == []
    assert passives("At 9:00 a hotfix was deployed.") == []
    assert passives("At 9:00 a patch was deployed that inadvertently broke checkout.")
    assert passives("At 9:00 a new update was uploaded to our website code base.")
