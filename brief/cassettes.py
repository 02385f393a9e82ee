"""Recorded LLM responses (vcrpy cassettes): one setup for tests, `brief eval` and recording.

Replay never touches the network: a request with no recorded match fails (litellm reports it as an
InternalServerError). Recording keeps no secrets: the headers that carry keys are filtered out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import vcr

SECRET_HEADERS = ("authorization", "x-api-key", "api-key", "openai-organization", "cookie")
Mode = Literal["replay", "record"]


def make_vcr(
    cassette_dir: str | Path,
    mode: Mode = "replay",
    *,
    on_request: Callable[[Any], None] | None = None,
) -> vcr.VCR:
    """A VCR that replays only (default) or records new episodes.

    `on_request` sees every outgoing request (as vcrpy's Request) before it is matched.
    """

    def observe(request: Any) -> Any:
        if on_request is not None:
            on_request(request)
        return request

    return vcr.VCR(
        before_record_request=observe,
        cassette_library_dir=str(cassette_dir),
        record_mode="none" if mode == "replay" else "new_episodes",
        match_on=("method", "scheme", "host", "port", "path"),
        filter_headers=[(name, None) for name in SECRET_HEADERS],
        filter_query_parameters=["key", "api-key", "api_key"],
        decode_compressed_response=True,
    )
