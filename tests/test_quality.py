"""The project's own lint and type checks run with the test suite, so CI
enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [
    [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
    [sys.executable, "-m", "mypy", "bcf_workbook"],
])
def test_clean(command):
    if shutil.which("ruff") is None and command[2] == "ruff":
        pytest.fail("ruff is part of the test extra: pip install -e '.[test]'")
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
