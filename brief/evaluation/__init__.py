"""Batch evaluation: every incident through one or more models, then through the critic.

    from brief.evaluation import ModelSpec, load_incidents, run_evaluation, render
    incidents = load_incidents(["fixtures/incidents"])
    result = run_evaluation(incidents, [ModelSpec.parse("openai/gpt-4o-mini")], mode="replay")
    print(render(result, "table"))

The same functions serve `brief eval` and the app's evaluation page. Importing this package
imports neither litellm nor spaCy; running an evaluation does.
"""

from brief.evaluation.baseline import BaselineError, diff_results, load_result
from brief.evaluation.cassette_sets import (
    DEFAULT_CASSETTES,
    cassette_path,
    recorded_sets,
    set_folder_name,
)
from brief.evaluation.incidents import DEFAULT_INCIDENTS, Incident, IncidentsError, load_incidents
from brief.evaluation.models import (
    FAMILIES,
    BaselineDiff,
    EvalResult,
    EvalRow,
    ModelSpec,
    ModelSummary,
    RowChange,
)
from brief.evaluation.progress import ProgressBar
from brief.evaluation.render import FORMATS, render
from brief.evaluation.runner import EvalSetupError, arun_evaluation, run_evaluation
from brief.evaluation.scoring import summarize_rows

__all__ = [
    "DEFAULT_CASSETTES",
    "DEFAULT_INCIDENTS",
    "FAMILIES",
    "FORMATS",
    "BaselineDiff",
    "BaselineError",
    "EvalResult",
    "EvalRow",
    "EvalSetupError",
    "Incident",
    "IncidentsError",
    "ModelSpec",
    "ModelSummary",
    "ProgressBar",
    "RowChange",
    "arun_evaluation",
    "cassette_path",
    "diff_results",
    "load_incidents",
    "load_result",
    "recorded_sets",
    "render",
    "run_evaluation",
    "set_folder_name",
    "summarize_rows",
]
