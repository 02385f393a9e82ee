"""blame.agentless-passive — passive voice that hides who acted ("The threshold was set too high").

Guideline: Guide §4 Ownership and Accountability: "Don't deflect blame. Take ownership of the
situation." Found through the dependency parse (see critic.passive): a temporal or vague "by" phrase
("by Friday", "by someone") still counts as agentless, adjectival participles ("outdated",
"surprised") are not passive, and an agent from the author's own side ("caused by a change our team
pushed") is ownership. The suggestion rewrites the sentence in the first person when it can.
Only passives that hide who erred or decided are findings ("The threshold was set too high", "The
change was approved", "A bad config got pushed", "The alert wasn't acted on"); recovery steps and
states ("Service was restored at 14:10", "EU customers were not impacted") are not deflection, and a
sentence that names the agent or owns the act in the first person is left alone. So is a passive
that says how a system behaves ("was sometimes ignored during replication", "was set within a
function", "were not being deleted", "a bug where the clause was skipped"), a passive about
everyday business items ("loans were approved"), and one whose agent the sentence next to it names
as having erred ("Engineers incorrectly assumed… The untested half was overlooked"). A safeguard
taken away ("the price floor was removed") and an impersonal judgement ("it was felt that…") hide
who decided.
"""

from __future__ import annotations

from critic.document import Document
from critic.passive import agent_nearby, passives, result_follows
from critic.rules.base import Hit, Rule

RULE = Rule(
    "blame.agentless-passive", "blame", "warning", "ownership", summary="passive hides who acted"
)
RULES = (RULE,)
READS_DOCUMENT = True  # who acted may be named in the sentence before or after

examples_fail = [
    "The alert threshold was set too high.",
    "The change was approved on Friday.",
    "A bad config got pushed to every store.",
    "The alert wasn't acted on.",
    "The refund step was skipped.",
    "Two columns were deleted from the customer table.",
    "Mistakes were made.",
    "The wrong file was deployed.",
    "The threshold was changed by Friday.",
    "It was configured by someone.",
    "The change was pushed without review.",
    "The discount rules were misconfigured, and nobody noticed.",
    "The price floor was removed in last month's clean-up.",
    "It was felt that a test was not needed.",
    "The dashboard wasn't being watched over the weekend.",
    "The test results were misread, and the launch went ahead.",
    "The service was restored, and the wrong file was deployed again.",
    "It was concluded that the test was not needed.",
    "The query was modified without review.",
]
examples_pass = [
    "To prevent recurrence, the scaling activities that caused the event were disabled.",
    "At 10:06 the fixed version of the code was uploaded to the server.",
    "Changes have also been made to the snapshot deletion process.",
    "I set the alert threshold too high.",
    "We deployed the wrong file.",
    "The error was caused by a change our team pushed.",
    "The data was outdated.",
    "I was surprised by the result.",
    "The issue was found on Monday by our monitoring.",
    "All sites were restored by 14:10.",
    "Customers in the EU were not impacted.",
    "The bug was fixed and refunds were issued on Tuesday.",
    "A fix was deployed at 3 pm.",
    "I approved the change, which was not reviewed.",
    "The new checks will be reviewed every week.",
    "A network engineer introduced the change on Friday. The change was made on one router.",
    "The setting was correctly set to 1.",
    "The ORDER BY clause was sometimes ignored during replication.",
    "In the handler, req.backend was set within a vcl_fetch function.",
    "Old virtual machines were not being deleted, so costs grew.",
    "The MySQL bug where the clause was skipped took a month to find.",
    "Loans were approved using last week's scores until the fix went live at 16:00.",
    "Engineers wrongly tested only half of the chip. The untested half was overlooked.",
    "Prices in Canada were not changed at any point.",
    "The on-call rota was changed on 1 December so that two people are paged, not one.",
    "The new spending limit was agreed with finance and put in place on 30 November.",
    "The failover mechanism was disabled due to this bug, so the site went down.",
    "We knew the model had not been tested on holiday traffic and did not say so.",
    "The faulty rule was removed at 16:30 and prices were back to normal by 17:00.",
    "All downloads were broken due to a deployment that contained a bug.",
    "The incident was triggered by human error: an engineer ran a command with an incorrect input.",
    "Etsy took down the site while the upgrade got pushed.",
    "However, this was deemed unlikely because it would need 32 failed requests.",
    "A recent update to the load balancer configuration set the limit too low, causing a "
    "bottleneck.",
    "The target group's delay was permanently lowered to improve roll-over performance.",
    "The incident was resolved at 11 pm: the service was reinstalled and the backup was uploaded.",
    "This caused the server to give a 404 error when any request was made.",
    "We found out that the namespace had limitranges applied. The limitrange was deleted.",
    "Four test functions were found. They were not checked. Agreed with the developer to "
    "delete them.",
    "It was then concluded that this was a case of scalability.",
    "In the midst of our investigation, an email was sent to this past employee to confirm our "
    "suspicions about how the link was broken.",
    "Instead of 'php' it was typed as 'phpp'. This was an error made by an intern.",
    "- 1:30 PM: An emergency decision was made to redirect traffic away from the affected "
    "database instance to a standby instance.",
    "To prevent recurrence, the scaling activities that caused the event were disabled, and the "
    "latent bug was resolved and deployed across all regions.",
    "The rule that caused this has been deleted, not just turned off.",
    "The Keep-Alive duration was temporarily lowered from 15 seconds to 5 seconds. This adjustment "
    "successfully reduced concurrent sessions from 60,000 to 19,000.",
    "Subsequently, the problematic scatter query was modified to read only missing data.",
]


def check(doc: Document) -> list[Hit]:
    hits: list[Hit] = []
    for passive in passives(doc):
        if agent_nearby(doc, passive.sentence, passive.topic) or result_follows(
            doc, passive.sentence
        ):
            continue
        words = doc.plain.text[passive.start : passive.end]
        who = "someone" if passive.reason == "vague" else "who"
        if passive.reason == "vague":
            message = f"“{words}” by {who}? A vague agent still hides who acted."
        elif passive.reason == "temporal":
            message = f"“{words}” says when, not who: the passive hides who acted."
        else:
            message = f"“{words}” is passive and does not say who did it."
        if passive.rewrite:
            suggestion = (
                f"Own it in the first person: “{passive.rewrite}” (or “I …” if it was you)."
            )
        else:
            verb = passive.verb
            suggestion = f"Say who acted, in the first person: “we {verb} …” or “I {verb} …”."
        hits.append(
            Hit(
                RULE.id,
                passive.start,
                passive.end,
                message,
                suggestion,
            )
        )
    return hits
