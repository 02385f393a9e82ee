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
            and (part.startswith(("function-", "constrained-")) or part in ("str", "int", "float"))
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
        message = friendly or str(error["msg"]).removeprefix("Value error, ")
        if error["type"] in ("float_parsing", "int_parsing") and "input" in error:
            message += f" (got {error['input']!r})"
        problems.setdefault(field, FieldProblem(field=field, message=message))
    return list(problems.values())


def parse_facts_text(text: str, *, source: str = "facts") -> dict[str, Any]:
    """Parse YAML or JSON (JSON is YAML) into a mapping, or raise FactsError."""
    if not text.strip():
        raise FactsError(f"{source} is empty: nothing to draft from.")
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        if isinstance(exc, json.JSONDecodeError):
            where = f" at line {exc.lineno}, column {exc.colno}"
        raise FactsError(f"{source} is not valid YAML or JSON{where}.") from exc
    if not isinstance(data, dict):
        raise FactsError(f"{source} must hold a mapping of fields (title, impact, ...).")
    return data


def validate_facts(data: Mapping[str, Any], *, source: str = "facts") -> IncidentFacts:
    """Validate a mapping as IncidentFacts, or raise FactsError with field-level problems."""
    try:
        return IncidentFacts.model_validate(dict(data))
    except ValidationError as exc:
        problems = problems_from_validation(exc)
        noun = "problem" if len(problems) == 1 else "problems"
        raise FactsError(f"{source} has {len(problems)} {noun}:", problems) from exc


def load_facts(source: str | Path) -> IncidentFacts:
    """Load facts from a YAML or JSON file."""
    path = Path(source)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FactsError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise FactsError(f"{path} is a directory; give a facts file (.yaml or .json).") from None
    except OSError as exc:
        raise FactsError(f"{path}: cannot read ({exc.strerror}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactsError(f"{path} is not UTF-8 text; save it as UTF-8 YAML or JSON.") from None
    return validate_facts(parse_facts_text(text, source=str(path)), source=str(path))


def dump_facts(facts: IncidentFacts, fmt: str = "yaml") -> str:
    """Serialise facts back to YAML or JSON (for export, and round trips)."""
    data = facts.model_dump(mode="json", exclude_none=True)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
