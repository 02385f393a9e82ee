"""Measure the critic on its own labeled fixture set: precision, recall and F1 per family.

Usage:
    python scripts/critic_accuracy.py                 # table for sentences and documents
    python scripts/critic_accuracy.py --verbose       # plus every false positive / negative
    python scripts/critic_accuracy.py --json          # machine-readable figures
    python scripts/critic_accuracy.py --min 0.9       # exit 1 if any precision or recall < 0.9
    python scripts/critic_accuracy.py --fixtures DIR  # another set in the same format

The labels live in fixtures/critic/sentences.yaml and fixtures/critic/documents.yaml and follow the
shared labeling definitions: an item is positive for a family when the critic should raise a finding
of that family at severity warning or error. Scoring is per item: the critic "flags" family F on an
item when any finding of family F has a counted severity (warning, error; plus suggestion with
--include-suggestions). Single sentences are never scored for structure. For documents, element
coverage is also scored: report.coverage[element] should equal (element not in `missing`).

This is a measurement, not a gate: it exits 0 unless --min is given and a figure falls below it
(exit 1), or the critic cannot be imported / the fixtures are malformed (exit 2).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = ROOT / "fixtures" / "critic"

FAMILIES = ("jargon", "numbers", "blame", "length", "structure")
SENTENCE_FAMILIES = ("jargon", "numbers", "blame", "length")
ELEMENTS = ("impact", "root_cause", "containment", "plan", "timeline", "prevention", "follow_up")
KINDS = ("briefing", "script")
FLAGGING = frozenset({"warning", "error"})
SNIPPET = 90

ReviewFn = Callable[..., Any]


class FixtureError(ValueError):
    """The fixture files do not follow the expected schema."""


@dataclass(frozen=True)
class Item:
    """One labeled text: a sentence (kind "auto") or a whole document."""

    id: str
    text: str
    kind: str
    expected: frozenset[str]
    missing: frozenset[str] | None  # None for sentences (coverage not scored)
    scored_families: tuple[str, ...]


@dataclass
class Outcome:
    """What the critic said about one item."""

    item: Item
    flagged: frozenset[str] = frozenset()
    findings: list[dict[str, Any]] = field(default_factory=list)
    coverage: dict[str, bool] | None = None
    error: str | None = None


# ---------------------------------------------------------------------------------------- loading


def _load_yaml(path: Path, key: str) -> list[dict[str, Any]]:
    if not path.is_file():
        raise FixtureError(f"{path}: file not found")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise FixtureError(f"{path}: expected a top-level '{key}:' list")
    return data[key]


def _families(raw: Any, where: str, allowed: Sequence[str]) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        raise FixtureError(f"{where}: 'families' must be a list of family names")
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise FixtureError(f"{where}: unknown families {unknown} (allowed: {', '.join(allowed)})")
    return frozenset(raw)


def load_sentences(fixtures: Path) -> list[Item]:
    path = fixtures / "sentences.yaml"
    items = []
    for raw in _load_yaml(path, "sentences"):
        where = f"{path.name}:{raw.get('id', '?')}"
        if not isinstance(raw.get("id"), str) or not isinstance(raw.get("text"), str):
            raise FixtureError(f"{where}: each sentence needs a string 'id' and 'text'")
        items.append(
            Item(
                id=raw["id"],
                text=raw["text"],
                kind="auto",
                expected=_families(raw.get("families"), where, SENTENCE_FAMILIES),
                missing=None,
                scored_families=SENTENCE_FAMILIES,
            )
        )
    return items


def load_documents(fixtures: Path) -> list[Item]:
    path = fixtures / "documents.yaml"
    items = []
    for raw in _load_yaml(path, "documents"):
        where = f"{path.name}:{raw.get('id', '?')}"
        if not isinstance(raw.get("id"), str) or not isinstance(raw.get("file"), str):
            raise FixtureError(f"{where}: each document needs a string 'id' and 'file'")
        if raw.get("kind") not in KINDS:
            raise FixtureError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
        missing = raw.get("missing")
        if not isinstance(missing, list) or not set(missing) <= set(ELEMENTS):
            raise FixtureError(
                f"{where}: 'missing' must be a list drawn from {', '.join(ELEMENTS)}"
            )
        file = fixtures / raw["file"]
        if not file.is_file():
            raise FixtureError(f"{where}: file {file} not found")
        items.append(
            Item(
                id=raw["id"],
                text=file.read_text(encoding="utf-8"),
                kind=raw["kind"],
                expected=_families(raw.get("families"), where, FAMILIES),
                missing=frozenset(missing),
                scored_families=FAMILIES,
            )
        )
    return items


def _check_unique(items: Iterable[Item]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise FixtureError(f"duplicate id {item.id!r}")
        seen.add(item.id)


# ---------------------------------------------------------------------------------------- running


def import_review() -> ReviewFn:
    """Import `critic.review` only when needed, so a missing critic gives a clear message."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    module = importlib.import_module("critic")
    review = getattr(module, "review", None)
    if not callable(review):
        raise ImportError("the critic package has no callable 'review' yet")
    return review


