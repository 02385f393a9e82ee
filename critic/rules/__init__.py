"""The critic's rules: one module per rule (or per family of ids), each naming its guideline.

Every module declares RULES (its Rule objects), examples_fail and examples_pass (run by one
parametrized test), and check(doc) -> list[Hit].
"""

from __future__ import annotations

from types import ModuleType

from critic.rules import (
    agentless_passive,
    ceo_priorities,
    change_without_figure,
    deflection,
    fate,
    hedging,
    impact_first,
    impact_without_figure,
    jargon_acronym,
    jargon_term,
    minimising,
    missing_elements,
    nameless_mistake,
    opening_statement,
    others_at_fault,
    paragraph_length,
    placeholder,
    plan_without_date,
    readability,
    sentence_length,
    unsupported_figure,
    vague_quantity,
    vague_time,
    word_budget,
)
from critic.rules.base import Hit, Rule

RULE_MODULES: tuple[ModuleType, ...] = (
    jargon_term,
    jargon_acronym,
    vague_quantity,
    vague_time,
    change_without_figure,
    impact_without_figure,
    plan_without_date,
    unsupported_figure,
    placeholder,
    agentless_passive,
    deflection,
    others_at_fault,
    nameless_mistake,
    fate,
    minimising,
    hedging,
    sentence_length,
    paragraph_length,
    word_budget,
    opening_statement,
    readability,
    missing_elements,
    impact_first,
    ceo_priorities,
)

RULES: dict[str, Rule] = {rule.id: rule for module in RULE_MODULES for rule in module.RULES}
RULE_IDS: tuple[str, ...] = tuple(RULES)

__all__ = ["RULES", "RULE_IDS", "RULE_MODULES", "Hit", "Rule"]
