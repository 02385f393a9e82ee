"""Draft through any litellm model: structured output, one repair round, retries, clear errors.

litellm is imported lazily (it takes about 3 s), with LITELLM_LOCAL_MODEL_COST_MAP and
LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS set first so it never fetches a price list or a header table
over the network, and only for a real provider: the `offline/template` model answers through
`drafter.offline_model` (a function call) in the same flow, with the same prompt and schema.
Latency is the model call alone (`Completion.latency_ms`), never an import.

The request/repair logic is written once, as a generator (`_draft_flow`) that yields the
messages to send and receives each completion; `generate_draft` and `agenerate_draft` only differ
in how they send.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from pydantic import BaseModel, Field, SecretStr, ValidationError

from drafter.draft import Draft, DraftMeta, DraftResult
from drafter.errors import DraftValidationError, ProviderError
from drafter.facts import IncidentFacts
from drafter.grounding import unsupported_figures
from drafter.prompts import PROMPT_VERSION, build_messages, repair_message
from drafter.provider_errors import NoChoices, classify, retry_after_s

DEFAULT_MODEL = "offline/template"
MODEL_ENV = "BRIEF_MODEL"
API_BASE_ENV = "BRIEF_API_BASE"
DEADLINE_ENV = "BRIEF_DEADLINE"
DEFAULT_DEADLINE_S = 45.0  # a person waits this long at most, retries included

KEY_VARIABLES = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "azure": "AZURE_API_KEY",
    "gemini": "GEMINI_API_KEY",
    "mistral": "MISTRAL_API_KEY",
    "groq": "GROQ_API_KEY",
    "cohere": "COHERE_API_KEY",
}

TextCallback = Callable[[str], None]


class DrafterConfig(BaseModel):
    """Which model to call and how patiently. Keys come from the environment, never from files."""

    model: str = Field(default=DEFAULT_MODEL, min_length=1)
    api_base: str | None = Field(default=None, description="A LiteLLM proxy, Ollama, Azure, ...")
    api_key: SecretStr | None = Field(default=None, exclude=True, repr=False)
    timeout_s: float = Field(default=120.0, gt=0, description="Per request (capped by deadline).")
    deadline_s: float = Field(
        default=DEFAULT_DEADLINE_S,
        gt=0,
        le=3600,
        description="Total for a draft, retries included.",
    )
    max_attempts: int = Field(default=3, ge=1, le=10, description="Tries per request.")
    backoff_s: float = Field(default=1.0, ge=0, description="First wait between tries.")
    backoff_max_s: float = Field(default=30.0, ge=0)
    temperature: float | None = Field(default=0.2, ge=0, le=2)
    max_tokens: int = Field(default=4096, ge=256)
    stream: bool = False
    prompt_version: str = PROMPT_VERSION

    @classmethod
    def from_env(cls, **overrides: Any) -> DrafterConfig:
        """Defaults, then BRIEF_MODEL / BRIEF_API_BASE, then explicit non-None overrides."""
        values: dict[str, Any] = {}
        if model := os.environ.get(MODEL_ENV):
            values["model"] = model
        if api_base := os.environ.get(API_BASE_ENV):
            values["api_base"] = api_base
        if deadline := os.environ.get(DEADLINE_ENV):
            values["deadline_s"] = deadline
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


_litellm: ModuleType | None = None


def get_litellm() -> ModuleType:
    """Import litellm once, offline-safe, with the offline provider registered."""
    global _litellm
    if _litellm is None:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        # and the Anthropic route must not fetch its beta-header table on first use
        os.environ.setdefault("LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS", "True")
        import litellm

        litellm.suppress_debug_info = True
        litellm.telemetry = False
        from drafter import offline_provider

        offline_provider.register(litellm)
        _litellm = litellm
    return _litellm


@cache
def _draft_schema() -> str:
    return json.dumps(Draft.model_json_schema())


def response_format() -> dict[str, Any]:
    """The draft's JSON schema as OpenAI-style structured output (litellm maps it per provider).

    A fresh dict each call (litellm may adapt it per provider); the schema is built once.
    """
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "brief_draft",
            "schema": json.loads(_draft_schema()),
            "strict": True,
        },
    }


def provider_of(model: str) -> str:
    litellm = get_litellm()
    try:
        return str(litellm.get_llm_provider(model)[1])
    except Exception:
        return model.split("/", 1)[0] if "/" in model else "unknown provider"


def check_credentials(config: DrafterConfig) -> None:
    """Fail before any network call when the provider's key is missing, naming the variable."""
    if config.api_key is not None or config.model.startswith("offline/"):
        return
    litellm = get_litellm()
    try:
        report = litellm.validate_environment(model=config.model, api_base=config.api_base)
    except Exception:
        return  # an unknown provider: let the call itself report
    missing = [key for key in report.get("missing_keys", []) if key.endswith("_KEY")]
    if missing:
        names = " and ".join(missing)
        raise ProviderError(
            provider_of(config.model),
            f"no API key for model '{config.model}'. Set {names} in the environment "
            "(or in .streamlit/secrets.toml for the app), or use --model offline/template.",
        )


