"""numbers.vague-quantity — "significantly", "many customers", "a large number of" with no figure.

Guideline: Guide §1 Quantify the Impact: "Translate the technical error into tangible business
terms", e.g. "dropped by 15%, resulting in a projected $50,000 loss". A vague word is flagged only
when its sentence has no money, percentage or count (token shape, then the parser's MONEY, PERCENT,
CARDINAL and QUANTITY entities).
"""

from __future__ import annotations

import re
from functools import cache

from critic import resources
from critic.document import Document, Sentence
from critic.figures import measured_duration, outage_words, scope_figure
from critic.neighbours import (
    action_item,
    block_sizes_impact,
    cause_chain,
    counted_noun,
    impact_sized,
    neighbour_gives_size,
    paragraph_answers,
    timeline_signal,
)
from critic.rules.base import Hit, Rule, generic_statement, masked

RULE = Rule("numbers.vague-quantity", "numbers", "warning", "quantify", summary="vague amount")
RULES = (RULE,)

examples_fail = [
    "Many customers could not check out.",
    "The outage hurt sales significantly.",
    "A large number of orders were refused.",
    "We lost some revenue over the weekend.",
    "On 3 March 2026 a significant share of orders failed.",
    "Search was degraded for several hours.",
    "Checkout was down for hours on Friday.",
    "Widespread payment failures hit the EU on 12 May.",
    "Several services failed, and we restored them one by one.",
    "Significant changes in conversion followed the release.",
    "Search was degraded for 24 hours and 11 minutes.",
    "Several key services failed. The first was a metadata service, which saw its load spike.",
    "775 customers lost access. It lasted 14 days for a subset of these customers.",
    "Memory leaked for several days. Then 36 servers crashed.",
    "We had a severe database outage.",
    "Sales fell sharply after the database change.",
    "We could not serve a large number of requests.",
    "Checkout was degraded in every US state.",
    "Timeline:\n\n"
    "- 14:30 UTC - Alerts showed a significant spike in requests.\n"
    "- 15:00 UTC - We restarted the cache.",
    "Many of our customers could not pay.",
    "The site suffered a significant hit to customer traffic.",
    "A latent bug in a collection agent caused degraded performance.",
    "Checkout was briefly down on Friday.",
    "On 3 March 2019 many orders failed.",
    "The release caused a significant change in conversion.",
]
examples_pass = [
    "9,400 customers could not check out between Saturday and Tuesday.",
    "Sales fell significantly, by 15%, costing about $50,000.",
    "How many customers saw the wrong price?",
    "Some of the work is already done.",
    "Checkout was down for 3 hours 40 minutes on Friday.",
    "On 3 March, 12% of orders failed.",
    "We found several causes, including an expired certificate, a full disk and a bad deploy.",
    "The impact was significant enough for us to open an incident.",
    "We now load-test after significant infrastructure changes.",
    "The recovery was slow because of the network's degraded state.",
    "Customer impact was significant: a single-digit percentage of orders failed.",
    "It was the most severe incident since we launched.",
    "The system is designed to handle multiple node failures.",
    "To prevent a repeat, we planned several steps.",
    "A large-scale electrical storm cut power to the data centre.",
    "The impact was widespread, affecting all regions and every checkout.",
    "Several factors contributed to the outage.",
    "The release led to a significant increase in load on the load balancers.",
    "A large volume of log messages filled the disk.",
    "Later that day AWS disabled traffic to the degraded EBS cluster.",
    "Several key services were impacted. These included paging, sign-in, status pages and chat.",
    "To prevent recurrence, we plan several improvements:\n\n- faster rollback\n- more alerts",
    "We lost 300,000 saved scoreboards. The customer impact was significant data loss.",
    "A dependency of several popular projects, including ESLint and Webpack, was compromised.",
    "A severe downtime brought the build queue to a complete standstill.",
    "Doses were thousands of times greater than normal.",
    'Clusters entered a degraded "Human Investigate" state.',
    "The pump kept running at the elevated rate.",
    "The token had recently elevated scopes.",
    "A handful of internal state messages had a bit flipped.",
    "The compression significantly reduced download size.",
    "Although the pipeline had extensive validation checks, the race corrupted the file.",
    "This contention was widespread across many endpoints.",
    "Service recovery began at 10:36, with the majority of services recovered by 11:00 UTC.",
    "By 11:12 all primaries were back, significantly improving site responsiveness.",
    "A faulty service managing a large number of projects overloaded the API.",
    "We deployed changes to significantly reduce system restoration time.",
    "This widespread deployment made the bug worse.",
    "We now regularly test recovery on long-running hosts.",
    "Customers saw a gap of several hours in their charts, from 9:45 AM to 1:30 PM.",
    "Impact: 20% of users could not log in.\n\n"
    "Timeline:\n\n- 14:30 UTC - Alerts showed a significant spike in requests.",
    "No evidence of significant network issues was found.",
    "The database coped without significant slowdown.",
    "Students faced a significant challenge: connecting to the Reddit API.",
    "Fixing this runaway query dramatically reduced overall network activity.",
    "The agent ran unlike the majority of our monitoring stack.",
    "A scaling job triggered errors from a large number of clients inside the internal network.",
    "About 30% of users were affected.\n\n"
    "A latent bug in a collection agent caused degraded performance.",
    "We briefly considered blaming gremlins.",
    "After exploring several incorrect hypotheses, we found the bug.",
    "We received too many failed requests, approximately 1900.",
    "This is a significant change to how we approve loans, so I want your sign-off.",
]


