"""`brief revise DRAFT --facts FACTS`: rewrite a draft from the critic's findings until it is ready.

Works on `brief draft` output (briefing, script and Q&A) and on hand-written drafts (one part).
Prints the final draft in Markdown with a line per round, or `--format json` with every version
and its reports. Exit codes: 0 the final version passes the critic, 1 it does not (or the model
failed), 2 unusable input or options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "revise",
        help="revise a draft with the critic until it passes, never inventing a figure",
        description=(
            "Send the draft, the incident facts and the critic's findings to the model, round by "
            "round, until the draft passes or a round stops helping. A round that adds a figure "
            "the facts do not support, or drops one of the seven elements, is rejected."
        ),
    )
    parser.add_argument("draft", help="the draft (.md or .txt; `brief draft` output or your own)")
    parser.add_argument("--facts", required=True, help="incident facts file (.yaml or .json)")
    parser.add_argument("--model", help="litellm model string (default: offline/template)")
    parser.add_argument("--api-base", help="base URL for a LiteLLM proxy, Ollama or Azure")
    parser.add_argument(
        "--rounds", type=int, default=2, help="at most this many revision rounds (default 2)"
    )
    parser.add_argument("--format", choices=("md", "json"), default="md", help="output format")
    parser.add_argument("--out", type=Path, help="write to this file instead of stdout")
    parser.set_defaults(handler=run)


def _usage(message: str) -> int:
    print(f"brief revise: {message}", file=sys.stderr)
    return EXIT_USAGE


def read_draft(path: str) -> str:
    """The draft's text; ValueError with a one-line message when it cannot be used."""
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"{path}: no such file")
    data = file.read_bytes()
    if b"\x00" in data[:8192]:
        raise ValueError(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})") from None
    if not text.strip():
        raise ValueError(f"{path}: is empty")
    return text


def output(result, fmt: str) -> str:  # result: drafter.revise.RevisionResult
    from drafter.revise import render_revision

    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    return render_revision(result)


def run(args: argparse.Namespace) -> int:
    if args.rounds < 0:
        return _usage("--rounds must be 0 or more")
    try:
        text = read_draft(args.draft)
    except ValueError as exc:
        return _usage(str(exc))

    from pydantic import ValidationError

    from drafter import DrafterConfig, DraftError, FactsError, load_facts
    from drafter.revise import revise, split_markdown

    try:
        facts = load_facts(args.facts)
    except FactsError as exc:
        return _usage(str(exc))
    try:
        config = DrafterConfig.from_env(model=args.model, api_base=args.api_base)
    except ValidationError as exc:
        return _usage(f"invalid option: {exc.errors()[0]['msg']}")
    try:
        result = revise(split_markdown(text), facts, config, rounds=args.rounds)
    except DraftError as exc:
        print(f"brief revise: {exc}", file=sys.stderr)
        return EXIT_FAILED
    write(output(result, args.format), args.out, "brief revise")
    final = result.final
    print(
        f"brief revise: version {final.number} of {len(result.versions) - 1} rounds is final "
        f"({'passes' if final.passed else 'does not pass'}); {result.stopped}",
        file=sys.stderr,
    )
    return EXIT_OK if result.passed else EXIT_FAILED


def write(text: str, out: Path | None, name: str) -> None:
    if out:
        out.write_text(text, encoding="utf-8")
        print(f"{name}: wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
