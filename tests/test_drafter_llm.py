"""The litellm path: offline provider, replayed OpenAI responses, repair round, retries, errors."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from brief.cassettes import make_vcr
from brief.wire import openai_reply, write_cassette
from drafter import (
    DrafterConfig,
    DraftValidationError,
    ProviderError,
    agenerate_draft,
    compose_offline_draft,
    generate_draft,
    load_facts,
)
from drafter.llm import response_format

ROOT = Path(__file__).resolve().parent.parent
FACTS = load_facts(ROOT / "fixtures/incidents/conversion-drop.yaml")
GOOD = compose_offline_draft(FACTS)
OPENAI = "openai/gpt-4o-mini"


def fast(model: str = OPENAI, **options: object) -> DrafterConfig:
    return DrafterConfig(model=model, backoff_s=0.01, backoff_max_s=0.05, **options)


@pytest.fixture
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write a cassette of OpenAI-format interactions and replay it (never records)."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-fake-key-for-replay")

    sent: list[dict] = []

    def use(*interactions: dict):
        write_cassette(tmp_path / "c.yaml", list(interactions), note="test")
        vcr = make_vcr(
            tmp_path, mode="replay", on_request=lambda r: r.body and sent.append(json.loads(r.body))
        )
        return vcr.use_cassette("c.yaml")

    use.sent = sent  # type: ignore[attr-defined]
    return use


def test_offline_model_drafts_through_the_same_flow_with_metadata() -> None:
    result = generate_draft(FACTS, DrafterConfig())
    assert result.draft == GOOD
    assert result.meta.model == "offline/template"
    assert result.meta.prompt_version == "draft-v1"
    assert result.meta.cost_usd == 0.0
    assert result.meta.input_tokens > 500 and result.meta.output_tokens > 500
    assert result.meta.attempts == 1 and not result.meta.repaired
    assert result.unsupported_figures == []


def test_offline_model_streams_the_same_draft() -> None:
    pieces: list[str] = []
    result = generate_draft(FACTS, DrafterConfig(stream=True), on_text=pieces.append)
    assert len(pieces) > 10
    assert json.loads("".join(pieces)) == json.loads(GOOD.model_dump_json())
    assert result.draft == GOOD


def test_async_path_gives_the_same_draft() -> None:
    assert asyncio.run(agenerate_draft(FACTS, DrafterConfig())).draft == GOOD


def test_schema_is_strict_for_structured_output() -> None:
    fmt = response_format()
    schema = fmt["json_schema"]["schema"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"briefing", "script", "qa"}
    briefing = schema["$defs"]["Briefing"]
    assert set(briefing["required"]) == set(briefing["properties"])


def test_replayed_openai_response_takes_the_structured_path(replay) -> None:
    with replay(
        openai_reply(GOOD.model_dump_json(), prompt_tokens=1800, completion_tokens=950)
    ) as c:
        result = generate_draft(FACTS, fast())
    assert c.play_count == 1
    request = replay.sent[0]
    assert request["response_format"]["json_schema"]["name"] == "brief_draft"
    assert "<incident_facts>" in request["messages"][1]["content"]
    assert result.draft == GOOD
    assert (result.meta.input_tokens, result.meta.output_tokens) == (1800, 950)
    assert result.meta.cost_usd is not None and result.meta.cost_usd > 0


def test_markdown_fenced_json_is_accepted(replay) -> None:
    with replay(openai_reply("```json\n" + GOOD.model_dump_json() + "\n```")):
        assert generate_draft(FACTS, fast()).draft == GOOD


def test_invalid_reply_gets_one_repair_round(replay) -> None:
    broken = '{"briefing": {"subject": "Model failure"'
    with replay(openai_reply(broken), openai_reply(GOOD.model_dump_json())) as c:
        result = generate_draft(FACTS, fast())
    assert c.play_count == 2
    repair_request = replay.sent[-1]["messages"]
    assert repair_request[-2] == {"role": "assistant", "content": broken}
    assert "not valid JSON" in repair_request[-1]["content"]
    assert result.meta.repaired and result.meta.attempts == 2
    assert result.meta.input_tokens == 3000


def test_reply_missing_fields_is_repaired_with_the_schema_errors(replay) -> None:
    partial = GOOD.model_dump()
    del partial["qa"]
    with replay(openai_reply(json.dumps(partial)), openai_reply(GOOD.model_dump_json())):
        generate_draft(FACTS, fast())
    repair = replay.sent[-1]["messages"][-1]["content"]
    assert "qa: Field required" in repair


def test_cut_off_reply_is_repaired(replay) -> None:
    cut = GOOD.model_dump_json()[:500]
    with replay(openai_reply(cut, finish_reason="length"), openai_reply(GOOD.model_dump_json())):
        result = generate_draft(FACTS, fast())
    assert "cut off" in replay.sent[-1]["messages"][-1]["content"]
    assert result.meta.repaired


def test_two_invalid_replies_are_rejected_with_the_reason(replay) -> None:
    cassette = replay(openai_reply("Sure! Here is your briefing."), openai_reply("{}"))
    with cassette, pytest.raises(DraftValidationError) as caught:
        generate_draft(FACTS, fast())
    message = str(caught.value)
    assert "even after one repair round" in message
    assert "not valid JSON" in message and "briefing: Field required" in message
    assert caught.value.reply == "{}"


def test_rate_limit_is_retried_then_succeeds(replay) -> None:
    with replay(
        openai_reply("Rate limit reached", status=429), openai_reply(GOOD.model_dump_json())
    ) as c:
        result = generate_draft(FACTS, fast())
    assert c.play_count == 2 and result.draft == GOOD


def test_server_errors_give_up_after_max_attempts(replay) -> None:
    errors = [openai_reply("upstream failure", status=500) for _ in range(3)]
    with replay(*errors) as c, pytest.raises(ProviderError) as caught:
        generate_draft(FACTS, fast(max_attempts=3))
    assert c.play_count == 3
    assert str(caught.value).startswith("openai: server error (500)")
    assert "gave up after 3 tries" in str(caught.value)


def test_rejected_key_is_not_retried_and_names_the_variable(replay) -> None:
    cassette = replay(openai_reply("Incorrect API key provided", status=401))
    with cassette as c, pytest.raises(ProviderError) as caught:
        generate_draft(FACTS, fast())
    assert c.play_count == 1
    assert "401" in str(caught.value) and "OPENAI_API_KEY" in str(caught.value)
    assert not caught.value.retryable


def test_missing_key_fails_before_any_request() -> None:
    with pytest.raises(ProviderError) as caught:
        generate_draft(FACTS, fast("anthropic/claude-sonnet-4-5"))
    assert "ANTHROPIC_API_KEY" in str(caught.value)
    assert str(caught.value).startswith("anthropic:")
