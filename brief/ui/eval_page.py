"""The app's evaluation page: run the fixture incidents through models and the critic, or open
a saved result, and show the matrix with charts of pass rate and findings per family.

It calls the same functions as `brief eval` (brief.evaluation). From the app it replays the
recorded responses in fixtures/cassettes or runs the offline model: no key, no network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from brief.evaluation import (
    FAMILIES,
    BaselineError,
    EvalResult,
    IncidentsError,
    ModelSpec,
    diff_results,
    load_incidents,
    recorded_sets,
    render,
)
from brief.evaluation.render import diff_lines, verdict
from brief.highlight import FAMILY_COLOURS, FAMILY_LABELS

REPO_ROOT = Path(__file__).resolve().parents[2]
INCIDENTS_DIR = REPO_ROOT / "fixtures" / "incidents"
CASSETTES_DIR = REPO_ROOT / "fixtures" / "cassettes"
OFFLINE = "offline/template"
RESULT_KEY = "eval:result"
ERROR_KEY = "eval:error"


def _available_models() -> list[str]:
    return [OFFLINE, *(str(spec) for spec in recorded_sets(CASSETTES_DIR))]


def _incident_ids() -> list[str]:
    if not INCIDENTS_DIR.is_dir():
        return []
    return sorted(p.stem for p in INCIDENTS_DIR.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def _read_result(data: bytes, name: str) -> EvalResult:
    """A saved result from an upload; BaselineError with a one-line reason otherwise."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(name).name or "result.json")
        path.write_bytes(data)
        from brief.evaluation import load_result

        try:
            return load_result(path)
        except BaselineError as exc:
            raise BaselineError(str(exc).replace(str(path), name)) from None


def _run(model_names: list[str], incident_ids: list[str]) -> EvalResult | None:
    from brief.evaluation import run_evaluation

    try:
        incidents = load_incidents(
            [p for p in sorted(INCIDENTS_DIR.iterdir()) if p.stem in set(incident_ids)]
        )
    except IncidentsError as exc:
        st.session_state[ERROR_KEY] = str(exc)
        return None
    models = [ModelSpec.parse(name) for name in model_names]
    total = len(models) * len(incidents)
    bar = st.progress(0.0, text=f"Drafting 0 of {total}…")

    def on_progress(done: int, total: int, row: Any) -> None:
        bar.progress(done / total, text=f"Drafting {done} of {total}: {row.model} / {row.incident}")

    try:
        with st.spinner("Reviewing the drafts with the critic…"):
            result = run_evaluation(
                incidents,
                models,
                mode="replay",
                cassettes=CASSETTES_DIR,
                concurrency=4,
                on_progress=on_progress,
            )
    except Exception as exc:  # keep the page and the choices; say what went wrong
        st.session_state[ERROR_KEY] = f"The evaluation could not run: {exc}"
        return None
    finally:
        bar.empty()
    return result


def short_labels(names: list[str]) -> dict[str, str]:
    """Readable, distinct chart labels: drop the provider prefix ("anthropic/") when the rest is
    still unique, and never cut a name short."""
    out: dict[str, str] = {}
    tails = [name.split("/", 1)[-1] for name in names]
    for name, tail in zip(names, tails, strict=True):
        out[name] = tail if tails.count(tail) == 1 else name
    return out


def _bar_chart(frame: Any, value: str, title: str) -> Any:
    import altair as alt

    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X(f"{value}:Q", title=None, scale=alt.Scale(domain=[0, 100])),
            tooltip=["model", value],
        )
    )


def _family_chart(result: EvalResult) -> Any:
    import altair as alt
    import pandas as pd

    labels = short_labels([s.model for s in result.summaries])
    rows = [
        {
            "label": labels[s.model],
            "model": s.model,
            "family": FAMILY_LABELS.get(f, f),
            "findings": s.mean_findings_by_family.get(f, 0.0),
        }
        for s in result.summaries
        for f in FAMILIES
    ]
    order = [FAMILY_LABELS.get(f, f) for f in FAMILIES]
    colours = [FAMILY_COLOURS.get(f, "#999999") for f in FAMILIES]
    return (
        alt.Chart(pd.DataFrame(rows), title="Mean findings per draft, by family")
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("sum(findings):Q", title=None),
            color=alt.Color(
                "family:N",
                sort=order,
                scale=alt.Scale(domain=order, range=colours),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            order=alt.Order("family_index:Q"),
            tooltip=["model", "family", alt.Tooltip("findings:Q", format=".1f")],
        )
        .transform_calculate(family_index=f"indexof({order!r}, datum.family)")
    )


def diff_frame(diff: Any) -> Any:
    """The baseline comparison as a table: what regressed, improved, appeared or went."""
    import pandas as pd

    rows = []
    for label, changes in (
        ("regressed", diff.regressed),
        ("improved", diff.improved),
        ("new", diff.new),
        ("removed", diff.removed),
    ):
        for change in changes:
            rows.append(
                {
                    "change": label,
                    "model": change.model,
                    "incident": change.incident,
                    "before": change.before or "",
                    "after": change.after or "",
                    "detail": change.detail,
                }
            )
    return pd.DataFrame(rows, columns=["change", "model", "incident", "before", "after", "detail"])


def _summary_frame(result: EvalResult) -> Any:
    import pandas as pd

    rows = []
    for s in result.summaries:
        rows.append(
            {
                "model": s.model,
                "pass rate %": round(s.pass_rate * 100, 1),
                "passed": f"{s.passed}/{s.incidents}",
                "rejected": s.rejected,
                "errors": s.errors + s.missing,
                "mean findings": s.mean_findings,
                "mean score": s.mean_score,
                "mean latency ms": s.mean_latency_ms,
                "cost $": s.cost_usd,
            }
        )
    return pd.DataFrame(rows)


