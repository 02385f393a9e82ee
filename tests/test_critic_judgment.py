"""Issue 8: the critic's judgment on wording it was not tuned to (the rule examples are in
critic/rules/*; these check the cross-cutting behaviour: ready-to-send, one finding per spot, dates
that are not sizes, sentences split around inline code, and the held-out probe set's format)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from critic import review
from critic.markdown import to_plain

ROOT = Path(__file__).resolve().parent.parent


def _rules(text: str, **kwargs: object) -> list[tuple[str, str]]:
    report = review(text, **kwargs)  # type: ignore[arg-type]
    return [(f.rule, text[f.start : f.end]) for f in report.findings]


def test_warnings_in_jargon_numbers_or_blame_block_passing() -> None:
    report = review("Mistakes were made by the data vendor.")
    assert not report.passed
    assert report.blockers == ["1 blame error"]
    assert report.verdict() == "not ready: 1 blame error"
    jargon = review("The EBS volumes filled up at 02:10 on 3 March, and 1,200 orders failed.")
    assert not jargon.passed and any("jargon warning" in reason for reason in jargon.blockers)


def test_length_warnings_alone_do_not_block() -> None:
    long = (
        "On Tuesday 3 March our pricing model charged 3,400 customers twice for the same order, "
        "and we refunded every one of them by Thursday at a cost of $62,000 to the business."
    )
    report = review(long)
    assert [f.rule for f in report.findings] == ["length.sentence"]
    assert report.passed and report.blockers == []


def test_one_finding_per_spot_within_a_family() -> None:
    found = _rules("This was impossible to anticipate.")
    blame = [rule for rule, _ in found if rule.startswith("blame.")]
    assert blame == ["blame.deflection"]
    dns = [rule for rule, words in _rules("The DNS change failed at 02:10.") if words == "DNS"]
    assert len(dns) == 1


@pytest.mark.parametrize(
    "text",
    [
        "On March 3, 2017, a significant number of orders failed.",
        "Widespread payment failures hit the EU on 12 May 2026.",
        "Search was degraded on Friday 4 December.",
    ],
)
def test_a_date_never_stands_in_for_the_size(text: str) -> None:
    assert any(rule.startswith("numbers.") for rule, _ in _rules(text)), text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Sites were restored by 14:10.", None),
        ("EU customers were not impacted.", None),
        ("The threshold was changed on Friday.", "blame.agentless-passive"),
        ("A bad config got pushed to every store.", "blame.agentless-passive"),
        ("I approved the change, and that was my mistake.", None),
        ("The agency shipped us broken labels.", "blame.others-at-fault"),
        ("An error crept in along the way.", "blame.fate"),
    ],
)
def test_deflection_read_from_the_parse(text: str, rule: str | None) -> None:
    blame = [r for r, _ in _rules(text) if r.startswith("blame.") and r != "blame.hedging"]
    assert blame == ([rule] if rule else []), text


def test_a_term_is_explained_only_by_a_real_definition() -> None:
    explained = review("We use a CDN (a network of servers near customers) for images.")
    trailing = review("The CDN failed, causing errors at checkout for 2,000 shoppers.")
    assert {f.severity for f in explained.findings if f.family == "jargon"} == {"suggestion"}
    assert {f.severity for f in trailing.findings if f.family == "jargon"} == {"warning"}


def _jargon(text: str) -> list[tuple[str, str]]:
    report = review(text)
    return [(text[f.start : f.end], f.severity) for f in report.findings if f.family == "jargon"]


def test_a_term_defined_once_is_defined_for_the_rest_of_the_draft() -> None:
    defined = "A CDN (a network of servers near customers) sped up images. Then the CDN failed."
    named = "The Nginx web server restarted at 09:00. By 09:05 Nginx was refusing requests."
    assert [s for _, s in _jargon(defined)] == ["suggestion", "suggestion"]
    assert [s for _, s in _jargon(named)] == ["suggestion", "suggestion"]
    kinded = "The site runs on a MySQL relational database. At 11:48 MySQL stopped."
    assert [s for _, s in _jargon(kinded)] == ["suggestion", "suggestion"]
    assert _jargon("At noon the MySQL server crashed.") == [("MySQL", "warning")]
    # a describing clause is not a definition, and a later use is still jargon
    described = "The CDN, which failed at noon, slowed images. Then the CDN failed again."
    assert _jargon(described)[-1] == ("CDN", "warning")
    # a definition further down does not excuse an earlier use
    late = (
        "The load balancer failed at noon. A load balancer (the switch that spreads visits over "
        "our servers) then restarted."
    )
    assert _jargon(late)[0] == ("load balancer", "warning")


def test_a_term_naming_one_of_our_teams_is_not_jargon() -> None:
    assert _jargon("The backend team was told at 14:55.") == [("backend", "suggestion")]
    assert _jargon("At 12:17 the DevOps Junior engineer restarted it.") == [
        ("DevOps", "suggestion")
    ]
    assert _jargon("At 8:43 the intern cleared his browser's cache.") == []
    assert _jargon("The DevOps and Database teams looked into it at 10:00.") == [
        ("DevOps", "suggestion")
    ]
    assert _jargon("The backend failed at 14:55 and teams were paged.") == [("backend", "warning")]
    assert _jargon("At 10:00 our API service was down for 3,000 users.") == [("API", "suggestion")]
    assert _jargon("At 10:00 the API service was down for 3,000 users.") == [("API", "warning")]


def test_ordinary_senses_are_not_jargon() -> None:
    for text in (
        "Customers loved the new sharing feature in the app.",
        "We embedded the refund video in the help page.",
        "The sales pipeline for Q3 is strong.",
    ):
        assert not [f for f in review(text).findings if f.family == "jargon"], text


def test_a_period_inside_inline_code_never_splits_a_sentence() -> None:
    text = "We ran `make deploy. Then restart` at 10:00 and checked 40 orders. All were fine."
    assert review(text).metrics.sentences == 2


def test_company_names_used_as_the_organisation_are_not_jargon() -> None:
    text = "About 4,000 GoCardless customers saw failed payments on 3 March, and GoCardless paid."
    assert not [f for f in review(text).findings if f.rule == "jargon.acronym"]


def test_held_out_probe_set_is_committed_and_large_enough() -> None:
    probe = ROOT / "fixtures" / "critic" / "probe"
    sentences = yaml.safe_load((probe / "sentences.yaml").read_text(encoding="utf-8"))
    documents = yaml.safe_load((probe / "documents.yaml").read_text(encoding="utf-8"))
    assert len(sentences["sentences"]) >= 150 and len(documents["documents"]) >= 10
    assert "held-out" in (probe / "sentences.yaml").read_text(encoding="utf-8").lower()


def test_a_one_line_field_is_not_run_into_the_next_sentence() -> None:
    text = (
        "Issue detected: 9 October 2023, 14:00 UTC\n"
        "The issue was detected when 300 customers reported errors at checkout.\n\n"
        "-Duration: 8 May 2024, from 10:00 to 12:30 UTC\n"
        "-Impact: The outage stopped 400 orders.\n\n"
        "Root cause: a change to the settings file on\n"
        "Friday broke the checkout for 2,000 shoppers.\n"
    )
    report = review(text)
    # field, sentence, field, field, and the wrapped field line read as one sentence
    assert report.metrics.sentences == 5
    assert not [f for f in report.findings if f.rule == "length.sentence"]


def test_timeline_lines_are_lines_and_their_stamps_are_not_words() -> None:
    stamps = ["10:45 SAST", "10:50 SAST", "11:05 SAST", "11:20 SAST", "11:30 SAST", "11:40 SAST"]
    line = "the team checked the web servers, the database logs and the payment logs again"
    text = "\n".join(f"{stamp}: At {n} customers, {line}." for n, stamp in enumerate(stamps))
    report = review(text)  # six lines of 19 words: one paragraph of 114 words if run together
    assert report.metrics.sentences == 6
    assert not [f for f in report.findings if f.rule == "length.paragraph"]
    dated = (
        "December 14, 2023, 9:45 AM (UTC): The issue was detected when the monitoring alerts "
        "fired and showed that the checkout pages had stopped loading for 4,000 customers."
    )
    assert not [f for f in review(dated).findings if f.rule == "length.sentence"]


def test_headings_and_timeline_lines_typed_without_spaces() -> None:
    text = (
        "#Issue Summary\n"
        "At 10:15 on 26 January 300 staff lost search for 45 minutes.\n"
        "#Timeline:\n"
        "10:15: Users reported that search was down.\n"
        "-10:20 AM (UTC): Monitoring showed nothing wrong.\n"
        "#outage is a hashtag, not a heading.\n"
    )
    report = review(text)
    headings = [b for b in to_plain(text, "briefing").blocks if b.kind == "heading"]
    assert [b.label_text for b in headings] == ["Issue Summary", "Timeline:"]
    assert report.metrics.sentences == 4  # the hashtag line is prose
