"""Measure the critic on real-world text it was never tuned on: finding rates and a judged sample.

Usage:
    python scripts/critic_realworld.py DIR                     # every .md/.markdown/.txt under DIR
    python scripts/critic_realworld.py 'data/*.md' notes.txt   # files and globs work too
    python scripts/critic_realworld.py DIR --json              # the summary as JSON
    python scripts/critic_realworld.py DIR --rule-counts       # only the count per rule id
    python scripts/critic_realworld.py DIR --sample 30 --seed 8
        # plus 30 findings a family (warning and error), picked at random with seed 8, printed
        # with their sentence for a person to judge (--include-suggestions samples those too)
    python scripts/critic_realworld.py DIR --sample 30 --seed 8 --sample-out sample.jsonl
        # also write the sample as JSONL, each line with an empty "verdict" to fill in
    python scripts/critic_realworld.py --judged sample.jsonl   # precision per family from verdicts

For example, the public postmortem summaries of icco/postmortems (`data/*.md`, GPL-3): fetch them
outside this repository and point the script at the folder. Never commit them here.

Every file is reviewed with kind "auto" and the default config. The summary gives the number of
files, the prose words (as the critic counts them: no code, headings, front matter or speaker
labels), findings per 1,000 words per family and per rule id, each split by severity, how many
documents have no finding of each family (any severity, and no warning or error), and the 15 most
flagged phrases per family (the flagged text, lower-cased; long spans are cut at 60 characters).

A judged file is the --sample-out JSONL with "verdict" set to "tp" (a real problem a CEO-briefing
editor would fix) or "fp" (a false alarm). Precision per family is tp / (tp + fp); other verdicts
(empty, "unsure"...) are counted and left out.

This is a measurement, not a gate: it exits 0. It exits 2 with one line on stderr when a folder or
file is missing, no file matches, or a judged file cannot be read.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from critic import InputError, Report, review_many  # noqa: E402
from critic.models import FAMILIES  # noqa: E402

SEVERITIES = ("suggestion", "warning", "error")
FLAGGING = frozenset({"warning", "error"})
SUFFIXES = (".md", ".markdown", ".txt")
TOP_PHRASES = 15
PHRASE_CHARS = 60
SENTENCE_CHARS = 600
_GLOB_CHARS = re.compile(r"[*?\[]")
# a full stop after a lone letter ("p.m.", "e.g.", "U.S.") does not end a sentence
_SENTENCE_END = re.compile(r"(?<!\b[A-Za-z])[.!?](?=[\s\"')\]]|$)|\n")


class UsageError(ValueError):
    """A path, glob or judged file the script cannot use (exit 2)."""


@dataclass(frozen=True)
class Doc:
    """One input file: its display name and text."""

    name: str
    text: str


@dataclass(frozen=True)
class Flag:
    """One finding, with the words and the sentence it points at."""

    file: str
    rule: str
    family: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    text: str
    sentence: str
    message: str
    suggestion: str
    why: str

    def as_record(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rule": self.rule,
            "family": self.family,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "sentence": self.sentence,
            "message": self.message,
            "suggestion": self.suggestion,
            "why": self.why,
        }


@dataclass
class Run:
    """Everything the critic said about a set of files."""

    files: int = 0
    words: int = 0
    engine: str = ""
    skipped: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    reports: list[tuple[str, Report]] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ input


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.rglob("*") if path.is_file() and path.suffix.lower() in SUFFIXES
    )


def collect_files(specs: Sequence[str]) -> list[Path]:
    """Resolve folders, files and globs to a sorted, de-duplicated list of files."""
    found: dict[Path, None] = {}
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            matches = _files_in(path)
        elif path.is_file():
            matches = [path]
        elif _GLOB_CHARS.search(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                raise UsageError(f"{spec}: no file matches")
        else:
            raise UsageError(f"{spec}: no such folder or file")
        for match in matches:
            found.setdefault(match, None)
    if not found:
        raise UsageError(f"no {'/'.join(SUFFIXES)} file in {' '.join(specs)}")
    return list(found)


def read_docs(paths: Iterable[Path]) -> tuple[list[Doc], list[str]]:
    """Read UTF-8 files; return the documents and the names of files that could not be read."""
    docs: list[Doc] = []
    skipped: list[str] = []
    for path in paths:
        try:
            docs.append(Doc(path.name, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            skipped.append(f"{path.name}: {type(exc).__name__}")
    return docs, skipped


# --------------------------------------------------------------------------------------- reviewing


def sentence_around(text: str, start: int, end: int, limit: int = SENTENCE_CHARS) -> str:
    """The sentence (or sentences) holding text[start:end], bounded by . ! ? or a newline."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right = len(text)
    # a span that ends on its own full stop keeps it; otherwise stop at the next boundary
    match = _SENTENCE_END.search(text, max(start, end - 1) if end > start else start)
    if match is not None:
        right = match.end()
    sentence = " ".join(text[left:right].split())
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return sentence


