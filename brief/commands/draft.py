"""`brief draft FACTS`: draft the briefing, meeting script and Q&A from a facts file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "draft",
        help="draft the briefing, meeting script and Q&A from incident facts",
        description=(
            "Draft the briefing, meeting script and Q&A from incident facts (YAML or JSON). "
            "The default model, offline/template, needs no key and no network."
        ),
    )
    parser.add_argument("facts", help="incident facts file (.yaml or .json), or - for stdin")
    parser.add_argument(
        "--model",
        help="any litellm model string, e.g. openai/gpt-4o-mini, anthropic/claude-sonnet-4-5, "
        "ollama/llama3.1 (default: $BRIEF_MODEL or offline/template)",
    )
    parser.add_argument(
        "--api-base",
        help="base URL for a LiteLLM proxy, Ollama or Azure (default: $BRIEF_API_BASE)",
    )
    parser.add_argument("--format", choices=("md", "json"), default="md", help="output format")
    parser.add_argument("--out", type=Path, help="write to this file instead of stdout")
    parser.add_argument("--timeout", type=float, help="seconds to wait for the model (default 120)")
    parser.add_argument("--stream", action="store_true", help="show the model's text as it arrives")
    parser.add_argument(
        "--revise",
        type=int,
        metavar="N",
        help="then revise the draft with the critic, at most N rounds (see `brief revise`)",
    )
    parser.set_defaults(handler=run)


def _read_facts(source: str):  # -> IncidentFacts
    from drafter import FactsError, load_facts, parse_facts_text, validate_facts

    if source != "-":
        return load_facts(source)
    try:
        text = sys.stdin.buffer.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactsError("stdin is not UTF-8 text.") from None
    return validate_facts(parse_facts_text(text, source="stdin"), source="stdin")


def _revise(result, facts, config, args: argparse.Namespace) -> int:
    """`brief draft --revise N`: the draft, then up to N revision rounds; prints the final one."""
    from brief.commands.revise import output, write
    from drafter import DraftError
    from drafter.revise import revise

    if args.revise < 0:
        print("brief draft: --revise must be 0 or more", file=sys.stderr)
        return 2
    try:
        revised = revise(result.draft, facts, config, rounds=args.revise)
    except DraftError as exc:
        print(f"brief draft: revision failed: {exc}", file=sys.stderr)
        return 1
    fmt = "json" if args.format == "json" else "md"
    write(output(revised, fmt), args.out, "brief draft")
    final = revised.final
    print(
        f"brief draft: revised: version {final.number} is final "
        f"({'passes' if final.passed else 'does not pass'}); {revised.stopped}",
        file=sys.stderr,
    )
    return 0


def run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from drafter import DrafterConfig, DraftError, FactsError, generate_draft, render_markdown

    try:
        facts = _read_facts(args.facts)
    except FactsError as exc:
        print(f"brief draft: {exc}", file=sys.stderr)
        return 2
    try:
        config = DrafterConfig.from_env(
            model=args.model, api_base=args.api_base, timeout_s=args.timeout, stream=args.stream
        )
    except ValidationError as exc:
        print(f"brief draft: invalid option: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2

    def show(text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    try:
        result = generate_draft(facts, config, on_text=show if args.stream else None)
    except DraftError as exc:
        print(f"brief draft: {exc}", file=sys.stderr)
        return 1
    if args.stream:
        sys.stderr.write("\n")
    if args.revise is not None:
        return _revise(result, facts, config, args)

    output = (
        result.model_dump_json(indent=2) + "\n"
        if args.format == "json"
        else render_markdown(result)
    )
    if args.out:
        args.out.write_text(output, encoding="utf-8")
        print(f"brief draft: wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    if result.unsupported_figures:
        print(
            "brief draft: warning: figures not found in the facts: "
            + ", ".join(result.unsupported_figures),
            file=sys.stderr,
        )
    return 0
