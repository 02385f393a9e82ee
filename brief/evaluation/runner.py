"""Run every incident through every model, then through the critic.

Three modes:

- `replay`: answers come from the cassettes (no network, no key); a missing cassette is a
  `missing` row, not a network call.
- `record`: real calls, each saved to its cassette (needs the provider's key).
- `live`: real calls, nothing saved.

Live calls run concurrently through `drafter.agenerate_draft` (litellm.acompletion), at most
`concurrency` at a time. Replay and record go one cassette at a time: vcrpy patches the HTTP
clients process-wide, so two cassettes open at once would answer each other's requests.
Replayed answers take milliseconds, so this costs little. The `offline/template` model makes no
HTTP call and always runs directly, in any mode.

The critic reviews drafts in batches on one worker thread while the remaining drafts are still
being fetched.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brief.evaluation import cassette_sets
from brief.evaluation.incidents import Incident
from brief.evaluation.models import EvalResult, EvalRow, Mode, ModelSpec
from brief.evaluation.scoring import (
    apply_draft,
    apply_reports,
    critique,
    engine_name,
    summarize_rows,
)

if TYPE_CHECKING:
    from drafter import Draft, DrafterConfig

ProgressCallback = Callable[[int, int, EvalRow], None]
REPLAY_KEY = "replay-without-a-key"  # replay needs no key; litellm still wants one to be set
PLAYBACK_FAILURE = "Can't play back"


class EvalSetupError(ValueError):
    """The evaluation cannot start (e.g. a missing key for a live run); one-line message."""


def is_offline(spec: ModelSpec) -> bool:
    return spec.model.startswith("offline/")


def uses_cassette(spec: ModelSpec, mode: Mode) -> bool:
    return mode in ("replay", "record") and not is_offline(spec)


def _config(
    spec: ModelSpec, mode: Mode, api_base: str | None, timeout_s: float | None
) -> DrafterConfig:
    from pydantic import SecretStr

    from drafter import DrafterConfig

    overrides: dict[str, Any] = {"model": spec.model, "api_base": api_base, "timeout_s": timeout_s}
    if mode == "replay" and not is_offline(spec):
        overrides["backoff_s"] = 0.0  # recorded answers: no point waiting between tries
        overrides["api_key"] = SecretStr(REPLAY_KEY)
    return DrafterConfig.from_env(**overrides)


def check_ready(
    models: Sequence[ModelSpec],
    mode: Mode,
    cassettes: Path | None,
    api_base: str | None = None,
) -> None:
    """Fail before any call: keys for live and record runs, a cassette folder for replay."""
    from drafter import ProviderError
    from drafter.llm import check_credentials

    for spec in models:
        if is_offline(spec):
            continue
        if mode == "replay":
            if cassettes is None:
                raise EvalSetupError("replay needs a cassette folder (--cassettes DIR)")
            if not cassette_sets.set_dir(cassettes, spec).is_dir():
                recorded = ", ".join(str(s) for s in cassette_sets.recorded_sets(cassettes))
                raise EvalSetupError(
                    f"no cassettes for '{spec}' in {cassettes} (recorded: {recorded or 'none'}); "
                    "record them with --record, or pick a recorded model"
                )
            continue
        try:
            check_credentials(_config(spec, mode, api_base, None))
        except ProviderError as exc:
            hint = ""
            if cassettes is not None and cassette_sets.set_dir(cassettes, spec).is_dir():
                hint = f" Or add --replay to use the responses recorded in {cassettes}."
            raise EvalSetupError(f"{exc}{hint}") from None


class _CriticQueue:
    """Reviews drafts in batches on one thread, while the event loop keeps drafting."""

    def __init__(self, critic_config: Any) -> None:
        self.critic_config = critic_config
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brief-critic")
        self.pending: list[tuple[EvalRow, Draft]] = []
        self.task: asyncio.Task[None] | None = None
        self.engine: str | None = None

    def warm(self) -> None:
        """Load the critic's pipeline on its thread while the caller imports litellm."""
        self.executor.submit(_warm_critic, self.critic_config)

    def add(self, row: EvalRow, draft: Draft) -> None:
        self.pending.append((row, draft))
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self.pending:
            batch, self.pending = self.pending, []
            reports = await loop.run_in_executor(
                self.executor, critique, [draft for _, draft in batch], self.critic_config
            )
            for (row, _), (briefing, script) in zip(batch, reports, strict=True):
                apply_reports(row, briefing, script)
                self.engine = self.engine or engine_name(briefing)

    async def finish(self) -> None:
        while self.task is not None and not self.task.done():
            await self.task
        self.executor.shutdown(wait=True)