def flags_of(doc: Doc, report: Report) -> list[Flag]:
    """The report's findings as Flags, with the flagged words and their sentence."""
    return [
        Flag(
            file=doc.name,
            rule=finding.rule,
            family=finding.family,
            severity=finding.severity,
            start=finding.start,
            end=finding.end,
            line=finding.line,
            column=finding.column,
            text=doc.text[finding.start : finding.end],
            sentence=sentence_around(doc.text, finding.start, finding.end),
            message=finding.message,
            suggestion=finding.suggestion,
            why=finding.why,
        )
        for finding in report.findings
    ]


def review_docs(docs: Sequence[Doc], workers: int = 1) -> Run:
    """Review every document with kind "auto"; a document the critic refuses is skipped."""
    run = Run(files=len(docs))
    usable: list[Doc] = []
    for doc in docs:
        if doc.text.strip():
            usable.append(doc)
        else:
            run.skipped.append(f"{doc.name}: empty")
    try:
        reports = review_many([doc.text for doc in usable], kind="auto", workers=workers)
        pairs = list(zip(usable, reports, strict=True))
    except InputError:  # one bad file: fall back to one at a time to find it
        pairs = []
        for doc in usable:
            try:
                pairs.append((doc, review_many([doc.text], kind="auto")[0]))
            except InputError as exc:
                run.skipped.append(f"{doc.name}: {exc}")
    for doc, report in pairs:
        run.reports.append((doc.name, report))
        run.words += report.metrics.words
        run.flags.extend(flags_of(doc, report))
        if not run.engine:
            engine = report.engine
            run.engine = f"{engine.pipeline} {engine.version} (spaCy {engine.spacy_version})"
            if engine.degraded:
                run.engine += " DEGRADED"
    return run


# ---------------------------------------------------------------------------------------- summary


def _rate(count: int, words: int) -> float:
    return round(1000 * count / words, 2) if words else 0.0


def phrase_of(flag: Flag) -> str:
    """The flagged words, lower-cased, whitespace collapsed, long spans cut."""
    phrase = " ".join(flag.text.lower().split())
    if not phrase:
        return "(no span)"
    if len(phrase) > PHRASE_CHARS:
        phrase = phrase[: PHRASE_CHARS - 1].rstrip() + "…"
    return phrase


def _counts(flags: Sequence[Flag], words: int) -> dict[str, Any]:
    by_severity = Counter(flag.severity for flag in flags)
    return {
        "count": len(flags),
        "per_1000": _rate(len(flags), words),
        "by_severity": {
            severity: {
                "count": by_severity[severity],
                "per_1000": _rate(by_severity[severity], words),
            }
            for severity in SEVERITIES
        },
    }


def summarize(run: Run) -> dict[str, Any]:
    """The figures printed by the script, as a JSON-ready dict."""
    words = run.words
    families: dict[str, Any] = {}
    for family in FAMILIES:
        flags = [flag for flag in run.flags if flag.family == family]
        any_docs = {flag.file for flag in flags}
        flagging_docs = {flag.file for flag in flags if flag.severity in FLAGGING}
        names = [name for name, _ in run.reports]
        entry = _counts(flags, words)
        entry["documents_without"] = sum(1 for name in names if name not in any_docs)
        entry["documents_without_warning_or_error"] = sum(
            1 for name in names if name not in flagging_docs
        )
        entry["top_phrases"] = [
            [phrase, count]
            for phrase, count in Counter(phrase_of(flag) for flag in flags).most_common(TOP_PHRASES)
        ]
        families[family] = entry
    rules: dict[str, Any] = {}
    for rule in sorted({flag.rule for flag in run.flags}):
        rules[rule] = _counts([flag for flag in run.flags if flag.rule == rule], words)
    return {
        "files": run.files,
        "reviewed": len(run.reports),
        "skipped": run.skipped,
        "words": words,
        "engine": run.engine,
        "findings": _counts(run.flags, words),
        "passive_clauses_without_agent": sum(r.metrics.passive_count for _, r in run.reports),
        "documents_passed": sum(1 for _, r in run.reports if r.passed),
        "families": families,
        "rules": rules,
    }


