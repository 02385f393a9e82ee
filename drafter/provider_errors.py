"""Turn whatever a provider call raised into one ProviderError a person can act on.

Each fault gets its own message and says what to do: connection refused, a host name that does
not resolve, a timeout, 401, 403, 404, 429 (with the server's Retry-After), 5xx, a body that is an
HTML page or not JSON, an empty body, a reply without choices. Messages are scrubbed by the
guard (drafter.guard.scrub) so a key echoed by a provider or a proxy is never shown or logged.
"""

from __future__ import annotations

import email.utils
import re
import time
from typing import TYPE_CHECKING, Any

from drafter.errors import ProviderError

if TYPE_CHECKING:
    from drafter.llm import DrafterConfig

RETRY_AFTER_CAP_S = 20.0  # never wait longer than this for one Retry-After, whatever it says
_REFUSED = re.compile(r"connection refused|errno 111|connect call failed|actively refused", re.I)
_DNS = re.compile(
    r"name or service not known|nodename nor servname|getaddrinfo failed|"
    r"temporary failure in name resolution|no address associated|name resolution|errno -[23]\b",
    re.I,
)
_TIMEOUT = re.compile(r"timed? ?out|timeout", re.I)
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|title)\b", re.I)
_EMPTY = re.compile(
    r"expecting value: line 1 column 1 \(char 0\)|empty (?:body|response|reply)|"
    r"no content|received empty",
    re.I,
)
_NOT_JSON = re.compile(
    r"jsondecodeerror|expecting value|invalid json|not valid json|unexpected (?:token|content)",
    re.I,
)
_NO_CHOICES = re.compile(r"no 'choices'|no choices|'choices'", re.I)
_DROPPED = re.compile(
    r"server disconnected|connection reset|remoteprotocolerror|eof occurred", re.I
)
_RECEIVED = re.compile(r"Received: '(.*?)'\. Check", re.S)


class NoChoices(ValueError):
    """A reply that parsed but carried no choices."""


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 12:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _text(exc: BaseException) -> str:
    parts = []
    for item in _chain(exc):
        parts.append(f"{type(item).__name__}: {getattr(item, 'message', None) or item}")
    return " | ".join(parts)


def _scrub(text: str, config: DrafterConfig | None = None) -> str:
    if config is not None and config.api_key is not None:
        key = config.api_key.get_secret_value()
        if key:
            text = text.replace(key, "[REDACTED:api-key]")
    from drafter.guard import scrub

    return scrub(text)


def _first_line(exc: BaseException, config: DrafterConfig) -> str:
    raw = str(getattr(exc, "message", None) or exc).strip()
    lines = [line for line in raw.splitlines() if line.strip()]
    detail = lines[0][:300] if lines else ""
    detail = re.sub(r"\b(?:litellm|openai)\.\w+(?:Error|Exception):\s*", "", detail)
    detail = re.sub(r"\b[A-Z]\w+(?:Error|Exception)\s*-\s*", "", detail)
    return _scrub(detail, config)


def _bad_body(exc: BaseException, text: str) -> str | None:
    """The body of a reply that was not a JSON completion, when the error carries one."""
    for item in _chain(exc):
        doc = getattr(item, "doc", None)
        if type(item).__name__ == "JSONDecodeError" and isinstance(doc, str):
            return doc
    if found := _RECEIVED.search(text):
        return found.group(1)
    return None


def _response_text(exc: BaseException) -> str:
    for item in _chain(exc):
        response = getattr(item, "response", None)
        try:
            body = getattr(response, "text", "") if response is not None else ""
        except Exception:
            body = ""
        if isinstance(body, str) and body:
            return body
    return ""


def retry_after_s(exc: BaseException) -> float | None:
    """The server's Retry-After (seconds or an HTTP date), capped at RETRY_AFTER_CAP_S."""
    for item in _chain(exc):
        response = getattr(item, "response", None)
        headers = getattr(response, "headers", None) or getattr(item, "headers", None) or {}
        try:
            value = headers.get("retry-after") or headers.get("Retry-After")
        except AttributeError:
            continue
        if value is None:
            continue
        seconds: float | None
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            parsed = email.utils.parsedate_to_datetime(str(value)) if value else None
            seconds = parsed.timestamp() - time.time() if parsed is not None else None
        if seconds is not None and seconds == seconds:  # not NaN
            return max(0.0, min(RETRY_AFTER_CAP_S, seconds))
    return None