def _matrix_frame(result: EvalResult) -> Any:
    import pandas as pd

    cells = {row.key: verdict(row) for row in result.rows}
    labels = [spec.label for spec in result.models]
    return pd.DataFrame(
        [
            {"incident": incident, **{label: cells.get((label, incident), "") for label in labels}}
            for incident in result.incidents
        ]
    )


def _rows_frame(result: EvalResult) -> Any:
    import pandas as pd

    rows = []
    for r in result.rows:
        rows.append(
            {
                "model": r.model,
                "incident": r.incident,
                "status": r.status,
                "valid": r.valid,
                "critic passed": r.critic_passed,
                **{f: r.findings.get(f) if r.valid else None for f in FAMILIES},
                "words": r.words,
                "grade": r.grade,
                "speaking s": r.speaking_seconds,
                "latency ms": r.latency_ms,
                "tokens": r.input_tokens + r.output_tokens,
                "cost $": r.cost_usd,
                "figures not in facts": ", ".join(r.unsupported_figures),
                "reason": r.reason or ("repaired" if r.repaired else ""),
            }
        )
    return pd.DataFrame(rows)


def show_result(result: EvalResult) -> None:
    """The summary, the two charts, the matrix, every row and the downloads."""
    st.caption(
        f"{result.mode} · prompt {result.prompt_version} · {len(result.incidents)} incidents × "
        f"{len(result.models)} models · {result.wall_seconds:.1f} s"
        + (f" · critic {result.critic_engine}" if result.critic_engine else "")
    )
    st.subheader("Summary per model")
    summary = _summary_frame(result)
    st.dataframe(
        summary,
        hide_index=True,
        width="stretch",
        column_config={"model": st.column_config.TextColumn("model", pinned=True)},
    )
    st.caption("Repairs and tokens per draft: in “Every row” below and in the downloads.")
    labels = short_labels([s.model for s in result.summaries])
    chart_frame = summary.assign(label=[labels[m] for m in summary["model"]])
    left, right = st.columns(2)
    with left:
        st.altair_chart(
            _bar_chart(chart_frame, "pass rate %", "Pass rate per model (%)"), width="stretch"
        )
    with right:
        st.altair_chart(_family_chart(result), width="stretch")

    if result.diff is not None:
        st.subheader("Against the baseline")
        first, *_ = diff_lines(result.diff)
        (st.error if result.diff.regressed else st.success)(first)
        changes = diff_frame(result.diff)
        if len(changes):
            st.dataframe(changes, hide_index=True, width="stretch")
        moved = {m: c for m, c in result.diff.pass_rate_change.items() if c}
        if moved:
            st.caption(
                "Pass rate: " + " · ".join(f"{m} {c * 100:+.0f} points" for m, c in moved.items())
            )

    st.subheader("Verdict per incident")
    st.dataframe(_matrix_frame(result), hide_index=True)
    with st.expander("Every row: findings, words, grade, speaking time, latency, tokens, cost"):
        st.dataframe(_rows_frame(result), hide_index=True)

    c1, c2, c3 = st.columns(3)
    c1.download_button(
        "Save result (JSON)", render(result, "json"), "brief-eval.json", "application/json"
    )
    c2.download_button("Download CSV", render(result, "csv"), "brief-eval.csv", "text/csv")
    c3.download_button("Download Markdown", render(result, "md"), "brief-eval.md", "text/markdown")


def render_eval_page() -> None:
    st.title("Evaluate")
    st.caption(
        "Draft every example incident with one or more models, check each draft with the critic, "
        "and compare. Recorded responses are replayed, so this needs no key and no network."
    )
    source = st.radio(
        "Source",
        ["Run an evaluation", "Open a saved result"],
        horizontal=True,
        key="eval:source",
        label_visibility="collapsed",
    )
    if source == "Run an evaluation":
        models = _available_models()
        incident_ids = _incident_ids()
        chosen_models = st.multiselect(
            "Models (recorded cassette sets, and the offline model)",
            models,
            default=models[:3],
            key="eval:models",
        )
        chosen_incidents = st.multiselect(
            "Incidents", incident_ids, default=incident_ids, key="eval:incidents"
        )
        if st.button(
            "Run evaluation", type="primary", icon=":material/play_arrow:", key="eval:run"
        ):
            if not chosen_models or not chosen_incidents:
                st.session_state[ERROR_KEY] = "Pick at least one model and one incident."
            else:
                result = _run(chosen_models, chosen_incidents)
                if result is not None:
                    st.session_state[RESULT_KEY] = result
                    st.session_state.pop(ERROR_KEY, None)
    else:
        upload = st.file_uploader("A saved result (brief eval --format json)", type=["json"])
        if upload is not None:
            try:
                st.session_state[RESULT_KEY] = _read_result(upload.getvalue(), upload.name)
                st.session_state.pop(ERROR_KEY, None)
            except BaselineError as exc:
                st.session_state[ERROR_KEY] = str(exc)

    if message := st.session_state.get(ERROR_KEY):
        st.error(message)
    result: EvalResult | None = st.session_state.get(RESULT_KEY)
    if result is None:
        return
    baseline = st.file_uploader(
        "Compare with a baseline result (optional)", type=["json"], key="eval:baseline"
    )
    if baseline is not None:
        try:
            base = _read_result(baseline.getvalue(), baseline.name)
            result = result.model_copy(update={"diff": diff_results(base, result, baseline.name)})
        except BaselineError as exc:
            st.error(str(exc))
    show_result(result)
