"""Errors the drafter raises, each with a message a person can act on."""

from __future__ import annotations


class DraftError(RuntimeError):
    """Base class: `str(error)` is the whole message, with what to do next."""


class ProviderError(DraftError):
    """The model's provider refused or failed the request."""

    def __init__(self, provider: str, message: str, *, retryable: bool = False) -> None:
        self.provider = provider
        self.retryable = retryable
        super().__init__(f"{provider}: {message}")


class DraftValidationError(DraftError):
    """The model's reply was not a valid draft, even after the repair round."""

    def __init__(self, message: str, reply: str = "") -> None:
        self.reply = reply
        super().__init__(message)
