"""Render a draft as Markdown: the briefing, the script and the Q&A, alone or together."""

from __future__ import annotations

from drafter.draft import Draft, DraftResult


def briefing_markdown(draft: Draft) -> str:
    b = draft.briefing
    lines = [
        f"# {b.subject}",
        "",
        b.summary,
        "",
        "## Impact",
        "",
        b.impact,
        "",
        "## Root cause",
        "",
        b.root_cause,
        "",
        "## Containment",
        "",
        b.containment,
        "",
        "## Plan",
        "",
        *[f"{n}. {step}" for n, step in enumerate(b.plan, start=1)],
        "",
        "## Prevention",
        "",
        *[f"- {item}" for item in b.prevention],
        "",
        "## Next update",
        "",
        b.next_update,
    ]
    return "\n".join(lines) + "\n"


def script_markdown(draft: Draft) -> str:
    """One paragraph a turn, `You:` / `CEO:` first, as the guide's §3 script is written."""
    return "\n\n".join(f"{turn.speaker}: {turn.text}" for turn in draft.script) + "\n"


def qa_markdown(draft: Draft) -> str:
    blocks = [f"**Q: {item.question}**\n\nA: {item.answer}" for item in draft.qa]
    return "\n\n".join(blocks) + "\n"


def render_markdown(result: Draft | DraftResult) -> str:
    """The whole draft as one Markdown document, with its metadata when there is any."""
    draft = result.draft if isinstance(result, DraftResult) else result
    parts = [
        briefing_markdown(draft),
        "---\n\n# Meeting script\n\n" + script_markdown(draft),
        "---\n\n# Tough questions\n\n" + qa_markdown(draft),
    ]
    if isinstance(result, DraftResult):
        meta = result.meta
        cost = "n/a" if meta.cost_usd is None else f"${meta.cost_usd:.4f}"
        footer = (
            f"---\n\n_Drafted by `{meta.model}` with prompt `{meta.prompt_version}`: "
            f"{meta.input_tokens} tokens in, {meta.output_tokens} out, cost {cost}, "
            f"{meta.latency_ms:.0f} ms._\n"
        )
        if result.unsupported_figures:
            footer += (
                "\n> Check these figures: they do not appear in the facts: "
                + ", ".join(result.unsupported_figures)
                + "\n"
            )
        parts.append(footer)
    return "\n".join(parts)
