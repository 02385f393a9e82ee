"""A local history of every set of facts, draft and critique, in one SQLite file.

The app saves here when a draft is made or a critique is run, so a refresh or a restart loses
nothing. Where the file lives: `$BRIEF_HISTORY_DB` if set, else
`$XDG_DATA_HOME/brief/history.sqlite3` (XDG_DATA_HOME defaults to ~/.local/share).

Layout: an *entry* is one drafted incident or one pasted draft; it has *versions*, one per
text that was checked (the generated briefing and script, each edit re-checked, a pasted text).
Any two versions can be compared word by word. A small *scratch* table keeps the form the user
is typing, so even unsubmitted input survives a refresh.

Everything crossing this module's boundary is a pydantic model; rows are validated on the way
out, and a row written by an older Brief that no longer validates is reported as missing parts
rather than crashing the page.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from drafter import DraftResult, IncidentFacts

if TYPE_CHECKING:  # imported on first use: the critic pulls in spaCy (~1.4 s)
    from critic.models import Report

HISTORY_ENV = "BRIEF_HISTORY_DB"
logger = logging.getLogger(__name__)
SCHEMA_VERSION = 1
M = TypeVar("M", bound=BaseModel)

EntryKind = Literal["draft", "critique"]
Part = Literal["briefing", "script", "text"]
VersionLabel = Literal["generated", "edited", "pasted"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('draft', 'critique')),
    title TEXT NOT NULL,
    model TEXT,
    source TEXT,
    facts_json TEXT,
    result_json TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    part TEXT NOT NULL CHECK (part IN ('briefing', 'script', 'text')),
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    report_json TEXT,
    score INTEGER,
    passed INTEGER,
    findings INTEGER,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_entry ON versions(entry_id, part, id);
CREATE TABLE IF NOT EXISTS scratch (
    name TEXT PRIMARY KEY,
    data_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""


class HistoryError(RuntimeError):
    """The history file cannot be opened or written; the message says which file and why."""


class VersionRecord(BaseModel):
    """One checked text: the generated briefing, an edit of it, or a pasted draft."""

    id: int
    entry_id: int
    part: Part
    label: VersionLabel
    text: str
    report: Report | None = Field(default=None, description="The critic's report at the time.")
    score: int | None = None
    passed: bool | None = None
    findings: int | None = None
    created_at: dt.datetime


class EntrySummary(BaseModel):
    """One line of the history list."""

    id: int
    kind: EntryKind
    title: str
    model: str | None = None
    source: str | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    versions: int = 0
    latest_score: int | None = None


class Entry(EntrySummary):
    """An entry with everything needed to reopen it."""

    facts: IncidentFacts | None = None
    result: DraftResult | None = None
    version_list: list[VersionRecord] = Field(default_factory=list)

    def latest(self, part: Part) -> VersionRecord | None:
        """The newest version of one part (briefing, script or pasted text)."""
        matching = [v for v in self.version_list if v.part == part]
        return matching[-1] if matching else None


class DiffPiece(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class VersionDiff(BaseModel):
    """Two versions side by side: a word-level diff, a unified diff and what changed in score."""

    old: VersionRecord
    new: VersionRecord
    pieces: list[DiffPiece]
    unified: str
    words_added: int
    words_removed: int
    score_change: int | None = None
    findings_change: int | None = None


def resolve_models() -> None:
    """Import the critic's Report and finish the models that hold one (idempotent, cheap)."""
    if "Report" in globals():
        return
    from critic.models import Report

    globals()["Report"] = Report
    for model in (VersionRecord, Entry, VersionDiff):
        model.model_rebuild()


def default_history_path() -> Path:
    """$BRIEF_HISTORY_DB, else the per-user data directory (XDG_DATA_HOME aware)."""
    if explicit := os.environ.get(HISTORY_ENV):
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "brief" / "history.sqlite3"


