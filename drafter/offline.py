"""The offline model's writer: a deterministic draft built from the facts alone.

It follows the guide's structure word for word where the guide gives words (the §3 meeting
script, the §1 questions to anticipate) and fills them with the facts: first person, business
impact first, numbers only from the facts, unknowns stated as unknown. No network, no key.
"""

from __future__ import annotations

import datetime as dt

from drafter.draft import Briefing, Draft, QAItem, ScriptTurn
from drafter.facts import IncidentFacts, Unknown
from drafter.wording import (
    SENTENCE_WORDS,
    absolute_days,
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
    short_sentences,
    split_sentences,
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


ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth")
SUBJECT_LIMIT = 80  # characters: a subject line the CEO reads whole
BRIEFING_WORDS = 250  # the critic's briefing target (critic/data/thresholds.yaml)


def briefing_words(briefing: Briefing) -> int:
    """Words of prose in the briefing, as the critic counts them (headings left out)."""
    texts = [
        briefing.summary,
        briefing.impact,
        briefing.root_cause,
        briefing.containment,
        *briefing.plan,
        *briefing.prevention,
        briefing.next_update,
    ]
    return sum(len(text.split()) for text in texts)


class OfflineWriter:
    """Builds each part of the draft from one set of facts.

    Each fact is said once per part and in different words in each part (the briefing is read,
    the script is spoken, the Q&A answers one question each), so no sentence repeats across the
    three. Long sentences from the facts are split at a clause break, and bare weekdays ("since
    Monday") get their date, counted back from the day the error was found.
    """

    def __init__(self, facts: IncidentFacts) -> None:
        self.facts = facts
        self.ceo = facts.audience.ceo_name
        self.report_date = format_date(facts.next_report_due)
        self.anchor = self._anchor()

    def _anchor(self) -> dt.date | None:
        found_on = self.facts.detection.found_on
        if found_on is not None:
            return found_on if not isinstance(found_on, dt.datetime) else found_on.date()
        return None

    def says(self, text: str) -> str:
        """A fact's text as sentences: absolute days, each sentence at most 25 words."""
        return short_sentences(sentence(absolute_days(text, self.anchor)))

    def clause_of(self, text: str) -> str:
        return clause(absolute_days(text, self.anchor))

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

    @property
    def period(self) -> str:
        return absolute_days(self.facts.impact.period, self.anchor)

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
        ordered[0] = f"{ordered[0]} {self.period}"
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
        return f"{join_words(self.ordered_figures()[:figures])} {self.period}"

    def subject(self) -> str:
        """'Title: lead figure', shortened to fit 80 characters (the title alone at worst)."""
        title = self.facts.title
        lead = self.ordered_figures()[0]
        for candidate in (
            f"{title}: {lead} {self.period}",
            f"{title}: {lead}",
            f"{title}: {lead.split(' in ')[0]}",
        ):
            if len(candidate) <= SUBJECT_LIMIT:
                return candidate
        return title[:SUBJECT_LIMIT]

    def unknown_impact(self) -> list[str]:
        impact = self.facts.impact
        return [
            label
            for label, value in (
                ("the change in " + self.facts.metric, impact.metric_change),
                ("the money at stake", impact.money),
                ("the number of customers affected", impact.customers_affected),
                ("the number of orders affected", impact.orders_affected),
            )
            if isinstance(value, Unknown)
        ]

    def impact_text(self, *, other: bool = True) -> str:
        impact = self.facts.impact
        parts = self.impact_sentences()
        if unknown := self.unknown_impact():
            parts.append(
                sentence(
                    f"We do not know {join_words(unknown)} yet; I will report it by "
                    f"{self.report_date}"
                )
            )
        if impact.other and other:
            parts.append(self.says(impact.other))
        return short_sentences(" ".join(parts))

    def spoken_impact(self) -> str:
        """The impact as said in the meeting: the period first, then every figure."""
        figures = self.ordered_figures()
        text = f"{sentence(self.period)[:-1]}, the damage is {figures[0]}."
        if len(figures) > 1:
            text += f" On top of that: {join_words(figures[1:])}."
        if unknown := self.unknown_impact():
            text += f" I do not have {join_words(unknown)} yet."
        return short_sentences(text)

    # --- cause and detection ------------------------------------------------------------------

    def root_cause_text(self) -> str:
        """The briefing's words for the cause."""
        cause = self.facts.root_cause
        if isinstance(cause, Unknown):
            return (
                f"We have not confirmed the root cause yet. {self.says(cause.unknown)} "
                f"The root cause will be in my report by {self.report_date}."
            )
        return short_sentences(f"The root cause: {self.clause_of(cause)}.")

    def spoken_cause(self) -> str:
        """The script's words for the cause."""
        cause = self.facts.root_cause
        if isinstance(cause, Unknown):
            return (
                "We do not know the cause yet, and I will not guess. "
                f"You will have it in writing by {self.report_date}."
            )
        first, *rest = split_sentences(short_sentences(self.says(cause)))
        said = [f"It happened because {clause(first)}."]
        said += [f"Also, {clause(more)}." for more in rest]
        return short_sentences(" ".join(said))

    def missed_text(self) -> str:
        """The briefing's words for why it was not caught earlier."""
        why = self.facts.detection.why_not_earlier
        if isinstance(why, Unknown):
            return (
                f"We are still finding out why we missed it earlier: {self.clause_of(why.unknown)}."
            )
        return short_sentences(f"We missed it earlier because {self.clause_of(why)}.")

    def detection_text(self) -> str:
        """The script's words: how it was found, then why not sooner."""
        detection = self.facts.detection
        text = self.says(detection.how_found)
        why = detection.why_not_earlier
        if isinstance(why, Unknown):
            text += " I do not know yet why we did not catch it before that."
        else:
            text += " " + short_sentences(
                f"We did not catch it before that because {self.clause_of(why)}."
            )
        return text

    def why_answer(self) -> str:
        """The Q&A's words: the reason as the facts give it."""
        why = self.facts.detection.why_not_earlier
        if isinstance(why, Unknown):
            return (
                f"I do not know yet. {self.says(why.unknown)} "
                f"I will have the answer by {self.report_date}."
            )
        return self.says(str(why))

    # --- actions ---------------------------------------------------------------------------------

    def _actions(self) -> list[str]:
        out = []
        for step in self.facts.containment:
            action = self.clause_of(step.action)
            if not action.lower().startswith(("we ", "i ")):
                action = f"we {action}"
            out.append(action)
        return out

    def containment_text(self) -> str:
        """The briefing's words: each action with its date."""
        if not self.facts.containment:
            return (
                "We have not contained the damage yet. The first plan step is due by "
                f"{format_date(self.facts.mitigation[0].due)}."
            )
        sentences = []
        for step, action in zip(self.facts.containment, self._actions(), strict=True):
            when = format_when(step.when)
            when = absolute_days(when, self.anchor) if when else when
            sentences.append(sentence(f"on {when}, {action}" if when else action))
        return short_sentences(" ".join(sentences))

    def spoken_containment(self) -> str:
        """The script's words: what is already done, without the dates."""
        actions = self._actions()
        if not actions:
            return "Nothing is contained yet."
        lines = [f"So far, {actions[0]}."] + [f"Also, {action}." for action in actions[1:]]
        return short_sentences(" ".join(lines))

    def safeguards_answer(self) -> str:
        """The Q&A's words: how many measures are in place, then each."""
        actions = self._actions()
        if not actions:
            return (
                "None yet. The first step of the plan is due by "
                f"{format_date(self.facts.mitigation[0].due)}."
            )
        count = "One measure is" if len(actions) == 1 else f"{len(actions)} measures are"
        lines = [f"{count} in place."]
        for ordinal, action in zip(ORDINALS, actions, strict=False):
            lines.append(sentence(f"{ordinal.lower()}, {action}"))
        return short_sentences(" ".join(lines))

    def plan_steps(self) -> list[str]:
        """The briefing's plan: each step with its date, then who leads it with what."""
        steps = []
        for step in self.facts.mitigation:
            text = f"{we_will(step.action)[:-1]}, by {format_date(step.due)}."
            who = f"{step.owner} leads it"
            text += f" {sentence(f'{who} with {step.resources}' if step.resources else who)}"
            steps.append(short_sentences(text))
        return steps

    def plan_summary(self) -> str:
        """The script's plan: the number of steps, the finish date, and the first step."""
        steps = self.facts.mitigation
        finish = max(step.due for step in steps)
        count = "one step" if len(steps) == 1 else f"{len(steps)} steps"
        first = steps[0]
        text = f"Our plan has {count}, finishing by {format_date(finish)}."
        text += f" First, we will {clause(first.action)}, by {format_date(first.due)}."
        if first.resources:
            text += f" {first.owner} owns that step, with {first.resources}."
        else:
            text += f" {first.owner} owns that step."
        return short_sentences(text)

    def prevention_sentences(self) -> list[str]:
        return [self.says(item) for item in self.facts.prevention]

    def recurrence_text(self) -> str:
        """The guide's answer: no guarantee, then each safeguard, numbered."""
        lines = ["I can't guarantee it won't happen again."]
        items = self.facts.prevention
        for ordinal, item in zip(ORDINALS, items, strict=False):
            lines.append(f"The {ordinal.lower()} safeguard: {self.clause_of(item)}.")
        return short_sentences(" ".join(lines))

    def prevention_answer(self) -> str:
        items = self.facts.prevention
        count = "One change" if len(items) == 1 else f"{len(items)} changes"
        lines = [f"{count}."]
        for ordinal, item in zip(ORDINALS, items, strict=False):
            lines.append(f"{ordinal}, {self.clause_of(item)}.")
        return short_sentences(" ".join(lines))

    def follow_up_text(self) -> str:
        return (
            f"I will send you a detailed report on the findings, the plan's progress and the "
            f"prevention measures by {self.report_date}."
        )

    # --- the three parts -------------------------------------------------------------------------

    def briefing(self) -> Briefing:
        """The briefing, cut down to its word budget: first the reason it was missed (the script
        and the Q&A say it), then the long follow-up wording, then the other consequences."""
        facts = self.facts
        finish = max(step.due for step in facts.mitigation)
        impact_line = f"The impact on {facts.business_area}: {self.impact_headline(figures=1)}."
        if len(impact_line.split()) > SENTENCE_WORDS:
            impact_line = f"The impact: {self.impact_headline(figures=1)}."
        cause = f"{self.says(facts.what_went_wrong)} {self.root_cause_text()}"
        briefing = Briefing(
            subject=self.subject(),
            summary=short_sentences(
                f"Our {facts.model_name} failed. {impact_line} "
                f"I have a plan to fix it by {format_date(finish)}, and I own the follow-up."
            ),
            impact=self.impact_text(),
            root_cause=f"{cause} {self.missed_text()}",
            containment=self.containment_text(),
            plan=self.plan_steps(),
            prevention=self.prevention_sentences(),
            next_update=self.follow_up_text(),
        )
        cuts = (
            {"root_cause": cause},
            {"next_update": f"My full report reaches you by {self.report_date}."},
            {"impact": self.impact_text(other=False)},
        )
        for cut in cuts:
            if briefing_words(briefing) <= BRIEFING_WORDS:
                break
            briefing = briefing.model_copy(update=cut)
        return briefing

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
                f"technical matter to your attention. It concerns {facts.business_area}.",
            ),
            ceo("opening", "Please, tell me about it."),
            you(
                "impact",
                f"We have found a problem with our {facts.model_name}. "
                f"{self.spoken_impact()} {self.spoken_cause()}",
            ),
            ceo("why_not_caught", "How did this happen? Why wasn't it caught earlier?"),
            you("why_not_caught", self.detection_text()),
            ceo("actions", "What are you doing about it?"),
            you(
                "actions",
                f"{self.spoken_containment()} {self.plan_summary()} "
                "I have a detailed plan with owners and dates, which I can share with you.",
            ),
            ceo("recurrence", "What's the likelihood of this happening again?"),
            you("recurrence", self.recurrence_text()),
            ceo("follow_up", "Okay. Keep me updated."),
            you(
                "follow_up",
                f"Absolutely. You will have my detailed report by {self.report_date}. "
                "Thank you for your understanding and support.",
            ),
        ]

    def exposure(self) -> QAItem:
        """Who was affected: asked about what the facts can answer."""
        impact = self.facts.impact
        counts = self.affected_counts()
        later = ""
        if known(impact.customers_affected):
            question = "How many customers were affected?"
        elif known(impact.orders_affected) and isinstance(impact.customers_affected, Unknown):
            question = "How many customers and orders were affected?"
            later = f" The number of customers will be in my report by {self.report_date}."
        elif known(impact.orders_affected):
            question = "How many orders were affected?"
        else:
            return QAItem(
                question="How many customers were affected?",
                answer=(
                    "I do not have a count of affected customers yet. "
                    f"The count will be in my report by {self.report_date}."
                ),
            )
        return QAItem(
            question=question,
            answer=f"{sentence(join_words(counts))[:-1]}, {self.period}.{later}",
        )

    def qa(self) -> list[QAItem]:
        facts = self.facts
        impact = facts.impact
        owners = list(dict.fromkeys(step.owner for step in facts.mitigation))
        finish = format_date(max(step.due for step in facts.mitigation))
        verb = "owns" if len(owners) == 1 else "own"

        if known(impact.money):
            cost = f"So far, {format_money(impact.money)} in {impact.money.basis}, {self.period}."
        else:
            cost = (
                "I do not have a money figure yet. "
                f"The cost will be in my report by {self.report_date}."
            )
        return [
            QAItem(question="Why wasn't this caught earlier?", answer=self.why_answer()),
            QAItem(
                question="What safeguards are in place right now?",
                answer=self.safeguards_answer(),
            ),
            QAItem(
                question="What will change so this does not happen again?",
                answer=self.prevention_answer(),
            ),
            QAItem(
                question="How likely is it to happen again?",
                answer=(
                    "I can't promise it will never happen. These changes make a repeat less "
                    f"likely. I will review them with you by {self.report_date}."
                ),
            ),
            QAItem(question="What is this costing us?", answer=short_sentences(cost)),
            QAItem(
                question="Who is accountable?",
                answer=short_sentences(
                    f"I am accountable for this model and for the fix. {join_words(owners)} "
                    f"{verb} the plan's steps, which finish by {finish}."
                ),
            ),
            self.exposure(),
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
