"""A scripted OpenAI-compatible server on 127.0.0.1 for fault and guard tests.

Each POST gets the next scripted reply (the last one repeats): a status, headers, a raw body and
an optional delay. Every request body is recorded, so a test can check what left the process.

    with FakeProvider([Reply(429, {"Retry-After": "1"}), Reply.draft()]) as server:
        ...  server.api_base, server.requests
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay_s: float = 0.0
    close: bool = False  # drop the connection without answering

    @classmethod
    def json(
        cls, status: int, data: Any, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> Reply:
        sent = {"Content-Type": "application/json", **(headers or {})}
        return cls(status, sent, json.dumps(data).encode(), **kwargs)

    @classmethod
    def draft(cls) -> Reply:
        """A valid completion: the offline draft of the facts in the prompt (filled in later)."""
        return cls(status=200, headers={"X-Brief-Draft": "1"})


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1764201600,
        "model": "x",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        with self.server.lock:
            self.server.requests.append(raw.decode("utf-8", "replace"))
            self.server.times.append(time.monotonic())
            number = len(self.server.requests) - 1
            reply = self.server.script[min(number, len(self.server.script) - 1)]
        if reply.delay_s:
            threading.Event().wait(reply.delay_s)  # not time.sleep: tests replace that
        if reply.close:
            self.close_connection = True
            return
        body = reply.body
        headers = dict(reply.headers)
        if headers.pop("X-Brief-Draft", None):
            body = json.dumps(completion(_offline_draft(raw))).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.send_response(reply.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def _offline_draft(raw: bytes) -> str:
    from drafter.facts import IncidentFacts
    from drafter.offline import compose_offline_draft
    from drafter.prompts import extract_facts_json

    request = json.loads(raw or b"{}")
    facts = extract_facts_json(request.get("messages") or [])
    return compose_offline_draft(IncidentFacts.model_validate(json.loads(facts))).model_dump_json()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: list[Reply]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script
        self.lock = threading.Lock()
        self.requests: list[str] = []
        self.times: list[float] = []


class FakeProvider:
    def __init__(self, script: list[Reply]) -> None:
        self._server = _Server(script)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    @property
    def requests(self) -> list[str]:
        return self._server.requests

    @property
    def times(self) -> list[float]:
        return self._server.times

    def __enter__(self) -> FakeProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
