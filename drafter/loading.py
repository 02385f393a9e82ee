"""Read incident facts from YAML or JSON, with messages a person can act on.

Every problem names the field in the file's own terms (``impact.money.amount``) and says what is
expected there, so a bad file never ends in a stack trace.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from drafter.facts import IncidentFacts


class FieldProblem(BaseModel):
    """One thing wrong with the facts, tied to the field it concerns."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class FactsError(ValueError):
    """The facts could not be read or are not valid. `problems` lists them field by field."""

    def __init__(self, summary: str, problems: list[FieldProblem] | None = None) -> None:
        self.summary = summary
        self.problems = problems or []
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [self.summary]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)

    def by_field(self) -> dict[str, str]:
        """Messages keyed by dotted field name, for showing them beside form fields."""
        return {problem.field: problem.message for problem in self.problems}


_FRIENDLY = {
    "missing": "is required",
    "extra_forbidden": "is not a known field (check the spelling)",
    "float_parsing": "must be a number, e.g. 50000 (no currency signs or words)",
    "int_parsing": "must be a whole number, e.g. 1200",
    "int_from_float": "must be a whole number, e.g. 1200",
    "date_from_datetime_parsing": "must be a date like 2026-12-04",
    "date_parsing": "must be a date like 2026-12-04",
    "date_type": "must be a date like 2026-12-04",
    "datetime_parsing": "must be a date like 2026-12-04 or a date and time like 2026-12-04T17:00",
    "string_too_short": "must not be empty",
    "too_short": "needs at least one entry",
    "list_type": "must be a list (one '- ' item per line in YAML)",
    "model_type": "must be a group of fields",
    "string_type": "must be text",
    "greater_than": "must be greater than zero",
    "greater_than_equal": "must not be negative",
    "finite_number": "must be a real number, not infinity or NaN (.inf/.nan)",
    "less_than_equal": "is too large to be a real figure",
    "literal_error": None,  # pydantic's own message names the allowed values
    "string_pattern_mismatch": None,
}


def _is_union_noise(error: Mapping[str, Any]) -> bool:
    """For `X | Unknown | None` fields pydantic reports one error per alternative."""
    return any(part in ("Unknown", "none_required", "date", "datetime") for part in error["loc"])


