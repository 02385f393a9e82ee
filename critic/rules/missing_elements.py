"""structure.<element> — one of the seven elements a CEO expects is missing.

Guideline: Guide §1 (Quantify the Impact; Thorough Investigation; Develop a Mitigation Plan:
"Outline steps to contain the damage, restore functionality, and prevent recurrence. Include
estimated timelines and resource requirements"), the §3 script and §4 Follow-Up. The elements are
impact, root_cause, containment, plan, timeline, prevention and follow_up; each is found from a
heading or from the text (critic.coverage). Whole documents only, never fragments.
"""

from __future__ import annotations

from critic.coverage import analyse, lead_sentences
from critic.document import Document
from critic.models import ELEMENTS
from critic.rules.base import Hit, Rule

_ADVICE: dict[str, tuple[str, str, str, str]] = {
    # element: (severity, guideline, message, suggestion)
    "impact": (
        "error",
        "quantify",
        "No business impact in figures: the CEO's first question is what this cost.",
        "Open with the impact in money, percentage or customers, e.g. “Our fraud model refused "
        "12,100 genuine orders this week, about €180,000 in lost sales.”",
    ),
    "root_cause": (
        "warning",
        "root_cause",
        "No root cause: say why it happened.",
        "Add one plain sentence on the cause, e.g. “It happened because I approved a setting "
        "change that we did not test on a full week of orders.”",
    ),
    "containment": (
        "warning",
        "containment",
        "Nothing on containment: say what you already did to stop the damage.",
        "Add what is already done, e.g. “We restored the previous setting on Tuesday at 4 pm.”",
    ),
    "plan": (
        "warning",
        "plan",
        "No plan: say what you will do next.",
        "Add the next steps, each with an owner and a date, e.g. “We will retrain the model by "
        "Friday 4 December.”",
    ),
    "timeline": (
        "warning",
        "plan",
        "No timeline: the plan has no dates.",
        "Give each step a date or deadline, e.g. “by Friday 4 December” or “within 48 hours”.",
    ),
    "prevention": (
        "warning",
        "prevention",
        "Nothing on prevention: say how you will stop it happening again.",
        "Add the safeguard, e.g. “We will alert on refused orders and test every change on a week "
        "of orders before release.”",
    ),
    "follow_up": (
        "warning",
        "follow_up",
        "No follow-up: say when the CEO will hear from you next.",
        "Promise the next update with a date, e.g. “I will send a full report by Friday at 5 pm.”",
    ),
}

RULES = tuple(
    Rule(
        f"structure.{element}",
        "structure",
        _ADVICE[element][0],
        _ADVICE[element][1],
        scope="document",
        summary=f"missing {element.replace('_', ' ')}",
    )
    for element in ELEMENTS
)

examples_fail = [
    "The fraud model had a problem this week. It refused some orders. We are looking into it and "
    "will share more later. Thanks for your patience while we work through it.",
    # a date or a time of day is not the size of the damage (structure.impact)
    "On 3 March at 09:05 our booking site stopped working for some customers. A "
    "certificate had expired because nobody renewed it. We renewed it at 11:35. We will add an "
    "expiry alert by 10 March, and I will update you on 11 March.",
    # a task list of orders is a plan, but without dates it has no timeline (structure.timeline)
    "On 14 June about 45% of our users could not log in for 90 minutes. A wrong DNS setting I "
    "approved caused it. We restored the correct setting at 15:45.\n\nTask List:\n\n"
    "- Patch the login server to handle DNS errors.\n- Add monitoring for DNS settings.\n"
    "- Train the team on the new change process.\n",
]
examples_pass = [
    "Our fraud model refused 12,100 genuine orders over 4 days, costing about €180,000 in lost "
    "sales. It happened because I approved a stricter setting on Friday without a full test. We "
    "restored the previous setting on Tuesday at 4 pm. We will contact all 9,400 affected "
    "customers by 30 November. To prevent a repeat, we will add an alert on refused orders by "
    "3 December. I will send the next update on 1 December at 5 pm.",
    # everyday wording, no headings: each element is read from what the sentence means
    "Our search outage hit 8 of our 10 regional sites for about an hour on Monday, and roughly 12% "
    "of searches failed. A configuration change I approved on Friday caused it. We rolled the "
    "change back at 11:40 and search has been normal since. The platform team is rebuilding the "
    "release check and will finish by Friday 13 March. To stop a repeat, every configuration "
    "change now needs a test run on a copy of live traffic. I will send you the full review on "
    "Monday 16 March at 9 am.",
    # a measured outage is a size; a proposed fix is prevention; a dated next milestone is the
    # follow-up
    "On 4 May our whole booking site was down for 47 minutes, from 09:05 to 09:52 UTC. An expired "
    "certificate caused it. We restored the site at 09:50. The proposed fix renews every "
    "certificate automatically, and we will turn it on by 11 May. We expect to deploy it within "
    "two weeks.",
    # an email to a named reader; the cause in the past perfect, run-in headings ending in a full
    # stop, and a plan in the present tense with its deadline
    "Dana,\n\nOur pricing model overcharged 4,100 customers on Monday, about $45,000 in total.\n\n"
    "**What went wrong.** On Sunday night my team loaded a price list in which we had entered the "
    "delivery fee twice.\n\n**What we did.** We switched back to Friday's price list at 14:20, "
    "and refunds went out to all 4,100 customers on Tuesday.\n\n**Next.** By 10 December, a "
    "check stops any price list that moves a price by more than 10%. I will send you the "
    "complaint figures on Friday 4 December.\n\nMo",
]


def check(doc: Document) -> list[Hit]:
    coverage = analyse(doc)
    lead = lead_sentences(doc) or doc.sentences
    if not lead:
        return []
    anchor = lead[0]
    hits: list[Hit] = []
    for element in ELEMENTS:
        if coverage.covered[element]:
            continue
        _severity, _, message, suggestion = _ADVICE[element]
        hits.append(Hit(f"structure.{element}", anchor.start, anchor.end, message, suggestion))
    return hits
