"""Edit workbooks in LibreOffice, through its UNO bridge, from the tests (the
work is done by ``uno_worker.py`` under the system Python, which has ``uno``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import require_libreoffice
from xlsxwriter.utility import xl_rowcol_to_cell

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("uno_worker.py")


def require_uno() -> None:
    require_libreoffice()
    found = shutil.which(SYSTEM_PYTHON) and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice's Python bridge is required in CI (install python3-uno)")
        pytest.skip("python3-uno is not installed")


def edit(jobs: list[dict]) -> None:
    """Apply each job's operations in LibreOffice and save its target."""
    require_uno()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([{**job, "source": str(job["source"]), "target": str(job["target"])}
                   for job in jobs], handle)
    try:
        subprocess.run([SYSTEM_PYTHON, str(SCRIPT), handle.name], check=True, timeout=600,
                       env={**os.environ, "HOME": tempfile.gettempdir()})
    finally:
        os.unlink(handle.name)


def address(placement, key: str) -> tuple[str, str]:
    cell = placement.cells[key]
    return cell.sheet, xl_rowcol_to_cell(cell.row, cell.col)


def set_value(placement, key: str, value) -> dict:
    sheet, cell = address(placement, key)
    return {"op": "set", "sheet": sheet, "cell": cell, "value": value}