@cache
def durations() -> re.Pattern[str]:
    return resources.pattern("numbers", "vague_durations")


@cache
def patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = resources.load("numbers")
    determiners = data["vague_determiners"].strip()
    nouns = data["count_nouns"].strip()
    determiner_noun = resources.words_pattern(
        rf"(?<!how\ )(?<!as\ )(?:{determiners})\ (?:of\ )?(?:(?:the|our|their|your|these|those)\ )?"
        rf"(?:[a-z-]+\ ){{0,2}}?(?:{nouns})"
    )
    vague = resources.words_pattern(
        data["vague_quantity"].strip() + "|" + data["vague_comparisons"].strip()
    )
    return vague, determiner_noun


# words that end a noun phrase: "sharply after the database change" is not about the database
_FUNCTION_WORDS = (
    r"(?:in|of|to|for|across|at|on|after|before|from|with|by|during|since|until|the|a|an|our|"
    r"their|its|this|that|these|those|when|while|because|and|but|or|as|than|was|were|is|are)"
)


@cache
def _context() -> dict[str, re.Pattern[str]]:
    data = resources.load("numbers")
    heads = data["descriptive_heads"].strip()
    lead_ins = data["lead_in_nouns"].strip()
    return {
        "descriptive": re.compile(rf"^\s+(?:[\w-]+\s+)?(?:{heads})\b", re.IGNORECASE | re.VERBOSE),
        "lead_in": re.compile(rf"^\s+(?:[\w-]+\s+)?(?:{lead_ins})\b", re.IGNORECASE | re.VERBOSE),
        "mechanism": re.compile(
            rf"^\s+(?:(?:[\w-]+\s+)?(?:{data['mechanism_links'].strip()})\s+(?:in|of)?\s*)?"
            rf"(?:(?:the|our|its|their)\s+)?(?:(?!{_FUNCTION_WORDS}\s)[\w'’-]+\s+){{0,2}}?"
            rf"(?:{data['mechanism_nouns'].strip()})\b"
            rf"(?!\s+(?:{data['outage_heads'].strip()})\b)",
            re.IGNORECASE | re.VERBOSE,
        ),
        # "This contention was widespread": the machinery is the subject
        "mechanism_subject": re.compile(
            rf"\b(?:{data['mechanism_nouns'].strip()})\s+(?:was|were|is|are|had\s+been)\s+$",
            re.IGNORECASE | re.VERBOSE,
        ),
        # "a handful of internal state messages": the company's own machinery, not the impact
        "internal_after": re.compile(r"^\s+(?:[\w-]+\s+){0,3}?internal(?:ly)?\b", re.IGNORECASE),
        "magnitude": resources.pattern("numbers", "magnitude_phrases"),
        "recovery_before": re.compile(
            rf"\b(?:{data['recovery_before'].strip()})\s*$", re.IGNORECASE | re.VERBOSE
        ),
        "recovery_after": re.compile(
            rf"^\s+(?:{data['recovery_after'].strip()})\b", re.IGNORECASE | re.VERBOSE
        ),
        # "the most severe since…": a ranking, not a size ("more severe" is a comparison, flagged)
        "ranking": re.compile(r"\bthe\s+(?:most|least)\s+$", re.IGNORECASE),
        # "designed to handle multiple node failures": a capacity, not what happened
        "capacity": re.compile(
            r"\b(?:handle|handles|tolerate|tolerates|withstand|withstands|survive|survives|"
            r"manage|manages|managing)\s+$",
            re.IGNORECASE,
        ),
    }


