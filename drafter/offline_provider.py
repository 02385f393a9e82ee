"""`offline/template`: a litellm custom provider that writes the draft from the facts alone.

It reads the facts from the same prompt every other model gets, so the offline model takes the
same path as OpenAI or Anthropic: litellm call, structured output, validation, cost (zero). When
`response_format` asks for JSON it returns the draft as JSON; otherwise it returns Markdown.
Importing this module imports litellm; `drafter.llm` does that lazily.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import litellm
from litellm import CustomLLM
from litellm.types.utils import GenericStreamingChunk, ModelResponse
from pydantic import ValidationError

from drafter.facts import IncidentFacts
from drafter.offline import compose_offline_draft
from drafter.prompts import extract_facts_json
from drafter.render import render_markdown

PROVIDER = "offline"
MODEL = "template"
STREAM_CHUNK_CHARS = 80


class OfflineProviderError(litellm.exceptions.BadRequestError):
    """The prompt held no readable facts: a caller error, never retried."""

    def __init__(self, message: str) -> None:
        super().__init__(message=message, model=f"{PROVIDER}/{MODEL}", llm_provider=PROVIDER)


def _wants_json(optional_params: dict[str, Any]) -> bool:
    response_format = optional_params.get("response_format") or {}
    if isinstance(response_format, dict):
        return response_format.get("type") in ("json_schema", "json_object")
    return True  # a pydantic class passed straight through


def _reply_text(messages: list[dict[str, Any]], optional_params: dict[str, Any]) -> str:
    raw = extract_facts_json(messages)
    if raw is None:
        raise OfflineProviderError(
            "offline/template needs the incident facts in an <incident_facts> block of the prompt"
        )
    try:
        facts = IncidentFacts.model_validate(json.loads(raw))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise OfflineProviderError(f"offline/template could not read the facts: {exc}") from exc
    draft = compose_offline_draft(facts)
    if _wants_json(optional_params):
        return draft.model_dump_json()
    return render_markdown(draft)


def _approx_tokens(text: str) -> int:
    """About four characters a token, as OpenAI's tokenizers average on English."""
    return max(1, len(text) // 4)


class OfflineTemplateLLM(CustomLLM):
    def completion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> ModelResponse:
        started = time.perf_counter()
        optional_params = kwargs.get("optional_params") or {}
        text = _reply_text(messages, optional_params)
        prompt_tokens = sum(_approx_tokens(str(m.get("content", ""))) for m in messages)
        response = litellm.ModelResponse(
            model=f"{PROVIDER}/{MODEL}",
            choices=[
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": text},
                }
            ],
            usage={
                "prompt_tokens": prompt_tokens,
                "completion_tokens": _approx_tokens(text),
                "total_tokens": prompt_tokens + _approx_tokens(text),
            },
        )
        response._response_ms = (time.perf_counter() - started) * 1000
        return response

    async def acompletion(
        self, model: str, messages: list, *args: Any, **kwargs: Any
    ) -> ModelResponse:
        return self.completion(model, messages, *args, **kwargs)

    def streaming(
        self, model: str, messages: list, *args: Any, **kwargs: Any
    ) -> Iterator[GenericStreamingChunk]:
        text = _reply_text(messages, kwargs.get("optional_params") or {})
        prompt_tokens = sum(_approx_tokens(str(m.get("content", ""))) for m in messages)
        pieces = [text[i : i + STREAM_CHUNK_CHARS] for i in range(0, len(text), STREAM_CHUNK_CHARS)]
        for number, piece in enumerate(pieces, start=1):
            last = number == len(pieces)
            usage = None
            if last:
                usage = {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": _approx_tokens(text),
                    "total_tokens": prompt_tokens + _approx_tokens(text),
                }
            yield GenericStreamingChunk(
                text=piece,
                tool_use=None,
                is_finished=last,
                finish_reason="stop" if last else "",
                usage=usage,  # type: ignore[typeddict-item]
                index=0,
            )

    async def astreaming(
        self, model: str, messages: list, *args: Any, **kwargs: Any
    ) -> AsyncIterator[GenericStreamingChunk]:
        for chunk in self.streaming(model, messages, *args, **kwargs):
            yield chunk


def register(module: Any = litellm) -> None:
    """Register the provider and its zero price with litellm (idempotent)."""
    providers = [p for p in module.custom_provider_map if p.get("provider") != PROVIDER]
    providers.append({"provider": PROVIDER, "custom_handler": OfflineTemplateLLM()})
    module.custom_provider_map = providers
    module.register_model(
        {
            f"{PROVIDER}/{MODEL}": {
                "litellm_provider": PROVIDER,
                "mode": "chat",
                "input_cost_per_token": 0.0,
                "output_cost_per_token": 0.0,
                "cache_creation_input_token_cost": 0.0,
                "cache_read_input_token_cost": 0.0,
                "max_tokens": 16000,
                "max_input_tokens": 100000,
                "max_output_tokens": 16000,
                "supports_response_schema": True,
            }
        }
    )
