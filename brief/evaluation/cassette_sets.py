"""Where each model's recorded responses live: one folder per cassette set, one file per incident.

    fixtures/cassettes/openai__gpt-4o-mini/conversion-drop.yaml
    fixtures/cassettes/flawed/conversion-drop.yaml          (--model flawed=openai/gpt-4o-mini)

A set's folder is its label with '/' written as '__'. `_set.yaml` in the folder records the
model string the set was made with, so `brief eval` can list what is recorded.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from brief.evaluation.models import ModelSpec

SET_FILE = "_set.yaml"
DEFAULT_CASSETTES = Path("fixtures/cassettes")
_UNSAFE = re.compile(r"[^A-Za-z0-9._@=+-]")


def set_folder_name(label: str) -> str:
    """'openai/gpt-4o-mini' -> 'openai__gpt-4o-mini'; other unsafe characters become '_'."""
    return _UNSAFE.sub("_", label.replace("/", "__"))


def set_dir(cassettes: Path, spec: ModelSpec) -> Path:
    return cassettes / set_folder_name(spec.label)


def cassette_path(cassettes: Path, spec: ModelSpec, incident_id: str) -> Path:
    return set_dir(cassettes, spec) / f"{incident_id}.yaml"


def write_set_file(cassettes: Path, spec: ModelSpec, note: str = "") -> None:
    """Record which model string a set was made with (idempotent)."""
    folder = set_dir(cassettes, spec)
    folder.mkdir(parents=True, exist_ok=True)
    data = {"label": spec.label, "model": spec.model}
    if note:
        data["note"] = note
    (folder / SET_FILE).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def recorded_sets(cassettes: Path) -> list[ModelSpec]:
    """The cassette sets under `cassettes`, as the --model values that replay them."""
    if not cassettes.is_dir():
        return []
    specs = []
    for folder in sorted(p for p in cassettes.iterdir() if p.is_dir()):
        if not any(folder.glob("*.yaml")):
            continue
        meta_path = folder / SET_FILE
        meta = {}
        if meta_path.is_file():
            try:
                meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError:
                meta = {}
        fallback = folder.name.replace("__", "/")
        label = str(meta.get("label") or fallback)
        specs.append(ModelSpec(label=label, model=str(meta.get("model") or label)))
    return specs
