"""`brief lsp` driven as an editor drives it: pygls's JSON-RPC client over the server's stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
URI = "file:///tmp/briefing.md"
TEXT = (
    "# Checkout model failure\n"
    "\n"
    "Our model refused 9,400 good orders last week, about $84,000 in lost sales.\n"
    "The threshold was changed on Monday. Our customers complained.\n"
)
PATIENCE_S = 300  # the first check loads spaCy; on a busy 2-core machine that takes a while


def _position(text: str, needle: str) -> lsp.Position:
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    return lsp.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


async def _session() -> dict:
    client = LanguageClient("brief-test", "1")
    published: list[lsp.PublishDiagnosticsParams] = []

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(*args) -> None:
        published.append(args[-1])

    await client.start_io(sys.executable, "-m", "brief.cli", "lsp", cwd=str(ROOT))
    out: dict = {}
    try:
        result = await asyncio.wait_for(
            client.initialize_async(
                lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), process_id=None)
            ),
            PATIENCE_S,
        )
        out["capabilities"] = result.capabilities
        client.initialized(lsp.InitializedParams())
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=URI, language_id="markdown", version=1, text=TEXT
                )
            )
        )
        # a request after didOpen: its answer comes after the diagnostics of version 1
        out["hover_passive"] = await asyncio.wait_for(
            client.text_document_hover_async(
                lsp.HoverParams(
                    text_document=lsp.TextDocumentIdentifier(uri=URI),
                    position=_position(TEXT, "was changed"),
                )
            ),
            PATIENCE_S,
        )
        out["after_open"] = list(published)

        # the editor sends only the change: "Our customers" -> "Several customers" (vague quantity)
        start = _position(TEXT, "Our customers")
        end = lsp.Position(line=start.line, character=start.character + len("Our customers"))
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=URI, version=2),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(start=start, end=end), text="Several customers"
                    )
                ],
            )
        )
        edited = TEXT.replace("Our customers", "Several customers")
        # one request/response cycle after didChange: diagnostics must already be there
        actions = await asyncio.wait_for(
            client.text_document_code_action_async(
                lsp.CodeActionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=URI),
                    range=lsp.Range(
                        start=_position(edited, "The threshold"),
                        end=_position(edited, " on Monday"),
                    ),
                    context=lsp.CodeActionContext(diagnostics=[]),
                )
            ),
            PATIENCE_S,
        )
        out["after_change"] = list(published)
        out["actions"] = actions
        out["edited"] = edited
        await asyncio.wait_for(client.shutdown_async(None), PATIENCE_S)
        client.exit(None)
    finally:
        await asyncio.wait_for(client.stop(), 60)
    return out


def test_language_server_diagnostics_hover_and_quick_fix() -> None:
    out = asyncio.run(_session())

    capabilities = out["capabilities"]
    assert capabilities.hover_provider and capabilities.code_action_provider

    first = [p for p in out["after_open"] if p.uri == URI]
    assert first and first[-1].version == 1
    codes = {d.code for d in first[-1].diagnostics}
    assert "blame.agentless-passive" in codes
    passive = next(d for d in first[-1].diagnostics if d.code == "blame.agentless-passive")
    assert passive.source == "brief"
    assert passive.severity == lsp.DiagnosticSeverity.Warning
    assert "Guideline:" in passive.message
    assert passive.range.start == _position(TEXT, "was changed")

    hover = out["hover_passive"]
    assert hover is not None and "blame.agentless-passive" in hover.contents.value
    assert "We changed the threshold on Monday." in hover.contents.value

    latest = [p for p in out["after_change"] if p.uri == URI][-1]
    assert latest.version == 2  # published before the next response arrived
    vague = [d for d in latest.diagnostics if d.code == "numbers.vague-quantity"]
    assert vague and vague[0].range.start == _position(out["edited"], "Several")

    fixes = [a for a in out["actions"] if a.kind == lsp.CodeActionKind.QuickFix]
    assert fixes, out["actions"]
    edit = fixes[0].edit.changes[URI][0]
    assert edit.new_text == "We changed the threshold on Monday."
    start = _position(out["edited"], "The threshold")
    assert edit.range.start == start
    assert edit.range.end.character == start.character + len("The threshold was changed on Monday.")
