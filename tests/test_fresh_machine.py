"""`make test` on a machine without chromium: install it as root, else fail with the command.

The logic is tested through scripts/ensure_chromium.sh with a chromium path that does not exist
and a dry run, so nothing is installed or removed here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "ensure_chromium.sh"


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "BRIEF_CHROMIUM": str(tmp_path / "no-chromium")}
    return subprocess.run(
        ["sh", str(SCRIPT)], env={**base, **env}, capture_output=True, text=True, check=False
    )


def test_missing_chromium_as_root_installs_debian_chromium(tmp_path: Path) -> None:
    done = _run(tmp_path, BRIEF_CHROMIUM_UID="0", BRIEF_CHROMIUM_DRY_RUN="1")
    assert done.returncode == 0, done.stderr
    commands = [line for line in done.stdout.splitlines() if line.startswith("would run:")]
    assert len(commands) == 2
    assert "apt-get" in commands[0] and commands[0].endswith("update -qq")
    assert commands[1].endswith("install -y -qq chromium")
    assert "playwright install" not in done.stdout + done.stderr


def test_missing_chromium_not_root_fails_with_the_command(tmp_path: Path) -> None:
    done = _run(tmp_path, BRIEF_CHROMIUM_UID="1000", BRIEF_CHROMIUM_DRY_RUN="1")
    assert done.returncode == 1
    assert "sudo apt-get update && sudo apt-get install -y chromium" in done.stderr
    assert "would run" not in done.stdout


def test_present_chromium_does_nothing(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    done = _run(tmp_path, BRIEF_CHROMIUM=str(fake), BRIEF_CHROMIUM_UID="1000")
    assert done.returncode == 0
    assert done.stdout == done.stderr == ""


def test_make_test_runs_the_check_before_pytest() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    lines = [line.strip() for line in target.splitlines()[1:]]
    assert lines[0] == "sh scripts/ensure_chromium.sh"
    assert any(line.startswith("$(BIN)/pytest") for line in lines[1:])
    assert os.access(SCRIPT, os.R_OK)
