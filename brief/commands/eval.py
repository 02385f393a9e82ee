"""`brief eval [INCIDENTS]`: every incident through one or more models and the critic.

Replays recorded responses by default when cassettes exist for the model (`--replay`), records
new ones with `--record`, and calls the models live otherwise. Prints the matrix of incidents by
models, a summary per model, and the diff against a saved baseline.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_BELOW = 1
EXIT_USAGE = 2
DEFAULT_INCIDENTS = Path("fixtures/incidents")
DEFAULT_CASSETTES = Path("fixtures/cassettes")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="evaluate drafts of many incidents by one or more models, with the critic",
        description=(
            "Draft every incident with every model, review each draft with the critic, and "
            "print a matrix of incidents by models with a summary per model. Exits 1 when a "
            "model's pass rate is below --min-pass-rate or a row regressed against --baseline."
        ),
        epilog=(
            "examples:\n"
            "  brief eval fixtures/incidents --replay --model openai/gpt-4o-mini\n"
            "  brief eval --replay --model openai/gpt-4o-mini --model flawed=openai/gpt-4o-mini\n"
            "  brief eval --record --model openai/gpt-4o-mini        (needs OPENAI_API_KEY)\n"
            "  brief eval --model offline/template --format json --out baseline.json\n"
            "  brief eval --replay --model openai/gpt-4o-mini --baseline baseline.json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "incidents",
        nargs="*",
        metavar="INCIDENTS",
        help=f"facts files or folders of them (default: {DEFAULT_INCIDENTS})",
    )
    parser.add_argument(
        "--model",
        action="append",
        metavar="M",
        help="a litellm model string, or LABEL=MODEL to replay the cassette set LABEL with MODEL "
        "(repeat for more models; default: $BRIEF_MODEL or offline/template)",
    )
    parser.add_argument(
        "--cassettes",
        type=Path,
        metavar="DIR",
        help=f"folder of recorded responses, one sub-folder per model (default: "
        f"{DEFAULT_CASSETTES})",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--replay",
        action="store_const",
        dest="mode",
        const="replay",
        help="answer from the cassettes only: no network, no key",
    )
    mode.add_argument(
        "--record",
        action="store_const",
        dest="mode",
        const="record",
        help="call the models for real and save every response as a cassette (needs keys)",
    )
    parser.add_argument(
        "--format", choices=("table", "json", "csv", "md"), default="table", help="output format"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=4,
        metavar="N",
        help="live requests in flight at once (default 4; replay and record go one at a time)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="a saved result (--format json) to compare with: shows what regressed and improved",
    )
    parser.add_argument(
        "--min-pass-rate",
        metavar="X",
        help="exit 1 when any model passes fewer incidents than this (0.8 or 80%%)",
    )
    parser.add_argument(
        "--revise",
        type=int,
        metavar="N",
        help="then revise every draft with the critic, at most N rounds, and report the pass "
        "rate and findings per family before and after",
    )
    parser.add_argument("--api-base", help="base URL for a LiteLLM proxy, Ollama or Azure")
    parser.add_argument("--timeout", type=float, help="seconds to wait for each reply")
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr for live runs"
    )
    parser.set_defaults(handler=run, mode=None)


def parse_pass_rate(text: str) -> float:
    """'0.8', '80%' or '80' -> 0.8; ValueError otherwise."""
    raw = text.strip()
    percent = raw.endswith("%")
    value = float(raw.rstrip("%").strip())
    if percent or value > 1:
        value /= 100
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


def _usage(message: str) -> int:
    print(f"brief eval: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    min_pass_rate = None
    if args.min_pass_rate is not None:
        try:
            min_pass_rate = parse_pass_rate(args.min_pass_rate)
        except ValueError:
            return _usage(
                f"--min-pass-rate must be a rate like 0.8 or 80%, not '{args.min_pass_rate}'"
            )
    if args.concurrency < 1:
        return _usage("--concurrency must be at least 1")
    if args.revise is not None and args.revise < 0:
        return _usage("--revise must be 0 or more")
    if args.timeout is not None and args.timeout <= 0:
        return _usage("--timeout must be more than 0 seconds")
    if args.out is not None and args.out.is_dir():
        return _usage(f"--out {args.out} is a folder; give a file name")

    from pydantic import ValidationError

    from brief import evaluation as ev

    try:
        models = [ev.ModelSpec.parse(m) for m in args.model or []]
    except (ValueError, ValidationError):
        return _usage("--model takes MODEL or LABEL=MODEL, e.g. openai/gpt-4o-mini")
    if not models:
        default = os.environ.get("BRIEF_MODEL") or "offline/template"
        models = [ev.ModelSpec.parse(default)]
    labels = [spec.label for spec in models]
    if len(set(labels)) != len(labels):
        return _usage("the same model is named twice; use LABEL=MODEL to tell them apart")

    cassettes = args.cassettes or DEFAULT_CASSETTES
    mode = args.mode or "live"
    if args.cassettes is not None and args.mode is None:
        mode = "replay"  # naming a cassette folder means: answer from it
    if args.cassettes is not None and not args.cassettes.is_dir() and mode == "replay":
        return _usage(f"no such cassette folder: {args.cassettes}")

    baseline = None
    if args.baseline is not None:
        try:
            baseline = ev.load_result(args.baseline)
        except ev.BaselineError as exc:
            return _usage(f"--baseline: {exc}")

    try:
        incidents = ev.load_incidents(args.incidents or [DEFAULT_INCIDENTS])
    except ev.IncidentsError as exc:
        return _usage(str(exc))

    progress = None
    if mode != "replay" and not args.no_progress:
        progress = ev.ProgressBar(sys.stderr)
    try:
        result = ev.run_evaluation(
            incidents,
            models,
            mode=mode,
            cassettes=cassettes,
            concurrency=args.concurrency,
            api_base=args.api_base,
            timeout_s=args.timeout,
            on_progress=progress,
            revise_rounds=args.revise,
        )
    except ev.EvalSetupError as exc:
        return _usage(str(exc))
    finally:
        if progress is not None:
            progress.close()

    if baseline is not None:
        result.diff = ev.diff_results(baseline, result, source=str(args.baseline))
    output = ev.render(result, args.format)
    from brief.failures import write_output, write_stdout

    suffix = {"json": ".json", "csv": ".csv", "md": ".md"}.get(args.format, ".txt")
    if args.out:
        if args.out.is_dir():
            return _usage(f"--out {args.out} is a directory; give a file name")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        write_output(args.out, output, what="evaluation", suffix=suffix)
        print(f"brief eval: wrote {args.out}", file=sys.stderr)
    else:
        write_stdout(output, what="evaluation", suffix=suffix)

    status = EXIT_OK
    if min_pass_rate is not None:
        below = [s for s in result.summaries if s.pass_rate < min_pass_rate]
        for s in below:
            print(
                f"brief eval: {s.model} passed {s.passed}/{s.incidents} "
                f"({s.pass_rate * 100:.0f}%), below --min-pass-rate {min_pass_rate * 100:.0f}%",
                file=sys.stderr,
            )
        if below:
            status = EXIT_BELOW
    if result.diff is not None and result.diff.regressed:
        print(
            f"brief eval: {len(result.diff.regressed)} rows regressed against {args.baseline}",
            file=sys.stderr,
        )
        status = EXIT_BELOW
    return status