def _warm_critic(critic_config: Any) -> None:
    from critic import review_many

    review_many(
        ["I will send you the report by Friday 4 December."], kind="briefing", config=critic_config
    )


_PROVIDER_NOISE = re.compile(r"(?:litellm\.)?\w+(?:Error|Exception):?\s*(?:-\s*)?")


def _first_line(text: str, limit: int = 400) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def rejection_reason(exc: Exception) -> str:
    """'rejected after the repair round: first reply ...; second reply ...' in one line."""
    text = str(exc)
    _, sep, rest = text.partition("even after one repair round. ")
    return _first_line(f"no valid draft after the repair round. {rest}" if sep else text)


def provider_reason(exc: Exception) -> str:
    """The provider's error without litellm's exception class names."""
    return _first_line(_PROVIDER_NOISE.sub("", str(exc)))


async def arun_evaluation(
    incidents: Sequence[Incident],
    models: Sequence[ModelSpec],
    *,
    mode: Mode = "replay",
    cassettes: Path | None = cassette_sets.DEFAULT_CASSETTES,
    concurrency: int = 4,
    api_base: str | None = None,
    timeout_s: float | None = None,
    critic_config: Any = None,
    on_progress: ProgressCallback | None = None,
    revise_rounds: int | None = None,
) -> EvalResult:
    """Draft every incident with every model, review each draft, and summarise per model.

    With `revise_rounds`, each valid draft is then revised with the critic (drafter.revise) by
    the same model, from the same cassette, and the row records the verdict before and after.
    """
    from drafter import PROMPT_VERSION, DraftValidationError, ProviderError, agenerate_draft
    from drafter.llm import get_litellm

    if concurrency < 1:
        raise EvalSetupError("concurrency must be at least 1")
    # litellm's Anthropic route otherwise fetches a header list from GitHub on first use.
    os.environ.setdefault("LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS", "True")
    started = time.perf_counter()
    critic_queue = _CriticQueue(critic_config)
    critic_queue.warm()
    try:
        check_ready(models, mode, cassettes, api_base)  # keys checked (a real provider's import)
        if not all(is_offline(spec) for spec in models):  # offline/template needs no litellm
            get_litellm()
    except BaseException:
        critic_queue.executor.shutdown(wait=False, cancel_futures=True)
        raise

    rows = [
        EvalRow(
            model=spec.label,
            litellm_model=spec.model,
            incident=incident.id,
            title=incident.facts.title,
            status="error",
            valid=False,
        )
        for spec in models
        for incident in incidents
    ]
    jobs = [(spec, incident) for spec in models for incident in incidents]
    semaphore = asyncio.Semaphore(concurrency)
    cassette_lock = asyncio.Lock()
    recorder = player = None
    if cassettes and any(uses_cassette(spec, mode) for spec in models):
        from brief.cassettes import make_vcr

        recorder = make_vcr(cassettes, mode="record") if mode == "record" else None
        player = make_vcr(cassettes, mode="replay") if mode == "replay" else None
    done = 0

    async def draft_one(row: EvalRow, spec: ModelSpec, incident: Incident) -> None:
        nonlocal done
        config = _config(spec, mode, api_base, timeout_s)
        path = cassette_sets.cassette_path(cassettes, spec, incident.id) if cassettes else None
        began = time.perf_counter()
        try:
            if not uses_cassette(spec, mode):
                async with semaphore:
                    result = await agenerate_draft(incident.facts, config)
                    await _revise_row(row, result, incident, config, revise_rounds)
            elif mode == "replay":
                assert path is not None and player is not None
                if not path.is_file():
                    row.status = "missing"
                    row.reason = f"no recorded response at {path}; record it with --record"
                    return
                async with cassette_lock:
                    began = time.perf_counter()
                    with player.use_cassette(str(path.relative_to(cassettes))):
                        result = await agenerate_draft(incident.facts, config)
                        await _revise_row(row, result, incident, config, revise_rounds)
            else:
                assert path is not None and recorder is not None
                async with cassette_lock:
                    cassette_sets.write_set_file(cassettes, spec)
                    path.unlink(missing_ok=True)  # --record replaces the old recording
                    began = time.perf_counter()
                    with recorder.use_cassette(str(path.relative_to(cassettes))):
                        result = await agenerate_draft(incident.facts, config)
                        await _revise_row(row, result, incident, config, revise_rounds)
                    from brief.cassettes import find_secrets

                    if path.is_file() and (secrets := find_secrets(path.read_text("utf-8"))):
                        raise ProviderError(
                            "recording",
                            f"the recording held what looks like a credential ({secrets[0]}); "
                            "it was not saved",
                        )
        except DraftValidationError as exc:
            row.status = "rejected"
            row.attempts = 2
            row.reason = rejection_reason(exc)
        except ProviderError as exc:
            row.status = "error"
            row.reason = provider_reason(exc)
            if PLAYBACK_FAILURE in str(exc):
                row.reason = (
                    f"{path} has no recorded answer for one of the requests (the drafter asked "
                    "more often than the cassette answers); re-record it with --record"
                )
            if mode == "record" and path is not None:
                path.unlink(missing_ok=True)  # keep no recording of a failed call
        else:
            apply_draft(row, result)
            row.status = "fail"  # until the critic says otherwise
            critic_queue.add(row, result.draft)
        finally:
            if row.status != "missing":
                row.latency_ms = round((time.perf_counter() - began) * 1000, 1)
            done += 1
            if on_progress is not None:
                on_progress(done, len(jobs), row)

    await asyncio.gather(
        *(draft_one(row, spec, incident) for row, (spec, incident) in zip(rows, jobs, strict=True))
    )
    await critic_queue.finish()

    summaries = summarize_rows(models, rows, revise_rounds)
    return EvalResult(
        mode=mode,
        prompt_version=PROMPT_VERSION,
        cassettes=str(cassettes) if cassettes and mode != "live" else None,
        concurrency=concurrency,
        wall_seconds=round(time.perf_counter() - started, 2),
        critic_engine=critic_queue.engine,
        incidents=[incident.id for incident in incidents],
        models=list(models),
        rows=rows,
        summaries=summaries,
    )