def owner_only(path: Path) -> None:
    """Create `path` readable by its owner only (0600), or tighten an existing file we own."""
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        elif path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
            path.chmod(0o600)
    except OSError:
        pass  # sqlite reports the real problem (read-only folder, ...) when it opens the file


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _title_of(text: str) -> str:
    """A pasted draft's title: its first heading or first line, shortened."""
    for line in text.splitlines():
        cleaned = line.strip().lstrip("#").strip().strip("*_").strip()
        if cleaned:
            return cleaned if len(cleaned) <= 80 else cleaned[:77].rstrip() + "..."
    return "Untitled draft"


class HistoryStore:
    """The SQLite history. Each call opens its own short connection (safe across threads)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_history_path()
        self._ready = False
        self.notes: list[str] = []  # rows skipped because they no longer validate

    def _skip(self, what: str, row_id: object, exc: Exception) -> None:
        note = f"skipped {what} {row_id} in {self.path}: it does not validate ({_first_error(exc)})"
        if note not in self.notes:
            self.notes.append(note)
            logger.warning(note)

    # --- plumbing -----------------------------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        resolve_models()
        try:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                owner_only(self.path)
            with closing(sqlite3.connect(self.path, timeout=5)) as connection:
                connection.row_factory = sqlite3.Row
                connection.execute("PRAGMA foreign_keys = ON")
                if not self._ready:
                    # a read-only file is still readable: write the schema only when it is missing
                    version = connection.execute("PRAGMA user_version").fetchone()[0]
                    if version != SCHEMA_VERSION:
                        connection.executescript(_SCHEMA)
                        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    self._ready = True
                with connection:
                    yield connection
        except (sqlite3.Error, OSError) as exc:
            raise HistoryError(
                f"cannot use the history file {self.path}: {exc}. "
                f"Set {HISTORY_ENV} to a writable path."
            ) from exc

    # --- saving -------------------------------------------------------------------------------

    def save_draft(
        self,
        facts: IncidentFacts,
        result: DraftResult,
        checked: dict[Part, tuple[str, Report | None]],
    ) -> Entry:
        """Save a new draft: its facts, the model's result and each checked part."""
        now = _now().isoformat()
        with self._connect() as db:
            entry_id = _insert_entry(
                db,
                "draft",
                title=facts.title,
                model=result.meta.model,
                facts_json=facts.model_dump_json(exclude_none=True),
                result_json=result.model_dump_json(),
                now=now,
            )
            for part, (text, report) in checked.items():
                self._insert_version(db, entry_id, part, "generated", text, report, now)
        return self._require(entry_id)

    def save_critique(
        self,
        text: str,
        report: Report | None,
        *,
        title: str | None = None,
        source: str | None = None,
    ) -> Entry:
        """Save a pasted or uploaded draft and its critique as a new entry."""
        now = _now().isoformat()
        with self._connect() as db:
            entry_id = _insert_entry(
                db, "critique", title=title or _title_of(text), source=source, now=now
            )
            self._insert_version(db, entry_id, "text", "pasted", text, report, now)
        return self._require(entry_id)

    def add_version(
        self,
        entry_id: int,
        part: Part,
        text: str,
        report: Report | None,
        label: VersionLabel = "edited",
    ) -> VersionRecord:
        """Save an edited text as a new version; an unchanged text returns the latest one."""
        now = _now().isoformat()
        with self._connect() as db:
            if db.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is None:
                raise HistoryError(f"history entry {entry_id} no longer exists (deleted?).")
            latest = db.execute(
                "SELECT * FROM versions WHERE entry_id = ? AND part = ? ORDER BY id DESC LIMIT 1",
                (entry_id, part),
            ).fetchone()
            if latest is not None and latest["text"] in (text, _guarded(text)):
                return self._version_from_row(latest)
            version_id = self._insert_version(db, entry_id, part, label, text, report, now)
            db.execute("UPDATE entries SET updated_at = ? WHERE id = ?", (now, entry_id))
            row = db.execute("SELECT * FROM versions WHERE id = ?", (version_id,)).fetchone()
        return self._version_from_row(row)

    @staticmethod
    def _insert_version(
        db: sqlite3.Connection,
        entry_id: int,
        part: str,
        label: str,
        text: str,
        report: Report | None,
        now: str,
    ) -> int:
        cursor = db.execute(
            "INSERT INTO versions (entry_id, part, label, text, report_json, score, passed,"
            " findings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry_id,
                part,
                label,
                _guarded(text),
                _guarded(report.model_dump_json()) if report else None,
                report.score if report else None,
                int(report.passed) if report else None,
                len(report.findings) if report else None,
                now,
            ),
        )
        return int(cursor.lastrowid or 0)

    # --- reading ------------------------------------------------------------------------------

    def list_entries(self, limit: int = 200) -> list[EntrySummary]:
        """Newest first, with how many versions each has and its latest score."""
        with self._connect() as db:
            rows = db.execute(
                """
                SELECT e.*, COUNT(v.id) AS version_count,
                       (SELECT score FROM versions WHERE entry_id = e.id
                        ORDER BY id DESC LIMIT 1) AS latest_score
                FROM entries e LEFT JOIN versions v ON v.entry_id = e.id
                GROUP BY e.id ORDER BY e.updated_at DESC, e.id DESC LIMIT ?
                """,
                (limit,),
            ).fetchall()
        summaries = []
        for row in rows:
            try:
                summaries.append(
                    EntrySummary(
                        **_entry_fields(row),
                        versions=row["version_count"],
                        latest_score=row["latest_score"],
                    )
                )
            except (ValidationError, TypeError, ValueError) as exc:
                self._skip("entry", row["id"], exc)
        return summaries

    def get_entry(self, entry_id: int) -> Entry | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                return None
            version_rows = db.execute(
                "SELECT * FROM versions WHERE entry_id = ? ORDER BY id", (entry_id,)
            ).fetchall()
        versions = self._versions_from_rows(version_rows)
        try:
            return self._entry_from_row(row, versions)
        except (ValidationError, TypeError, ValueError) as exc:
            self._skip("entry", row["id"], exc)
            return None

    def _entry_from_row(self, row: sqlite3.Row, versions: list[VersionRecord]) -> Entry:
        return Entry(
            **_entry_fields(row),
            versions=len(versions),
            latest_score=versions[-1].score if versions else None,
            facts=_validated(IncidentFacts, row["facts_json"]),
            result=_validated(DraftResult, row["result_json"]),
            version_list=versions,
        )

    def get_version(self, version_id: int) -> VersionRecord | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM versions WHERE id = ?", (version_id,)).fetchone()
        found = self._versions_from_rows([row] if row is not None else [])
        return found[0] if found else None

    def _versions_from_rows(self, rows: list[sqlite3.Row]) -> list[VersionRecord]:
        """Valid versions; a row that no longer validates is skipped with a note."""
        versions = []
        for row in rows:
            try:
                versions.append(self._version_from_row(row))
            except (ValidationError, TypeError, ValueError) as exc:
                self._skip("version", row["id"], exc)
        return versions

    def list_versions(self, entry_id: int | None = None) -> list[VersionRecord]:
        """Every version (of one entry, or of all), oldest first."""
        query = "SELECT * FROM versions"
        params: tuple[Any, ...] = ()
        if entry_id is not None:
            query += " WHERE entry_id = ?"
            params = (entry_id,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY id", params).fetchall()
        return self._versions_from_rows(rows)

    def _require(self, entry_id: int) -> Entry:
        entry = self.get_entry(entry_id)
        if entry is None:  # pragma: no cover - only if another process deleted it meanwhile
            raise HistoryError(f"history entry {entry_id} vanished while saving.")
        return entry

    @staticmethod
    def _version_from_row(row: sqlite3.Row) -> VersionRecord:
        return VersionRecord(
            id=row["id"],
            entry_id=row["entry_id"],
            part=row["part"],
            label=row["label"],
            text=row["text"],
            report=_validated(Report, row["report_json"]),
            score=row["score"],
            passed=None if row["passed"] is None else bool(row["passed"]),
            findings=row["findings"],
            created_at=row["created_at"],
        )

    # --- deleting -----------------------------------------------------------------------------

    def delete_entry(self, entry_id: int) -> bool:
        """Delete an entry and all its versions. False when there was no such entry."""
        with self._connect() as db:
            cursor = db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
        return cursor.rowcount > 0

    # --- scratch: the form being typed --------------------------------------------------------

    def save_scratch(self, name: str, data: dict[str, Any]) -> None:
        payload = _guarded(json.dumps(data, default=str, ensure_ascii=False)) or "{}"
        with self._connect() as db:
            db.execute(
                "INSERT INTO scratch (name, data_json, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET data_json = excluded.data_json,"
                " updated_at = excluded.updated_at",
                (name, payload, _now().isoformat()),
            )

    def load_scratch(self, name: str) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute("SELECT data_json FROM scratch WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row["data_json"])
        except json.JSONDecodeError:
            return None
        return data if isinstance(data, dict) else None

    def clear_scratch(self, name: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM scratch WHERE name = ?", (name,))


def _guarded(text: str | None) -> str | None:
    """Keys, tokens, passwords and personal data never reach the file (drafter.guard)."""
    if not text:
        return text
    from drafter.guard import scrub

    return scrub(text)


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and exc.errors():
        error = exc.errors()[0]
        return f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _validated(model: type[M], payload: str | None) -> M | None:
    resolve_models()
    if not payload:
        return None
    try:
        return model.model_validate_json(payload)
    except ValidationError:
        return None  # written by another version of Brief: reopen shows the text without it


_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


def compare_versions(old: VersionRecord, new: VersionRecord) -> VersionDiff:
    """Word-level and line-level differences between two versions, and the change in score."""
    resolve_models()
    old_tokens = _TOKEN.findall(old.text)
    new_tokens = _TOKEN.findall(new.text)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    pieces: list[DiffPiece] = []
    added = removed = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece(op="equal", text="".join(old_tokens[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(DiffPiece(op="delete", text="".join(old_tokens[i1:i2])))
            removed += sum(1 for token in old_tokens[i1:i2] if token.strip())
        if tag in ("insert", "replace"):
            pieces.append(DiffPiece(op="insert", text="".join(new_tokens[j1:j2])))
            added += sum(1 for token in new_tokens[j1:j2] if token.strip())
    unified = "".join(
        difflib.unified_diff(
            old.text.splitlines(keepends=True),
            new.text.splitlines(keepends=True),
            fromfile=f"version {old.id} ({old.label})",
            tofile=f"version {new.id} ({new.label})",
        )
    )
    score_change = (
        new.score - old.score if new.score is not None and old.score is not None else None
    )
    findings_change = (
        new.findings - old.findings
        if new.findings is not None and old.findings is not None
        else None
    )
    return VersionDiff(
        old=old,
        new=new,
        pieces=pieces,
        unified=unified,
        words_added=added,
        words_removed=removed,
        score_change=score_change,
        findings_change=findings_change,
    )


def _insert_entry(
    db: sqlite3.Connection,
    kind: str,
    *,
    title: str,
    now: str,
    model: str | None = None,
    source: str | None = None,
    facts_json: str | None = None,
    result_json: str | None = None,
) -> int:
    """Insert one history entry and return its id."""
    cursor = db.execute(
        "INSERT INTO entries (kind, title, model, source, facts_json, result_json,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            _guarded(title),
            model,
            _guarded(source),
            _guarded(facts_json),
            _guarded(result_json),
            now,
            now,
        ),
    )
    return int(cursor.lastrowid or 0)


def _entry_fields(row: sqlite3.Row) -> dict[str, object]:
    """The columns an entry row shares with its summary."""
    names = ("id", "kind", "title", "model", "source", "created_at", "updated_at")
    return {name: row[name] for name in names}