# --- one completion -------------------------------------------------------------------------


@dataclass
class Completion:
    """What came back from one request, provider-neutral."""

    text: str
    finish_reason: str
    input_tokens: int
    output_tokens: int
    cost_usd: float | None
    latency_ms: float = 0.0


def _request_kwargs(messages: list[dict[str, str]], config: DrafterConfig) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "model": config.model,
        "messages": messages,
        "response_format": response_format(),
        "timeout": config.timeout_s,
        "max_tokens": config.max_tokens,
        "num_retries": 0,  # Brief retries itself, with the rules in _classify
        "max_retries": 0,  # and the openai client must not retry on its own
        "drop_params": True,
    }
    if config.temperature is not None:
        kwargs["temperature"] = config.temperature
    if config.api_base:
        kwargs["api_base"] = config.api_base
    if config.api_key is not None:
        kwargs["api_key"] = config.api_key.get_secret_value()
    return kwargs


def _reply_text(message: Any) -> str:
    """The JSON text of a reply: content, or the arguments of a forced tool call."""
    content = getattr(message, "content", None)
    if content:
        return str(content)
    for call in getattr(message, "tool_calls", None) or []:
        arguments = getattr(getattr(call, "function", None), "arguments", None)
        if arguments:
            return str(arguments)
    return ""


def _completion_from(response: Any) -> Completion:
    litellm = get_litellm()
    if not getattr(response, "choices", None):
        raise NoChoices("the reply had no choices")
    choice = response.choices[0]
    usage = getattr(response, "usage", None)
    try:
        cost: float | None = float(litellm.completion_cost(completion_response=response))
    except Exception:
        cost = None
    return Completion(
        text=_reply_text(choice.message),
        finish_reason=str(choice.finish_reason or ""),
        input_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
        output_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        cost_usd=cost,
    )


def _timed(response: Any, started: float) -> Completion:
    """The completion, its latency measured up to the reply (not the cost look-up after it)."""
    elapsed_ms = (time.perf_counter() - started) * 1000
    completion = _completion_from(response)
    completion.latency_ms = elapsed_ms
    return completion


def _offline(
    messages: list[dict[str, str]], config: DrafterConfig, on_text: TextCallback | None
) -> Completion | None:
    """The offline model's answer, without litellm; None for any other model."""
    from drafter import offline_model

    if not offline_model.is_offline(config.model):
        return None
    return offline_model.complete(messages, on_text if config.stream else None)


def _complete_once(
    messages: list[dict[str, str]], config: DrafterConfig, on_text: TextCallback | None
) -> Completion:
    if (offline := _offline(messages, config, on_text)) is not None:
        return offline
    litellm = get_litellm()
    kwargs = _request_kwargs(messages, config)
    started = time.perf_counter()
    if not (config.stream and on_text):
        return _timed(litellm.completion(**kwargs), started)
    chunks = []
    for chunk in litellm.completion(**kwargs, stream=True, stream_options={"include_usage": True}):
        chunks.append(chunk)
        delta = chunk.choices[0].delta.content if chunk.choices else None
        if delta:
            on_text(delta)
    return _timed(litellm.stream_chunk_builder(chunks, messages=messages), started)


