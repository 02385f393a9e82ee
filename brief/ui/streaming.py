"""While a model streams its JSON draft, show the words being written, never the raw JSON.

`streamed_preview(partial_json)` pulls the string values out of the (incomplete) JSON the model
has sent so far and returns them as readable text, newest last. No streamlit here.
"""

from __future__ import annotations

import json
import re

_STRING_FIELD = re.compile(r'"(\w+)"\s*:\s*"((?:[^"\\]|\\.)*)("?)')
FIELD_TITLES: dict[str, str] = {
    "subject": "Subject",
    "summary": "Bottom line",
    "impact": "Impact",
    "root_cause": "Root cause",
    "containment": "Containment",
    "next_update": "Next update",
    "question": "Q",
    "answer": "A",
}
SKIP = frozenset({"speaker", "stage"})


def _decode(raw: str) -> str:
    try:
        return str(json.loads(f'"{raw}"'))
    except json.JSONDecodeError:  # cut in the middle of an escape
        return raw.replace("\\n", " ").replace('\\"', '"').rstrip("\\")


def streamed_preview(partial: str, *, last: int = 6) -> str:
    """The last `last` text fields written so far, as 'Title: text' lines (plain text)."""
    lines = []
    for match in _STRING_FIELD.finditer(partial):
        field, raw, closed = match.group(1), match.group(2), match.group(3)
        if field in SKIP:
            continue
        text = _decode(raw).strip()
        if not text:
            continue
        title = FIELD_TITLES.get(field, field.replace("_", " ").capitalize())
        lines.append(f"{title}: {text}" + ("" if closed else " …"))
    return "\n\n".join(lines[-last:])
