"""Where each line of a text starts: shared by the CI formats and the language server."""

from __future__ import annotations


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of `text` starts (the first is 0)."""
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts
