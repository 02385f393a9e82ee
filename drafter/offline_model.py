"""`offline/template` without litellm: the same prompt in, the same structured reply out.

The offline model reads the facts from the prompt every model gets and answers with the draft as
JSON, so `generate_draft` runs it through the very same flow (messages, parse, repair round,
grounding, metadata) as a real provider. Only the transport differs: here it is a function call,
so a draft with the default model never pays for `import litellm` (3-8 s cold).
`drafter.offline_provider` wraps the same function as a litellm custom provider, for code that
calls litellm directly with model "offline/template".
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from drafter.facts import IncidentFacts
from drafter.offline import compose_offline_draft
from drafter.prompts import extract_facts_json
from drafter.render import render_markdown

if TYPE_CHECKING:
    from drafter.llm import Completion

PROVIDER = "offline"
MODEL = "template"
STREAM_CHUNK_CHARS = 80


class OfflineFactsError(ValueError):
    """The prompt held no readable facts: a caller error, never retried."""


def is_offline(model: str) -> bool:
    """True for the offline provider's models ("offline/template")."""
    return model.split("/", 1)[0] == PROVIDER and "/" in model


def wants_json(response_format: Any) -> bool:
    """Whether the request asks for structured output (the drafter always does)."""
    if response_format is None:
        return False
    if isinstance(response_format, dict):
        return response_format.get("type") in ("json_schema", "json_object")
    return True  # a pydantic class passed straight through


def reply_text(messages: list[dict[str, Any]], as_json: bool = True) -> str:
    """The offline model's whole reply to these messages: the draft as JSON (or Markdown)."""
    raw = extract_facts_json(messages)
    if raw is None:
        raise OfflineFactsError(
            "offline/template needs the incident facts in an <incident_facts> block of the prompt"
        )
    try:
        facts = IncidentFacts.model_validate(json.loads(raw))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise OfflineFactsError(f"offline/template could not read the facts: {exc}") from exc
    draft = compose_offline_draft(facts)
    return draft.model_dump_json() if as_json else render_markdown(draft)


def approx_tokens(text: str) -> int:
    """About four characters a token, as OpenAI's tokenizers average on English."""
    return max(1, len(text) // 4)


def prompt_tokens(messages: list[dict[str, Any]]) -> int:
    return sum(approx_tokens(str(m.get("content", ""))) for m in messages)


def pieces(text: str) -> list[str]:
    """The reply cut the way the streaming path sends it."""
    return [text[i : i + STREAM_CHUNK_CHARS] for i in range(0, len(text), STREAM_CHUNK_CHARS)]


def complete(
    messages: list[dict[str, Any]], on_text: Callable[[str], None] | None = None
) -> Completion:
    """One structured-output request to the offline model, timed (the model call only)."""
    from drafter.llm import Completion

    started = time.perf_counter()
    text = reply_text(messages, as_json=True)
    if on_text is not None:
        for piece in pieces(text):
            on_text(piece)
    return Completion(
        text=text,
        finish_reason="stop",
        input_tokens=prompt_tokens(messages),
        output_tokens=approx_tokens(text),
        cost_usd=0.0,
        latency_ms=(time.perf_counter() - started) * 1000,
    )
