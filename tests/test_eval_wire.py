"""What litellm 1.110.2 really sends to Anthropic for structured output, and that the replies
brief/wire.py writes for each shape come back as a valid draft.

Captured from a local server on 127.0.0.1 standing in for api.anthropic.com.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

import drafter
from brief.cassettes import make_vcr
from brief.wire import ANTHROPIC_TOOL, anthropic_reply, openai_reply, write_cassette

ROOT = Path(__file__).resolve().parent.parent
FACTS = drafter.load_facts(ROOT / "fixtures" / "incidents" / "conversion-drop.yaml")


class _Capture(BaseHTTPRequestHandler):
    bodies: ClassVar[list[dict[str, Any]]] = []

    def log_message(self, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        type(self).bodies.append(json.loads(self.rfile.read(length)))
        data = json.dumps(
            {"type": "error", "error": {"type": "invalid_request_error", "message": "captured"}}
        ).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def capture(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key-not-real")
    monkeypatch.setenv("LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS", "True")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Capture.bodies = []
    try:
        yield f"http://127.0.0.1:{server.server_port}", _Capture.bodies
    finally:
        server.shutdown()
        server.server_close()


def _send(model: str, api_base: str) -> None:
    config = drafter.DrafterConfig(model=model, api_base=api_base, max_attempts=1)
    with pytest.raises(drafter.ProviderError):
        drafter.generate_draft(FACTS, config)


def test_litellm_uses_output_format_for_models_with_native_structured_output(capture) -> None:
    api_base, bodies = capture
    _send("anthropic/claude-sonnet-4-5", api_base)
    body = bodies[0]
    assert body["output_format"]["type"] == "json_schema"
    assert "briefing" in body["output_format"]["schema"]["properties"]
    assert "tools" not in body and "tool_choice" not in body


def test_litellm_forces_the_json_tool_for_models_without_it(capture) -> None:
    api_base, bodies = capture
    _send("anthropic/claude-3-5-haiku-20241022", api_base)
    body = bodies[0]
    assert body["tool_choice"] == {"name": ANTHROPIC_TOOL, "type": "tool"}
    assert [tool["name"] for tool in body["tools"]] == [ANTHROPIC_TOOL]
    assert "briefing" in body["tools"][0]["input_schema"]["properties"]
    assert "output_format" not in body


@pytest.mark.parametrize(
    ("model", "structured"),
    [
        ("anthropic/claude-sonnet-4-5", "output_format"),
        ("anthropic/claude-3-5-haiku-20241022", "tool"),
    ],
)
def test_anthropic_replies_replay_as_a_valid_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: str, structured: str
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key-not-real")
    monkeypatch.setenv("LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS", "True")
    draft = drafter.compose_offline_draft(FACTS)
    invalid = anthropic_reply('{"briefing": {"subject": "Cut', structured=structured)
    valid = anthropic_reply(draft.model_dump(mode="json"), structured=structured)
    write_cassette(tmp_path / "reply.yaml", [invalid, valid], "test")
    with make_vcr(tmp_path).use_cassette("reply.yaml"):
        result = drafter.generate_draft(FACTS, drafter.DrafterConfig(model=model, backoff_s=0))
    assert result.draft == draft
    assert result.meta.attempts == 2 and result.meta.repaired
    assert result.meta.input_tokens == 2 * 1700


def test_an_openai_reply_cut_off_twice_is_rejected_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    cut = openai_reply('{"briefing": {"subject": "Checkout', finish_reason="length")
    write_cassette(tmp_path / "cut.yaml", [cut, cut], "test")
    config = drafter.DrafterConfig(model="openai/gpt-4o-mini", backoff_s=0)
    with (
        make_vcr(tmp_path).use_cassette("cut.yaml"),
        pytest.raises(drafter.DraftValidationError, match="cut off"),
    ):
        drafter.generate_draft(FACTS, config)
