"""Fuzzing with hypothesis: every input Brief reads ends in a result or its documented error.

Targets: the critic API (review, to_plain), the CLI (`brief critique`, `brief draft`), facts files,
config files and history rows. Two profiles, chosen with BRIEF_FUZZ_PROFILE:

* ``ci`` (default, in `make test`): a few hundred examples, under a minute on two cores;
* ``nightly``: at least 10,000 examples in all (``BRIEF_FUZZ_PROFILE=nightly pytest
  tests/test_fuzz.py``).

The database of failing examples is off, so each run starts fresh and leaves nothing behind.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import string
import tempfile
from contextlib import redirect_stderr, redirect_stdout, suppress
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.cli import main
from brief.history import HistoryError, HistoryStore
from critic import ConfigError, InputError, Report, review
from critic.config import config_from_file
from critic.markdown import to_plain
from drafter import FactsError, IncidentFacts, parse_facts_text, validate_facts
from drafter.guard import GuardError

PROFILE = os.environ.get("BRIEF_FUZZ_PROFILE", "ci")
# examples per target: ci keeps the whole file under a minute; nightly runs over 10,000 in all
EXAMPLES = {
    "ci": {"review": 30, "plain": 200, "cli": 12, "facts": 60, "config": 100, "history": 30},
    "nightly": {
        "review": 4000,
        "plain": 10000,
        "cli": 600,
        "facts": 3000,
        "config": 2000,
        "history": 600,
    },
}[PROFILE]


def fuzz(target: str):
    return settings(
        max_examples=EXAMPLES[target],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- strategies ---------------------------------------------------------------------------

MARKUP = ["*", "**", "_", "__", "~~", "`", "[", "](", ")", "<!--", "-->", "#", "- ", "1. ", "> "]
MARKUP += ["|", "\\", "<a>", "http://x.io/a_b", "You:", "CEO:", "\n", "\n\n", "    ", "\t"]
WORDS = ["We", "lost", "$1.2 million", "15%", "revenue", "the model", "failed", "on 4 December"]
WORDS += ["root cause", "latency", "was", "deployed", "by", "Tuesday", "I", "own", "it", "."]
odd_text = st.text(
    alphabet=st.characters(codec=None, categories=None),  # any code point, surrogates included
    max_size=120,
)
markdownish = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.sampled_from(WORDS), odd_text), max_size=60
).map(" ".join)
drafts = st.one_of(markdownish, odd_text, st.text(max_size=400))
kinds = st.one_of(st.sampled_from(["auto", "briefing", "script"]), st.text(max_size=8))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**50), max_value=10**50),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["unknown", "2026-02-30", "2026-12-04", "9" * 5000, ".inf", "-1"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = [
    "title",
    "model_name",
    "business_area",
    "metric",
    "what_went_wrong",
    "impact",
    "root_cause",
    "detection",
    "mitigation",
    "prevention",
    "next_report_due",
    "audience",
    "presenter",
    "containment",
]
GOOD = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "fixtures/incidents/conversion-drop.yaml").read_text()
)


@st.composite
def facts_mappings(draw) -> dict:
    """A real incident with some fields replaced by anything, or a random mapping."""
    if draw(st.booleans()):
        data = json.loads(json.dumps(GOOD, default=str))
        for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
            data[name] = draw(json_values)
        return data
    return draw(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), json_values))


def _dump(data: object, as_json: bool) -> str:
    if as_json:
        return json.dumps(data, default=str, allow_nan=True)
    return yaml.safe_dump(data, allow_unicode=True)


facts_texts = st.one_of(
    st.builds(_dump, facts_mappings(), st.booleans()),
    st.text(max_size=300),
    st.sampled_from(["[" * 3000, "{" * 3000, "a: &a [*a, *a]", "- - - - -", "!!python/object:x"]),
)


# --- the critic API -------------------------------------------------------------------------


@fuzz("review")
@given(text=drafts, kind=kinds)
def test_review_returns_a_report_or_a_documented_error(text: str, kind: str) -> None:
    try:
        report = review(text, kind=kind)  # type: ignore[arg-type]
    except (InputError, ConfigError) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(report, Report)
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.end > finding.start or finding.family == "structure"


@fuzz("plain")
@given(text=drafts, kind=st.sampled_from(["briefing", "script"]))
def test_plain_text_maps_back_to_the_original(text: str, kind: str) -> None:
    plain = to_plain(text, kind)
    assert len(plain.index) == len(plain.text) + 1
    for position, char in enumerate(plain.text):
        source = plain.index[position]
        assert 0 <= source <= len(text)
        assert char in " \n;" or text[source] == char or (char == " " and text[source] == "\t")
    for block in plain.blocks:
        assert 0 <= block.start <= block.end <= len(plain.text)


# --- the CLI ---------------------------------------------------------------------------------


def _run_cli(args: list[str]) -> tuple[int, str]:
    err, out = io.StringIO(), io.StringIO()
    with redirect_stderr(err), redirect_stdout(out):
        code = main(args)
    return code, err.getvalue()


def _check_cli(code: int, err: str, allowed: set[int]) -> None:
    assert code in allowed, err
    assert "Traceback" not in err
    if code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err


@fuzz("cli")
@given(
    content=st.one_of(drafts.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary()),
    kind=st.sampled_from(["auto", "briefing", "script"]),
)
def test_cli_critique_any_file(content: bytes, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.md"
        path.write_bytes(content)
        code, err = _run_cli(["critique", str(path), "--kind", kind, "--config", os.devnull])
    _check_cli(code, err, {0, 1, 2})


@fuzz("cli")
@given(text=facts_texts)
def test_cli_draft_any_facts_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, err = _run_cli(["draft", str(path), "--out", str(Path(folder) / "out.md")])
    _check_cli(code, err, {0, 2})


# --- facts, config, history ---------------------------------------------------------------


@fuzz("facts")
@given(text=facts_texts)
def test_facts_parse_to_facts_or_facts_error(text: str) -> None:
    try:
        facts = validate_facts(parse_facts_text(text))
    except (FactsError, GuardError) as exc:
        assert str(exc)
        return
    assert isinstance(facts, IncidentFacts)


toml_keys = st.sampled_from(
    [
        *("kind", "disable", "severity", "thresholds", "glossary", "ceo_priorities", "critic"),
        *("spacy_model", "readability", "accept", "reject", "terms", "max_parse_chars", "tool"),
    ]
) | st.text(alphabet=string.ascii_letters + "._-", min_size=1, max_size=10)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return json.dumps(value) if value == value and abs(value) != float("inf") else "nan"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
        )
    return json.dumps(str(value))


toml_values = st.recursive(
    st.one_of(st.booleans(), st.integers(-(10**20), 10**20), st.floats(), st.text(max_size=20)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(toml_keys, inner, max_size=3),
    max_leaves=12,
)


@fuzz("config")
@given(
    table=st.dictionaries(toml_keys, toml_values, max_size=5),
    name=st.sampled_from(["brief.toml", "pyproject.toml"]),
    raw=st.one_of(st.none(), st.text(max_size=80)),
)
def test_config_files_give_config_or_config_error(table: dict, name: str, raw: str | None) -> None:
    body = "\n".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in table.items())
    if name == "pyproject.toml":
        body = "[tool.brief]\n" + body if table.get("tool") is None else body
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(raw if raw is not None else body, encoding="utf-8", errors="surrogatepass")
        try:
            config = config_from_file(path)
        except ConfigError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
    assert config.source == str(path)


cells = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.binary(max_size=20),
    st.sampled_from(["draft", "critique", "briefing", "text", "pasted", "2026-11-25T10:00:00"]),
    st.builds(lambda d: json.dumps(d, default=str), json_values),
)


def _insert(db: sqlite3.Connection, sql: str, row: tuple) -> None:
    """Insert a row the file can hold (NOT NULL still applies); others cannot exist."""
    with suppress(sqlite3.IntegrityError):
        db.execute(sql, row)


@fuzz("history")
@given(
    entries=st.lists(st.tuples(*[cells] * 8), max_size=4),
    versions=st.lists(st.tuples(*[cells] * 9), max_size=6),
)
def test_history_rows_never_crash_readers(entries: list, versions: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        HistoryStore(path).list_entries()  # creates the schema
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA ignore_check_constraints = ON")
            for row in entries:
                _insert(
                    db,
                    "INSERT INTO entries (kind, title, model, source, facts_json, result_json,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
            for row in versions:
                _insert(
                    db,
                    "INSERT INTO versions (entry_id, part, label, text, report_json, score,"
                    " passed, findings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
        store = HistoryStore(path)
        try:
            listed = store.list_entries()
            for entry in listed:
                store.get_entry(entry.id)
            for version in store.list_versions():
                store.get_version(version.id)
        except HistoryError:
            pytest.fail("a readable file must not raise HistoryError")
