"""Each rule's own examples: examples_fail must raise it, examples_pass must not (as proselint)."""

from __future__ import annotations

import pytest

from critic import CriticConfig, review
from critic.rules import RULE_MODULES


def _cases() -> list:
    cases = []
    for module in RULE_MODULES:
        name = module.__name__.rsplit(".", 1)[-1]
        for number, text in enumerate(module.examples_fail):
            cases.append(pytest.param(module, text, True, id=f"{name}-fail-{number}"))
        for number, text in enumerate(module.examples_pass):
            cases.append(pytest.param(module, text, False, id=f"{name}-pass-{number}"))
    return cases


@pytest.mark.parametrize(("module", "text", "should_flag"), _cases())
def test_rule_examples(module, text: str, should_flag: bool) -> None:
    config = CriticConfig.model_validate(getattr(module, "EXAMPLE_CONFIG", {}))
    ids = {rule.id for rule in module.RULES}
    report = review(text, config=config, facts=getattr(module, "EXAMPLE_FACTS", None))
    hits = [f for f in report.findings if f.rule in ids]
    if should_flag:
        assert hits, f"{sorted(ids)} should flag: {text!r}; got {[f.rule for f in report.findings]}"
        for finding in hits:
            assert text[finding.start : finding.end].strip(), "a finding must point at words"
    else:
        assert not hits, (
            f"{sorted(ids)} should not flag {text!r}: {[(f.rule, f.message) for f in hits]}"
        )


def test_every_rule_declares_examples_and_guideline() -> None:
    for module in RULE_MODULES:
        assert module.__doc__ and "Guide" in module.__doc__, module.__name__
        assert module.examples_fail and module.examples_pass, module.__name__
        for rule in module.RULES:
            assert rule.family in {"jargon", "numbers", "blame", "length", "structure"}
            assert rule.id.startswith(rule.family + ".")
