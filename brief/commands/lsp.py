"""`brief lsp`: run the critic as a language server over stdio (for VS Code, Neovim, ...)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lsp",
        help="run the critic as a language server (stdio) for your editor",
        description=(
            "Run the critic as a Language Server Protocol server over stdin/stdout: diagnostics "
            "on every change, hover for the suggestion, quick fixes for plain rewrites. Start it "
            "from your editor's LSP client for Markdown and plain-text files."
        ),
    )
    parser.add_argument("--stdio", action="store_true", help="talk over stdio (the default)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from brief.lsp_server import serve

    serve()
    return 0
