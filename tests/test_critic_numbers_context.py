"""Issue 8, numbers and structure on real writing: the critic reads the paragraph, not only the
sentence. A size given next door answers a vague word, a measured outage is an impact, a list
answers "several", and a done lasting fix leaves no plan open. Each test also checks the limit: the
same words with no such context are still flagged."""

from __future__ import annotations

from critic import review


def _numbers(text: str) -> list[tuple[str, str]]:
    report = review(text)
    return [(f.rule, text[f.start : f.end]) for f in report.findings if f.family == "numbers"]


def _missing(text: str) -> set[str]:
    return {element for element, covered in review(text).coverage.items() if not covered}


def test_the_next_sentence_in_the_paragraph_can_give_the_size() -> None:
    sized = "The customer impact was significant data loss. We lost 300,000 saved scoreboards."
    assert _numbers(sized) == []
    alone = "The customer impact was significant data loss. We restored the backups on Monday."
    assert ("numbers.vague-quantity", "significant") in _numbers(alone)


def test_a_size_in_another_paragraph_or_a_date_next_door_does_not_count() -> None:
    other_paragraph = (
        "The customer impact was significant data loss.\n\nWe lost 300,000 saved scoreboards."
    )
    assert ("numbers.vague-quantity", "significant") in _numbers(other_paragraph)
    dated = "The customer impact was significant data loss. It started on 3 March at 15:47."
    assert ("numbers.vague-quantity", "significant") in _numbers(dated)


def test_an_impact_claim_sized_next_door_is_not_flagged() -> None:
    text = (
        "These issues hurt playback quality for viewers. Up to 15% of viewers saw rebuffering for "
        "4 hours."
    )
    assert not [r for r, _ in _numbers(text) if r == "numbers.impact-without-figure"]
    alone = "These issues hurt playback quality for viewers. We fixed the encoder on Tuesday."
    assert [r for r, _ in _numbers(alone) if r == "numbers.impact-without-figure"]


def test_a_measured_outage_next_door_sizes_degraded_service_but_not_other_vague_words() -> None:
    degraded = (
        "Our customers saw degraded service. We had four service interruptions totalling 8 hours "
        "and 14 minutes."
    )
    assert ("numbers.vague-quantity", "degraded") not in _numbers(degraded)
    elevated = (
        "After that, elevated error rates persisted until 1:30 AM. The API had been unavailable "
        "from 9:16 PM to 11:16 PM."
    )
    assert ("numbers.vague-quantity", "elevated") in _numbers(elevated)


def test_a_size_in_the_sentence_before_answers_a_summary_but_not_a_part_or_a_change() -> None:
    before = "We lost 300,000 saved scoreboards. The customer impact was significant data loss."
    assert ("numbers.vague-quantity", "significant") not in _numbers(before)
    part = "775 customers lost access. The outage lasted 14 days for a subset of these customers."
    assert ("numbers.vague-quantity", "a subset of") in _numbers(part)
    change = "Weekend rates were 11% lower, costing $520,000. Occupancy went up slightly."
    assert [r for r, _ in _numbers(change) if r == "numbers.change-without-figure"]


def test_sentences_further_on_in_the_paragraph_can_give_the_size() -> None:
    sized = (
        "This led to orders showing the wrong status. Traders called us about it. Fewer than "
        "0.3% of orders were affected."
    )
    assert not [r for r, _ in _numbers(sized) if r == "numbers.impact-without-figure"]
    change = "Token issuance degraded on 10 May. Between 8% and 15% of requests failed."
    assert not [r for r, _ in _numbers(change) if r == "numbers.change-without-figure"]
    far = (
        "This led to orders showing the wrong status. Traders called us about it. We paused "
        "trading. We fixed the bug. Fewer than 0.3% of orders were affected."
    )
    assert [r for r, _ in _numbers(far) if r == "numbers.impact-without-figure"]


def test_a_list_right_after_answers_several_and_a_duration_or_a_name_does_not() -> None:
    listed = (
        "Several key services were impacted. These included note taking, single sign-on, status "
        "pages and paging."
    )
    assert ("numbers.vague-quantity", "Several") not in _numbers(listed)
    lead_in = "To prevent recurrence, we plan several improvements.\n\n- A\n- B\n- C\n"
    assert ("numbers.vague-quantity", "several") not in _numbers(lead_in)
    clauses = (
        "Several key services failed. The first problem was in a metadata service, which saw its "
        "load spike, causing requests to fail."
    )
    assert ("numbers.vague-quantity", "Several") in _numbers(clauses)
    duration = "Memory leaked for several days. Then 36 servers crashed."
    assert ("numbers.vague-quantity", "for several days") in _numbers(duration)
    name = "Our mobile customers were significantly impacted. Route 53 and Lambda were down."
    assert ("numbers.vague-quantity", "significantly") in _numbers(name)
    count = "Our mobile customers were significantly impacted. 53 of them could not log in."
    assert ("numbers.vague-quantity", "significantly") not in _numbers(count)


