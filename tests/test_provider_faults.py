"""Provider faults end fast with a distinct message that says what to do.

Every case runs against a scripted server on 127.0.0.1 (tests/fake_provider.py) through the real
litellm path. No test measures speed: waits are recorded by replacing time.sleep.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from drafter import DrafterConfig, ProviderError, generate_draft, load_facts
from drafter import llm as llm_module
from drafter.provider_errors import RETRY_AFTER_CAP_S
from tests.fake_provider import FakeProvider, Reply

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts(ROOT / "fixtures" / "incidents" / "conversion-drop.yaml")
KEY = "sk-test-0000000000000000000000000000"


@pytest.fixture(autouse=True)
def _fake_key(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record every backoff wait instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr(llm_module.time, "sleep", recorded.append)
    return recorded


def _config(api_base: str, **overrides: object) -> DrafterConfig:
    values = {"model": "openai/x", "api_base": api_base, "timeout_s": 20, "max_attempts": 3}
    return DrafterConfig(**{**values, **overrides})


def _fail(script: list[Reply], **overrides: object) -> tuple[str, int]:
    with FakeProvider(script) as server:
        with pytest.raises(ProviderError) as caught:
            generate_draft(FACTS, _config(server.api_base, **overrides))
        return str(caught.value), len(server.requests)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused_is_not_a_server_error(waits: list[float]) -> None:
    base = f"http://127.0.0.1:{_free_port()}/v1"
    with pytest.raises(ProviderError) as caught:
        generate_draft(FACTS, _config(base))
    message = str(caught.value)
    assert "connection refused" in message and "running" in message
    assert "500" not in message


def test_dns_failure_names_the_address() -> None:
    base = "http://no-such-host.invalid/v1"
    with pytest.raises(ProviderError) as caught:
        generate_draft(FACTS, _config(base))
    message = str(caught.value)
    assert "could not be resolved" in message and base in message
    assert "gave up" not in message  # a wrong name is not retried


def test_timeout_says_how_long_and_what_to_do(waits: list[float]) -> None:
    message, requests = _fail([Reply(delay_s=3)], timeout_s=0.5, max_attempts=2)
    assert "no answer within 0.5 s" in message and "--timeout" in message
    assert requests == 2 and len(waits) == 1


def test_total_deadline_stops_retries(waits: list[float], monkeypatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(llm_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(llm_module.time, "sleep", lambda s: clock.__setitem__(0, clock[0] + s))
    message, requests = _fail(
        [Reply.json(429, {"error": {"message": "slow"}}, headers={"Retry-After": "10"})],
        deadline_s=15,
        max_attempts=5,
    )
    assert "deadline of 15 s" in message and "BRIEF_DEADLINE" in message
    assert requests == 2  # 10 s wait fits once in 15 s, not twice


def test_default_deadline_is_under_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEF_DEADLINE", raising=False)
    assert DrafterConfig().deadline_s < 60
    monkeypatch.setenv("BRIEF_DEADLINE", "12")
    assert DrafterConfig.from_env().deadline_s == 12


@pytest.mark.parametrize(
    ("status", "expected", "tries"),
    [
        (401, "the API key was rejected (401). Check the key in OPENAI_API_KEY", 1),
        (403, "may not use model 'openai/x' (403)", 1),
        (404, "was not found at", 1),
        (500, "server error (500)", 3),
        (503, "server error (503)", 3),
    ],
)
def test_http_status_messages(waits: list[float], status: int, expected: str, tries: int) -> None:
    message, requests = _fail([Reply.json(status, {"error": {"message": "nope"}})])
    assert expected in message
    assert requests == tries


def test_429_honours_retry_after(waits: list[float]) -> None:
    script = [
        Reply.json(429, {"error": {"message": "slow down"}}, headers={"Retry-After": "2"}),
        Reply.draft(),
    ]
    with FakeProvider(script) as server:
        result = generate_draft(FACTS, _config(server.api_base))
    assert result.draft.briefing.subject
    assert len(waits) == 1 and 2.0 <= waits[0] <= 2.2  # the server's 2 s (+ up to 10% jitter)


def test_429_retry_after_is_capped(waits: list[float]) -> None:
    script = [
        Reply.json(429, {"error": {"message": "slow down"}}, headers={"Retry-After": "3600"}),
        Reply.draft(),
    ]
    with FakeProvider(script) as server:
        generate_draft(FACTS, _config(server.api_base, backoff_max_s=1000, deadline_s=600))
    assert len(waits) == 1 and waits[0] <= RETRY_AFTER_CAP_S * 1.1


def test_429_gives_up_with_rate_limit_message(waits: list[float]) -> None:
    message, requests = _fail([Reply.json(429, {"error": {"message": "slow"}})])
    assert "rate limited (429)" in message and "gave up after 3 tries" in message
    assert requests == 3


def test_html_page_is_named(waits: list[float]) -> None:
    page = b"<!DOCTYPE html><html><head><title>Sign in</title></head></html>"
    message, _ = _fail([Reply(200, {"Content-Type": "text/html"}, page)])
    assert "HTML page" in message and "api_base" in message
    assert "InternalServerError" not in message and "OpenAIException" not in message


def test_html_error_page_from_a_gateway(waits: list[float]) -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    message, requests = _fail([Reply(502, {"Content-Type": "text/html"}, page)])
    assert "server error (502)" in message and "HTML error page" in message
    assert requests == 3


@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_non_json_body(waits: list[float], content_type: str) -> None:
    message, _ = _fail([Reply(200, {"Content-Type": content_type}, b"hello, not json {")])
    assert "not JSON" in message
    assert "Expecting value" not in message and "APIResponse" not in message


@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_empty_body(waits: list[float], content_type: str) -> None:
    message, _ = _fail([Reply(200, {"Content-Type": content_type}, b"")])
    assert "empty body" in message
    assert "class" not in message and "LegacyAPIResponse" not in message


@pytest.mark.parametrize(
    "body",
    [
        {"id": "x", "object": "chat.completion", "model": "x", "choices": []},
        {"id": "x", "object": "chat.completion", "model": "x"},
    ],
    ids=["empty-choices", "no-choices-key"],
)
def test_missing_choices(waits: list[float], body: dict) -> None:
    message, _ = _fail([Reply.json(200, body)])
    assert "had no choices" in message
    assert "list index out of range" not in message


def test_dropped_connection(waits: list[float]) -> None:
    message, _ = _fail([Reply(close=True)])
    assert "closed the connection without an answer" in message


def test_provider_error_text_is_scrubbed(waits: list[float]) -> None:
    echoed = {
        "error": {
            "message": f"invalid key; request had Authorization: Bearer {KEY} "
            "and x-api-key: AKIAIOSFODNN7EXAMPLE"
        }
    }
    message, _ = _fail([Reply.json(400, echoed)])
    assert KEY not in message and "AKIAIOSFODNN7EXAMPLE" not in message
    assert "REDACTED" in message
