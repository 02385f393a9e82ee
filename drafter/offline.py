"""The offline model's writer: a deterministic draft built from the facts alone.

It follows the guide's structure word for word where the guide gives words (the §3 meeting
script, the §1 questions to anticipate) and fills them with the facts: first person, business
impact first, numbers only from the facts, unknowns stated as unknown. No network, no key.
"""

from __future__ import annotations

from drafter.draft import Briefing, Draft, QAItem, ScriptTurn
from drafter.facts import IncidentFacts, Unknown
from drafter.wording import (
    change_clause,
    clause,
    format_change,
    format_date,
    format_money,
    format_number,
    format_when,
    join_words,
    known,
    sentence,
)

# Which impact figure to lead with for a CEO priority (guide §4: understand the CEO's priorities).
_PRIORITY_LEADS = {
    "revenue": "money",
    "sales": "money",
    "cost": "money",
    "profit": "money",
    "margin": "money",
    "growth": "metric",
    "conversion": "metric",
    "reputation": "customers",
    "trust": "customers",
    "customers": "customers",
    "customer experience": "customers",
    "risk": "customers",
    "compliance": "customers",
}


class OfflineWriter:
    """Builds each part of the draft from one set of facts."""

    def __init__(self, facts: IncidentFacts) -> None:
        self.facts = facts
        self.ceo = facts.audience.ceo_name
        self.report_date = format_date(facts.next_report_due)

    # --- impact -----------------------------------------------------------------------------

    def impact_figures(self) -> dict[str, str]:
        """Each known impact figure as a noun phrase, keyed by kind."""
        impact = self.facts.impact
        figures: dict[str, str] = {}
        if known(impact.metric_change):
            figures["metric"] = format_change(impact.metric_change, self.facts.metric)
        if known(impact.money):
            figures["money"] = f"{format_money(impact.money)} in {impact.money.basis}"
        if counts := self.affected_counts():
            figures["customers"] = f"{join_words(counts)} affected"
        return figures

    def affected_counts(self) -> list[str]:
        impact = self.facts.impact
        counts = []
        if known(impact.customers_affected):
            counts.append(f"{format_number(impact.customers_affected)} customers")
        if known(impact.orders_affected):
            counts.append(f"{format_number(impact.orders_affected)} orders")
        return counts

    def impact_sentences(self) -> list[str]:
        """One short sentence a figure, the CEO's priority first, the period on the first."""
        impact = self.facts.impact
        clauses = {}
        if known(impact.metric_change):
            clauses["metric"] = change_clause(impact.metric_change, self.facts.metric)
        if known(impact.money):
            clauses["money"] = (
                f"it has cost us {format_money(impact.money)} in {impact.money.basis}"
            )
        if counts := self.affected_counts():
            clauses["customers"] = f"it affected {join_words(counts)}"
        ordered = [clauses[key] for key in self.figure_order() if key in clauses]
        ordered[0] = f"{ordered[0]} {impact.period}"
        return [sentence(text) for text in ordered]

    def figure_order(self) -> list[str]:
        """Kinds of figure, the one matching the CEO's first priority first."""
        available = self.impact_figures()
        order: list[str] = []
        for priority in self.facts.audience.priorities:
            lead = _PRIORITY_LEADS.get(priority.strip().lower())
            if lead and lead in available and lead not in order:
                order.append(lead)
        return order + [key for key in ("metric", "money", "customers") if key not in order]

    def ordered_figures(self) -> list[str]:
        figures = self.impact_figures()
        return [figures[key] for key in self.figure_order() if key in figures]

    def impact_headline(self, figures: int = 2) -> str:
        return f"{join_words(self.ordered_figures()[:figures])} {self.facts.impact.period}"

    def impact_text(self) -> str:
        impact = self.facts.impact
        parts = self.impact_sentences()
        unknown = [
            label
            for label, value in (
                ("the change in " + self.facts.metric, impact.metric_change),
                ("the money at stake", impact.money),
                ("the number of customers affected", impact.customers_affected),
                ("the number of orders affected", impact.orders_affected),
            )
            if isinstance(value, Unknown)
        ]
        if unknown:
            parts.append(
                sentence(
                    f"We do not know {join_words(unknown)} yet; I will report it by "
                    f"{self.report_date}"
                )
            )
        if impact.other:
            parts.append(sentence(impact.other))
        return " ".join(parts)

    # --- cause and detection ------------------------------------------------------------------

    def root_cause_text(self) -> str:
        cause = self.facts.root_cause
        if isinstance(cause, Unknown):
            return (
                f"We have not confirmed the root cause yet ({clause(cause.unknown)}). "
                f"I will not guess; the root cause will be in my report by {self.report_date}."
            )
        return f"The root cause: {clause(cause)}."

    def detection_text(self) -> str:
        detection = self.facts.detection
        text = sentence(detection.how_found)
        if isinstance(detection.why_not_earlier, Unknown):
            text += (
                " We are still working out why we did not catch it earlier "
                f"({clause(detection.why_not_earlier.unknown)})."
            )
        else:
            text += f" We did not catch it earlier. {sentence(detection.why_not_earlier)}"
        return text

    # --- actions ---------------------------------------------------------------------------------

    def containment_text(self) -> str:
        actions = self.facts.containment
        if not actions:
            return "We have not been able to contain the damage yet; the plan below starts today."
        sentences = []
        for step in actions:
            action = clause(step.action)
            if not action.lower().startswith(("we ", "i ")):
                action = f"we {action}"
            when = format_when(step.when)
            sentences.append(sentence(f"on {when}, {action}" if when else action))
        return " ".join(sentences)

    def plan_steps(self) -> list[str]:
        steps = []
        for step in self.facts.mitigation:
            detail = [step.owner, f"by {format_date(step.due)}"]
            if step.resources:
                detail.append(step.resources)
            steps.append(f"{sentence(step.action)[:-1]} ({', '.join(detail)}).")
        return steps

    def plan_summary(self) -> str:
        """One spoken sentence: the steps, the finish date and the resources."""
        steps = self.facts.mitigation
        finish = max(step.due for step in steps)
        resources = [step.resources for step in steps if step.resources]
        text = f"Our plan has {len(steps)} steps, finishing by {format_date(finish)}."
        first = steps[0]
        text += f" First, we will {clause(first.action)}, by {format_date(first.due)}."
        if resources:
            text += f" The steps need {join_words(dict.fromkeys(resources))}."
        return text

    def recurrence_text(self) -> str:
        """The guide's answer: no guarantee, then each safeguard as its own sentence."""
        safeguards = [we_will(item) for item in self.facts.prevention]
        return "I can't guarantee it won't happen again. " + " ".join(safeguards)

    def follow_up_text(self) -> str:
        return (
            f"I will send you a detailed report on the findings, the plan's progress and the "
            f"prevention measures by {self.report_date}."
        )

    # --- the three parts -------------------------------------------------------------------------

    def briefing(self) -> Briefing:
        facts = self.facts
        finish = max(step.due for step in facts.mitigation)
        return Briefing(
            subject=f"{facts.title}: {self.impact_headline(figures=1)}",
            summary=(
                f"Our {facts.model_name} failed, hurting {facts.business_area}: "
                f"{self.impact_headline(figures=1)}. "
                f"I have a plan to fix it by {format_date(finish)}, and I own the follow-up."
            ),
            impact=self.impact_text(),
            root_cause=f"{sentence(facts.what_went_wrong)} {self.root_cause_text()} "
            f"{self.detection_text()}",
            containment=self.containment_text(),
            plan=self.plan_steps(),
            prevention=[sentence(item) for item in facts.prevention],
            next_update=self.follow_up_text(),
        )

    def script(self) -> list[ScriptTurn]:
        facts = self.facts

        def you(stage: str, text: str) -> ScriptTurn:
            return ScriptTurn(speaker="You", stage=stage, text=text)  # type: ignore[arg-type]

        def ceo(stage: str, text: str) -> ScriptTurn:
            return ScriptTurn(speaker="CEO", stage=stage, text=text)  # type: ignore[arg-type]

        return [
            you(
                "opening",
                f"Good morning, {self.ceo}. Thank you for your time. I need to bring a critical "
                f"technical matter to your attention. It is hurting {facts.business_area}: "
                f"{self.impact_headline(figures=1)}.",
            ),
            ceo("opening", "Please, tell me about it."),
            you(
                "impact",
                f"We have found a problem with our {facts.model_name}. "
                f"{sentence(facts.what_went_wrong)} "
                f"{' '.join(self.impact_sentences())} "
                f"{self.root_cause_text()}",
            ),
            ceo("why_not_caught", "How did this happen? Why wasn't it caught earlier?"),
            you("why_not_caught", self.detection_text()),
            ceo("actions", "What are you doing about it?"),
            you(
                "actions",
                f"{self.containment_text()} {self.plan_summary()} "
                "I have a detailed plan with owners and dates, which I can share with you.",
            ),
            ceo("recurrence", "What's the likelihood of this happening again?"),
            you("recurrence", self.recurrence_text()),
            ceo("follow_up", "Okay. Keep me updated."),
            you(
                "follow_up",
                f"Absolutely. {self.follow_up_text()} "
                "Thank you for your understanding and support.",
            ),
        ]

    def qa(self) -> list[QAItem]:
        facts = self.facts
        impact = facts.impact
        owners = join_words(dict.fromkeys(step.owner for step in facts.mitigation))
        resources = join_words(
            dict.fromkeys(step.resources for step in facts.mitigation if step.resources)
        )
        finish = format_date(max(step.due for step in facts.mitigation))

        if known(impact.money):
            cost = f"So far, {format_money(impact.money)} in {impact.money.basis} {impact.period}."
        else:
            cost = (
                f"I do not have a money figure yet; it will be in my report by {self.report_date}."
            )
        if resources:
            cost += f" The fix needs {resources}."

        exposure_parts = []
        if known(impact.customers_affected):
            exposure_parts.append(f"{format_number(impact.customers_affected)} customers")
        if known(impact.orders_affected):
            exposure_parts.append(f"{format_number(impact.orders_affected)} orders")
        if exposure_parts:
            exposure = f"The failure affected {join_words(exposure_parts)} {impact.period}."
        else:
            exposure = (
                "I do not have a count of affected customers yet. "
                f"It will be in my report by {self.report_date}."
            )

        return [
            QAItem(question="Why wasn't this caught earlier?", answer=self.detection_text()),
            QAItem(
                question="What safeguards are in place right now?", answer=self.containment_text()
            ),
            QAItem(
                question="What will change so this does not happen again?",
                answer=" ".join(sentence(item) for item in facts.prevention),
            ),
            QAItem(
                question="What's the likelihood of this happening again?",
                answer=(
                    "I can't promise it will never happen, but the safeguards above make it less "
                    f"likely and let us catch it sooner. I will review them with you by "
                    f"{self.report_date}."
                ),
            ),
            QAItem(question="What is this costing us?", answer=cost),
            QAItem(
                question="Who is accountable?",
                answer=(
                    f"I am accountable for this model and for the fix. {owners} own the plan "
                    f"steps, which finish by {finish}."
                ),
            ),
            QAItem(question="Which customers were affected, and how?", answer=exposure),
        ]

    def draft(self) -> Draft:
        return Draft(briefing=self.briefing(), script=self.script(), qa=self.qa())


def we_will(action: str) -> str:
    """'retrain the model every 2 weeks' -> 'We will retrain the model every 2 weeks.'"""
    text = clause(action)
    if text.lower().startswith(("we ", "i ", "our ", "every ", "from ", "a ", "an ", "the ")):
        return sentence(text)
    return sentence(f"we will {text}")


def compose_offline_draft(facts: IncidentFacts) -> Draft:
    """The deterministic draft for these facts (what the `offline/template` model returns)."""
    return OfflineWriter(facts).draft()
