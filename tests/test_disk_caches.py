"""critic.disk_cache: regex hints and code, and pyphen's patterns, kept on disk change nothing."""

from __future__ import annotations

import gc
import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import critic
from critic import disk_cache, hyphenation_cache, regex_cache
from critic.literal_hints import source_hints
from critic.models import ELEMENTS
from critic.resources import HintedPattern, element_patterns
from critic.rules.jargon_term import glossary

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "fixtures/drafts/deflecting_jargon.md"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(disk_cache.DIR_ENV, str(tmp_path))
    monkeypatch.delenv(disk_cache.OFF_ENV, raising=False)
    regex_cache.reset()
    yield tmp_path
    regex_cache.reset()


def _data_patterns() -> list[tuple[str, int]]:
    critic.review(DRAFT.read_text(encoding="utf-8"))  # builds every data-file list
    found = {(p.pattern, int(p._flags)) for p in gc.get_objects() if isinstance(p, HintedPattern)}
    assert len(found) > 200
    contexts = {(t.context.pattern, t.context.flags) for t in glossary() if t.context is not None}
    headings = {(p.pattern, p.flags) for p in (element_patterns(e)[0] for e in ELEMENTS)}
    assert len(contexts) > 20 and len(headings) == 7
    found |= contexts | headings
    return sorted(found)


def test_kept_code_and_hints_give_the_same_patterns(cache_dir: Path) -> None:
    sources = _data_patterns()
    fresh = [regex_cache.compile(source, flags) for source, flags in sources]
    assert [regex_cache.hints(s, f) for s, f in sources] == [source_hints(s, f) for s, f in sources]
    regex_cache.save()
    assert regex_cache.cache_file().is_file()
    regex_cache.reset()  # as a new process: everything read back from the file
    kept = [regex_cache.compile(source, flags) for source, flags in sources]
    for (source, flags), first, second in zip(sources, fresh, kept, strict=True):
        expected = re.compile(source, flags)
        # Pattern equality compares the source, the flags and the compiled code
        assert first == expected and second == expected, source[:80]
        assert second.groupindex == expected.groupindex and second.groups == expected.groups
    assert [regex_cache.hints(s, f) for s, f in sources] == [source_hints(s, f) for s, f in sources]
    assert not regex_cache._dirty[0]  # nothing new to write: all of it came from the file


def test_a_damaged_file_or_entry_is_ignored(cache_dir: Path) -> None:
    source, flags = r"(?<![\w'’-])(?:root\s+cause|fixed)(?![\w’-])", re.IGNORECASE | re.VERBOSE
    regex_cache.compile(source, flags)
    regex_cache.hints(source, flags)
    regex_cache.save()
    path = regex_cache.cache_file()
    entries = marshal.loads(path.read_bytes())
    hints, code = entries[(source, int(flags))]
    broken = (code[0], b"\x07" * len(code[1]), *code[2:])
    path.write_bytes(marshal.dumps({(source, int(flags)): (frozenset([1, 2]), broken)}))
    regex_cache.reset()
    assert regex_cache.compile(source, flags) == re.compile(source, flags)
    assert regex_cache.hints(source, flags) == source_hints(source, flags) == hints
    path.write_bytes(b"not a marshal file")
    regex_cache.reset()
    assert regex_cache.compile(source, flags) == re.compile(source, flags)
    regex_cache.save()  # rewritten whole
    assert marshal.loads(path.read_bytes())[(source, int(flags))][1] == code


def test_switched_off_nothing_is_written(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(disk_cache.OFF_ENV, "0")
    regex_cache.reset()
    assert regex_cache.compile(r"\bfoo+\b", re.I) == re.compile(r"\bfoo+\b", re.I)
    regex_cache.save()
    assert list(cache_dir.iterdir()) == []


def test_a_second_process_parses_no_data_file_pattern(tmp_path: Path) -> None:
    """The first `review()` fills the file at exit; the next process builds the same report
    without handing any data-file pattern to the regex parser."""
    code = (
        "import json, re, sys\n"
        "from re import _parser\n"
        "seen = []\n"
        "real = _parser.parse\n"
        "def parse(source, *args, **kwargs):\n"
        "    seen.append(source)\n"
        "    return real(source, *args, **kwargs)\n"
        "_parser.parse = parse\n"
        "from critic import regex_cache, review\n"
        f"report = review(open({str(DRAFT)!r}, encoding='utf-8').read())\n"
        "kept = {source for source, _ in regex_cache._table()}\n"
        "print(json.dumps({'report': report.model_dump(mode='json'),\n"
        "                  'parsed_kept': sum(source in kept for source in seen)}))\n"
    )
    env = {**os.environ, disk_cache.DIR_ENV: str(tmp_path)}
    env.pop(disk_cache.OFF_ENV, None)
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
        )
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    first, second = runs
    assert first["parsed_kept"] > 300  # hints and compilation each parse a source
    assert second["parsed_kept"] == 0
    assert second["report"] == first["report"]


def test_kept_hyphenation_patterns_are_pyphens_own(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(hyphenation_cache.LANG)]
    monkeypatch.setattr(pyphen, "hdcache", {})
    parsed = hyphenation_cache.hyphenator()  # parses the dictionary, and keeps it
    assert [p.name for p in cache_dir.iterdir()] == [hyphenation_cache._file_for(pyphen, path).name]
    monkeypatch.setattr(pyphen, "hdcache", {})
    kept = hyphenation_cache.hyphenator()  # read back from the file
    fresh = pyphen.HyphDict(path)
    assert kept.hd is not parsed.hd
    assert kept.hd.patterns == fresh.patterns and kept.hd.maxlen == fresh.maxlen
    words = [*DRAFT.read_text(encoding="utf-8").split(), "incomprehensibility", "hyphenation"]
    uncached = pyphen.Pyphen(filename=path, cache=False)
    assert [kept.positions(w) for w in words] == [uncached.positions(w) for w in words]
    assert any(kept.positions(w) for w in words)


def test_a_damaged_hyphenation_file_is_parsed_again(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(hyphenation_cache.LANG)]
    kept = hyphenation_cache._file_for(pyphen, path)
    kept.write_bytes(marshal.dumps(({}, 3)))
    monkeypatch.setattr(pyphen, "hdcache", {})
    assert hyphenation_cache.hyphenator().hd.patterns == pyphen.HyphDict(path).patterns
    assert marshal.loads(kept.read_bytes())[1] == pyphen.HyphDict(path).maxlen  # rewritten


def test_without_a_home_directory_the_caches_are_off(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (disk_cache.DIR_ENV, disk_cache.OFF_ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    assert disk_cache.enabled()

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert not disk_cache.enabled() and not regex_cache.enabled()
    assert regex_cache.compile(r"\bfoo+\b", re.I) == re.compile(r"\bfoo+\b", re.I)
