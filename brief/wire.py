"""Provider wire formats, for cassettes written by hand when no provider can be reached.

Each builder returns one vcrpy interaction (request + response) in the provider's exact HTTP
shape: OpenAI chat completions (json_schema structured output) and Anthropic messages (the
forced tool litellm sends for structured output). Cassettes built from these say so in their
`brief_meta` field; cassettes recorded live with `brief eval --record` do not have it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml

OPENAI_URL = "https://api.openai.com/v1/chat/completions"
ANTHROPIC_URL = "https://api.anthropic.com/v1/messages"
ANTHROPIC_TOOL = "json_tool_call"  # the tool name litellm forces for response_format
HAND_WRITTEN = (
    "Written by hand in the provider's exact wire format (no provider was reachable when it "
    "was made); not a live recording."
)


def _interaction(url: str, status: int, body: dict[str, Any] | str) -> dict[str, Any]:
    text = body if isinstance(body, str) else json.dumps(body)
    reason = {
        200: "OK",
        401: "Unauthorized",
        429: "Too Many Requests",
        500: "Internal Server Error",
    }
    return {
        "request": {
            "body": None,
            "headers": {"Content-Type": ["application/json"]},
            "method": "POST",
            "uri": url,
        },
        "response": {
            "status": {"code": status, "message": reason.get(status, "Error")},
            "headers": {"Content-Type": ["application/json"]},
            "body": {"string": text},
        },
    }


def openai_reply(
    content: str,
    *,
    model: str = "gpt-4o-mini-2024-07-18",
    finish_reason: str = "stop",
    prompt_tokens: int = 1500,
    completion_tokens: int = 900,
    status: int = 200,
) -> dict[str, Any]:
    """A /v1/chat/completions response whose message content is `content`."""
    if status != 200:
        error = {"error": {"message": content, "type": "server_error", "code": None}}
        return _interaction(OPENAI_URL, status, error)
    body = {
        "id": "chatcmpl-brief0000000000000000000000",
        "object": "chat.completion",
        "created": 1764201600,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
        "system_fingerprint": "fp_brief000",
    }
    return _interaction(OPENAI_URL, status, body)


def anthropic_reply(
    arguments: dict[str, Any] | str,
    *,
    model: str = "claude-sonnet-4-5-20250929",
    stop_reason: str | None = None,
    input_tokens: int = 1700,
    output_tokens: int = 1000,
    status: int = 200,
    structured: Literal["tool", "output_format"] = "tool",
) -> dict[str, Any]:
    """A /v1/messages response carrying the draft the way litellm asked for it.

    litellm 1.110.2 asks Anthropic for structured output in one of two ways, depending on the
    model (checked by capturing its requests; see tests/test_eval_wire.py):

    - `structured="tool"`: models without native structured output (e.g. claude-3-5-haiku) get a
      forced `json_tool_call` tool; the reply is a `tool_use` block whose `input` is the draft.
    - `structured="output_format"`: models flagged `supports_native_structured_output` in
      litellm's model map (claude-sonnet-4-5, claude-haiku-4-5, ...) get `output_format`
      (json_schema); the reply is a `text` block holding the JSON.

    A string `arguments` is sent as written: inside the text block, or, for the tool, as
    `{"values": ...}` (a tool input must be an object).
    """
    if status != 200:
        kind = {429: "rate_limit_error", 401: "authentication_error"}.get(status, "api_error")
        error = {"type": "error", "error": {"type": kind, "message": str(arguments)}}
        return _interaction(ANTHROPIC_URL, status, error)
    if structured == "tool":
        tool_input = arguments if isinstance(arguments, dict) else {"values": arguments}
        content: list[dict[str, Any]] = [
            {
                "type": "tool_use",
                "id": "toolu_brief000000000000000",
                "name": ANTHROPIC_TOOL,
                "input": tool_input,
            }
        ]
        default_stop = "tool_use"
    else:
        text = arguments if isinstance(arguments, str) else json.dumps(arguments)
        content = [{"type": "text", "text": text}]
        default_stop = "end_turn"
    body = {
        "id": "msg_brief0000000000000000",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason or default_stop,
        "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
    }
    return _interaction(ANTHROPIC_URL, status, body)


def write_cassette(
    path: Path,
    interactions: list[dict[str, Any]],
    note: str = "",
    *,
    expect: dict[str, Any] | None = None,
) -> None:
    """Write a vcrpy (format version 1) cassette, marked as hand-written.

    `expect` records what the evaluation should conclude from this cassette (e.g. that the
    draft is rejected, or flagged in the jargon family); tests read it back.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {"source": HAND_WRITTEN, "note": note}
    if expect is not None:
        meta["expect"] = expect
    data = {"brief_meta": meta, "interactions": interactions, "version": 1}
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
