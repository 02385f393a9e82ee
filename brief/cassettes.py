"""Recorded LLM responses (vcrpy cassettes): one setup for tests, `brief eval` and recording.

Replay never touches the network: a request with no recorded match fails (litellm reports it as an
InternalServerError). Recording keeps no secrets: the request headers that carry keys are filtered
out, response headers that identify the account are dropped, and `find_secrets` scans a cassette
for anything that still looks like a key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import vcr

SECRET_HEADERS = ("authorization", "x-api-key", "api-key", "openai-organization", "cookie")
# Response headers that name the account or set cookies: never worth keeping in a fixture.
ACCOUNT_RESPONSE_HEADERS = frozenset(
    {
        "set-cookie",
        "openai-organization",
        "openai-project",
        "anthropic-organization-id",
        "x-api-key",
        "authorization",
    }
)
Mode = Literal["replay", "record"]

# "name: value", "name": "value" or YAML's name: ['value'], case-insensitive.
_VALUE_AFTER = r"(?i){name}['\"]?\s*[:=]\s*\[?\s*['\"]?[A-Za-z0-9._\-]{{{length},}}"
SECRET_PATTERNS = (
    ("OpenAI-style key", re.compile(r"\bsk-(?:proj-|ant-|or-)?[A-Za-z0-9_\-]{16,}")),
    ("bearer token", re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/\-]{8,}=*")),
    (
        "x-api-key value",
        re.compile(r"(?i)x-api-key['\"]?\s*[:=]\s*\[?\s*['\"]?[A-Za-z0-9._\-]{8,}"),
    ),
    (
        "api-key value",
        re.compile(r"(?i)\bapi[-_]key['\"]?\s*[:=]\s*\[?\s*['\"]?[A-Za-z0-9._\-]{16,}"),
    ),
    ("AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
)


def find_secrets(text: str) -> list[str]:
    """What in `text` looks like a credential, as 'kind: first characters…' (never the whole)."""
    found = []
    for kind, pattern in SECRET_PATTERNS:
        for match in pattern.finditer(text):
            found.append(f"{kind}: {match.group(0)[:12]}…")
    return found


def _drop_account_headers(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in ACCOUNT_RESPONSE_HEADERS:
            del headers[name]
    return response


def make_vcr(
    cassette_dir: str | Path,
    mode: Mode = "replay",
    *,
    on_request: Callable[[Any], None] | None = None,
) -> vcr.VCR:
    """A VCR that replays only (default) or records new episodes.

    `on_request` sees every outgoing request (vcrpy's Request) before it is matched or recorded.
    """

    def observe(request: Any) -> Any:
        if on_request is not None:
            on_request(request)
        return request

    return vcr.VCR(
        cassette_library_dir=str(cassette_dir),
        record_mode="none" if mode == "replay" else "new_episodes",
        match_on=("method", "scheme", "host", "port", "path"),
        filter_headers=[(name, None) for name in SECRET_HEADERS],
        filter_query_parameters=["key", "api-key", "api_key"],
        before_record_request=observe,
        before_record_response=_drop_account_headers,
        decode_compressed_response=True,
    )