async def _acomplete_once(
    messages: list[dict[str, str]], config: DrafterConfig, on_text: TextCallback | None
) -> Completion:
    if (offline := _offline(messages, config, on_text)) is not None:
        return offline
    litellm = get_litellm()
    kwargs = _request_kwargs(messages, config)
    started = time.perf_counter()
    if not (config.stream and on_text):
        return _timed(await litellm.acompletion(**kwargs), started)
    chunks = []
    stream = await litellm.acompletion(
        **kwargs, stream=True, stream_options={"include_usage": True}
    )
    async for chunk in stream:
        chunks.append(chunk)
        delta = chunk.choices[0].delta.content if chunk.choices else None
        if delta:
            on_text(delta)
    return _timed(litellm.stream_chunk_builder(chunks, messages=messages), started)


# --- errors and retries -----------------------------------------------------------------------


def _classify(exc: Exception, config: DrafterConfig) -> ProviderError:
    """A ProviderError that says what happened and what to do (drafter/provider_errors.py)."""
    provider = getattr(exc, "llm_provider", None) or provider_of(config.model)
    return classify(exc, config, get_litellm(), str(provider))


def _wait_s(attempt: int, exc: Exception, config: DrafterConfig) -> float:
    """Exponential backoff with jitter, or the server's Retry-After, capped."""
    hinted = retry_after_s(exc)
    wait = hinted if hinted is not None else config.backoff_s * 2 ** (attempt - 1)
    return min(config.backoff_max_s, wait * (1 + random.random() * 0.1))


def _within(config: DrafterConfig, ends: float | None, attempt: int) -> DrafterConfig:
    """The config for one try: its timeout cut to what is left of the deadline."""
    if ends is None:
        return config
    left = ends - time.monotonic()
    if left <= 0.05:
        raise _out_of_time(config, attempt - 1)
    return config.model_copy(update={"timeout_s": min(config.timeout_s, left)})


def _out_of_time(config: DrafterConfig, attempts: int) -> ProviderError:
    tries = f" after {attempts} tries" if attempts > 1 else ""
    return ProviderError(
        provider_of(config.model),
        f"no draft within the deadline of {config.deadline_s:g} s{tries}. Try again later, or "
        f"raise the deadline ({DEADLINE_ENV} or --deadline).",
    )


def _pause(attempt: int, exc: Exception, config: DrafterConfig, ends: float | None) -> float:
    wait = _wait_s(attempt, exc, config)
    if ends is not None and time.monotonic() + wait >= ends:
        raise _out_of_time(config, attempt) from exc
    return wait


def _complete(
    messages: list[dict[str, str]],
    config: DrafterConfig,
    on_text: TextCallback | None,
    ends: float | None = None,
) -> Completion:
    for attempt in range(1, config.max_attempts + 1):
        try:
            tried = _within(config, ends, attempt)
            return _complete_once(messages, tried, on_text)
        except ProviderError:
            raise
        except Exception as exc:
            error = _classify(exc, tried)
            if not error.retryable or attempt == config.max_attempts:
                raise _final(error, attempt) from exc
            time.sleep(_pause(attempt, exc, config, ends))
    raise AssertionError("unreachable")


async def _acomplete(
    messages: list[dict[str, str]],
    config: DrafterConfig,
    on_text: TextCallback | None,
    ends: float | None = None,
) -> Completion:
    for attempt in range(1, config.max_attempts + 1):
        try:
            tried = _within(config, ends, attempt)
            return await _acomplete_once(messages, tried, on_text)
        except ProviderError:
            raise
        except Exception as exc:
            error = _classify(exc, tried)
            if not error.retryable or attempt == config.max_attempts:
                raise _final(error, attempt) from exc
            await asyncio.sleep(_pause(attempt, exc, config, ends))
    raise AssertionError("unreachable")