def rule_counts(run: Run) -> dict[str, int]:
    """Findings per rule id (every severity), most frequent first."""
    counts = Counter(flag.rule for flag in run.flags)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _severity_cells(entry: dict[str, Any]) -> str:
    return "".join(
        f"{entry['by_severity'][s]['count']:>7} {entry['by_severity'][s]['per_1000']:>6.2f}"
        for s in SEVERITIES
    )


def format_summary(summary: dict[str, Any]) -> str:
    """The summary as a plain-text report."""
    words = summary["words"]
    lines = [
        f"Files: {summary['files']} (reviewed {summary['reviewed']}, "
        f"skipped {len(summary['skipped'])})",
    ]
    lines += [f"  skipped {item}" for item in summary["skipped"]]
    lines += [
        f"Words (prose, as the critic counts them): {words:,}",
        f"Engine: {summary['engine']}",
        f"Findings: {summary['findings']['count']:,} "
        f"({summary['findings']['per_1000']:.2f} per 1,000 words)",
        f"Passive clauses without an agent (metrics.passive_count): "
        f"{summary['passive_clauses_without_agent']:,}",
        f"Documents ready to send: {summary['documents_passed']} of {summary['reviewed']}",
        "",
        "Per family: count and per 1,000 words, all and by severity; documents with no finding "
        "(any severity / no warning or error)",
    ]
    header = (
        f"{'family':<12}{'all':>7} {'/1k':>6}"
        + "".join(f"{s:>14}" for s in SEVERITIES)
        + f"{'no finding':>13}{'no warn/err':>13}"
    )
    lines.append(header)
    for family, entry in summary["families"].items():
        lines.append(
            f"{family:<12}{entry['count']:>7} {entry['per_1000']:>6.2f}"
            + _severity_cells(entry)
            + f"{entry['documents_without']:>13}{entry['documents_without_warning_or_error']:>13}"
        )
    total = summary["findings"]
    lines.append(
        f"{'total':<12}{total['count']:>7} {total['per_1000']:>6.2f}" + _severity_cells(total)
    )
    lines += ["", "Per rule: count and per 1,000 words, all and by severity"]
    lines.append(f"{'rule':<34}{'all':>7} {'/1k':>6}" + "".join(f"{s:>14}" for s in SEVERITIES))
    for rule, entry in summary["rules"].items():
        lines.append(
            f"{rule:<34}{entry['count']:>7} {entry['per_1000']:>6.2f}" + _severity_cells(entry)
        )
    for family, entry in summary["families"].items():
        lines += ["", f"Top {TOP_PHRASES} flagged phrases, {family}:"]
        if not entry["top_phrases"]:
            lines.append("  (none)")
        lines += [f"  {count:>5}  {phrase}" for phrase, count in entry["top_phrases"]]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------- sample


def draw_sample(
    flags: Sequence[Flag], n: int, seed: int, include_suggestions: bool = False
) -> dict[str, list[Flag]]:
    """Up to n findings per family, drawn at random with a generator seeded per family.

    The draw for one family does not depend on the others, and the same files, seed and n always
    give the same sample.
    """
    severities = set(SEVERITIES) if include_suggestions else set(FLAGGING)
    sample: dict[str, list[Flag]] = {}
    for family in FAMILIES:
        pool = sorted(
            (f for f in flags if f.family == family and f.severity in severities),
            key=lambda f: (f.file, f.start, f.end, f.rule),
        )
        rng = random.Random(f"{seed}:{family}")
        picked = rng.sample(pool, min(n, len(pool)))
        sample[family] = sorted(picked, key=lambda f: (f.file, f.start, f.end, f.rule))
    return sample


def sample_records(sample: dict[str, list[Flag]]) -> list[dict[str, Any]]:
    """The sample as JSONL records, numbered, each with an empty verdict to fill in."""
    records: list[dict[str, Any]] = []
    for family in FAMILIES:
        for number, flag in enumerate(sample.get(family, []), start=1):
            records.append({"id": f"{family}-{number:03d}", **flag.as_record(), "verdict": ""})
    return records