# "changes to significantly reduce restoration time": how much a fix is meant to help, not damage
_GOAL_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_GOAL_AFTER = re.compile(
    r"^\s+(?:reduce|improve|increase|speed\s+up|shorten|cut|lower|raise|strengthen|simplify)\b",
    re.IGNORECASE,
)
# "no evidence of significant network issues", "without significant degradation": a size denied
_DENIED = re.compile(
    r"\b(?:no|not|without|never|nor)\s+(?:(?:evidence|sign|signs|indication)\s+of\s+)?(?:any\s+)?$",
    re.IGNORECASE,
)
# "an issue affecting a small number of customers was resolved": the customers are the impact
_IMPACT_BEFORE = re.compile(
    r"\b(?:affecting|impacting|affected|impacted|hitting|hit|for|to)\s+$", re.IGNORECASE
)
_SCOPE_AFTER = re.compile(
    r"^,?\s+(?:affecting|impacting|hitting|reaching|taking\s+down)\s+(?:\w+\s+){0,2}?(?:all|every)\b",
    re.IGNORECASE,
)


def _not_a_size(sentence_text: str, match: re.Match[str]) -> bool:
    """The vague word describes, ranks or introduces; it leaves no size open."""
    context = _context()
    before, after = sentence_text[: match.start()], sentence_text[match.end() :]
    if context["ranking"].search(before) or context["capacity"].search(before):
        return True
    words = match.group(0).split()
    if len(words) == 1 and context["descriptive"].match(after):
        return True  # "a large-scale electrical storm", "severe contention"
    if context["mechanism"].match(after) or context["mechanism_subject"].search(before):
        return True  # "a significant increase in load", "a large volume of log messages"
    if context["internal_after"].match(after):
        return True  # "a handful of internal state messages"
    if _GOAL_BEFORE.search(before) and _GOAL_AFTER.match(after):
        return True  # "deployed changes to significantly reduce restoration time": a goal
    if context["recovery_before"].search(before) or (
        context["recovery_after"].match(after) and not _IMPACT_BEFORE.search(before)
    ):
        return True  # "with the majority of services recovered by 11:00"
    enumerable = resources.pattern("numbers", "enumerable_words")
    partitive = resources.pattern("numbers", "partitive_words")
    degree = not enumerable.match(match.group(0)) and not partitive.fullmatch(match.group(0))
    if degree and len(words) == 1 and context["magnitude"].search(sentence_text):
        return True  # "a severe downtime where the build queue came to a complete standstill"
    if degree and len(words) == 1 and _DENIED.search(before):
        return True  # "no evidence of significant network issues", "without significant slowdown"
    if resources.pattern("numbers", "scope_words").fullmatch(match.group(0)) and (
        _SCOPE_AFTER.match(after) and scope_figure(after)
    ):
        # "widespread, affecting all regions": the scope is the size ("complaints were widespread
        # across every region" still leaves open how many complaints)
        return True
    if words[0].lower() == "most" and before.rstrip().lower().endswith("the"):
        return True  # "the most severe incident since…"
    # "several steps": the steps follow
    return bool(
        enumerable.match(match.group(0))
        and (context["lead_in"].match(after) or context["lead_in"].match(" " + words[-1]))
    )


_LIST_AFTER = re.compile(
    r"^[^.;:]{0,50}?(?:,\s*|\s)(?:including|such\s+as|namely|like)\s+[^.;]+?(?:,|\band\b|\bor\b)"
    r"|^[^.;:]{0,50}:\s*\S[^.;]+,[^.;]*\band\b",
    re.IGNORECASE,
)


def _enumerated(sentence_text: str, match: re.Match[str]) -> bool:
    """'several contributing factors, including A, B and C': the list that follows is the count."""
    enumerable = resources.pattern("numbers", "enumerable_words")
    if not enumerable.match(match.group(0)):
        return False
    return bool(_LIST_AFTER.match(sentence_text[match.end() :]))


def _timed_span(sentence_text: str, match: re.Match[str]) -> bool:
    """'a gap of several hours, from 9:45 AM to 1:30 PM': how long is given in figures."""
    unit = resources.pattern("numbers", "time_units").match(sentence_text[match.end() :].lstrip())
    return bool(unit) and measured_duration(sentence_text)


def candidates(doc: Document) -> list:
    vague, determiner_noun = patterns()
    return [s for s in doc.prose if vague.search(s.text) or determiner_noun.search(s.text)]


def _hit(sentence: Sentence, match: re.Match[str], message: str, suggestion: str) -> Hit:
    return Hit(
        RULE.id, sentence.start + match.start(), sentence.start + match.end(), message, suggestion
    )


