"""Write the hand-written cassettes in fixtures/cassettes/ (deterministic; safe to re-run).

No provider is reachable where Brief is built, so these replies are written by hand, in each
provider's exact wire format (brief/wire.py), and every cassette says so in `brief_meta`:

- openai__gpt-4o-mini/                     OpenAI chat completions (json_schema response_format)
- anthropic__claude-sonnet-4-5/            Anthropic messages, `output_format` (what litellm
                                           1.110.2 sends for models with native structured output)
- anthropic__claude-3-5-haiku-20241022/    Anthropic messages, the forced `json_tool_call` tool
                                           (what litellm sends for models without it)
- flawed/                                  openai/gpt-4o-mini giving flawed replies, one flaw per
                                           incident: jargon, deflection, rambling, vague numbers,
                                           invalid JSON, cut-off replies, invented figures, ...

Every cassette with a valid draft also answers the revision prompts (drafter.revise,
prompts/revise-v1) with the offline writer's clean parts; in flawed/conversion-drop the first
revision invents "$9.8 million" (and must be rejected), in flawed/claims-triage-delays it still
keeps a 45-word sentence (a second round is needed).

The good replies are real drafts: built from the facts with the offline writer's building blocks
(so every figure comes from the facts) and worded the way each model tends to write. Each
cassette's `brief_meta.expect` says what the evaluation must conclude; tests/test_eval_matrix.py
checks it.

    .venv/bin/python scripts/write_cassettes.py [--out fixtures/cassettes]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brief.evaluation.cassette_sets import set_folder_name, write_set_file  # noqa: E402
from brief.evaluation.incidents import Incident, load_incidents  # noqa: E402
from brief.evaluation.models import ModelSpec  # noqa: E402
from brief.wire import anthropic_reply, openai_reply, write_cassette  # noqa: E402
from drafter import Briefing, Draft, ScriptTurn  # noqa: E402
from drafter.facts import IncidentFacts  # noqa: E402
from drafter.offline import OfflineWriter  # noqa: E402
from drafter.prompts import build_messages  # noqa: E402
from drafter.wording import format_date, join_words, sentence  # noqa: E402

OPENAI = ModelSpec(label="openai/gpt-4o-mini", model="openai/gpt-4o-mini")
SONNET = ModelSpec(label="anthropic/claude-sonnet-4-5", model="anthropic/claude-sonnet-4-5")
HAIKU = ModelSpec(
    label="anthropic/claude-3-5-haiku-20241022", model="anthropic/claude-3-5-haiku-20241022"
)
FLAWED = ModelSpec(label="flawed", model="openai/gpt-4o-mini")


def tokens(text: str) -> int:
    """About four characters a token, as the providers' tokenizers average on English."""
    return max(1, len(text) // 4)


def prompt_tokens(facts: IncidentFacts) -> int:
    messages = build_messages(facts, today=None)
    return sum(tokens(m["content"]) for m in messages)


# --- good drafts, in two voices -----------------------------------------------------------------


def _turns(*pairs: tuple[str, str, str]) -> list[ScriptTurn]:
    return [ScriptTurn(speaker=s, stage=stage, text=t) for s, stage, t in pairs]  # type: ignore[arg-type]


def _figures_said(w: OfflineWriter, lead: str) -> str:
    """The impact figures in short sentences: the first after `lead`, the rest after it."""
    figures = w.ordered_figures()
    text = f"{sentence(w.facts.impact.period)[:-1]}, {lead} {figures[0]}."
    if len(figures) > 1:
        text += f" It also meant {join_words(figures[1:])}."
    return text


def _impact_paragraph(w: OfflineWriter, lead: str) -> str:
    """The offline impact text, with its long first sentence said in short ones."""
    _, _, rest = w.impact_text().partition(". ")
    return f"{_figures_said(w, lead)} {rest}".strip()


def _safeguards(facts: IncidentFacts, opening: str) -> str:
    count = len(facts.prevention)
    plural = "safeguard" if count == 1 else "safeguards"
    items = " ".join(sentence(item) for item in facts.prevention)
    return f"{opening} These {count} {plural} make a repeat less likely. {items}"


def _finish(facts: IncidentFacts) -> str:
    return format_date(max(step.due for step in facts.mitigation))


def direct_draft(facts: IncidentFacts) -> Draft:
    """The voice of the OpenAI replies: short, plain, bottom line first."""
    w = OfflineWriter(facts)
    briefing = Briefing(
        subject=f"{facts.title}: {w.impact_headline(figures=1)}",
        summary=(
            f"Our {facts.model_name} failed. The result: {w.impact_headline(figures=1)}. "
            f"I own the fix, and it will be done by {_finish(facts)}."
        ),
        impact=_impact_paragraph(w, "we lost"),
        root_cause=f"{w.root_cause_text()} {w.detection_text()}",
        containment=f"We have contained the damage. {w.containment_text()}",
        plan=w.plan_steps(),
        prevention=[sentence(item) for item in facts.prevention],
        next_update=(
            f"You will have my written report on the cause, the plan and the safeguards by "
            f"{w.report_date}."
        ),
    )
    script = _turns(
        (
            "You",
            "opening",
            f"Good morning, {w.ceo}. Thank you for seeing me. I need to tell you about a failure "
            f"in {facts.business_area}. The damage: {w.impact_headline(figures=1)}.",
        ),
        ("CEO", "opening", "Go ahead."),
        (
            "You",
            "impact",
            f"{sentence(facts.what_went_wrong)} {_figures_said(w, 'we lost')} "
            f"{w.root_cause_text()}",
        ),
        ("CEO", "why_not_caught", "Why didn't we catch this earlier?"),
        ("You", "why_not_caught", w.detection_text()),
        ("CEO", "actions", "What are you doing about it?"),
        (
            "You",
            "actions",
            f"We have contained the damage. {w.containment_text()} {w.plan_summary()}",
        ),
        ("CEO", "recurrence", "Could this happen again?"),
        ("You", "recurrence", _safeguards(facts, "I can't rule it out.")),
        ("CEO", "follow_up", "All right. Keep me posted."),
        ("You", "follow_up", f"Absolutely. {w.follow_up_text()}"),
    )
    qa = w.qa()
    return Draft(briefing=briefing, script=script, qa=[qa[4], qa[5], qa[6], *qa[:4]])


def measured_draft(facts: IncidentFacts) -> Draft:
    """The voice of the Anthropic replies: a little warmer, the same facts and figures."""
    w = OfflineWriter(facts)
    briefing = Briefing(
        subject=f"{facts.title}, {facts.impact.period}",
        summary=(
            f"Our {facts.model_name} failed. The damage to {facts.business_area}: "
            f"{w.impact_headline(figures=1)}. It is contained, and my plan to fix it finishes by "
            f"{_finish(facts)}."
        ),
        impact=_impact_paragraph(w, "the cost was"),
        root_cause=f"{sentence(facts.what_went_wrong)} {w.root_cause_text()}",
        containment=f"{w.containment_text()} {w.detection_text()}",
        plan=w.plan_steps(),
        prevention=[sentence(item) for item in facts.prevention],
        next_update=w.follow_up_text(),
    )
    script = _turns(
        (
            "You",
            "opening",
            f"{w.ceo}, thank you for making the time. I have a serious failure to report, and I "
            f"want you to hear it from me first. It cost {w.impact_headline(figures=1)}.",
        ),
        ("CEO", "opening", "Tell me."),
        (
            "You",
            "impact",
            f"Our {facts.model_name} failed. {sentence(facts.what_went_wrong)} "
            f"{_figures_said(w, 'the cost was')} {w.root_cause_text()}",
        ),
        ("CEO", "why_not_caught", "How did we miss it?"),
        ("You", "why_not_caught", w.detection_text()),
        ("CEO", "actions", "What happens now?"),
        (
            "You",
            "actions",
            f"The damage is contained. {w.containment_text()} {w.plan_summary()} I can share "
            "the plan with owners and dates today.",
        ),
        ("CEO", "recurrence", "Will it happen again?"),
        ("You", "recurrence", _safeguards(facts, "I can't promise that it won't.")),
        ("CEO", "follow_up", "Keep me informed."),
        ("You", "follow_up", f"Of course. {w.follow_up_text()}"),
    )
    return Draft(briefing=briefing, script=script, qa=w.qa())


# --- flawed replies -----------------------------------------------------------------------------

JARGON_BRIEFING = (
    "The {model} suffered severe model drift and covariate shift after an upstream change in the "
    "data pipeline. Precision and recall degraded, the AUC fell, and the F1 score dropped below "
    "our SLO. Root cause: a schema change in the ETL job corrupted the feature store, so the "
    "embeddings fed to inference were stale. We did a rollback of the canary, and p99 latency is "
    "back to normal. Next we will retrain with hyperparameter tuning, add feature engineering for "
    "the new distribution, and run an A/B test with explainable AI dashboards."
)


def jargon_draft(facts: IncidentFacts) -> Draft:
    good = direct_draft(facts)
    text = JARGON_BRIEFING.format(model=facts.model_name)
    briefing = good.briefing.model_copy(
        update={
            "summary": "We saw model drift in the " + facts.model_name + " and a data pipeline "
            "failure in the feature store.",
            "impact": "Precision, recall and the AUC all degraded; the false positive rate rose "
            "and inference latency spiked.",
            "root_cause": text,
        }
    )
    script = [
        turn.model_copy(update={"text": text}) if turn.stage == "impact" else turn
        for turn in good.script
    ]
    return Draft(briefing=briefing, script=script, qa=good.qa)


def deflecting_draft(facts: IncidentFacts) -> Draft:
    good = direct_draft(facts)
    excuse = (
        "Mistakes were made, and the alert threshold was set too high. The change was approved "
        "by the other team, and frankly it was beyond our control; nobody could have predicted "
        "it. This was not our fault, and it is only a minor glitch."
    )
    briefing = good.briefing.model_copy(
        update={
            "root_cause": excuse,
            "containment": "Some steps were taken and the issue was addressed.",
        }
    )
    script = [
        turn.model_copy(update={"text": excuse})
        if turn.speaker == "You" and turn.stage in ("impact", "why_not_caught")
        else turn
        for turn in good.script
    ]
    return Draft(briefing=briefing, script=script, qa=good.qa)


def rambling_draft(facts: IncidentFacts) -> Draft:
    good = direct_draft(facts)
    w = OfflineWriter(facts)
    background = (
        f"Before I get to what happened, I think it is worth giving some background on how the "
        f"{facts.model_name} came to be, because the history matters for understanding the "
        f"situation we are in today, and because several of the decisions that were taken along "
        f"the way, by a number of different people across a number of different teams, each "
        f"made sense at the time even if, looking back, we might have done some of them "
        f"differently had we known then what we know now about {facts.business_area}."
    )
    history = " ".join([background] * 3)
    briefing = good.briefing.model_copy(
        update={
            "summary": background,
            "impact": f"{history} {w.impact_text()}",
            "root_cause": f"{history} {w.root_cause_text()} {w.detection_text()}",
        }
    )
    script = [
        turn.model_copy(update={"text": f"{history} {turn.text}"})
        if turn.speaker == "You"
        else turn
        for turn in good.script
    ]
    return Draft(briefing=briefing, script=script, qa=good.qa)


def vague_draft(facts: IncidentFacts) -> Draft:
    good = direct_draft(facts)
    briefing = good.briefing.model_copy(
        update={
            "subject": f"{facts.title}",
            "summary": f"Our {facts.model_name} had a problem that hurt {facts.business_area} "
            "significantly.",
            "impact": "Many customers were affected and revenue fell sharply. A large number of "
            "orders were hit, and the cost was substantial.",
            "plan": ["Fix the problem soon.", "Improve our checks in a few weeks."],
            "next_update": "I will update you soon.",
        }
    )
    vague = (
        f"{sentence(facts.what_went_wrong)} Many customers were affected and revenue fell "
        "sharply. We will fix it soon."
    )
    script = [
        turn.model_copy(update={"text": vague})
        if turn.speaker == "You" and turn.stage == "impact"
        else turn
        for turn in good.script
    ]
    return Draft(briefing=briefing, script=script, qa=good.qa)


def invented_figures_draft(facts: IncidentFacts) -> Draft:
    good = direct_draft(facts)
    extra = " On top of that, we estimate 7,777 customers will leave us, costing $9.87 million."
    briefing = good.briefing.model_copy(update={"impact": good.briefing.impact + extra})
    return Draft(briefing=briefing, script=good.script, qa=good.qa)


def without_script(draft: Draft) -> dict[str, Any]:
    data = draft.model_dump()
    del data["script"]
    return data


# --- the sets -------------------------------------------------------------------------------------


def good_expect() -> dict[str, Any]:
    return {"status": "pass", "valid": True}


def openai_good(incident: Incident) -> tuple[list[dict[str, Any]], str, dict[str, Any]]:
    draft = direct_draft(incident.facts)
    content = draft.model_dump_json()
    reply = openai_reply(
        content,
        prompt_tokens=prompt_tokens(incident.facts),
        completion_tokens=tokens(content),
    )
    return [reply], "a good draft", good_expect()


def anthropic_good(
    structured: str, model: str
) -> Callable[[Incident], tuple[list[dict[str, Any]], str, dict[str, Any]]]:
    def build(incident: Incident) -> tuple[list[dict[str, Any]], str, dict[str, Any]]:
        draft = measured_draft(incident.facts)
        data = draft.model_dump(mode="json")
        reply = anthropic_reply(
            data,
            model=model,
            structured=structured,  # type: ignore[arg-type]
            input_tokens=prompt_tokens(incident.facts) + 180,
            output_tokens=tokens(json.dumps(data)),
        )
        how = "as tool input" if structured == "tool" else "in a text block (output_format)"
        return [reply], f"a good draft, {how}", good_expect()

    return build


def _oa(draft_or_text: Draft | str, incident: Incident, **kwargs: Any) -> dict[str, Any]:
    text = draft_or_text if isinstance(draft_or_text, str) else draft_or_text.model_dump_json()
    return openai_reply(
        text,
        prompt_tokens=prompt_tokens(incident.facts),
        completion_tokens=kwargs.pop("completion_tokens", tokens(text)),
        **kwargs,
    )


# One flaw per incident, in the order of the incidents' file names.
FlawBuilder = Callable[[Incident], tuple[list[dict[str, Any]], str, dict[str, Any]]]


def flaw_jargon(i: Incident):  # type: ignore[no-untyped-def]
    # The critic reports jargon as warnings, so the draft may still "pass": the test checks
    # that the jargon family is flagged, many times over.
    return (
        [_oa(jargon_draft(i.facts), i)],
        "jargon-heavy: drift, precision, recall, AUC, feature store, p99 ...",
        {"valid": True, "families": {"jargon": 10}},
    )


def flaw_deflecting(i: Incident):  # type: ignore[no-untyped-def]
    return (
        [_oa(deflecting_draft(i.facts), i)],
        "deflecting: agentless passives, 'beyond our control', 'not our fault', 'minor glitch'",
        {"valid": True, "status": "fail", "families": {"blame": 5}},
    )


def flaw_rambling(i: Incident):  # type: ignore[no-untyped-def]
    return (
        [_oa(rambling_draft(i.facts), i)],
        "rambling: a long history before the point, 70-word sentences, far over the word budget",
        {"valid": True, "status": "fail", "families": {"length": 5}},
    )


def flaw_vague(i: Incident):  # type: ignore[no-untyped-def]
    return (
        [_oa(vague_draft(i.facts), i)],
        "vague: 'significantly', 'many customers', 'soon', no figures in the impact or plan",
        {"valid": True, "status": "fail", "families": {"numbers": 5}},
    )


def flaw_invalid_twice(i: Incident):  # type: ignore[no-untyped-def]
    text = "Here is the briefing you asked for:\n\n" + direct_draft(i.facts).model_dump_json()
    broken = text[: len(text) // 2]
    return (
        [_oa(text, i), _oa(broken, i)],
        "invalid JSON twice: prose before the JSON, then a half-written object",
        {"valid": False, "status": "rejected", "reason": "not valid JSON"},
    )


def flaw_repaired(i: Incident):  # type: ignore[no-untyped-def]
    text = "```json\n" + direct_draft(i.facts).model_dump_json()[:-1] + ",}\n```"
    return (
        [_oa(text, i), _oa(direct_draft(i.facts), i)],
        "invalid JSON (a trailing comma), then a valid draft after the repair round",
        {"valid": True, "status": "pass", "repaired": True},
    )


def flaw_cut_off_twice(i: Incident):  # type: ignore[no-untyped-def]
    text = direct_draft(i.facts).model_dump_json()
    return (
        [
            _oa(text[:1800], i, finish_reason="length", completion_tokens=4096),
            _oa(text[:1900], i, finish_reason="length", completion_tokens=4096),
        ],
        "cut off twice with finish_reason: length",
        {"valid": False, "status": "rejected", "reason": "cut off"},
    )


def flaw_cut_off_repaired(i: Incident):  # type: ignore[no-untyped-def]
    draft = direct_draft(i.facts)
    text = draft.model_dump_json()
    return (
        [_oa(text[:2500], i, finish_reason="length", completion_tokens=4096), _oa(draft, i)],
        "cut off once (finish_reason: length), then a complete draft after the repair round",
        {"valid": True, "status": "pass", "repaired": True},
    )


def flaw_schema_twice(i: Incident):  # type: ignore[no-untyped-def]
    data = without_script(direct_draft(i.facts))
    second = dict(data, script="You: Good morning. Let me explain what happened.")
    return (
        [_oa(json.dumps(data), i), _oa(json.dumps(second), i)],
        "valid JSON that does not match the schema twice: no script, then a script as one string",
        {"valid": False, "status": "rejected", "reason": "does not match the schema"},
    )


def flaw_invented(i: Incident):  # type: ignore[no-untyped-def]
    return (
        [_oa(invented_figures_draft(i.facts), i)],
        "invents figures that are not in the facts (7,777 customers, $9.87 million)",
        {"valid": True, "unsupported_figures": ["7,777", "9.87 million"]},
    )


def flaw_rate_limited(i: Incident):  # type: ignore[no-untyped-def]
    return (
        [
            openai_reply("Rate limit reached for gpt-4o-mini. Please try again in 1s.", status=429),
            _oa(direct_draft(i.facts), i),
        ],
        "rate limited (429) once, then a good draft on the retry",
        {"valid": True, "status": "pass", "repaired": False},
    )


def flaw_server_errors(i: Incident):  # type: ignore[no-untyped-def]
    error = openai_reply("The server had an error while processing your request.", status=500)
    return (
        [error, error, error],
        "server error (500) on every try: the provider is down",
        {"valid": False, "status": "error", "reason": "server error (500)"},
    )


FLAWS: tuple[FlawBuilder, ...] = (
    flaw_jargon,
    flaw_deflecting,
    flaw_rambling,
    flaw_vague,
    flaw_invalid_twice,
    flaw_repaired,
    flaw_cut_off_twice,
    flaw_cut_off_repaired,
    flaw_schema_twice,
    flaw_invented,
    flaw_rate_limited,
    flaw_server_errors,
)


def write_all(out: Path, incidents: list[Incident]) -> int:
    sets: list[tuple[ModelSpec, Callable[[Incident, int], Any], str]] = [
        (OPENAI, lambda i, _: openai_good(i), "OpenAI chat completions, json_schema"),
        (
            SONNET,
            lambda i, _: anthropic_good("output_format", "claude-sonnet-4-5-20250929")(i),
            "Anthropic messages, output_format (native structured output)",
        ),
        (
            HAIKU,
            lambda i, _: anthropic_good("tool", "claude-3-5-haiku-20241022")(i),
            "Anthropic messages, forced json_tool_call tool",
        ),
        (
            FLAWED,
            lambda i, n: FLAWS[n % len(FLAWS)](i),
            "openai/gpt-4o-mini giving flawed replies, one flaw per incident",
        ),
    ]
    written = 0
    for spec, build, wire in sets:
        folder = out / set_folder_name(spec.label)
        if folder.exists():
            shutil.rmtree(folder)
        write_set_file(out, spec, note=f"hand-written: {wire}")
        for number, incident in enumerate(incidents):
            interactions, note, expect = build(incident, number)
            interactions, note, expect = with_revision_replies(
                spec, incident, interactions, note, expect
            )
            write_cassette(folder / f"{incident.id}.yaml", interactions, note, expect=expect)
            written += 1
    return written


# --- replies to revision prompts (drafter.revise, prompts/revise-v1) ----------------------------

# Per flawed cassette, how the model revises (default: one clean round).
INVENTS_A_FIGURE = "conversion-drop"  # round 1 adds "$9.8 million" (rejected), round 2 is clean
TWO_ROUNDS = "claims-triage-delays"  # round 1 still has a 45-word sentence, round 2 is clean
INVENTED = "$9.8 million"
LONG_SENTENCE = (
    "We have spent the last few days going through every part of the claims process with the "
    "teams involved, and what we have learned is that the triage model, the queues and the "
    "handlers' rotas all played a part in this."
)


def clean_parts(facts: IncidentFacts) -> dict[str, str]:
    """The revised parts: the offline writer's draft, every figure from the facts (checked clean
    by the critic in tests/test_offline_writer_clean.py)."""
    from drafter.revise import draft_parts

    return draft_parts(OfflineWriter(facts).draft())


def revision_rounds(label: str, incident: Incident) -> list[tuple[dict[str, str], str]]:
    """(revision, what it is) for each round the model answers."""
    clean = clean_parts(incident.facts)
    if label == "flawed" and incident.id == INVENTS_A_FIGURE:
        invented = dict(clean)
        invented["briefing"] = clean["briefing"].replace(
            "## Impact\n\n", f"## Impact\n\nThe total exposure is {INVENTED}. ", 1
        )
        return [(invented, f"invents {INVENTED}"), (clean, "clean")]
    if label == "flawed" and incident.id == TWO_ROUNDS:
        partial = dict(clean)
        partial["briefing"] = clean["briefing"].replace(
            "## Root cause\n\n", f"## Root cause\n\n{LONG_SENTENCE} ", 1
        )
        return [(partial, "keeps a 45-word sentence"), (clean, "clean")]
    return [(clean, "clean")]


def _revision_reply(spec: ModelSpec, incident: Incident, parts: dict[str, str]) -> dict[str, Any]:
    text = json.dumps(parts)
    if spec.label == SONNET.label:
        return anthropic_reply(
            parts,
            model="claude-sonnet-4-5-20250929",
            structured="output_format",
            input_tokens=prompt_tokens(incident.facts) + 900,
            output_tokens=tokens(text),
        )
    if spec.label == HAIKU.label:
        return anthropic_reply(
            parts,
            model="claude-3-5-haiku-20241022",
            structured="tool",
            input_tokens=prompt_tokens(incident.facts) + 900,
            output_tokens=tokens(text),
        )
    return openai_reply(
        text, prompt_tokens=prompt_tokens(incident.facts) + 900, completion_tokens=tokens(text)
    )


def with_revision_replies(
    spec: ModelSpec,
    incident: Incident,
    interactions: list[dict[str, Any]],
    note: str,
    expect: dict[str, Any],
) -> tuple[list[dict[str, Any]], str, dict[str, Any]]:
    """A valid draft's cassette also answers the revision prompts (drafter.revise), in the same
    wire format; the draft may pass as it is, and then the replies are never played. A stricter
    critic can still replay a revision."""
    if not expect.get("valid"):
        return interactions, note, expect
    rounds = revision_rounds(spec.label, incident)
    replies = [_revision_reply(spec, incident, parts) for parts, _ in rounds]
    said = "; ".join(f"round {n}: {what}" for n, (_, what) in enumerate(rounds, start=1))
    rejected = sum(1 for _, what in rounds if what.startswith("invents"))
    revised = {"passed_after": True, "rejected_rounds": rejected}
    return (
        interactions + replies,
        f"{note} | revision replies ({said})",
        {
            **expect,
            "revise": revised,
        },
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "cassettes")
    parser.add_argument("--incidents", type=Path, default=ROOT / "fixtures" / "incidents")
    args = parser.parse_args()
    incidents = load_incidents([args.incidents])
    count = write_all(args.out, incidents)
    print(f"wrote {count} cassettes for {len(incidents)} incidents to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
