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