async def _revise_row(
    row: EvalRow,
    result: Any,
    incident: Incident,
    config: DrafterConfig,
    rounds: int | None,
) -> None:
    """Revise the draft with the critic (on a worker thread) and record before and after."""
    if rounds is None:
        return
    from brief.evaluation.models import RowRevision
    from drafter import DraftError
    from drafter.revise import revise

    try:
        revised = await asyncio.to_thread(
            revise, result.draft, incident.facts, config, rounds=rounds
        )
    except DraftError as exc:
        row.revision = RowRevision(
            rounds=0, passed_before=False, passed_after=False, error=provider_reason(exc)
        )
        if PLAYBACK_FAILURE in str(exc):
            row.revision.error = "the cassette has no recorded answer for a revision round"
        return
    first, final = revised.first, revised.final
    rejected = [v for v in revised.versions if v.status == "rejected"]
    row.revision = RowRevision(
        rounds=len(revised.versions) - 1,
        rejected_rounds=len(rejected),
        passed_before=first.passed,
        passed_after=final.passed,
        findings_before=first.findings_by_family(),
        findings_after=final.findings_by_family(),
        final_version=final.number,
        stopped=revised.stopped,
        reasons=[reason for v in rejected for reason in v.reasons],
    )


def run_evaluation(
    incidents: Sequence[Incident], models: Sequence[ModelSpec], **options: Any
) -> EvalResult:
    """The same as arun_evaluation, for callers without an event loop (the CLI, the app)."""
    return asyncio.run(arun_evaluation(incidents, models, **options))
