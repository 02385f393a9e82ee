"""scripts/critic_realworld.py: counts per family, a seeded sample, judged precision."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from critic import review

ROOT = Path(__file__).resolve().parent.parent

DOCS = {
    "dns.md": "# Outage\n\nThe DNS failover was misconfigured. We lost 1,200 orders on Tuesday.\n",
    "clean.md": (
        "We lost 1,200 orders on Tuesday, and I approved the change that caused it. "
        "I will report again on Friday at 5 pm.\n"
    ),
    "long.md": (
        "# Checkout\n\nThere was a significant drop in sales after the release, and the team that "
        "looked after the pricing service and the payments gateway spent most of the night trying "
        "to work out what had gone wrong with it.\n"
    ),
}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "critic_realworld", ROOT / "scripts" / "critic_realworld.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["critic_realworld"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in DOCS.items():
        (data / name).write_text(text, encoding="utf-8")
    (data / "notes.json").write_text("{}", encoding="utf-8")  # not Markdown or text: ignored
    return data


def test_counts_per_family_match_the_critic(script: ModuleType, folder: Path) -> None:
    paths = script.collect_files([str(folder)])
    assert [path.name for path in paths] == ["clean.md", "dns.md", "long.md"]
    docs, unreadable = script.read_docs(paths)
    assert unreadable == []
    run = script.review_docs(docs)
    summary = script.summarize(run)

    reports = {name: review(text, kind="auto") for name, text in DOCS.items()}
    expected = Counter(f.family for report in reports.values() for f in report.findings)
    assert summary["files"] == summary["reviewed"] == 3
    assert summary["words"] == sum(report.metrics.words for report in reports.values())
    for family in ("jargon", "numbers", "blame", "length", "structure"):
        entry = summary["families"][family]
        assert entry["count"] == expected[family], family
        assert sum(cell["count"] for cell in entry["by_severity"].values()) == entry["count"]
        assert entry["per_1000"] == round(1000 * expected[family] / summary["words"], 2)
        flagged = {
            name for name, r in reports.items() if any(f.family == family for f in r.findings)
        }
        assert entry["documents_without"] == 3 - len(flagged)

    # the blame sentence is flagged on its passive; the clean draft has nothing at all
    blame = [flag for flag in run.flags if flag.family == "blame"]
    assert any(flag.file == "dns.md" and "misconfigured" in flag.text for flag in blame)
    assert not [flag for flag in run.flags if flag.file == "clean.md"]
    assert summary["families"]["blame"]["documents_without"] >= 1
    # flagged text and sentence come from the original text
    for flag in run.flags:
        assert flag.text == DOCS[flag.file][flag.start : flag.end]
        assert " ".join(flag.text.split()) in flag.sentence or flag.sentence.endswith("…")
    misconfigured = next(flag for flag in blame if "misconfigured" in flag.text)
    assert misconfigured.sentence == "The DNS failover was misconfigured."
    assert ("was misconfigured", 1) in [
        tuple(pair) for pair in summary["families"]["blame"]["top_phrases"]
    ]
    assert sum(script.rule_counts(run).values()) == len(run.flags)
    assert "Top 15 flagged phrases, blame:" in script.format_summary(summary)


def test_seeded_sample_is_reproducible(script: ModuleType, folder: Path, tmp_path: Path) -> None:
    docs, _ = script.read_docs(script.collect_files([str(folder / "*.md")]))
    flags = script.review_docs(docs).flags
    assert flags

    first = script.draw_sample(flags, 1, seed=8, include_suggestions=True)
    again = script.draw_sample(list(reversed(flags)), 1, seed=8, include_suggestions=True)
    assert first == again
    for family, picked in first.items():
        pool = [flag for flag in flags if flag.family == family]
        assert len(picked) == min(1, len(pool))
        assert all(flag in pool for flag in picked)
    everything = script.draw_sample(flags, 100, seed=3, include_suggestions=True)
    assert sum(len(picked) for picked in everything.values()) == len(flags)
    flagging = script.draw_sample(flags, 100, seed=3)
    assert all(f.severity in {"warning", "error"} for p in flagging.values() for f in p)

    # through main(): the same seed writes the same JSONL, each record with an empty verdict
    outputs = []
    for name in ("a.jsonl", "b.jsonl"):
        out = tmp_path / name
        args = [str(folder), "--sample", "2", "--seed", "8", "--sample-out", str(out)]
        assert script.main([*args, "--json"]) == 0
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    records = [json.loads(line) for line in outputs[0].splitlines()]
    assert records and all(record["verdict"] == "" for record in records)
    assert {"file", "rule", "severity", "text", "sentence", "message", "suggestion"} <= set(
        records[0]
    )


def test_judged_file_gives_precision_per_family(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    judged = tmp_path / "judged.jsonl"
    verdicts = [
        ("jargon", "tp"),
        ("jargon", "TP"),
        ("jargon", "fp"),
        ("blame", "fp"),
        ("blame", "unsure"),
        ("blame", ""),
        ("length", "tp"),
    ]
    lines = [json.dumps({"family": family, "verdict": verdict}) for family, verdict in verdicts]
    judged.write_text("\n".join(lines) + "\n\n", encoding="utf-8")

    table = script.precision(script.read_judged(judged))
    assert table["jargon"] == {"tp": 2, "fp": 1, "other": 0, "precision": 0.667}
    assert table["blame"] == {"tp": 0, "fp": 1, "other": 2, "precision": 0.0}
    assert table["length"]["precision"] == 1.0
    assert table["numbers"] == {"tp": 0, "fp": 0, "other": 0, "precision": None}
    assert table["all"] == {"tp": 3, "fp": 2, "other": 2, "precision": 0.6}

    assert script.main(["--judged", str(judged)]) == 0
    assert "jargon" in capsys.readouterr().out


def test_missing_folder_exits_2_with_one_line(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert script.main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "nowhere" in err
