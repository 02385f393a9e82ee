"""Critique the offline writer's draft of every example incident: findings per part, with facts.

    .venv/bin/python scripts/offline_drafts_report.py [--verbose] [fixtures/incidents]

Prints errors/warnings/suggestions for the briefing, script and Q&A of each incident (the critic
grounded in the incident's facts) and the subject's length; exit 1 when any part has an error or
a warning.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from critic import review_many  # noqa: E402
from drafter import briefing_markdown, compose_offline_draft, load_facts  # noqa: E402
from drafter.render import qa_markdown, script_markdown  # noqa: E402

PARTS = (("briefing", briefing_markdown), ("script", script_markdown), ("qa", qa_markdown))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "fixtures" / "incidents")
    parser.add_argument("--verbose", action="store_true", help="print every finding")
    args = parser.parse_args()
    dirty = 0
    for path in sorted(args.folder.glob("*.yaml")):
        facts = load_facts(path)
        draft = compose_offline_draft(facts)
        cells = []
        for kind, render in PARTS:
            (report,) = review_many([render(draft)], kind=kind, facts=facts)
            counts = report.counts()
            cells.append(f"{kind} {counts['error']}E {counts['warning']}W {counts['suggestion']}S")
            if counts["error"] or counts["warning"]:
                dirty += 1
            if args.verbose:
                text = render(draft)
                for f in report.findings:
                    print(f"  {kind} {f.severity} {f.rule}: {text[f.start : f.end]!r} {f.message}")
        subject = len(draft.briefing.subject)
        print(f"{path.stem:30s} " + " | ".join(cells) + f" | subject {subject} chars")
    print(f"parts with an error or a warning: {dirty}")
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main())
