"""Findings in the formats CI systems read: SARIF 2.1.0, GitHub workflow commands, reviewdog rdjson.

Each function takes (display path, original text, Report) triples for the files checked and returns
the text to print. Only the standard library and the critic's rule table are used.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from brief import __version__
from brief.lines import line_starts
from brief.rewrites import rewrite_edit

TOOL = "brief"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "suggestion": "notice"}
RDJSON_SEVERITY = {"error": "ERROR", "warning": "WARNING", "suggestion": "INFO"}

Checked = tuple[str, str, Any]  # (path as shown, original text, critic Report)


class _Lines:
    """Line and column (1-based, in code points and in UTF-8 bytes) of offsets in a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def line(self, offset: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.starts, offset)

    def column(self, offset: int) -> int:
        return offset - self.starts[self.line(offset) - 1] + 1

    def byte_column(self, offset: int) -> int:
        start = self.starts[self.line(offset) - 1]
        return len(self.text[start:offset].encode("utf-8")) + 1


def _end(finding: Any) -> int:
    return max(finding.end, finding.start)


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/")) if path != "<stdin>" else "stdin"


def _rule_table() -> tuple[list[dict[str, Any]], dict[str, int]]:
    from critic import resources
    from critic.rules import RULES

    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule_id, rule in RULES.items():
        index[rule_id] = len(rules)
        rules.append(
            {
                "id": rule_id,
                "name": rule_id.replace(".", "/"),
                "shortDescription": {"text": rule.summary or rule_id},
                "fullDescription": {"text": resources.guideline(rule.guideline)},
                "defaultConfiguration": {"level": SARIF_LEVEL.get(rule.severity, "warning")},
                "properties": {"tags": [rule.family], "guideline": rule.guideline},
            }
        )
    return rules, index


def sarif(checked: Sequence[Checked]) -> str:
    """One SARIF 2.1.0 log with one run: every rule described once, each finding a result."""
    rules, index = _rule_table()
    results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for artifact_index, (path, text, report) in enumerate(checked):
        lines = _Lines(text)
        artifacts.append({"location": {"uri": _uri(path)}, "length": len(text)})
        for finding in report.findings:
            end = _end(finding)
            region = {
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": lines.line(end),
                "endColumn": lines.column(end),
                "charOffset": finding.start,
                "charLength": end - finding.start,
                "snippet": {"text": text[finding.start : end]},
            }
            location = {"uri": _uri(path), "index": artifact_index}
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": SARIF_LEVEL[finding.severity],
                "message": {"text": f"{finding.message} Suggestion: {finding.suggestion}"},
                "locations": [
                    {"physicalLocation": {"artifactLocation": location, "region": region}}
                ],
                "properties": {"family": finding.family, "why": finding.why},
            }
            if finding.rule in index:
                result["ruleIndex"] = index[finding.rule]
            edit = rewrite_edit(text, finding)
            if edit is not None:
                edit_start, edit_end, rewrite = edit
                result["fixes"] = [
                    {
                        "description": {"text": f"Replace with “{rewrite}”"},
                        "artifactChanges": [
                            {
                                "artifactLocation": location,
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "charOffset": edit_start,
                                            "charLength": edit_end - edit_start,
                                        },
                                        "insertedContent": {"text": rewrite},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL,
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(checked: Sequence[Checked]) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
    out: list[str] = []
    for path, text, report in checked:
        lines = _Lines(text)
        for finding in report.findings:
            end = _end(finding)
            properties = {
                "file": path,
                "line": str(finding.line),
                "col": str(finding.column),
                "endLine": str(lines.line(end)),
                "endColumn": str(lines.column(end)),
                "title": f"{finding.rule} ({finding.family})",
            }
            if properties["endLine"] != properties["line"]:
                del properties["col"], properties["endColumn"]  # columns only on one line
            head = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
            message = f"{finding.message} Suggestion: {finding.suggestion}"
            out.append(f"::{GITHUB_COMMAND[finding.severity]} {head}::{_escape_data(message)}")
    return "".join(line + "\n" for line in out)


def rdjson(checked: Sequence[Checked]) -> str:
    """reviewdog's Diagnostic Format (rdjson): columns are UTF-8 byte columns, 1-based."""
    diagnostics: list[dict[str, Any]] = []
    for path, text, report in checked:
        lines = _Lines(text)
        for finding in report.findings:
            end = _end(finding)
            span = {
                "start": {"line": finding.line, "column": lines.byte_column(finding.start)},
                "end": {"line": lines.line(end), "column": lines.byte_column(end)},
            }
            diagnostic: dict[str, Any] = {
                "message": f"{finding.message} Suggestion: {finding.suggestion}",
                "location": {"path": path, "range": span},
                "severity": RDJSON_SEVERITY[finding.severity],
                "code": {"value": finding.rule},
            }
            edit = rewrite_edit(text, finding)
            if edit is not None:
                edit_start, edit_end, rewrite = edit
                fix_range = {
                    "start": {
                        "line": lines.line(edit_start),
                        "column": lines.byte_column(edit_start),
                    },
                    "end": {"line": lines.line(edit_end), "column": lines.byte_column(edit_end)},
                }
                diagnostic["suggestions"] = [{"range": fix_range, "text": rewrite}]
            diagnostics.append(diagnostic)
    payload = {"source": {"name": TOOL}, "diagnostics": diagnostics}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"sarif": sarif, "github": github, "rdjson": rdjson}