def _plain(value: Any) -> Any:
    """Enum members and other wrappers to plain values (a Finding's severity may be an Enum)."""
    return getattr(value, "value", value)


def _finding_dict(finding: Any, text: str) -> dict[str, Any]:
    if isinstance(finding, dict):
        get = finding.get
    else:

        def get(name: str, default: Any = None) -> Any:
            return getattr(finding, name, default)

    start, end = get("start"), get("end")
    span = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
    return {
        "rule": str(_plain(get("rule", ""))),
        "family": str(_plain(get("family", ""))),
        "severity": str(_plain(get("severity", ""))),
        "span": span,
        "start": start,
        "end": end,
        "message": str(get("message", "") or ""),
    }


def run_item(item: Item, review: ReviewFn, counted: frozenset[str]) -> Outcome:
    try:
        report = review(item.text, kind=item.kind)
    except Exception as exc:  # measurement keeps going; the error is reported per item
        return Outcome(item=item, error=f"{type(exc).__name__}: {exc}")
    raw_findings = report.get("findings") if isinstance(report, dict) else report.findings
    findings = [_finding_dict(f, item.text) for f in raw_findings or []]
    flagged = frozenset(
        f["family"]
        for f in findings
        if f["severity"] in counted and f["family"] in item.scored_families
    )
    coverage = None
    if item.missing is not None:
        raw_cov = report.get("coverage") if isinstance(report, dict) else report.coverage
        coverage = {e: bool((raw_cov or {}).get(e, False)) for e in ELEMENTS}
    return Outcome(item=item, flagged=flagged, findings=findings, coverage=coverage)


# ---------------------------------------------------------------------------------------- scoring


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def family_scores(outcomes: Sequence[Outcome], families: Sequence[str]) -> dict[str, dict]:
    """Per-family confusion counts, precision, recall, F1 and support (items that errored skip)."""
    scores: dict[str, dict] = {}
    for family in families:
        tp = fp = fn = tn = 0
        for outcome in outcomes:
            if outcome.error is not None:
                continue
            expected = family in outcome.item.expected
            predicted = family in outcome.flagged
            tp += expected and predicted
            fp += predicted and not expected
            fn += expected and not predicted
            tn += not expected and not predicted
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision is not None and recall is not None and precision + recall
            else None
        )
        scores[family] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": tp + fn,
            "negatives": fp + tn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
        }
    return scores


def coverage_scores(outcomes: Sequence[Outcome]) -> dict[str, dict]:
    """Accuracy of report.coverage per element against the labeled `missing` lists."""
    scores: dict[str, dict] = {}
    for element in ELEMENTS:
        correct = total = 0
        wrong: list[dict[str, Any]] = []
        for outcome in outcomes:
            if outcome.error is not None or outcome.coverage is None:
                continue
            assert outcome.item.missing is not None
            expected = element not in outcome.item.missing
            total += 1
            if outcome.coverage[element] == expected:
                correct += 1
            else:
                wrong.append(
                    {"id": outcome.item.id, "expected": expected, "got": outcome.coverage[element]}
                )
        scores[element] = {"accuracy": _ratio(correct, total), "n": total, "wrong": wrong}
    return scores


def mistakes(outcomes: Sequence[Outcome], families: Sequence[str]) -> list[dict[str, Any]]:
    """Every false positive and false negative, with the findings that explain it."""
    rows = []
    for family in families:
        for outcome in outcomes:
            if outcome.error is not None:
                continue
            expected = family in outcome.item.expected
            predicted = family in outcome.flagged
            if expected == predicted:
                continue
            same_family = [f for f in outcome.findings if f["family"] == family]
            rows.append(
                {
                    "kind": "FP" if predicted else "FN",
                    "family": family,
                    "id": outcome.item.id,
                    "text": outcome.item.text,
                    # FP: the findings that fired; FN: any lower-severity findings of the family.
                    "findings": same_family,
                }
            )
    return rows


# ---------------------------------------------------------------------------------------- output


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


def print_family_table(title: str, scores: dict[str, dict], out: Any) -> None:
    print(title, file=out)
    print(
        f"  {'family':<10} {'precision':>9} {'recall':>7} {'F1':>7} {'support':>8} "
        f"{'neg':>5} {'TP':>4} {'FP':>4} {'FN':>4}",
        file=out,
    )
    for family, s in scores.items():
        print(
            f"  {family:<10} {_fmt(s['precision']):>9} {_fmt(s['recall']):>7} {_fmt(s['f1']):>7} "
            f"{s['support']:>8} {s['negatives']:>5} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4}",
            file=out,
        )


