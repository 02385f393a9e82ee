"""`brief lsp`: the critic as a language server (pygls), for Markdown and plain-text files.

- Diagnostics on open and on every change: rule id as the code, severity, the message and the
  guideline it enforces. Each change is re-checked through `critic.Checker`, so only the edited
  lines are parsed again.
- Hover over a finding: its suggestion and guideline.
- Code actions: "Replace with …" where the suggestion is a plain rewrite (brief.rewrites).

Positions are sent in UTF-16 code units, as LSP requires by default.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from brief import __version__
from brief.lines import line_starts
from brief.rewrites import plain_rewrite, rewrite_edit

SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "suggestion": lsp.DiagnosticSeverity.Information,
}
SOURCE = "brief"


class _Positions:
    """Python string offsets to LSP positions (line, UTF-16 character) and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def position(self, offset: int) -> lsp.Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        before = self.text[self.starts[line] : offset]
        return lsp.Position(line=line, character=len(before.encode("utf-16-le")) // 2)

    def offset(self, position: lsp.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] - 1 if position.line + 1 < len(self.starts) else None
        line = self.text[start:end]
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return start + index
            units += 2 if ord(char) > 0xFFFF else 1
        return start + len(line)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(max(start, end)))


@dataclass
class _Checked:
    version: int | None
    text: str
    findings: list[Any]
    positions: _Positions


class BriefLanguageServer(LanguageServer):
    """Keeps one critic.Checker and the last findings of every open document."""

    def __init__(self) -> None:
        super().__init__(
            "brief-lsp", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental
        )
        self._checker: Any = None
        self.checked: dict[str, _Checked] = {}

    @property
    def checker(self) -> Any:
        if self._checker is None:
            from critic import Checker, load_config

            try:
                config = load_config(None)
            except Exception:  # an invalid brief.toml: check with the defaults, say so
                from critic import CriticConfig

                config = CriticConfig()
                self.window_show_message(
                    lsp.ShowMessageParams(
                        type=lsp.MessageType.Warning,
                        message="brief: invalid brief.toml; checking with the default settings",
                    )
                )
            self._checker = Checker(config=config)
        return self._checker

    def check(self, uri: str) -> None:
        """Re-check the document and publish its diagnostics."""
        from critic import InputError

        document = self.workspace.get_text_document(uri)
        text = document.source
        try:
            findings = list(self.checker.check(text).findings) if text.strip() else []
        except InputError:
            findings = []
        positions = _Positions(text)
        self.checked[uri] = _Checked(document.version, text, findings, positions)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=[_diagnostic(finding, positions) for finding in findings],
            )
        )

    def forget(self, uri: str) -> None:
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def _diagnostic(finding: Any, positions: _Positions) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=positions.range(finding.start, finding.end),
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        source=SOURCE,
        message=f"{finding.message}\nGuideline: {finding.why}",
        data={"suggestion": finding.suggestion, "rewrite": plain_rewrite(finding)},
    )


def _hover_text(finding: Any) -> str:
    return (
        f"**{finding.rule}** ({finding.severity}): {finding.message}\n\n"
        f"**Suggestion:** {finding.suggestion}\n\n"
        f"*Guideline:* {finding.why}"
    )


def build_server() -> BriefLanguageServer:
    server = BriefLanguageServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BriefLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BriefLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: BriefLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BriefLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: BriefLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        checked = ls.checked.get(params.text_document.uri)
        if checked is None:
            return None
        offset = checked.positions.offset(params.position)
        here = [f for f in checked.findings if f.start <= offset < max(f.end, f.start + 1)]
        if not here:
            return None
        return lsp.Hover(
            contents=lsp.MarkupContent(
                kind=lsp.MarkupKind.Markdown,
                value="\n\n---\n\n".join(_hover_text(f) for f in here),
            ),
            range=checked.positions.range(here[0].start, here[0].end),
        )

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(ls: BriefLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        checked = ls.checked.get(uri)
        if checked is None:
            return []
        start = checked.positions.offset(params.range.start)
        end = checked.positions.offset(params.range.end)
        actions = []
        for finding in checked.findings:
            if finding.end < start or finding.start > end:
                continue
            edit = rewrite_edit(checked.text, finding)
            if edit is None:
                continue
            edit_start, edit_end, rewrite = edit
            span = checked.positions.range(edit_start, edit_end)
            actions.append(
                lsp.CodeAction(
                    title=f"Replace with “{rewrite}” ({finding.rule})",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[_diagnostic(finding, checked.positions)],
                    edit=lsp.WorkspaceEdit(
                        changes={uri: [lsp.TextEdit(range=span, new_text=rewrite)]}
                    ),
                )
            )
        return actions

    return server


def serve() -> None:
    """Serve over stdin/stdout until the client says exit."""
    build_server().start_io()
