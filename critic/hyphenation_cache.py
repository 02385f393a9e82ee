"""pyphen's en_US hyphenation patterns, parsed once per machine instead of once per process.

`pyphen.Pyphen(lang="en_US")` reads and parses its 11,000-pattern dictionary on first use, most
of the readability metric's cost in a cold `brief critique`. The parsed patterns (a dict of plain
strings and ints) are kept in critic.disk_cache's directory, in a file named after the pyphen
version and the dictionary file's path, size and modification time, and handed to pyphen's own
per-file cache (`pyphen.hdcache`), so `Pyphen(lang="en_US")` then hyphenates exactly as before.
A dictionary with non-standard hyphenation (pattern values that are not plain ints) is not kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from critic import disk_cache

LANG = "en_US"
FORMAT = 1


def _file_for(pyphen: Any, path: Path) -> Path:
    stat = path.stat()
    tag = f"{FORMAT}|{pyphen.__version__}|{path}|{stat.st_size}|{stat.st_mtime_ns}"
    return disk_cache.cache_dir() / f"hyph-{hashlib.sha256(tag.encode()).hexdigest()[:16]}.marshal"


def _valid(data: Any) -> bool:
    return (
        isinstance(data, tuple)
        and len(data) == 2
        and isinstance(data[0], dict)
        and type(data[1]) is int
        and bool(data[0])
    )


def hyphenator() -> Any:
    """pyphen.Pyphen(lang="en_US"), its patterns read from the disk cache when kept there."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(LANG)]
    if disk_cache.enabled() and path not in pyphen.hdcache:
        try:
            _prime(pyphen, path)
        except Exception:  # pyphen's internals changed: it parses its dictionary as usual
            pyphen.hdcache.pop(path, None)
    return pyphen.Pyphen(lang=LANG)


def _prime(pyphen: Any, path: Path) -> None:
    kept = _file_for(pyphen, path)
    data = disk_cache.read(kept)
    if _valid(data):
        patterns, maxlen = data
        hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hyph.patterns = patterns
        hyph.cache = {}
        hyph.maxlen = maxlen
        pyphen.hdcache[path] = hyph
        return
    hyph = pyphen.hdcache[path] = pyphen.HyphDict(path)
    plain = all(
        type(start) is int and all(type(value) is int for value in values)
        for start, values in hyph.patterns.values()
    )
    if plain:
        disk_cache.write(kept, (hyph.patterns, hyph.maxlen))
