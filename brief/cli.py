"""The `brief` command line. Each subcommand lives in `brief.commands.<name>`.

Subcommand modules import nothing heavy at module level, so `brief critique` never pays for
litellm and `brief --help` answers at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from brief import __version__, failures

# Order is the order shown in `brief --help`.
COMMANDS = ("draft", "revise", "critique", "eval", "lsp")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; keep its one-line message."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="brief",
        description="Draft and critique the briefing that tells the CEO a key ML model failed.",
    )
    parser.add_argument("--version", action="version", version=f"brief {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"brief.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"brief.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Every error ends here: one line on stderr and the exit code from
    brief.failures (2 for bad input or options), never a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        if sys.stderr is not None:
            parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args))
    except BrokenPipeError:
        return EXIT_OK
    except (Exception, KeyboardInterrupt) as exc:
        code, line = failures.exit_code_for(exc, args.command or "")
        failures.say(line)
        if failures.debug() and code == failures.EXIT_BUG:
            raise
        return code


if __name__ == "__main__":
    sys.exit(main())
