"""Issue 8, numbers on real write-ups: some vague words are settled by the whole document. A
timeline entry ("14:30 UTC - alerts showed a significant spike") narrates a signal when the impact
is sized elsewhere; a step under an "Action items" heading describes what to build; a sentence that
tells how the failure worked is not a second impact claim. Each test also checks the limit: the
same words without that context are still flagged."""

from __future__ import annotations

from critic import review

TIMELINE = (
    "Timeline:\n\n"
    "- 14:30 UTC - Monitoring alerts showed a significant spike in incoming requests.\n"
    "- 14:45 UTC - We were told the new certificate would take several hours to issue.\n"
    "- 16:30 UTC - We restarted the cache.\n"
)


def _numbers(text: str) -> list[tuple[str, str, str]]:
    report = review(text)
    return [
        (f.rule, text[f.start : f.end], f.severity)
        for f in report.findings
        if f.family == "numbers"
    ]


def _warned(text: str) -> set[tuple[str, str]]:
    return {(rule, words) for rule, words, severity in _numbers(text) if severity != "suggestion"}


def test_a_timeline_signal_is_answered_by_an_impact_figure_elsewhere() -> None:
    sized = "Impact: about 75% of our users saw errors for 2 hours.\n\n" + TIMELINE
    warned = _warned(sized)
    assert ("numbers.vague-quantity", "significant") not in warned
    assert ("numbers.change-without-figure", "spike in") not in warned
    # a vague duration in the timeline is still open: the impact figure does not say how long
    assert ("numbers.vague-quantity", "several") in warned


def test_without_an_impact_figure_the_timeline_signal_is_still_flagged() -> None:
    warned = _warned(TIMELINE)
    assert ("numbers.vague-quantity", "significant") in warned
    # a figure that is not about who was hit (a count of servers, a time) does not size the impact
    unrelated = "Impact: we restarted 3 servers at 16:30 UTC.\n\n" + TIMELINE
    assert ("numbers.vague-quantity", "significant") in _warned(unrelated)


def test_the_same_signal_outside_a_timeline_is_still_flagged() -> None:
    text = (
        "Impact: about 75% of our users saw errors.\n\n"
        "Monitoring alerts showed a significant spike in incoming requests."
    )
    assert ("numbers.vague-quantity", "significant") in _warned(text)


def test_a_vague_word_in_an_action_item_is_only_a_suggestion() -> None:
    text = (
        "## Action items\n\n"
        "- Set up dashboards and alerting for elevated error rates.\n"
        "- Regularly perform load testing to simulate various traffic scenarios.\n"
        "- Many customers could not check out.\n"
    )
    found = {(rule, words): severity for rule, words, severity in _numbers(text)}
    assert found[("numbers.vague-quantity", "elevated")] == "suggestion"
    assert found[("numbers.vague-quantity", "various traffic")] == "suggestion"
    # a statement with a subject is not a step to take, even under the heading
    assert found[("numbers.vague-quantity", "Many customers")] == "warning"
    # the same step outside a plan section is still a warning
    assert ("numbers.vague-quantity", "elevated") in _warned(
        "We set up dashboards and alerting for elevated error rates."
    )


def test_a_cause_chain_is_not_a_second_impact_when_the_impact_is_sized() -> None:
    cause = "This misconfiguration resulted in improper routing of user requests."
    assert ("numbers.impact-without-figure", "resulted in improper routing of user") in _warned(
        cause
    )
    sized = "About 70% of our users were affected.\n\n" + cause
    assert not [r for r, _ in _warned(sized) if r == "numbers.impact-without-figure"]
    # the harm itself, as the subject, is still an impact claim to size
    harm = "About 70% of our users were affected.\n\nThis failure led to lost orders."
    assert [r for r, _ in _warned(harm) if r == "numbers.impact-without-figure"]


def test_an_impact_that_may_come_is_not_an_impact_claim() -> None:
    for text in (
        "We improved monitoring to alert on slow queries before they affect users.",
        "These fixes will reduce the likelihood of similar outages for our users.",
        "Our configuration scripts did not account for these changes, leading to an outage.",
    ):
        assert not [r for r, _ in _warned(text) if r == "numbers.impact-without-figure"], text
    assert [
        r
        for r, _ in _warned("The slow queries affected users.")
        if r == "numbers.impact-without-figure"
    ]


def test_a_rough_count_that_looks_like_a_year_is_a_figure() -> None:
    rough = "We received too many failed requests, approximately 1900."
    assert ("numbers.vague-quantity", "too many") not in _warned(rough)
    dated = "In 1900 we received too many failed requests."
    assert ("numbers.vague-quantity", "too many") in _warned(dated)


def test_one_named_party_is_a_count_of_one_but_a_kind_of_impact_is_not() -> None:
    one = "Impact: the user was unable to upload the project due to an access issue."
    assert not [r for r, _ in _warned(one) if r == "numbers.impact-without-figure"]
    kind = "The rerouting failure had a customer impact across Europe."
    assert [r for r, _ in _warned(kind) if r == "numbers.impact-without-figure"]


def test_a_figure_next_door_answers_a_count_only_when_it_names_the_same_thing() -> None:
    other = (
        "Returns rose sharply, and a handful of our partners complained. Our service team "
        "handled 2,300 more contacts than usual."
    )
    warned = _warned(other)
    assert ("numbers.vague-quantity", "a handful of") in warned
    assert ("numbers.change-without-figure", "rose") in warned
    same = (
        "Returns rose sharply, and a handful of our partners complained. We had 4,100 more "
        "returns than usual, and 6 partners wrote to us."
    )
    warned = _warned(same)
    assert ("numbers.vague-quantity", "a handful of") not in warned
    assert ("numbers.change-without-figure", "rose") not in warned


def test_a_degree_word_in_a_block_that_sizes_who_was_hit_is_answered() -> None:
    block = (
        "Impact: the pool was exhausted, leading to downtime for approximately 60% of active "
        "users. Users saw slow pages and, in some cases, no access at all. The outage hit web "
        "and mobile apps, causing significant disruptions in user experience."
    )
    warned = _warned(block)
    assert ("numbers.vague-quantity", "significant") not in warned
    # a vague count in the same block is still open: 60% of users does not say how many cases
    assert ("numbers.vague-quantity", "some cases") in warned
    alone = "Impact: the outage hit web and mobile apps, causing significant disruptions."
    assert ("numbers.vague-quantity", "significant") in _warned(alone)