def _duration_hits(doc: Document) -> list[Hit]:
    """'The site was down for hours': how long, with no figure for it anywhere in the sentence."""
    hits = []
    for sentence in doc.prose:
        if sentence.is_question or measured_duration(sentence.text):
            continue
        for match in durations().finditer(sentence.text):
            if masked(doc, sentence, match):
                continue
            hits.append(
                _hit(
                    sentence,
                    match,
                    f"“{match.group(0)}” is vague: the CEO will ask “for how long?”.",
                    "Give the duration, e.g. “for 3 hours 40 minutes (09:10 to 12:50 UTC)”.",
                )
            )
    return hits


def settle(doc: Document, hit: Hit) -> Hit:
    """Dropped when the paragraph around the sentence gives the size: a figure in the sentence
    before or in the next few ("8 of 10 services failed. These incidents caused widespread
    degradation."), a measured duration for an outage word or a vague duration, or the items
    listed right after "several" or "multiple" (critic/neighbours.py)."""
    sentence = doc.sentence_at(hit.start)
    if sentence is None:
        return hit
    text = doc.plain.text
    words = text[hit.start : hit.end]
    timed = bool(resources.pattern("numbers", "time_units").match(text[hit.end :].lstrip()))
    enumerable = bool(resources.pattern("numbers", "enumerable_words").match(words)) and not timed
    # "lasting several hours" is a vague duration, not a list to come
    duration = timed or bool(durations().fullmatch(words))
    if not duration and timeline_signal(doc, sentence, hit.end):
        # "- 14:30 UTC - Alerts showed a significant spike in requests." in a write-up that sizes
        # the impact elsewhere ("20% of users"): a signal on the way, not the size the CEO needs
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    if outage_words(words) and impact_sized(doc) and cause_chain(doc, sentence):
        # "A latent bug caused degraded performance" in a write-up that sizes who was hit: the
        # word names the kind of failure the cause led to, and the size is given
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    counted = counted_noun(doc, hit.start, hit.end)
    degree = not enumerable and not resources.pattern("numbers", "partitive_words").fullmatch(words)
    if not duration and counted is None and degree and block_sizes_impact(doc, sentence):
        # "…downtime for approximately 60% of active users. … causing significant disruptions":
        # a degree word in the block that sizes who was hit; "in some cases" still counts cases
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    if action_item(doc, sentence):
        # "- Set up alerting for elevated error rates" under "Action items": what to build
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "suggestion")
    if paragraph_answers(
        doc,
        sentence,
        outage=outage_words(words),
        duration=bool(durations().fullmatch(words)),
        enumerable=enumerable,
        earlier=not resources.pattern("numbers", "partitive_words").fullmatch(words),
        about=counted,
    ):
        return Hit(hit.rule, hit.start, hit.end, hit.message, hit.suggestion, "off")
    return hit


def check(doc: Document) -> list[Hit]:
    vague, determiner_noun = patterns()
    hits: list[Hit] = _duration_hits(doc)
    for sentence in candidates(doc):
        if doc.figures(sentence).numeric:
            continue
        matches = [*vague.finditer(sentence.text), *determiner_noun.finditer(sentence.text)]
        counted = {
            m.span(): counted_noun(doc, sentence.start + m.start(), sentence.start + m.end())
            for m in matches
        }
        if neighbour_gives_size(doc, sentence) and all(noun is None for noun in counted.values()):
            continue
        if all(outage_words(m.group(0)) for m in matches) and neighbour_gives_size(
            doc, sentence, outage=True
        ):
            # "degraded service" in a paragraph that measures the outage next door; within one
            # sentence, "degraded for 3 hours" still leaves open how much was degraded
            continue
        seen: list[tuple[int, int]] = [
            (hit.start - sentence.start, hit.end - sentence.start)
            for hit in hits
            if sentence.start <= hit.start < sentence.end
        ]
        for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
            if (
                masked(doc, sentence, match)
                or any(a < match.end() and match.start() < b for a, b in seen)
                or neighbour_gives_size(doc, sentence, about=counted[match.span()])
                or _enumerated(sentence.text, match)
                or _timed_span(sentence.text, match)
                or _not_a_size(sentence.text, match)
                or generic_statement(doc, sentence, match.start())
            ):
                continue
            seen.append(match.span())
            words = match.group(0)
            hits.append(
                _hit(
                    sentence,
                    match,
                    f"“{words}” is vague: the CEO will ask “how many?” or “how much?”.",
                    f"Replace “{words}” with the figure: a count, a percentage or money "
                    "(e.g. “9,400 customers”, “15%”, “$50,000 this week”).",
                )
            )
    return hits
