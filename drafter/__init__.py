"""The drafter: incident facts in, a validated briefing, meeting script and Q&A out.

Public API (the CLI and the app use exactly these):

- `load_facts(path)`, `validate_facts(mapping)`, `parse_facts_text(text)`, `dump_facts(facts)`;
  `FactsError` lists problems field by field.
- `generate_draft(facts, config)` / `agenerate_draft(...)` -> `DraftResult`, through litellm;
  `DrafterConfig` picks the model (default `offline/template`: no key, no network).
- `compose_offline_draft(facts)`: the offline model's deterministic draft, without litellm.
- `render_markdown`, `briefing_markdown`, `script_markdown`, `qa_markdown`.
- `revise(draft, facts, config, rounds=2)` -> `RevisionResult`: the draft rewritten from the
  critic's findings (drafter.revise; the critic is imported on first use).

Importing this package does not import litellm; the first draft does.
"""

from drafter.draft import Briefing, Draft, DraftMeta, DraftResult, QAItem, ScriptTurn
from drafter.errors import DraftError, DraftValidationError, ProviderError
from drafter.facts import IncidentFacts, Unknown
from drafter.grounding import unsupported_figures
from drafter.llm import DEFAULT_MODEL, DrafterConfig, agenerate_draft, generate_draft
from drafter.loading import (
    FactsError,
    FieldProblem,
    dump_facts,
    load_facts,
    parse_facts_text,
    validate_facts,
)
from drafter.offline import compose_offline_draft
from drafter.prompts import PROMPT_VERSION
from drafter.render import briefing_markdown, qa_markdown, render_markdown, script_markdown
from drafter.revise import RevisionResult, revise

__all__ = [
    "DEFAULT_MODEL",
    "PROMPT_VERSION",
    "Briefing",
    "Draft",
    "DraftError",
    "DraftMeta",
    "DraftResult",
    "DraftValidationError",
    "DrafterConfig",
    "FactsError",
    "FieldProblem",
    "IncidentFacts",
    "ProviderError",
    "QAItem",
    "RevisionResult",
    "ScriptTurn",
    "Unknown",
    "agenerate_draft",
    "briefing_markdown",
    "compose_offline_draft",
    "dump_facts",
    "generate_draft",
    "load_facts",
    "parse_facts_text",
    "qa_markdown",
    "render_markdown",
    "revise",
    "script_markdown",
    "unsupported_figures",
    "validate_facts",
]