def classify(
    exc: BaseException, config: DrafterConfig, litellm: Any, provider: str
) -> ProviderError:
    """A ProviderError that says what happened, what to do, and whether to try again."""
    status = getattr(exc, "status_code", None)
    text = _text(exc)
    detail = _first_line(exc, config)
    where = f" at {config.api_base}" if config.api_base else ""
    from drafter.llm import KEY_VARIABLES

    key = KEY_VARIABLES.get(provider, f"{provider.upper()}_API_KEY")

    def error(message: str, *, retryable: bool = False) -> ProviderError:
        return ProviderError(provider, _scrub(message, config), retryable=retryable)

    if isinstance(exc, NoChoices) or _NO_CHOICES.search(text):
        return error(
            f"the reply{where} had no choices (no text came back). The server answered but not "
            "in the provider's format: check the model name and api_base, or try again.",
            retryable=True,
        )
    timed_out = isinstance(exc, litellm.Timeout) or status == 408
    if timed_out or (
        isinstance(exc, litellm.APIConnectionError) and _TIMEOUT.search(text) and status != 429
    ):
        return error(
            f"no answer within {round(config.timeout_s, 1):g} s{where}. Try again, raise "
            "--timeout, or check that the server is not overloaded.",
            retryable=True,
        )
    if _REFUSED.search(text):
        return error(
            f"connection refused{where or ' by the provider'}: nothing is listening there. Is "
            "the server (Ollama, the LiteLLM proxy) running, and is the port in api_base right?",
            retryable=True,
        )
    if _DROPPED.search(text):
        return error(
            f"the server{where} closed the connection without an answer. It may have crashed or "
            "restarted; try again, and check its logs.",
            retryable=True,
        )
    if _DNS.search(text):
        return error(
            f"the host name{where} could not be resolved (DNS). Check the spelling of api_base "
            "and your network or VPN.",
        )
    if isinstance(exc, litellm.AuthenticationError) or status == 401:
        return error(f"the API key was rejected (401). Check the key in {key}.")
    if isinstance(exc, litellm.PermissionDeniedError) or status == 403:
        return error(
            f"the key in {key} may not use model '{config.model}' (403). "
            "Ask your admin for access or pick another model."
        )
    if isinstance(exc, litellm.NotFoundError) or status == 404:
        return error(
            f"model '{config.model}' or its route was not found{where} (404). Check the model "
            "name, and that api_base ends where the provider's API starts (often /v1)."
        )
    if isinstance(exc, litellm.RateLimitError) or status == 429:
        wait = retry_after_s(exc)
        hint = f" The server asked to wait {wait:g} s." if wait is not None else ""
        return error(
            f"rate limited (429): too many requests or tokens for this key.{hint} Wait a minute "
            "or use a key with a higher limit.",
            retryable=True,
        )
    if isinstance(exc, litellm.ContextWindowExceededError):
        return error(f"the prompt is too long for '{config.model}': {detail}")
    body = _bad_body(exc, text)
    if body is not None and not body.strip():
        return error(
            f"the server{where} answered with an empty body. Is api_base the provider's API "
            "(often ending in /v1)? Try again; if it persists, check the server's logs.",
            retryable=True,
        )
    if body is not None and _HTML.search(body[:500]):
        return error(
            f"the server{where} answered with an HTML page, not the provider's JSON API. Is "
            "api_base the API address (e.g. http://host:4000/v1), not a web page or a login "
            "portal?",
        )
    if body is not None:
        return error(
            f"the server{where} answered with something that is not JSON "
            f"({len(body):,} characters of text). Is api_base the provider's API (often ending "
            "in /v1)?",
        )
    if status is not None and status >= 500 and _HTML.search(_response_text(exc)[:500]):
        return error(
            f"server error ({status}){where}: a proxy or gateway answered with an HTML error "
            "page. The model server behind it may be down; try again in a minute.",
            retryable=True,
        )
    if status is not None and status >= 500:
        return error(
            f"server error ({status}){where}: the fault is on the provider's side. Try again "
            "in a minute.",
            retryable=True,
        )
    if _EMPTY.search(text):
        return error(
            f"the server{where} answered with an empty body. Check api_base and that the "
            "server is the provider's API; try again.",
            retryable=True,
        )
    if _NOT_JSON.search(text):
        return error(
            f"the server{where} answered with something that is not JSON. Check api_base (the "
            "provider's API, often ending in /v1).",
            retryable=True,
        )
    if isinstance(exc, litellm.APIConnectionError):
        return error(
            f"could not reach the model{where}: {detail or 'connection failed'}. Is the server "
            "running and the address right?",
            retryable=True,
        )
    return error(detail or "the provider call failed")
