"""Where the critic keeps work across processes (critic.regex_cache, critic.hyphenation_cache).

The directory is $BRIEF_CACHE_DIR, else $XDG_CACHE_HOME/brief, else ~/.cache/brief;
BRIEF_DISK_CACHE=0 turns every disk cache off. Files are marshal data (never pickle: nothing in
them is executed), written to a temporary file and renamed into place, and a file that cannot be
read is treated as absent: the caches only save time, never change a result.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

OFF_ENV = "BRIEF_DISK_CACHE"
DIR_ENV = "BRIEF_CACHE_DIR"


def enabled() -> bool:
    """On unless BRIEF_DISK_CACHE=0, or no directory can be named (no home directory)."""
    return os.environ.get(OFF_ENV, "1") != "0" and _directory() is not None


def _directory() -> Path | None:
    explicit = os.environ.get(DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no password-database entry
            return None
    return Path(base) / "brief"


def cache_dir() -> Path:
    found = _directory()
    if found is None:
        raise RuntimeError("no cache directory: check disk_cache.enabled() first")
    return found


def read(path: Path) -> Any:
    """The marshal data in `path`; None when it is missing or unreadable."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(path: Path, data: Any) -> None:
    """Write `data` atomically; silently nothing on a read-only or full disk."""
    try:
        payload = marshal.dumps(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        pass