def _field_name(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part in ("Unknown", "MetricChange", "Money", "function-after[_needs_a_number()]") or (
            isinstance(part, str)
            and (
                part.startswith(("function-", "constrained-"))
                or part in ("str", "int", "float", "date", "datetime")
            )
        ):
            continue
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def problems_from_validation(exc: ValidationError) -> list[FieldProblem]:
    """Turn pydantic's errors into one plain message per field."""
    problems: dict[str, FieldProblem] = {}
    errors = exc.errors(include_url=False)
    meaningful = [e for e in errors if not _is_union_noise(e)] or errors
    for error in meaningful:
        field = _field_name(tuple(error["loc"]))
        friendly = _FRIENDLY.get(error["type"])
        if friendly is None and "date" in error["type"]:
            friendly = "must be a date like 2026-12-04"
        message = friendly or str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "less_than_equal" and "le" in error.get("ctx", {}):
            message += f" (at most {float(error['ctx']['le']):,.0f})"
        if error["type"].startswith(("date", "datetime")) and isinstance(error.get("input"), str):
            message += f" (got {error['input'][:40]!r}, which is not a real date)"
        if error["type"] in ("float_parsing", "int_parsing") and "input" in error:
            shown = repr(error["input"]) if isinstance(error["input"], str) else "a group of values"
            message += f" (got {shown if len(shown) <= 40 else shown[:37] + '...'})"
        problems.setdefault(field, FieldProblem(field=field, message=message))
    return list(problems.values())


MAX_FACTS_CHARS = 1_000_000  # the same limit as the critic's input (critic/data/limits.yaml)
MAX_DIGITS = 30  # a figure with more digits than this is not a real figure


def _number_or_text(digits: str) -> int | str:
    """An integer, or the text itself when it is too long to be a figure (validation says so)."""
    if len(digits.lstrip("+-0")) > MAX_DIGITS:
        return digits
    return int(digits)


class _FactsLoader(yaml.SafeLoader):
    """Safe YAML where dates and over-long integers stay text, so an impossible date
    (2026-02-30) or a 5,000-digit number becomes a field-level problem, not a crash."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


def _int_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> int | str:
    raw = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    plain = raw.replace("_", "")
    if plain.lstrip("+-").isdigit() and len(plain.lstrip("+-0")) > MAX_DIGITS:
        return raw
    return yaml.SafeLoader.construct_yaml_int(loader, node)  # type: ignore[arg-type]


_FactsLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_FactsLoader.add_constructor("tag:yaml.org,2002:int", _int_or_text)


def parse_facts_text(text: str, *, source: str = "facts") -> dict[str, Any]:
    """Parse YAML or JSON (JSON is YAML) into a mapping, or raise FactsError."""
    if len(text) > MAX_FACTS_CHARS:
        raise FactsError(
            f"{source} is too long ({len(text):,} characters; the limit is "
            f"{MAX_FACTS_CHARS:,}). Facts are a page, not a log: keep the figures and the story."
        )
    if not text.strip():
        raise FactsError(f"{source} is empty: nothing to draft from.")
    try:
        if text.lstrip().startswith("{"):
            data = json.loads(text, parse_int=_number_or_text)
        else:
            data = yaml.load(text, Loader=_FactsLoader)  # a SafeLoader subclass
    except RecursionError:
        raise FactsError(
            f"{source} is nested too deeply to read (facts are a few levels)."
        ) from None
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):
            raise FactsError(f"{source} holds a value that cannot be read ({exc}).") from None
        raise FactsError(
            f"{source} is not valid YAML or JSON at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise FactsError(f"{source} is not valid YAML or JSON{where}.") from exc
    if not isinstance(data, dict):
        raise FactsError(f"{source} must hold a mapping of fields (title, impact, ...).")
    return data


def validate_facts(data: Mapping[str, Any], *, source: str = "facts") -> IncidentFacts:
    """Validate a mapping as IncidentFacts, or raise FactsError with field-level problems."""
    try:
        return IncidentFacts.model_validate(dict(data))
    except RecursionError:
        raise FactsError(
            f"{source} is nested too deeply to read (facts are a few levels)."
        ) from None
    except ValidationError as exc:
        problems = problems_from_validation(exc)
        noun = "problem" if len(problems) == 1 else "problems"
        raise FactsError(f"{source} has {len(problems)} {noun}:", problems) from exc


def load_facts(source: str | Path) -> IncidentFacts:
    """Load facts from a YAML or JSON file."""
    path = Path(source)
    text = read_facts_text(path)
    return validate_facts(parse_facts_text(text, source=str(path)), source=str(path))


def read_facts_text(source: str | Path) -> str:
    """The text of a facts file (UTF-8, at most MAX_FACTS_CHARS), or FactsError."""
    path = Path(source)
    try:
        if path.is_file() and path.stat().st_size > 4 * MAX_FACTS_CHARS:
            raise FactsError(
                f"{path} is too long ({path.stat().st_size:,} bytes; the limit is "
                f"{MAX_FACTS_CHARS:,} characters)."
            )
    except OSError:
        pass
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FactsError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise FactsError(f"{path} is a directory; give a facts file (.yaml or .json).") from None
    except OSError as exc:
        raise FactsError(f"{path}: cannot read ({exc.strerror}).") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactsError(f"{path} is not UTF-8 text; save it as UTF-8 YAML or JSON.") from None


def dump_facts(facts: IncidentFacts, fmt: str = "yaml") -> str:
    """Serialise facts back to YAML or JSON (for export, and round trips)."""
    data = facts.model_dump(mode="json", exclude_none=True)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
