"""Keep the data files' regex work across processes: literal hints and compiled code on disk.

A cold `brief critique` reads about 320 phrase-list patterns (critic/data/*.yaml) and compiles
about 80 of them; parsing them with `re._parser` (for their literal hints and again to compile)
was most of a first review. This module keeps, per (source, flags), the hints and the output of
`re._compiler`'s code generation in one marshal file, and builds the pattern from it with
`_sre.compile`, the call `re.compile` ends with: the Pattern is equal to `re.compile(source,
flags)` (same pattern, flags and code; tests/test_disk_caches.py checks every data-file list).

Invalidation: an entry's key is the pattern's source text and flags, so an edited data file
simply makes new entries; the file's name holds the Python version, implementation and the regex
engine's MAGIC, so another interpreter never reads it. A file that cannot be read, or an entry
`_sre` refuses, is ignored (the pattern is then compiled as usual). New entries are merged into
the file at exit, written to a temporary file and renamed into place.

The file lives in critic.disk_cache's directory; BRIEF_DISK_CACHE=0 turns it off (everything
then works as before, in memory).
"""

from __future__ import annotations

import array
import atexit
import hashlib
import re
import sys
from pathlib import Path
from typing import Any

from critic import disk_cache

try:  # Python 3.11+
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None  # type: ignore[assignment]

FORMAT = 2
MAX_ENTRIES = 20_000  # past this, the file is rewritten with this process's entries only

_Hints = frozenset[str] | None
_Code = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_TYPECODE = next(
    (code for code in "IL" if _sre is not None and array.array(code).itemsize == _sre.CODESIZE),
    "I",
)
_entries: dict[tuple[str, int], list[Any]] | None = None  # key -> [hints or False, code or None]
_used: set[tuple[str, int]] = set()
_dirty = [False]
_NO_HINTS = False  # marks "hints not worked out yet" (None is a valid answer)


def enabled() -> bool:
    return disk_cache.enabled() and _sre is not None


def cache_file() -> Path:
    """The file for this interpreter: its name changes with anything that changes the code."""
    magic = getattr(_sre, "MAGIC", 0)
    tag = f"{FORMAT}|{sys.implementation.cache_tag}|{sys.hexversion}|{magic}|{_sre.CODESIZE}"
    digest = hashlib.sha256(tag.encode()).hexdigest()[:16]
    return disk_cache.cache_dir() / f"regex-{digest}.marshal"


def _read(path: Path) -> dict[tuple[str, int], list[Any]]:
    data = disk_cache.read(path)
    if not isinstance(data, dict):
        return {}
    return {
        key: list(value)
        for key, value in data.items()
        if isinstance(key, tuple) and isinstance(value, tuple) and len(value) == 2
    }


def _table() -> dict[tuple[str, int], list[Any]]:
    global _entries
    if _entries is None:
        _entries = _read(cache_file()) if enabled() else {}
        if enabled():
            atexit.register(save)
    return _entries


def _entry(source: str, flags: int) -> list[Any]:
    table = _table()
    key = (source, int(flags))
    _used.add(key)
    found = table.get(key)
    if found is None:
        found = table[key] = [_NO_HINTS, None]
    return found


def _is_str(value: object) -> bool:
    return type(value) is str


def hints(source: str, flags: int) -> _Hints:
    """critic.literal_hints.source_hints(source, flags), kept across processes."""
    from critic.literal_hints import source_hints

    entry = _entry(source, flags)
    found = entry[0]
    if not (found is None or (isinstance(found, frozenset) and all(map(_is_str, found)))):
        found = entry[0] = source_hints(source, flags)
        _dirty[0] = True
    return found


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(source, flags), from kept code when this interpreter compiled it before."""
    if not enabled():
        return re.compile(source, flags)
    entry = _entry(source, flags)
    code = entry[1]
    if code is not None:
        try:
            return _build(source, code)
        except Exception:  # a damaged entry: compile as usual
            entry[1] = None
    try:
        code = _code(source, flags)
        pattern = _build(source, code)
    except re.error:
        raise
    except Exception:  # an interpreter whose regex internals differ: nothing kept
        return re.compile(source, flags)
    entry[1] = code
    _dirty[0] = True
    return pattern


def _build(source: str, code: _Code) -> re.Pattern[str]:
    flags, words, groups, groupindex, indexgroup = code
    listed = array.array(_TYPECODE, words).tolist()
    return _sre.compile(source, flags, listed, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _code(source: str, flags: int) -> _Code:
    """What re._compiler.compile hands _sre.compile, for a str source (the code as the bytes of
    an array of code words: much faster to read back than a list of ints)."""
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        array.array(_TYPECODE, code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def save() -> None:
    """Merge this process's new entries into the file (atomically); nothing when none is new."""
    if not _dirty[0] or _entries is None or not enabled():
        return
    _dirty[0] = False
    path = cache_file()
    merged = _read(path)
    if len(merged) + len(_used) > MAX_ENTRIES:
        merged = {}
    for key in _used:
        old = merged.get(key, [_NO_HINTS, None])
        new = _entries[key]
        merged[key] = [
            new[0] if new[0] is not _NO_HINTS else old[0],
            new[1] if new[1] is not None else old[1],
        ]
    disk_cache.write(path, {key: tuple(value) for key, value in merged.items()})


def reset() -> None:
    """Forget what was read (tests switch the directory)."""
    global _entries
    _entries = None
    _used.clear()
    _dirty[0] = False