def _final(error: ProviderError, attempts: int) -> ProviderError:
    if attempts > 1:
        message = str(error).split(": ", 1)[1]
        return ProviderError(error.provider, f"{message} (gave up after {attempts} tries)")
    return error


# --- reading the reply ------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def parse_reply(completion: Completion) -> tuple[Draft | None, str]:
    """The draft, or None and a one-paragraph reason the model can act on."""
    text = completion.text.strip()
    if fenced := _FENCE.match(text):
        text = fenced.group(1)
    if completion.finish_reason == "length":
        return None, (
            "the reply was cut off before the end (finish_reason: length); "
            "write a shorter draft that fits."
        )
    if not text:
        return None, "the reply was empty."
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"the reply is not valid JSON ({exc.msg} at line {exc.lineno})."
    try:
        return Draft.model_validate(data), ""
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(part) for part in error['loc']) or 'draft'}: {error['msg']}"
            for error in exc.errors(include_url=False)[:8]
        ]
        more = len(exc.errors()) - len(problems)
        suffix = f" (and {more} more)" if more > 0 else ""
        return None, "the reply does not match the schema: " + "; ".join(problems) + suffix + "."


# --- the draft flow -------------------------------------------------------------------------

DraftFlow = Generator[list[dict[str, str]], Completion, DraftResult]


def _draft_flow(facts: IncidentFacts, config: DrafterConfig) -> DraftFlow:
    """Ask once; if the reply is not a valid draft, ask once more with the reason."""
    messages = build_messages(facts, version=config.prompt_version)
    completions = [(yield messages)]
    draft, problem = parse_reply(completions[0])
    if draft is None:
        repair = [
            *messages,
            {"role": "assistant", "content": completions[0].text},
            repair_message(problem, version=config.prompt_version),
        ]
        completions.append((yield repair))
        draft, second_problem = parse_reply(completions[1])
        if draft is None:
            raise DraftValidationError(
                f"{config.model} did not return a valid draft, even after one repair round. "
                f"First reply: {problem} Second reply: {second_problem}",
                reply=completions[1].text,
            )
    costs = [c.cost_usd for c in completions]
    meta = DraftMeta(
        model=config.model,
        prompt_version=config.prompt_version,
        input_tokens=sum(c.input_tokens for c in completions),
        output_tokens=sum(c.output_tokens for c in completions),
        cost_usd=None if None in costs else sum(c for c in costs if c is not None),
        latency_ms=sum(c.latency_ms for c in completions),
        attempts=len(completions),
        repaired=len(completions) > 1,
    )
    return DraftResult(
        draft=draft, meta=meta, unsupported_figures=unsupported_figures(draft, facts)
    )


def generate_draft(
    facts: IncidentFacts,
    config: DrafterConfig | None = None,
    *,
    on_text: TextCallback | None = None,
) -> DraftResult:
    """Draft the briefing, script and Q&A for these facts with the configured model.

    `on_text` receives streamed text as it arrives when `config.stream` is on.
    Raises ProviderError (with what to do) or DraftValidationError (with the model's reply).
    """
    config = config or DrafterConfig.from_env()
    check_credentials(config)
    ends = time.monotonic() + config.deadline_s
    flow = _draft_flow(facts, config)
    request = next(flow)
    while True:
        completion = _complete(request, config, on_text, ends)
        try:
            request = flow.send(completion)
        except StopIteration as done:
            return done.value


async def agenerate_draft(
    facts: IncidentFacts,
    config: DrafterConfig | None = None,
    *,
    on_text: TextCallback | None = None,
) -> DraftResult:
    """The same as generate_draft, through litellm.acompletion (for concurrent batches)."""
    config = config or DrafterConfig.from_env()
    check_credentials(config)
    ends = time.monotonic() + config.deadline_s
    flow = _draft_flow(facts, config)
    request = next(flow)
    while True:
        completion = await _acomplete(request, config, on_text, ends)
        try:
            request = flow.send(completion)
        except StopIteration as done:
            return done.value