def format_sample(sample: dict[str, list[Flag]], seed: int, pool_sizes: dict[str, int]) -> str:
    """The sample as text for a person to judge."""
    lines: list[str] = []
    for family in FAMILIES:
        picked = sample.get(family, [])
        lines += [
            "",
            f"=== Sample: {family} ({len(picked)} of {pool_sizes.get(family, 0)}, seed {seed}) ===",
        ]
        for number, flag in enumerate(picked, start=1):
            lines += [
                f"[{family}-{number:03d}] {flag.file}:{flag.line}:{flag.column}  {flag.rule}  "
                f"{flag.severity}",
                f"  flagged:    {phrase_of(flag)}",
                f"  sentence:   {flag.sentence}",
                f"  message:    {flag.message}",
                f"  suggestion: {flag.suggestion}",
            ]
    return "\n".join(lines)


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------------------------- judged


def read_judged(path: Path) -> list[dict[str, Any]]:
    """Read a judged JSONL file (blank lines allowed)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read ({type(exc).__name__})") from exc
    records: list[dict[str, Any]] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or "family" not in record:
            raise UsageError(f"{path}:{number}: a record needs a 'family'")
        records.append(record)
    return records


def precision(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per family (and "all"): tp, fp, other (any other verdict) and precision tp / (tp + fp)."""
    table: dict[str, dict[str, Any]] = {}
    records = list(records)
    extra = sorted({str(r["family"]) for r in records} - set(FAMILIES))
    for family in (*FAMILIES, *extra, "all"):
        chosen = [r for r in records if family == "all" or r["family"] == family]
        verdicts = Counter(str(r.get("verdict", "")).strip().lower() for r in chosen)
        tp, fp = verdicts["tp"], verdicts["fp"]
        table[family] = {
            "tp": tp,
            "fp": fp,
            "other": len(chosen) - tp - fp,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        }
    return table


def format_precision(table: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'family':<12}{'tp':>5}{'fp':>5}{'other':>7}{'precision':>11}"]
    for family, row in table.items():
        value = "n/a" if row["precision"] is None else f"{row['precision']:.2f}"
        lines.append(f"{family:<12}{row['tp']:>5}{row['fp']:>5}{row['other']:>7}{value:>11}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Run the critic over a folder of real Markdown/text files and report rates.",
    )
    parser.add_argument("paths", nargs="*", help="folders, files or globs (.md, .markdown, .txt)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--rule-counts", action="store_true", help="print only counts per rule id")
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="N findings a family")
    parser.add_argument("--seed", type=int, default=0, help="seed for --sample (default 0)")
    parser.add_argument(
        "--include-suggestions", action="store_true", help="sample suggestion-level findings too"
    )
    parser.add_argument("--sample-out", type=Path, metavar="FILE.jsonl", help="write the sample")
    parser.add_argument("--judged", type=Path, metavar="FILE.jsonl", help="precision from verdicts")
    parser.add_argument("--workers", type=int, default=1, help="processes for review_many")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if not args.paths and args.judged is None:
            raise UsageError("give a folder, files or globs to review, or --judged FILE.jsonl")
        if args.sample < 0:
            raise UsageError("--sample must be 0 or more")
        judged = read_judged(args.judged) if args.judged is not None else None
        paths = collect_files(args.paths) if args.paths else []
    except UsageError as exc:
        print(f"critic_realworld: {exc}", file=sys.stderr)
        return 2

    output: dict[str, Any] = {}
    if paths:
        docs, unreadable = read_docs(paths)
        run = review_docs(docs, workers=args.workers)
        run.files += len(unreadable)
        run.skipped = unreadable + run.skipped
        if args.rule_counts:
            counts = rule_counts(run)
            output["rule_counts"] = counts
            if not args.json:
                print("\n".join(f"{count:>7}  {rule}" for rule, count in counts.items()))
        else:
            summary = summarize(run)
            output["summary"] = summary
            if not args.json:
                print(format_summary(summary))
        if args.sample:
            sample = draw_sample(run.flags, args.sample, args.seed, args.include_suggestions)
            severities = set(SEVERITIES) if args.include_suggestions else set(FLAGGING)
            pools = Counter(f.family for f in run.flags if f.severity in severities)
            records = sample_records(sample)
            output["sample"] = records
            if args.sample_out is not None:
                write_jsonl(args.sample_out, records)
            if not args.json:
                print(format_sample(sample, args.seed, dict(pools)))
                if args.sample_out is not None:
                    print(f"\nSample written to {args.sample_out} ({len(records)} findings)")
    if judged is not None:
        table = precision(judged)
        output["precision"] = table
        if not args.json:
            if paths:
                print()
            print(f"Precision from {args.judged} (verdict tp/fp; other verdicts not counted):")
            print(format_precision(table))
    if args.json:
        print(json.dumps(output, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