def test_an_outage_duration_is_a_quantified_impact_for_structure() -> None:
    text = (
        "On 25 August our whole network was down for about 6 minutes, from 19:26 to 19:32 UTC. "
        "A firewall change I approved caused it. We reverted it at 19:31."
    )
    assert "impact" not in _missing(text)
    rules = {f.rule for f in review(text).findings}
    assert "structure.impact-first" not in rules and "structure.impact" not in rules
    no_duration = (
        "On 25 August at 19:26 our whole network went down. A firewall change I approved caused "
        "it. We reverted it at 19:31."
    )
    assert "impact" in _missing(no_duration)


def test_a_list_after_several_answers_how_many() -> None:
    listed = (
        "We found several causes, including an expired certificate, a full disk and a bad deploy."
    )
    assert _numbers(listed) == []
    open_count = "We found several causes in the logs."
    assert ("numbers.vague-quantity", "several") in _numbers(open_count)


def test_thresholds_qualifiers_and_rankings_are_not_sizes() -> None:
    for text in (
        "At 11:15 the issue became significant enough for us to open an alert.",
        "We now load-test after significant infrastructure changes.",
        "It was the most severe incident since we launched.",
        "The recovery was slow because of the network's degraded state.",
    ):
        assert _numbers(text) == [], text
    for text in (
        "The outage was significant for our sales.",
        "Significant changes in conversion followed the release.",
        "This outage was more severe than the last one.",
        "Search was degraded on Monday.",
    ):
        assert _numbers(text), text


def test_recovery_and_when_clauses_are_not_change_claims_but_metrics_are() -> None:
    assert _numbers("This allowed the access points to recover, and service came back.") == []
    assert _numbers("The system stabilised around 11:30 PM when network load decreased.") == []
    assert ("numbers.change-without-figure", "recovered") in _numbers("Sales recovered on Friday.")


def test_a_proposed_fix_is_prevention_and_a_dated_milestone_is_follow_up() -> None:
    base = (
        "On 4 May our whole booking site was down for 47 minutes, from 09:05 to 09:52 UTC. An "
        "expired certificate caused it. We restored the site at 09:50. We will turn on automatic "
        "renewal by 11 May."
    )
    assert {"prevention", "follow_up"} <= _missing(base)
    proposed = base + " The proposed fix renews every certificate before it expires."
    assert "prevention" not in _missing(proposed)
    milestone = base + " We expect to deploy it within two weeks."
    assert "follow_up" not in _missing(milestone)


def test_a_done_lasting_fix_leaves_no_plan_or_timeline_open() -> None:
    done = (
        "On 4 May our whole booking site was down for 47 minutes, from 09:05 to 09:52 UTC. An "
        "internal tool deleted the certificate. We restored the site at 09:50. We have taken "
        "several steps to prevent recurrence: the tool has been retired."
    )
    assert not {"plan", "timeline"} & _missing(done)
    fixed_only = (
        "On 4 May our whole booking site was down for 47 minutes, from 09:05 to 09:52 UTC. An "
        "internal tool deleted the certificate. We restored the site at 09:50."
    )
    assert {"plan", "timeline"} <= _missing(fixed_only)


def test_a_whole_scope_answers_widespread_impact_but_not_a_count() -> None:
    assert _numbers("The impact was widespread, affecting all regions and every checkout.") == []
    assert ("numbers.vague-quantity", "widespread") in _numbers(
        "Complaints were widespread across every region we serve."
    )


def test_an_impact_named_as_something_to_minimise_is_not_an_impact_claim() -> None:
    goal = "We are improving traffic rerouting to minimize customer impact in future."
    assert _numbers(goal) == []
    claim = "The rerouting failure had a customer impact across Europe."
    assert [r for r, _ in _numbers(claim) if r == "numbers.impact-without-figure"]


def test_vague_words_about_the_machinery_are_not_business_sizes() -> None:
    for text in (
        "The release led to a significant increase in load on the load balancers.",
        "A large volume of log messages filled the disk.",
        "The new protocol had undergone extensive testing.",
    ):
        assert _numbers(text) == [], text
    assert ("numbers.vague-quantity", "A large number of") in _numbers(
        "A large number of customers retried at once."
    )
    assert _numbers("Several enterprise clients have threatened to cancel.")


def test_an_impact_that_was_prevented_is_not_an_impact_claim() -> None:
    assert _numbers("We shut the gateway down, preventing new orders from being affected.") == []


