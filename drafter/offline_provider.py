"""`offline/template`: a litellm custom provider that writes the draft from the facts alone.

`generate_draft` no longer goes through here (see `drafter.offline_model`: the same reply without
litellm); this wrapper keeps "offline/template" usable by code that calls litellm directly, with a
zero price. When `response_format` asks for JSON it returns the draft as JSON; otherwise Markdown.
Importing this module imports litellm; `drafter.llm.get_litellm` registers it.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import litellm
from litellm import CustomLLM
from litellm.types.utils import GenericStreamingChunk, ModelResponse

from drafter.offline_model import (
    MODEL,
    PROVIDER,
    OfflineFactsError,
    approx_tokens,
    pieces,
    prompt_tokens,
    reply_text,
    wants_json,
)


class OfflineProviderError(litellm.exceptions.BadRequestError):
    """The prompt held no readable facts: a caller error, never retried."""

    def __init__(self, message: str) -> None:
        super().__init__(message=message, model=f"{PROVIDER}/{MODEL}", llm_provider=PROVIDER)


def _reply_text(messages: list[dict[str, Any]], optional_params: dict[str, Any]) -> str:
    as_json = wants_json(optional_params.get("response_format") or {})
    try:
        return reply_text(messages, as_json=as_json)
    except OfflineFactsError as exc:
        raise OfflineProviderError(str(exc)) from exc


class OfflineTemplateLLM(CustomLLM):
    def completion(self, model: str, messages: list, *args: Any, **kwargs: Any) -> ModelResponse:
        started = time.perf_counter()
        optional_params = kwargs.get("optional_params") or {}
        text = _reply_text(messages, optional_params)
        prompt = prompt_tokens(messages)
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
                "prompt_tokens": prompt,
                "completion_tokens": approx_tokens(text),
                "total_tokens": prompt + approx_tokens(text),
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
        prompt = prompt_tokens(messages)
        chunks = pieces(text)
        for number, piece in enumerate(chunks, start=1):
            last = number == len(chunks)
            usage = None
            if last:
                usage = {
                    "prompt_tokens": prompt,
                    "completion_tokens": approx_tokens(text),
                    "total_tokens": prompt + approx_tokens(text),
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
