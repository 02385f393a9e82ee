"""Subcommands of `brief`. Each module defines `register(subparsers)` and sets `handler`."""