def test_impact_first_accepts_an_opening_that_names_the_harm_before_its_figure() -> None:
    named = (
        "On 25 August an outage affected most of our booking customers. A firewall change I "
        "approved caused it. In total 1,200 customers could not book, costing about $30,000 in "
        "lost sales."
    )
    assert "structure.impact-first" not in {f.rule for f in review(named).findings}
    buried = (
        "On 25 August we changed a firewall rule. Support noticed more calls than usual. In total "
        "1,200 customers could not book, costing about $30,000 in lost sales."
    )
    assert "structure.impact-first" in {f.rule for f in review(buried).findings}


def test_a_purpose_a_bracketed_definition_and_a_negated_change_are_not_change_claims() -> None:
    for text in (
        "We changed how search ranks products so that popular items rise to the top.",
        "The model suffered from drift (its predictions got worse because customers changed).",
        "Results did not recover because the index was still corrupted.",
    ):
        assert _numbers(text) == [], text
    assert ("numbers.change-without-figure", "rose") in _numbers("Returns rose after the change.")
    assert _numbers("Its predictions got worse after the September price change.")


def test_word_senses_that_are_not_sizes_and_their_limits() -> None:
    for text in (
        'Clusters entered a degraded "Human Investigate" state.',
        "The token had recently elevated scopes.",
        "Doses were thousands of times greater than normal.",
        "A handful of internal state messages had a bit flipped.",
        "Service recovery began at 10:36, with the majority of services recovered by 11:00 UTC.",
    ):
        assert _numbers(text) == [], text
    for text in (
        "Error rates were elevated all morning.",
        "Thousands of customers could not pay.",
        "An issue affecting a small number of customers was resolved on Monday.",
        "Search was degraded for 4 hours.",
        "We had a severe database outage.",
    ):
        assert [r for r, _ in _numbers(text) if r == "numbers.vague-quantity"], text


def test_an_opening_that_counts_the_damage_leads_and_a_generic_each_is_no_impact() -> None:
    counted = (
        "Between 23 and 29 November, our chatbot gave wrong delivery dates in about 4,700 "
        "conversations. It told customers parcels would arrive early. That led to 820 complaints "
        "and $31,000 in goodwill credits. I updated the articles, which caused it."
    )
    assert "structure.impact-first" not in {f.rule for f in review(counted).findings}
    buried = (
        "Our model predicts when each grocery order will reach the customer. It learns from the "
        "last eight weeks of deliveries. We update it every Monday. A new partner records "
        "deliveries early. From 19 to 25 November, 11,000 customers were promised delivery too "
        "early, and we gave $74,000 in credits."
    )
    assert "structure.impact-first" in {f.rule for f in review(buried).findings}


def test_a_name_heading_the_paragraph_is_not_one_of_the_first_two_sentences() -> None:
    labelled = (
        "CrowdStrike. A content update with undetected errors was deployed. It crashed 8.5 "
        "million Windows machines. We reverted the update within 78 minutes."
    )
    assert "structure.impact-first" not in {f.rule for f in review(labelled).findings}
    buried = (
        "CrowdStrike. A content update with undetected errors was deployed. Its validator had a "
        "bug. The update crashed 8.5 million Windows machines."
    )
    assert "structure.impact-first" in {f.rule for f in review(buried).findings}


def test_a_headingless_briefing_is_read_by_meaning_and_a_dated_lead_in_dates_its_list() -> None:
    text = (
        "Last week 1,800 sellers were paid two days late, costing $14,000 in late fees.\n\n"
        "A bank holiday was missing from our payout schedule, and I had not asked anyone to "
        "check the calendar.\n\n"
        "We paid every affected seller by 27 November at noon.\n\n"
        "By 4 December we will load the bank's calendar automatically and compare it with ours "
        "every month.\n\n"
        "I will confirm on 4 December that the automatic load works."
    )
    assert not _missing(text)
    dated = "By Friday 4 December:\n\n- we will add the route to our tests;\n- we will add alarms."
    assert not [r for r, _ in _numbers(dated) if r == "numbers.plan-without-date"]
    undated = (
        "Our next steps:\n\n- we will add the backup route to our tests;\n- we will add alarms."
    )
    assert [r for r, _ in _numbers(undated) if r == "numbers.plan-without-date"]


def test_a_standing_rule_from_now_on_is_dated_and_a_fix_label_is_containment() -> None:
    rule = "From now on, every change to the email tool will be tested in all nine countries."
    assert not [r for r, _ in _numbers(rule) if r == "numbers.plan-without-date"]
    assert [r for r, _ in _numbers("Every change to the email tool will be tested.") if r]
    labelled = (
        "**Summary:** 41,000 Android users could not log in for 5 hours on Sunday, costing "
        "about $87,000.\n\n**Cause:** I shipped an update that sent logins to an old server.\n\n"
        "**Fix:** We pushed a corrected update at 16:20.\n\n"
        "**Next:** By 7 December we will add a slow-network test to every release check.\n\n"
        "**Update:** I'll send you the final figure on Friday 4 December."
    )
    assert "containment" not in _missing(labelled)
    assert "prevention" not in _missing(labelled)