def print_coverage_table(scores: dict[str, dict], out: Any) -> None:
    print("  element coverage (accuracy of report.coverage)", file=out)
    for element, s in scores.items():
        wrong = ", ".join(
            f"{w['id']}(expected {'present' if w['expected'] else 'missing'})" for w in s["wrong"]
        )
        suffix = f"   wrong: {wrong}" if wrong else ""
        print(f"  {element:<12} {_fmt(s['accuracy']):>7}  n={s['n']}{suffix}", file=out)


def print_mistakes(rows: Sequence[dict[str, Any]], out: Any) -> None:
    for row in rows:
        print(f"  {row['kind']} {row['family']:<9} {row['id']}: {_snippet(row['text'])}", file=out)
        if not row["findings"]:
            print("      (no finding of this family)", file=out)
        for f in row["findings"]:
            print(
                f"      {f['severity']:<10} {f['rule']} [{f['span']!r}] {f['message']}",
                file=out,
            )


def below_minimum(results: dict[str, Any], minimum: float) -> list[str]:
    low = []
    for set_name in ("sentences", "documents"):
        for family, s in results.get(set_name, {}).get("families", {}).items():
            for metric in ("precision", "recall"):
                value = s[metric]
                if value is not None and value < minimum:
                    low.append(f"{set_name}.{family}.{metric}={value:.3f}")
    return low


# ---------------------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES, help="fixture folder")
    parser.add_argument("--only", choices=("sentences", "documents"), help="score one set only")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every FP and FN")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--include-suggestions",
        action="store_true",
        help="count suggestion-level findings as flagged too",
    )
    parser.add_argument(
        "--min",
        type=float,
        metavar="X",
        help="exit 1 if any family's precision or recall is below X",
    )
    return parser


def evaluate(
    sets: dict[str, list[Item]], review: ReviewFn, counted: frozenset[str]
) -> dict[str, Any]:
    """Run the critic over every set and compute the figures (pure apart from calling review)."""
    results: dict[str, Any] = {"counted_severities": sorted(counted)}
    for set_name, items in sets.items():
        started = time.perf_counter()
        outcomes = [run_item(item, review, counted) for item in items]
        families = SENTENCE_FAMILIES if set_name == "sentences" else FAMILIES
        entry: dict[str, Any] = {
            "items": len(items),
            "seconds": round(time.perf_counter() - started, 3),
            "families": family_scores(outcomes, families),
            "mistakes": mistakes(outcomes, families),
            "errors": [{"id": o.item.id, "error": o.error} for o in outcomes if o.error],
        }
        if set_name == "documents":
            entry["coverage"] = coverage_scores(outcomes)
        results[set_name] = entry
    return results


def _engine(review: ReviewFn) -> str:
    try:
        report = review("The model failed.", kind="auto")
        return str(_plain(getattr(report, "engine", "unknown")))
    except Exception as exc:
        return f"unknown ({type(exc).__name__})"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        sets: dict[str, list[Item]] = {}
        if args.only in (None, "sentences"):
            sets["sentences"] = load_sentences(args.fixtures)
        if args.only in (None, "documents"):
            sets["documents"] = load_documents(args.fixtures)
        _check_unique(item for items in sets.values() for item in items)
    except (FixtureError, yaml.YAMLError, OSError) as exc:
        print(f"critic_accuracy: bad fixtures: {exc}", file=sys.stderr)
        return 2

    try:
        review = import_review()
    except ImportError as exc:
        print(
            f"critic_accuracy: cannot import the critic ({exc}). "
            "This script measures `from critic import review`; it needs the critic package.",
            file=sys.stderr,
        )
        return 2

    counted = FLAGGING | {"suggestion"} if args.include_suggestions else FLAGGING
    results = evaluate(sets, review, frozenset(counted))
    results["engine"] = _engine(review)
    low = below_minimum(results, args.min) if args.min is not None else []
    results["below_min"] = low

    if args.json:
        json.dump(results, sys.stdout, indent=2, default=str)
        print()
    else:
        out = sys.stdout
        print(f"engine: {results['engine']}", file=out)
        print(f"counting severities: {', '.join(results['counted_severities'])}", file=out)
        for set_name in sets:
            entry = results[set_name]
            print(file=out)
            print_family_table(
                f"{set_name} ({entry['items']} items, {entry['seconds']:.1f} s)",
                entry["families"],
                out,
            )
            if "coverage" in entry:
                print_coverage_table(entry["coverage"], out)
            for error in entry["errors"]:
                print(f"  ERROR {error['id']}: {error['error']}", file=out)
            if args.verbose and entry["mistakes"]:
                print(f"  false positives / negatives ({len(entry['mistakes'])}):", file=out)
                print_mistakes(entry["mistakes"], out)
        if low:
            print(f"\nbelow --min {args.min}: {', '.join(low)}", file=out)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
