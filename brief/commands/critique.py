"""`brief critique PATH... | -`: review drafts with the critic and print the findings.

Exit codes: 0 no error-level finding, 1 any error-level finding, 2 usage or input errors (missing
file, not UTF-8, binary, empty, invalid config) with a one-line message on stderr.
Only the standard library is imported at module level; the critic (spaCy) loads inside run().
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
SEVERITIES = ("suggestion", "warning", "error")
FORMATS = ("text", "json", "sarif", "github", "rdjson")
STDIN = "-"


class _InputProblem(Exception):
    """A path that cannot be reviewed; the message is one line."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "critique",
        help="review a briefing or meeting script the way a demanding CEO would",
        description=(
            "Review briefings and meeting scripts (Markdown or plain text) for jargon, missing "
            "numbers, blame-deflecting language, excess length and missing elements. Exit 0 when "
            "there is no error-level finding, 1 when there is, 2 on usage or input errors."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="draft files, or - for stdin")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format: text, json, sarif (SARIF 2.1.0), github (workflow annotations), "
        "rdjson (reviewdog)",
    )
    parser.add_argument(
        "--kind",
        choices=("auto", "briefing", "script", "qa"),
        default=None,
        help="what the drafts are (default: the config's kind, else auto-detect)",
    )
    parser.add_argument("--config", metavar="FILE", help="brief.toml or pyproject.toml to use")
    parser.add_argument(
        "--facts",
        metavar="FACTS",
        help="incident facts (.yaml or .json): flag every figure they do not support "
        "(numbers.unsupported)",
    )
    parser.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        default="suggestion",
        help="hide findings below this severity (default: show all)",
    )
    parser.set_defaults(handler=run)


def _read(path: str) -> str:
    from brief.failures import read_stdin
    from critic.inputs import max_input_chars, size_problem, text_problem

    byte_limit = 4 * max_input_chars()  # UTF-8: at most 4 bytes a character
    if path == STDIN:
        data = read_stdin(limit=byte_limit)
        name = "<stdin>"
    else:
        file = Path(path)
        if not file.exists():
            raise _InputProblem(f"{path}: no such file")
        if file.is_dir():
            raise _InputProblem(f"{path}: is a directory, not a file")
        try:
            if (size := file.stat().st_size) > byte_limit:
                raise _InputProblem(f"{path}: {size_problem(size, unit='bytes')}")
            data = file.read_bytes()
        except OSError as exc:
            raise _InputProblem(f"{path}: cannot read ({exc.strerror or exc})") from None
        name = path
    if len(data) > byte_limit:
        raise _InputProblem(f"{name}: {size_problem(len(data), unit='bytes')}")
    if b"\x00" in data:
        raise _InputProblem(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _InputProblem(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start})"
        ) from None
    if not text.strip():
        raise _InputProblem(f"{name}: is empty")
    if problem := text_problem(text):
        raise _InputProblem(f"{name}: {problem}")
    return text


def _display(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _visible(report: Any, minimum: str) -> list[Any]:
    floor = SEVERITIES.index(minimum)
    return [f for f in report.findings if SEVERITIES.index(f.severity) >= floor]


def _print_text(path: str, report: Any, minimum: str, out: Any) -> None:
    for finding in _visible(report, minimum):
        out.write(
            f"{path}:{finding.line}:{finding.column} {finding.severity} {finding.rule} "
            f"{finding.message}\n"
        )
        out.write(f"    suggestion: {finding.suggestion}\n")
    counts = report.counts()
    missing = [name for name, ok in report.coverage.items() if not ok]
    covered = f"{7 - len(missing)}/7 elements" + (
        f" (missing: {', '.join(missing)})" if missing else ""
    )
    tally = ", ".join(
        f"{counts[severity]} {severity}{'' if counts[severity] == 1 else 's'}"
        for severity in ("error", "warning", "suggestion")
    )
    out.write(
        f"{path}: {report.verdict()}, score {report.score}/100 · {tally} · {covered} · "
        f"{report.metrics.words} words, {report.kind}\n"
    )


def _as_json(path: str, report: Any, minimum: str) -> dict[str, Any]:
    data = report.model_dump(mode="json")
    data["findings"] = [f.model_dump(mode="json") for f in _visible(report, minimum)]
    return {"path": path, **data}


def _load_facts(path: str) -> Any:
    """The facts as plain data for the critic, or a one-line problem (str).

    Validated by the drafter's schema when it can be imported, so a typo is reported by field."""
    from drafter import FactsError, load_facts

    try:
        return load_facts(path).model_dump()
    except FactsError as exc:
        return str(exc)


def run(args: argparse.Namespace) -> int:
    try:
        texts = [_read(path) for path in args.paths]
    except _InputProblem as exc:
        print(f"brief critique: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.paths.count(STDIN) > 1:
        print("brief critique: '-' (stdin) can be given only once", file=sys.stderr)
        return EXIT_USAGE

    from brief.failures import stdout, write_stdout
    from critic import ConfigError, load_config, review_many

    stdout("redirect it to a file instead (> findings.txt)")  # said before the review runs

    facts = None
    if args.facts:
        facts = _load_facts(args.facts)
        if isinstance(facts, str):
            print(f"brief critique: {facts}", file=sys.stderr)
            return EXIT_USAGE

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"brief critique: invalid config: {exc}", file=sys.stderr)
        return EXIT_USAGE
    kind = args.kind or config.kind
    reports = review_many(texts, kind=kind, config=config, workers=os.cpu_count() or 1, facts=facts)

    names = [_display(path) for path in args.paths]
    if reports and reports[0].engine.degraded:
        print(f"brief critique: note: degraded engine: {reports[0].engine.note}", file=sys.stderr)
    if args.format in ("sarif", "github", "rdjson"):
        from brief.ci_formats import RENDERERS

        checked = [
            (n, t, r.model_copy(update={"findings": _visible(r, args.min_severity)}))
            for n, t, r in zip(names, texts, reports, strict=True)
        ]
        sys.stdout.write(RENDERERS[args.format](checked))
    elif args.format == "json":
        payload: Any = [
            _as_json(n, r, args.min_severity) for n, r in zip(names, reports, strict=True)
        ]
        if len(payload) == 1:
            payload = payload[0]
        write_stdout(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        out = stdout("redirect it to a file instead (> findings.txt)")
        for name, report in zip(names, reports, strict=True):
            _print_text(name, report, args.min_severity, out)
    return EXIT_FINDINGS if any(not r.passed for r in reports) else EXIT_OK
