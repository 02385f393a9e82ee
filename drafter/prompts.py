"""Load the versioned prompt templates in `prompts/` and build the chat messages.

The facts travel as JSON between `<incident_facts>` tags. `<` is escaped as `\\u003c` inside that
JSON, so no fact can close the tag early, and the JSON still decodes to the same facts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from string import Template

from drafter.facts import IncidentFacts

PROMPT_VERSION = "draft-v1"
PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
FACTS_BLOCK = re.compile(r"^<incident_facts>\n(.*?)\n</incident_facts>$", re.DOTALL | re.MULTILINE)


@cache
def load_template(name: str, version: str = PROMPT_VERSION) -> Template:
    path = PROMPTS_DIR / version / f"{name}.md"
    return Template(path.read_text(encoding="utf-8"))


def facts_json(facts: IncidentFacts) -> str:
    data = facts.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False).replace("<", "\\u003c")


def build_messages(
    facts: IncidentFacts, *, version: str = PROMPT_VERSION, today: dt.date | None = None
) -> list[dict[str, str]]:
    unknown = ", ".join(facts.unknown_facts()) or "none"
    user = load_template("user", version).substitute(
        facts_json=facts_json(facts),
        unknown_facts=unknown,
        today=(today or dt.date.today()).isoformat(),
    )
    return [
        {"role": "system", "content": load_template("system", version).substitute()},
        {"role": "user", "content": user},
    ]


def repair_message(errors: str, *, version: str = PROMPT_VERSION) -> dict[str, str]:
    return {"role": "user", "content": load_template("repair", version).substitute(errors=errors)}


def extract_facts_json(messages: list[dict[str, object]]) -> str | None:
    """The facts JSON from the first message that carries an `<incident_facts>` block."""
    for message in messages:
        content = message.get("content")
        if isinstance(content, str) and (match := FACTS_BLOCK.search(content)):
            return match.group(1)
    return None
