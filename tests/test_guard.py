"""The secrets and personal-data guard: detectors, the CLI's refusal and --redact, history, exports.

The end-to-end test drafts through a scripted OpenAI-compatible server on 127.0.0.1 and checks
every byte that reached it, the history database and every export.
"""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest
import yaml

from brief.cli import main
from brief.history import HistoryStore
from drafter import DraftResult, guard, validate_facts
from tests.fake_provider import FakeProvider, Reply

ROOT = Path(__file__).resolve().parent.parent
AWS = "AKIAIOSFODNN7EXAMPLE"
GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
EMAIL = "dana.whitfield@example.com"
SECRETS = (AWS, GITHUB, EMAIL)


def _leaky_facts(tmp_path: Path) -> Path:
    data = yaml.safe_load((ROOT / "fixtures" / "incidents" / "conversion-drop.yaml").read_text())
    data["what_went_wrong"] += f" The deploy script logged the key {AWS} in plain text."
    data["root_cause"] = f"A token ({GITHUB}) was pasted into the pipeline config."
    data["detection"]["how_found"] = f"{EMAIL} noticed it on the dashboard."
    path = tmp_path / "leaky.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _contains_any(blob: bytes | str) -> list[str]:
    text = blob.decode("utf-8", "replace") if isinstance(blob, bytes) else blob
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"key {AWS} here", "aws-key"),
        (f"token {GITHUB}", "github-token"),
        ("password: hunter2secret", "password"),
        ("the db password is hunter2", "password"),
        ("use sk-live-4f9a8b7c6d5e4f3a2b1c0d9e", "api-key"),
        ("Authorization: Bearer abcdefghijklmnop1234", "credential"),
        (f"write to {EMAIL}", "email"),
        ("call +1 415 555 2671 now", "phone"),
        ("card 4111 1111 1111 1111 was charged", "card-number"),
    ],
)
def test_detects_each_kind(text: str, kind: str) -> None:
    spans = guard.find(text)
    assert kind in [span.kind for span in spans]
    assert f"[REDACTED:{kind}]" in guard.redact(text, spans)


def test_names_only_when_asked() -> None:
    text = "Maria Lopez called the on-call engineer."
    assert not [s for s in guard.find(text) if s.kind == "person-name"]
    assert [s for s in guard.find(text, names=True) if s.kind == "person-name"]


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "incidents").glob("*.yaml")))
def test_example_incidents_have_no_false_alarms(path: Path) -> None:
    assert guard.scan_facts(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "drafts").glob("*.md")))
def test_example_drafts_have_no_false_alarms(path: Path) -> None:
    assert guard.find(path.read_text(encoding="utf-8")) == []


def test_tldextract_never_uses_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import requests

    calls: list[str] = []
    monkeypatch.setattr(requests.Session, "get", lambda *a, **k: calls.append("get"))
    monkeypatch.setattr(requests.Session, "request", lambda *a, **k: calls.append("request"))
    assert [s.kind for s in guard.find(f"mail {EMAIL} or x@mail.co.uk")] == ["email", "email"]
    import tldextract.tldextract as module

    assert module.TLD_EXTRACTOR.suffix_list_urls == ()
    assert calls == []


def test_guard_error_names_field_and_kind_never_the_value(tmp_path: Path) -> None:
    raw = yaml.safe_load(_leaky_facts(tmp_path).read_text())
    with pytest.raises(guard.GuardError) as caught:
        guard.check_facts(raw)
    message = str(caught.value)
    assert "what_went_wrong: holds an aws-key" in message
    assert "root_cause: holds a github-token" in message
    assert "detection.how_found: holds an email" in message
    assert _contains_any(message) == []
    assert set(caught.value.by_field()) == {"what_went_wrong", "root_cause", "detection.how_found"}


def test_cli_sends_nothing_without_redact_and_only_redacted_text_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0000000000000000000000000000")
    facts = _leaky_facts(tmp_path)
    out = tmp_path / "draft.json"
    with FakeProvider([Reply.draft()]) as server:
        model = ["--model", "openai/x", "--api-base", server.api_base]
        refused = main(["draft", str(facts), *model])
        captured = capsys.readouterr()
        assert refused == 2
        assert server.requests == []  # nothing left the process
        assert "aws-key" in captured.err and "github-token" in captured.err
        assert "email" in captured.err and "--redact" in captured.err
        assert _contains_any(captured.err + captured.out) == []
        assert "Traceback" not in captured.err

        drafted = main(["draft", str(facts), *model, "--redact", "--format", "json"])
        drafted_out = capsys.readouterr()
        assert drafted == 0
        assert main(["draft", str(facts), *model, "--redact", "--out", str(out)]) == 0
        capsys.readouterr()
    assert len(server.requests) == 2
    for body in server.requests:
        assert _contains_any(body) == []
        for kind in ("aws-key", "github-token", "email"):
            assert f"[REDACTED:{kind}]" in body
    assert _contains_any(drafted_out.out + drafted_out.err) == []
    assert _contains_any(out.read_bytes()) == []
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    # the app's path: history and every export, from the redacted draft
    from brief.ui.export import docx_bytes, draft_json, findings_json, markdown_bundle
    from critic import review

    result = DraftResult.model_validate_json(drafted_out.out)
    raw, _ = guard.redact_facts(yaml.safe_load(facts.read_text()))
    store = HistoryStore(tmp_path / "history.sqlite3")
    briefing = "# Briefing\n\n" + result.draft.briefing.summary
    report = review(briefing)
    store.save_draft(validate_facts(raw), result, {"briefing": (briefing, report)})
    # and a pasted draft that still holds all three: the store scrubs it
    leaky_text = f"Our key {AWS} and token {GITHUB} leaked; ask {EMAIL}."
    store.save_critique(leaky_text, review(leaky_text))
    database = tmp_path / "history.sqlite3"
    assert _contains_any(database.read_bytes()) == []
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    parts = {"briefing": briefing, "text": leaky_text}
    markdown = markdown_bundle("t", parts)
    exports = [
        markdown,
        findings_json("t", {"text": (leaky_text, review(leaky_text))}),
        draft_json("t", parts, [("Who leaked it?", leaky_text)], result),
    ]
    for export in exports:
        assert _contains_any(export) == []
    with zipfile.ZipFile(io.BytesIO(docx_bytes("# t\n\n" + leaky_text))) as docx:
        assert _contains_any(docx.read("word/document.xml")) == []


def test_cli_redact_reports_fields_not_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["draft", str(_leaky_facts(tmp_path)), "--redact", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0
    assert (
        "redacted before drafting" in captured.err and "root_cause (github-token)" in captured.err
    )
    assert _contains_any(captured.out + captured.err) == []
    assert "[REDACTED:aws-key]" in json.loads(captured.out)["draft"]["briefing"]["summary"] + (
        captured.out
    )


def test_scrub_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list:
        raise RuntimeError("detector broke")

    monkeypatch.setattr(guard, "secret_spans", broken)
    assert AWS not in guard.scrub(f"key {AWS}")


def test_json_exports_stay_valid_json_when_texts_are_scrubbed() -> None:
    from brief.ui.export import draft_json

    parts = {"briefing": f"Ask {EMAIL} or call +1 415 555 0132, 2559, 1234.5", "script": "You: 12"}
    data = json.loads(draft_json("t", parts, [("Who?", f"Mail {EMAIL}")], None))
    assert EMAIL not in json.dumps(data) and "[REDACTED:" in data["briefing"]
    assert data["script"] == "You: 12"
