"""structure.impact-first — the business impact is not in the first two sentences.

Guideline: Guide §4 Brevity is Key: "Get to the point quickly," and Understanding the Stakes: "CEOs
are primarily concerned with business impact." Bottom line up front: in a briefing the impact (a
business figure) comes in the first two sentences after any greeting; in a script, in the
presenter's first two turns. A sentence there that names the harm ("an outage affected most
users", "checkout was down", "users were unable to sign in") leads with the impact even when its
figure follows. Lines that only date or label the write-up ("Start: 5 June, 14:00 UTC", "Issue
Summary") are not sentences the reader meets first. Only checked when the draft states an impact
at all (otherwise structure.impact fires).
"""

from __future__ import annotations

import re

from critic.coverage import analyse, names_the_harm, opening_sentences
from critic.document import Document, Sentence
from critic.figures import outage_words
from critic.rules.base import Hit, Rule, quote

RULE = Rule(
    "structure.impact-first",
    "structure",
    "warning",
    "impact_first",
    scope="document",
    summary="impact not first",
)
RULES = (RULE,)

examples_fail = [
    "On Friday we released a new version of the fraud settings. Over the weekend support noticed "
    "more complaints than usual. On Tuesday we found the cause. In total the model refused 12,100 "
    "genuine orders, costing about €180,000 in lost sales.",
    # a title that mentions a year is a title, not a date line; a chatty welcome names no harm
    "The Great Checkout Adventure of 2024\n\nWelcome to our tale of the week! Grab a coffee and "
    "settle in. On Friday we released a new payment page. In total 1,200 customers could not "
    "pay, costing about $30,000 in lost sales. We rolled the page back on Saturday.",
]
examples_pass = [
    "Our fraud model refused 12,100 genuine orders over 4 days, costing about €180,000 in lost "
    "sales. I approved the setting change that caused it on Friday. We restored the old setting on "
    "Tuesday at 4 pm.",
    "For about an hour on Monday, 8 of our 10 regional sites failed to load search results. A "
    "configuration change I approved on Friday caused it. We rolled it back at 11:40.",
    # an outage measured in time is the impact: "down for about 6 minutes"
    "On 25 August the whole booking site was down for about 6 minutes, from 19:26 to 19:32 UTC. "
    "A firewall change I approved caused it. We reverted it at 19:31. The outage cost about "
    "$30,000 in lost bookings.",
    # the harm leads, its figure follows in the third sentence
    "On 25 August an outage affected most of our booking customers. A firewall change I approved "
    "caused it. In total 1,200 customers could not book, costing about $30,000 in lost sales.",
    # lines that only date or label the write-up are not its first sentences
    "Issue Summary\nStart: 5 June 2024, 14:00 UTC\nEnd: 5 June 2024, 15:30 UTC\n\nAbout 80% of "
    "our shoppers saw pages time out for 90 minutes. A cache setting I changed that morning "
    "caused it. We restored the old setting at 15:20 and pages have loaded normally since.",
    # the second sentence says who was harmed; the figure may follow
    "On Wednesday 31 March the sign-in certificates for our partner portal expired. Partner "
    "users were unable to sign in to the portal or place orders. We renewed the certificates at "
    "14:40. In total 420 partners could not order for about 2 hours.",
]


_AFFECTED = re.compile(r"\b(?:affect|impact)(?:ed|ing|s)?\b", re.IGNORECASE)


def _names_the_harm(doc: Document, sentence: Sentence) -> bool:
    """The sentence says what went wrong for the business ("the site was down", "an outage
    affected most users", "platform users were unable to sign in"), even if the figure for it
    comes later: the bottom line still leads. How big it was is for structure.impact and the
    numbers rules."""
    text = sentence.text
    return outage_words(text) or bool(_AFFECTED.search(text)) or names_the_harm(doc, sentence)


def check(doc: Document) -> list[Hit]:
    coverage = analyse(doc)
    if not coverage.impact_sentences:
        return []
    lead = opening_sentences(doc)  # "Start: …", "End: …" and "Issue Summary" lines skipped
    if not lead:
        return []
    if doc.kind == "script":
        turns = []
        for sentence in lead:
            if sentence.block not in turns:
                turns.append(sentence.block)
        window = [s for s in lead if s.block in turns[:2]]
    else:
        window = lead[:2]
    if any(s in coverage.impact_sentences for s in window):
        return []
    if any(_names_the_harm(doc, s) for s in window):
        return []  # "an outage affected most Google users": the impact leads; its figure follows
    first_impact = coverage.impact_sentences[0]
    where = "the first two turns" if doc.kind == "script" else "the first two sentences"
    return [
        Hit(
            RULE.id,
            window[0].start,
            window[-1].end,
            f"The business impact is not in {where}: the CEO reads those first.",
            f"Lead with the impact: “{quote(first_impact.text, 120)}”",
        )
    ]
