"""The critic's labeled fixture set is well formed and balanced; the accuracy script scores it.

These tests never import the critic: they check the labels and the measuring script on their own
(the script's scoring is exercised with a fake `review`), so they pass before the critic exists.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "critic"
SENTENCE_FAMILIES = {"jargon", "numbers", "blame", "length"}
FAMILIES = SENTENCE_FAMILIES | {"structure"}
ELEMENTS = {"impact", "root_cause", "containment", "plan", "timeline", "prevention", "follow_up"}
MIN_PER_CLASS = 25


def _words(text: str) -> int:
    return sum(1 for token in text.split() if re.search(r"[A-Za-z0-9]", token))


@pytest.fixture(scope="module")
def sentences() -> list[dict[str, Any]]:
    data = yaml.safe_load((FIXTURES / "sentences.yaml").read_text(encoding="utf-8"))
    return data["sentences"]


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    data = yaml.safe_load((FIXTURES / "documents.yaml").read_text(encoding="utf-8"))
    return data["documents"]


@pytest.fixture(scope="module")
def accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "critic_accuracy", ROOT / "scripts" / "critic_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["critic_accuracy"] = module
    spec.loader.exec_module(module)
    return module


def test_sentence_items_have_the_expected_fields(sentences: list[dict[str, Any]]) -> None:
    assert len(sentences) >= 80
    for item in sentences:
        assert set(item) <= {"id", "text", "families", "note"}, item
        assert isinstance(item["id"], str) and item["id"], item
        assert isinstance(item["text"], str) and item["text"].strip(), item
        assert isinstance(item["families"], list), item
        assert set(item["families"]) <= SENTENCE_FAMILIES, item
        assert len(item["families"]) == len(set(item["families"])), item
        assert isinstance(item.get("note", ""), str), item


def test_ids_are_unique_across_both_files(
    sentences: list[dict[str, Any]], documents: list[dict[str, Any]]
) -> None:
    ids = [item["id"] for item in sentences] + [doc["id"] for doc in documents]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates


def test_sentence_texts_are_unique(sentences: list[dict[str, Any]]) -> None:
    texts = Counter(" ".join(item["text"].split()).lower() for item in sentences)
    assert not [t for t, n in texts.items() if n > 1]


@pytest.mark.parametrize("family", sorted(SENTENCE_FAMILIES))
def test_each_family_has_enough_positives_and_negatives(
    sentences: list[dict[str, Any]], family: str
) -> None:
    positives = sum(family in item["families"] for item in sentences)
    negatives = len(sentences) - positives
    assert positives >= MIN_PER_CLASS, f"{family}: {positives} positives"
    assert negatives >= MIN_PER_CLASS, f"{family}: {negatives} negatives"


def test_clean_sentences_are_a_sizeable_share(sentences: list[dict[str, Any]]) -> None:
    clean = sum(not item["families"] for item in sentences)
    assert 0.2 <= clean / len(sentences) <= 0.45


def test_length_labels_agree_with_the_word_count(sentences: list[dict[str, Any]]) -> None:
    """Length positives are 26-60 words; every other sentence stays within the 25-word limit."""
    for item in sentences:
        words = _words(item["text"])
        if "length" in item["families"]:
            assert 26 <= words <= 60, (item["id"], words)
        else:
            assert words <= 25, (item["id"], words)


def test_document_entries_are_valid(documents: list[dict[str, Any]]) -> None:
    assert len(documents) >= 10
    kinds = Counter(doc["kind"] for doc in documents)
    assert set(kinds) <= {"briefing", "script"}
    assert kinds["briefing"] >= 5 and kinds["script"] >= 5
    for doc in documents:
        assert set(doc) <= {"id", "file", "kind", "families", "missing", "note"}, doc
        assert set(doc["families"]) <= FAMILIES, doc
        assert set(doc["missing"]) <= ELEMENTS, doc
        path = FIXTURES / doc["file"]
        assert path.is_file(), doc["file"]
        assert path.read_text(encoding="utf-8").strip(), doc["file"]


def test_documents_with_missing_elements_are_structure_positive(
    documents: list[dict[str, Any]],
) -> None:
    for doc in documents:
        if doc["missing"]:
            assert "structure" in doc["families"], doc["id"]


def test_document_set_mixes_good_and_flawed_drafts(documents: list[dict[str, Any]]) -> None:
    assert sum(not doc["families"] for doc in documents) >= 3
    assert any(doc["missing"] == [] and "structure" in doc["families"] for doc in documents)
    long_doc = max(documents, key=lambda d: _words((FIXTURES / d["file"]).read_text()))
    assert _words((FIXTURES / long_doc["file"]).read_text()) >= 600
    assert "length" in long_doc["families"]


def test_scripts_use_speaker_lines(documents: list[dict[str, Any]]) -> None:
    for doc in documents:
        text = (FIXTURES / doc["file"]).read_text(encoding="utf-8")
        has_speakers = re.search(r"^(You|CEO):", text, flags=re.M) is not None
        assert has_speakers == (doc["kind"] == "script"), doc["id"]


def test_accuracy_script_loads_the_fixtures(accuracy: ModuleType) -> None:
    sentences = accuracy.load_sentences(FIXTURES)
    documents = accuracy.load_documents(FIXTURES)
    assert len(sentences) >= 80 and len(documents) >= 10
    assert all(item.kind == "auto" for item in sentences)
    assert {item.kind for item in documents} == {"briefing", "script"}


def _finding(family: str, severity: str, start: int = 0, end: int = 3) -> SimpleNamespace:
    return SimpleNamespace(
        rule=f"{family}.fake", family=family, severity=severity, start=start, end=end, message="m"
    )


def test_accuracy_script_scores_a_fake_critic(accuracy: ModuleType) -> None:
    """Counted severities, per-family confusion counts, structure skipped for sentences."""
    item = accuracy.Item
    all_sentence = accuracy.SENTENCE_FAMILIES
    items = [
        item("a", "alpha", "auto", frozenset({"jargon"}), None, all_sentence),
        item("b", "beta", "auto", frozenset(), None, all_sentence),
        item("c", "gamma", "auto", frozenset({"blame"}), None, all_sentence),
    ]
    answers = {
        "alpha": [_finding("jargon", "warning")],
        "beta": [_finding("jargon", "suggestion"), _finding("structure", "error")],
        "gamma": [_finding("numbers", "error")],
    }

    def fake_review(text: str, kind: str = "auto") -> SimpleNamespace:
        return SimpleNamespace(findings=answers[text], coverage={})

    strict = accuracy.evaluate({"sentences": items}, fake_review, accuracy.FLAGGING)
    jargon = strict["sentences"]["families"]["jargon"]
    assert (jargon["tp"], jargon["fp"], jargon["fn"], jargon["precision"]) == (1, 0, 0, 1.0)
    blame = strict["sentences"]["families"]["blame"]
    assert (blame["tp"], blame["fn"], blame["recall"], blame["precision"]) == (0, 1, 0.0, None)
    assert "structure" not in strict["sentences"]["families"]
    kinds = {(m["kind"], m["family"], m["id"]) for m in strict["sentences"]["mistakes"]}
    assert kinds == {("FN", "blame", "c"), ("FP", "numbers", "c")}

    loose = accuracy.evaluate({"sentences": items}, fake_review, accuracy.FLAGGING | {"suggestion"})
    assert loose["sentences"]["families"]["jargon"]["fp"] == 1
    assert loose["sentences"]["families"]["jargon"]["precision"] == 0.5


def test_accuracy_script_scores_coverage_and_reports_errors(accuracy: ModuleType) -> None:
    elements = accuracy.ELEMENTS
    families = accuracy.FAMILIES
    doc = accuracy.Item(
        "d", "doc text", "briefing", frozenset({"structure"}), frozenset({"timeline"}), families
    )
    broken = accuracy.Item("e", "boom", "script", frozenset(), frozenset(), families)

    def fake_review(text: str, kind: str = "auto") -> SimpleNamespace:
        if text == "boom":
            raise RuntimeError("parser exploded")
        coverage = {e: e not in {"timeline", "prevention"} for e in elements}
        return SimpleNamespace(findings=[_finding("structure", "warning")], coverage=coverage)

    results = accuracy.evaluate({"documents": [doc, broken]}, fake_review, accuracy.FLAGGING)
    entry = results["documents"]
    assert entry["errors"] == [{"id": "e", "error": "RuntimeError: parser exploded"}]
    assert entry["families"]["structure"]["tp"] == 1
    assert entry["coverage"]["timeline"]["accuracy"] == 1.0
    assert entry["coverage"]["prevention"]["accuracy"] == 0.0
    assert entry["coverage"]["prevention"]["wrong"] == [{"id": "d", "expected": True, "got": False}]
    assert accuracy.below_minimum(results, 0.9) == []
    results["documents"]["families"]["blame"]["recall"] = 0.5
    assert accuracy.below_minimum(results, 0.9) == ["documents.blame.recall=0.500"]


def test_accuracy_script_explains_a_missing_critic(
    accuracy: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_critic() -> None:
        raise ImportError("No module named 'critic'")

    monkeypatch.setattr(accuracy, "import_review", no_critic)
    assert accuracy.main(["--only", "sentences"]) == 2
    err = capsys.readouterr().err
    assert "cannot import the critic" in err and "from critic import review" in err


def test_accuracy_script_rejects_malformed_fixtures(
    accuracy: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sentences.yaml").write_text(
        "sentences:\n  - id: x\n    text: hi\n    families: [vagueness]\n", encoding="utf-8"
    )
    assert accuracy.main(["--fixtures", str(tmp_path), "--only", "sentences"]) == 2
    assert "unknown families ['vagueness']" in capsys.readouterr().err
