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
    parser.add_argument(
        "--timeout", type=float, help="seconds to wait for one request (default 120)"
    )
    parser.add_argument(
        "--deadline",
        type=float,
        help="seconds for the whole draft, retries included (default: $BRIEF_DEADLINE or 45)",
    )
    parser.add_argument(
        "--redact",
        action="store_true",
        help="replace keys, tokens, passwords, e-mail addresses, phone and card numbers in the "
        "facts with [REDACTED:kind] before drafting (without it, such facts are refused)",
    )
    parser.add_argument(
        "--redact-names",
        action="store_true",
        help="also find personal names (spaCy model; slower) and treat them like the above",
    )
    parser.add_argument("--stream", action="store_true", help="show the model's text as it arrives")
    parser.add_argument(
        "--revise",
        type=int,
        metavar="N",
        help="then revise the draft with the critic, at most N rounds (see `brief revise`)",
    )
    parser.set_defaults(handler=run)


def _read_facts(source: str, *, redact: bool = False, names: bool = False):  # -> IncidentFacts
    """Read, guard (refuse or redact secrets and personal data) and validate the facts."""
    from brief.failures import read_stdin
    from drafter import FactsError, parse_facts_text, validate_facts
    from drafter.guard import GuardError, redact_facts, scan_facts
    from drafter.loading import MAX_FACTS_CHARS, read_facts_text

    if source == "-":
        data = read_stdin(limit=4 * MAX_FACTS_CHARS)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FactsError("stdin is not UTF-8 text.") from None
        name = "stdin"
    else:
        text, name = read_facts_text(source), source
    raw = parse_facts_text(text, source=name)
    if redact:
        raw, hits = redact_facts(raw, names=names)
        if hits:
            fields = ", ".join(sorted({f"{hit.field} ({hit.kind})" for hit in hits}))
            print(f"brief draft: redacted before drafting: {fields}", file=sys.stderr)
    elif hits := scan_facts(raw, names=names):
        raise GuardError(hits, where=name)
    return validate_facts(raw, source=name)


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

    from brief.failures import UsageProblem, check_out_path, stdout, write_output, write_stdout
    from drafter import DrafterConfig, generate_draft, render_markdown

    if args.out:
        check_out_path(args.out)
    else:
        stdout()  # closed standard output: say so before any work
    facts = _read_facts(args.facts, redact=args.redact, names=args.redact_names)
    try:
        config = DrafterConfig.from_env(
            model=args.model,
            api_base=args.api_base,
            timeout_s=args.timeout,
            deadline_s=args.deadline,
            stream=args.stream,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        name = (
            "--" + str(error["loc"][0]).replace("_s", "").replace("_", "-") if error["loc"] else ""
        )
        raise UsageProblem(f"invalid option {name}: {error['msg']}".replace("  ", " ")) from None

    def show(text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    result = generate_draft(facts, config, on_text=show if args.stream else None)
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
        suffix = ".json" if args.format == "json" else ".md"
        write_output(args.out, output, what="draft", suffix=suffix)
        print(f"brief draft: wrote {args.out}", file=sys.stderr)
    else:
        write_stdout(output, what="draft", suffix=".json" if args.format == "json" else ".md")
    if result.unsupported_figures:
        print(
            "brief draft: warning: figures not found in the facts: "
            + ", ".join(result.unsupported_figures),
            file=sys.stderr,
        )
    return 0
