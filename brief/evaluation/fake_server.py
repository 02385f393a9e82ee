"""A local OpenAI-compatible server that answers every chat completion with the offline draft.

For trying concurrency and recording without a key, for tests and for scripts/bench_eval.py:

    with FakeOpenAIServer(delay_s=1.0) as server:
        run_evaluation(incidents, [ModelSpec.parse("openai/x")], mode="live",
                       api_base=server.api_base, concurrency=8)

It listens on 127.0.0.1 only, reads the facts from the prompt (the `<incident_facts>` block
every Brief prompt carries), waits `delay_s`, and replies in OpenAI's wire format. It counts the
requests it answered and the most it had in flight at once.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if not self.path.endswith("/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        with self.server.lock:
            self.server.in_flight += 1
            self.server.peak = max(self.server.peak, self.server.in_flight)
        try:
            time.sleep(self.server.delay_s)
            status, body = self.server.answer(json.loads(raw or b"{}"))
        finally:
            with self.server.lock:
                self.server.in_flight -= 1
                self.server.answered += 1
        self._send(status, body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, delay_s: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.delay_s = delay_s
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.answered = 0

    def answer(self, request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        from drafter.facts import IncidentFacts
        from drafter.offline import compose_offline_draft
        from drafter.prompts import extract_facts_json

        raw = extract_facts_json(request.get("messages") or [])
        if raw is None:
            error = {"message": "no <incident_facts> block in the prompt", "type": "invalid"}
            return 400, {"error": error}
        content = compose_offline_draft(
            IncidentFacts.model_validate(json.loads(raw))
        ).model_dump_json()
        prompt = sum(len(str(m.get("content", ""))) for m in request["messages"]) // 4
        return 200, {
            "id": f"chatcmpl-fake{self.answered:06d}",
            "object": "chat.completion",
            "created": 1764201600,
            "model": str(request.get("model", "x")),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": len(content) // 4,
                "total_tokens": prompt + len(content) // 4,
            },
        }


class FakeOpenAIServer:
    """Start on enter, stop on exit. `api_base` is what to pass to litellm."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self._server = _Server(delay_s)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    @property
    def peak_in_flight(self) -> int:
        return self._server.peak

    @property
    def answered(self) -> int:
        return self._server.answered

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
