"""The model picker: offline/template by default, any litellm model string, an optional API base.

Keys are read from the environment or from `st.secrets` (.streamlit/secrets.toml) only; the
page says whether a key was found and where, and never shows, stores or logs its value.
"""

from __future__ import annotations

import os

import streamlit as st
from pydantic import SecretStr, ValidationError

from brief.ui.state import kept, md_escape, remember
from drafter import DEFAULT_MODEL, DrafterConfig
from drafter.llm import API_BASE_ENV, KEY_VARIABLES, MODEL_ENV

OTHER = "Other (type a litellm model string)"
PRESETS = (
    DEFAULT_MODEL,
    "openai/gpt-4o-mini",
    "openai/gpt-4o",
    "anthropic/claude-sonnet-4-5",
    "gemini/gemini-2.5-flash",
    "ollama/llama3.1",
    OTHER,
)


def _secret(name: str) -> str | None:
    """A value from st.secrets, or None when there is no secrets file or no such key."""
    try:
        value = st.secrets.get(name)
    except Exception:  # no secrets.toml: Streamlit raises rather than returning None
        return None
    return str(value) if value else None


def key_variable(model: str) -> str | None:
    """The environment variable that holds the key for this model's provider, if known."""
    provider = model.split("/", 1)[0] if "/" in model else ""
    if provider in ("offline", "ollama", "ollama_chat", "hosted_vllm", "lm_studio"):
        return None
    if provider in KEY_VARIABLES:
        return KEY_VARIABLES[provider]
    if not provider and model.startswith(("gpt-", "o1", "o3", "o4")):
        return "OPENAI_API_KEY"
    if not provider and model.startswith("claude"):
        return "ANTHROPIC_API_KEY"
    return f"{provider.upper()}_API_KEY" if provider else None


def render_model_picker() -> DrafterConfig | None:
    """Sidebar controls; returns the config to draft with, or None if it is not valid."""
    env_model = os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    preset_default = env_model if env_model in PRESETS else OTHER
    with st.sidebar:
        st.subheader("Model")
        preset = st.selectbox(
            "Model",
            PRESETS,
            key=kept("model:preset", preset_default),
            help="offline/template needs no key and no network. Any litellm model works.",
        )
        remember("model:preset")
        model = preset
        if preset == OTHER:
            model = st.text_input(
                "litellm model string",
                key=kept("model:custom", env_model if env_model not in PRESETS else ""),
                placeholder="e.g. mistral/mistral-large-latest",
            ).strip()
            remember("model:custom")
        api_base = st.text_input(
            "API base (optional)",
            key=kept("model:api_base", os.environ.get(API_BASE_ENV, "")),
            placeholder="http://localhost:11434 for Ollama, or a LiteLLM proxy",
        ).strip()
        remember("model:api_base")
        stream = st.checkbox(
            "Show the text as it is written", key=kept("model:stream", True), help="Streaming."
        )
        remember("model:stream")

        api_key: SecretStr | None = None
        variable = key_variable(model) if model else None
        if variable:
            if os.environ.get(variable):
                st.caption(f":material/key: Key found in the environment ({variable}).")
            elif secret := _secret(variable):
                api_key = SecretStr(secret)
                st.caption(f":material/key: Key found in .streamlit/secrets.toml ({variable}).")
            else:
                st.caption(
                    f":material/key: No key yet: set {variable} in the environment or in "
                    ".streamlit/secrets.toml, then reload. Keys are never shown or stored."
                )
        elif model.startswith("offline/"):
            st.caption("No key needed: the offline model writes the draft from the facts alone.")
    if not model:
        st.sidebar.error("Type a model string, or pick offline/template.")
        return None
    try:
        return DrafterConfig(
            model=model, api_base=api_base or None, api_key=api_key, stream=bool(stream)
        )
    except ValidationError as exc:
        st.sidebar.error(f"Model settings: {md_escape(exc.errors()[0]['msg'])}")
        return None
