"""The command line's one error contract, in one place.

Exit codes: 0 done, 1 the model failed or the critic found errors, 2 bad input or options (one
line on stderr, never a traceback), 3 a bug in Brief (one line; BRIEF_DEBUG=1 shows the traceback),
130 interrupted.

Commands raise `UsageProblem` (or let a library's own one-line error through: FactsError,
InputError, ConfigError, HistoryError, GuardError); `exit_code_for` turns any exception into the
line to print and the code. Standard input and output go through `read_stdin` and `stdout` so a
closed stream is a clear message too, and `write_output` keeps a draft that cannot be written
where asked in a recovery file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130
DEBUG_ENV = "BRIEF_DEBUG"


class UsageProblem(Exception):
    """Bad input or options: exit 2 with this one-line message."""


def _one_line(text: str) -> str:
    """A message on one line: a heading and its "- item" lines become "heading item; item"."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        return ""
    head, items = lines[0], [line.removeprefix("- ") for line in lines[1:]]
    if len(items) > 8:
        items = [*items[:8], f"and {len(items) - 8} more"]
    joined = f"{head} {'; '.join(items)}" if items else head
    return joined[:2000]


def _usage_types() -> tuple[type[BaseException], ...]:
    """The library errors that mean "your input or options", imported only if already loaded."""
    found: list[type[BaseException]] = [UsageProblem]
    for module, name in (
        ("drafter.loading", "FactsError"),
        ("critic.engine", "InputError"),
        ("critic.config", "ConfigError"),
        ("brief.history", "HistoryError"),
        ("drafter.guard", "GuardError"),
    ):
        loaded = sys.modules.get(module)
        if loaded is not None and hasattr(loaded, name):
            found.append(getattr(loaded, name))
    return tuple(found)


def _draft_error() -> type[BaseException] | None:
    loaded = sys.modules.get("drafter.errors")
    return getattr(loaded, "DraftError", None) if loaded is not None else None


def exit_code_for(exc: BaseException, command: str) -> tuple[int, str]:
    """The exit code and the one line to print for an exception escaping a command."""
    prefix = f"brief {command}".strip()
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "brief: interrupted"
    if isinstance(exc, _usage_types()):
        return EXIT_USAGE, f"{prefix}: {_one_line(str(exc))}"
    draft_error = _draft_error()
    if draft_error is not None and isinstance(exc, draft_error):
        return EXIT_FAILED, f"{prefix}: {_one_line(_scrubbed(str(exc)))}"
    if isinstance(exc, RecursionError):
        return EXIT_USAGE, f"{prefix}: the input is nested too deeply to read"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return EXIT_USAGE, f"{prefix}: the input holds a number with more than 4,300 digits"
    if isinstance(exc, UnicodeError):
        return EXIT_USAGE, f"{prefix}: the input is not valid UTF-8 text ({exc.__class__.__name__})"
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        return EXIT_USAGE, f"{prefix}: cannot use{where}: {exc.strerror or exc}"
    return EXIT_BUG, (
        f"{prefix}: internal error ({type(exc).__name__}: {_one_line(_scrubbed(str(exc)))[:300]}). "
        f"Please report it; set {DEBUG_ENV}=1 to see the traceback."
    )


def _scrubbed(text: str) -> str:
    """Provider and internal messages may echo a key: scrub it when the guard is available."""
    try:
        from drafter.guard import scrub
    except ImportError:  # pragma: no cover - the guard ships with Brief
        return text
    return scrub(text)


def say(line: str) -> None:
    """Print one line on stderr, even when stderr is closed (then nothing is printed)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def read_stdin(limit: int | None = None) -> bytes:
    """All of standard input (at most `limit` + 1 bytes), or UsageProblem when it is closed."""
    stream = sys.stdin
    if stream is None:
        raise UsageProblem("standard input is closed; give a file path instead of -")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            data = stream.read().encode("utf-8", "surrogatepass")
        else:
            data = buffer.read(-1 if limit is None else limit + 1)
    except (OSError, ValueError) as exc:
        raise UsageProblem(f"cannot read standard input ({exc})") from None
    return data


def stdout(hint: str = "use --out FILE") -> TextIO:
    """Standard output, or UsageProblem when it is closed (the hint says what to do instead)."""
    stream = sys.stdout
    if stream is None or getattr(stream, "closed", False):
        raise UsageProblem(f"standard output is closed; {hint}")
    return stream


def write_stdout(text: str, *, what: str | None = None, suffix: str = ".md") -> None:
    """Write `text` to standard output. When that fails and `what` is given (a draft), the text is
    kept in a recovery file whose path is in the message."""
    try:
        stream = stdout()
        stream.write(text)
        stream.flush()
        return
    except BrokenPipeError:
        raise
    except (OSError, ValueError, UsageProblem) as exc:
        reason = str(exc) if isinstance(exc, UsageProblem) else f"cannot write to it: {exc}"
    recovered = _recover(text, what, suffix) if what else None
    if recovered is not None:
        raise UsageProblem(f"standard output: {reason}; the {what} is saved in {recovered}")
    raise UsageProblem(f"standard output: {reason}")


def check_out_path(path: Path) -> None:
    """Refuse an --out that cannot be written, before any slow work is done."""
    if path.is_dir():
        raise UsageProblem(f"--out {path} is a directory; give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise UsageProblem(f"--out {path}: the folder {parent} does not exist; create it first")
    if not parent.is_dir():
        raise UsageProblem(f"--out {path}: {parent} is not a folder")


def write_output(path: Path, text: str, *, what: str = "draft", suffix: str = ".md") -> None:
    """Write `text` to `path`; if that fails, keep it in a recovery file and say where."""
    try:
        _write_owner_only(path, text)
        return
    except OSError as exc:
        reason = exc.strerror or str(exc)
    recovered = _recover(text, what, suffix)
    if recovered is None:
        raise UsageProblem(f"cannot write {path} ({reason}), and no recovery file could be written")
    raise UsageProblem(f"cannot write {path} ({reason}); the {what} is saved in {recovered}")


def _write_owner_only(path: Path, text: str) -> None:
    """Write a new file readable by its owner only (0600); an existing file keeps its mode."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)


def _recover(text: str, what: str, suffix: str) -> Path | None:
    for folder in (Path.cwd(), Path(tempfile.gettempdir())):
        try:
            handle, name = tempfile.mkstemp(prefix=f"brief-{what}-", suffix=suffix, dir=folder)
        except OSError:
            continue
        with os.fdopen(handle, "w", encoding="utf-8") as out:  # mkstemp: owner-only (0600)
            out.write(text)
        return Path(name)
    return None
