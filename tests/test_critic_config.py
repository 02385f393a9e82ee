"""Configuration (brief.toml / [tool.brief]) and inline suppression comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from critic import ConfigError, CriticConfig, load_config, review

PASSIVE = "Our fraud model refused 12,100 orders. The alert threshold was set too high."


def _rules(report) -> list[str]:
    return [f.rule for f in report.findings]


def test_defaults_when_no_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.source is None and config.thresholds.sentence_words_warning == 25


def test_brief_toml_discovered_upwards(tmp_path: Path) -> None:
    (tmp_path / "brief.toml").write_text('[critic]\ndisable = ["blame"]\n', encoding="utf-8")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    config = load_config(start=nested)
    assert config.source == str(tmp_path / "brief.toml")
    assert "blame.agentless-passive" not in _rules(review(PASSIVE, config=config))


def test_pyproject_tool_brief(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.brief]\n[tool.brief.severity]\n"blame.agentless-passive" = "error"\n',
        encoding="utf-8",
    )
    config = load_config(start=tmp_path)
    report = review(PASSIVE, config=config)
    passive = next(f for f in report.findings if f.rule == "blame.agentless-passive")
    assert passive.severity == "error" and not report.passed


def test_thresholds_override(tmp_path: Path) -> None:
    path = tmp_path / "brief.toml"
    path.write_text(
        "[critic.thresholds]\nsentence_words_warning = 5\nsentence_words_error = 50\n",
        encoding="utf-8",
    )
    report = review("We restored the previous model on Tuesday at 4 pm.", config=load_config(path))
    assert "length.sentence" in _rules(report)


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("[critic]\ndisable = ['blame.pasive']\n", "did you mean"),
        ("[critic.thresholds]\nsentence_words_warning = 'many'\n", "sentence_words_warning"),
        ("[critic.thresholds]\nsentence_lenght = 3\n", "sentence_lenght"),
        ("[critic\n", "invalid TOML"),
        ("disabel = ['blame']\n", "did you mean 'disable'"),
    ],
)
def test_invalid_config_is_one_clear_line(tmp_path: Path, toml: str, fragment: str) -> None:
    path = tmp_path / "brief.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert fragment in str(caught.value) and "\n" not in str(caught.value)


def test_glossary_accept_reject_and_terms() -> None:
    text = "Latency doubled and the churn model and our widget index broke, costing 1,200 orders."
    plain = review(text)
    assert any(f.rule == "jargon.term" and "Latency" in f.message for f in plain.findings)
    config = CriticConfig.model_validate(
        {
            "glossary": {
                "accept": ["latency"],
                "reject": ["widget index"],
                "terms": {"churn model": "the model that predicts who will leave"},
            }
        }
    )
    report = review(text, config=config)
    flagged = {text[f.start : f.end] for f in report.findings if f.rule == "jargon.term"}
    assert flagged == {"churn model", "widget index"}
    churn = next(f for f in report.findings if text[f.start : f.end] == "churn model")
    assert "the model that predicts who will leave" in churn.suggestion


def test_explained_jargon_is_only_a_suggestion() -> None:
    report = review("Latency, the time the model takes to answer, doubled to 900 ms.")
    jargon = [f for f in report.findings if f.rule == "jargon.term"]
    assert jargon and all(f.severity == "suggestion" for f in jargon)


def test_ceo_priorities() -> None:
    doc = (
        "Our fraud model refused 12,100 genuine orders over 4 days. I approved the change that "
        "caused it. We restored the old setting on Tuesday at 4 pm."
    )
    assert "structure.ceo-priorities" not in _rules(review(doc))
    config = CriticConfig.model_validate({"ceo_priorities": ["revenue", "customer retention"]})
    finding = next(
        f for f in review(doc, config=config).findings if f.rule == "structure.ceo-priorities"
    )
    assert "revenue" in finding.message
    assert "structure.ceo-priorities" not in _rules(
        review(doc.replace("orders", "orders, €180,000 of revenue"), config=config)
    )


def test_suppress_next_block() -> None:
    text = (
        "<!-- brief: ignore blame.agentless-passive -->\n"
        "The threshold was set too high.\n\nMistakes were made.\n"
    )
    report = review(text)
    passives = [
        text[f.start : f.end] for f in report.findings if f.rule == "blame.agentless-passive"
    ]
    assert passives == ["were made"] and report.suppressed == 1


def test_suppress_same_line_and_family() -> None:
    text = (
        "The threshold was set too high; we will fix it soon. <!-- brief: ignore blame -->\n\n"
        "Mistakes were made."
    )
    rules = [(f.rule, text[f.start : f.end]) for f in review(text).findings]
    assert ("blame.agentless-passive", "were made") in rules
    assert ("blame.agentless-passive", "was set") not in rules
    assert ("numbers.vague-time", "soon") in rules


def test_ignore_file_silences_document_rules() -> None:
    body = (
        "The fraud model had a problem this week. It refused some orders. We are looking into it."
    )
    assert any(f.family == "structure" for f in review(body).findings)
    report = review("<!-- brief: ignore-file structure.*, numbers -->\n" + body)
    assert not [f for f in report.findings if f.family in {"structure", "numbers"}]


def test_severity_off_disables() -> None:
    config = CriticConfig.model_validate({"severity": {"jargon": "off"}})
    assert "jargon.term" not in _rules(review("We saw model drift.", config=config))
