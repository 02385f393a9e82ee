"""Load the critic's data files (critic/data/*.yaml) once per process and compile their patterns.

Lists, glossaries and thresholds are data, not code: edit the YAML files to extend them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"

try:  # the C loader is several times faster; fall back to pure Python when libyaml is absent
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@cache
def load(name: str) -> Any:
    """Parsed contents of critic/data/<name>.yaml."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


class HintedPattern:
    """A compiled pattern whose search, finditer and findall first look for a literal it cannot
    match without (critic.literal_hints): most phrase lists occur in few sentences, and a substring
    test is much cheaper than trying a long alternation at every position. Results are the same."""

    def __init__(self, compiled: re.Pattern[str]) -> None:
        from critic.literal_hints import hints

        self.compiled = compiled
        self.hints = hints(compiled)
        for name in ("match", "fullmatch", "sub", "subn", "split", "pattern", "flags", "groups"):
            setattr(self, name, getattr(compiled, name))
        if self.hints is None:  # nothing to check first: the pattern's own methods
            self.search = compiled.search  # type: ignore[method-assign]
            self.finditer = compiled.finditer  # type: ignore[method-assign]
            self.findall = compiled.findall  # type: ignore[method-assign]

    def _possible(self, string: str) -> bool:
        from critic.literal_hints import may_match

        return may_match(self.hints, string)

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled.search(string, *args) if self._possible(string) else None

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, *args) if self._possible(string) else iter(())

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled.findall(string, *args) if self._possible(string) else []


def words_pattern(alternatives: str, *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile a verbose alternation from a data file, bounded so it matches whole words only."""
    body = alternatives.strip()
    compiled = re.compile(rf"(?<![\w'’-])(?:{body})(?![\w’-])", flags | re.VERBOSE)
    return HintedPattern(compiled)  # type: ignore[return-value]


@cache
def pattern(name: str, key: str) -> re.Pattern[str]:
    """The word-bounded pattern for `key` in data file `name`."""
    return words_pattern(load(name)[key])


@cache
def element_patterns(element: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(heading pattern, cue pattern) for one of the seven structure elements."""
    spec = load("structure")["elements"][element]
    heading = re.compile(rf"^\W*(?:{spec['headings'].strip()})\b", re.IGNORECASE | re.VERBOSE)
    return heading, words_pattern(spec["cues"])


@cache
def element_question(element: str) -> re.Pattern[str] | None:
    """In a script, the CEO question that asks for this element, if any."""
    spec = load("structure")["elements"][element]
    return words_pattern(spec["questions"]) if spec.get("questions") else None


def guideline(key: str) -> str:
    """The guide citation used as a finding's `why`."""
    return " ".join(str(load("guidelines")[key]).split())
