"""Find and load the incidents to evaluate: facts files, or folders of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafter import FactsError, IncidentFacts, load_facts

FACTS_SUFFIXES = (".yaml", ".yml", ".json")
DEFAULT_INCIDENTS = Path("fixtures/incidents")


class IncidentsError(ValueError):
    """The incidents could not be found or read; the message is one line a person can act on."""


@dataclass(frozen=True)
class Incident:
    """One incident: its id (the file name without extension), where it came from, its facts."""

    id: str
    path: Path
    facts: IncidentFacts


def find_incident_files(paths: Iterable[str | Path]) -> list[Path]:
    """Facts files named directly, plus the facts files inside any folder named, in order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in FACTS_SUFFIXES)
            if not found:
                raise IncidentsError(f"no facts files (.yaml, .yml, .json) in {path}")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise IncidentsError(f"no such file or folder: {path}")
    if not files:
        raise IncidentsError("no incidents given")
    return files


def load_incidents(paths: Iterable[str | Path]) -> list[Incident]:
    """Load every incident, or raise IncidentsError naming the first file that is not valid."""
    incidents: list[Incident] = []
    seen: dict[str, Path] = {}
    for path in find_incident_files(paths):
        incident_id = path.stem
        if incident_id in seen:
            if seen[incident_id].resolve() == path.resolve():
                continue
            raise IncidentsError(
                f"two incidents are called '{incident_id}' ({seen[incident_id]} and {path}); "
                "rename one (the file name is the incident's id)"
            )
        try:
            facts = load_facts(path)
        except FactsError as exc:
            detail = "; ".join(str(problem) for problem in exc.problems)
            raise IncidentsError(f"{path}: {detail or exc.summary}") from None
        seen[incident_id] = path
        incidents.append(Incident(id=incident_id, path=path, facts=facts))
    return incidents
