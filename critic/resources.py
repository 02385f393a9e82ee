"""Load the critic's data files (critic/data/*.yaml) once per process and compile their patterns.

Lists, glossaries and thresholds are data, not code: edit the YAML files to extend them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from critic import regex_cache
from critic.alternatives import Alternatives, alternatives_of
from critic.literal_hints import may_match

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


# reading a list's alternatives costs a parse of each (~30 us): worth it for a list searched often
# (a warm process, a Checker), not for one draft's single review (a cold `brief critique`)
SEARCHES_BEFORE_ALTERNATIVES = 40


class HintedPattern:
    """A pattern whose search, finditer and findall first look for a literal it cannot match
    without (critic.literal_hints): most phrase lists occur in few sentences, and a substring
    test is much cheaper than trying a long alternation at every position. Results are the same.

    The regex is compiled on first use: its hints come from a parse alone, and most of
    `re.compile`'s time is code generation, which a list whose hints never occur skips (a cold
    `brief critique` meets most of the glossary's 220 terms this way). Other attributes (match,
    fullmatch, sub, flags, groups...) are the compiled pattern's."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self._flags = flags
        self.hints = regex_cache.hints(source, flags)
        self._compiled: re.Pattern[str] | None = None
        self._alternatives: Alternatives | bool | None = False  # False: not read yet
        self._searches = 0

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            compiled = regex_cache.compile(self.pattern, self._flags)
            for name in ("match", "fullmatch", "sub", "subn", "split", "flags", "groups"):
                setattr(self, name, getattr(compiled, name))  # no __getattr__ from now on
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def _possible(self, string: str) -> bool:
        return may_match(self.hints, string)

    def _few(self, string: str) -> tuple[Alternatives | None, list[int] | None]:
        """A long word list's alternatives that may match in `string` (none: no match), when
        few (see critic.alternatives); (None, None) when the list has no such alternatives, and
        (alternatives, None) when too many may match: then search the whole pattern."""
        found = self._alternatives
        if found is False:
            self._searches += 1
            if self._searches < SEARCHES_BEFORE_ALTERNATIVES:
                return None, None
            found = self._alternatives = alternatives_of(
                self.pattern, WORD_START, WORD_END, self._flags
            )
        if found is None:
            return None, None
        return found, found.selected(string)  # type: ignore[union-attr]

    def read_alternatives(self) -> bool:
        """Read the list's alternatives now (not after SEARCHES_BEFORE_ALTERNATIVES searches);
        whether it has some to search on their own."""
        if self._alternatives is False:
            self._searches = SEARCHES_BEFORE_ALTERNATIVES
            self._few("")
        return self._alternatives is not None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        window = _window(string, pos, endpos)
        alternatives, chosen = self._few(window)
        if chosen is not None:  # (an exact prefilter of its own)
            return alternatives.search(chosen, string, pos, min(endpos, len(string)))  # type: ignore[union-attr]
        if alternatives is None and not may_match(self.hints, window):
            return None
        return self.compiled.search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        window = _window(string, pos, endpos)
        alternatives, chosen = self._few(window)
        if chosen is not None:
            return alternatives.finditer(chosen, string, pos, min(endpos, len(string)))  # type: ignore[union-attr]
        if alternatives is None and not may_match(self.hints, window):
            return iter(())
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled.findall(string, *args) if may_match(self.hints, string) else []


def _window(string: str, pos: int, endpos: int) -> str:
    """The part of `string` a search from pos to endpos can match in: every match, and so every
    literal it cannot match without, lies there (a lookbehind may read before it, but holds no
    hint), so the prefilters read just that part (a line of a long text, not the whole text)."""
    if pos <= 0 and endpos >= len(string):
        return string
    return string[max(pos, 0) : endpos]


WORD_START = r"(?<![\w'’-])"
WORD_END = r"(?![\w’-])"


def words_pattern(alternatives: str, *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile a verbose alternation from a data file, bounded so it matches whole words only."""
    body = alternatives.strip()
    source = rf"{WORD_START}(?:{body}){WORD_END}"
    return HintedPattern(source, flags | re.VERBOSE)  # type: ignore[return-value]


@cache
def pattern(name: str, key: str) -> re.Pattern[str]:
    """The word-bounded pattern for `key` in data file `name`."""
    return words_pattern(load(name)[key])


@cache
def element_patterns(element: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(heading pattern, cue pattern) for one of the seven structure elements."""
    spec = load("structure")["elements"][element]
    heading = regex_cache.compile(
        rf"^\W*(?:{spec['headings'].strip()})\b", re.IGNORECASE | re.VERBOSE
    )
    return heading, words_pattern(spec["cues"])


@cache
def element_question(element: str) -> re.Pattern[str] | None:
    """In a script, the CEO question that asks for this element, if any."""
    spec = load("structure")["elements"][element]
    return words_pattern(spec["questions"]) if spec.get("questions") else None


def guideline(key: str) -> str:
    """The guide citation used as a finding's `why`."""
    return " ".join(str(load("guidelines")[key]).split())
