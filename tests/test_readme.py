"""Every example of the README runs as shown: each Python block, every
`bcf-workbook` command line of its shell blocks with the exit status its
comment states (0 when none), and the exit-status table is the one of
`bcf_workbook.cli._exit`."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from bcf_workbook.cli import _exit
from bcf_workbook.cli._exit import ExitStatus

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"```(?P<language>\w*)\n(?P<code>.*?)^```", re.S | re.M)
_STATUS = re.compile(r"#\s*exit status (\d+)\s*$")


def _blocks(language: str) -> list[str]:
    return [match["code"] for match in _BLOCK.finditer(README) if match["language"] == language]


def _command_lines() -> list[tuple[str, int]]:
    """Each `bcf-workbook ...` of the shell blocks (also inside `a && b`),
    with the exit status its trailing comment states."""
    commands = []
    for code in _blocks("sh"):
        for line in code.splitlines():
            status = _STATUS.search(line)
            for part in line.split("#")[0].split("&&"):
                if part.strip().startswith("bcf-workbook"):
                    commands.append((part.strip(), int(status[1]) if status else 0))
    return commands


@pytest.fixture
def workdir(tmp_path):
    """A folder with the README's files where the README expects them."""
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    return tmp_path


def test_the_readme_has_examples():
    assert len(_blocks("python")) >= 2 and len(_command_lines()) >= 8


@pytest.mark.parametrize("code", _blocks("python"), ids=lambda code: code.strip().splitlines()[0][:40])
def test_python_example(code, workdir):
    run = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(("command", "status"), _command_lines(), ids=lambda value: str(value))
def test_command_line(command, status, workdir):
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", *shlex.split(command)[1:]],
                         cwd=workdir, capture_output=True, text=True, timeout=600)
    assert run.returncode == status, run.stderr
    assert "Traceback" not in run.stderr


def test_exit_status_table_is_the_contract_of_the_code():
    section = README[README.index("Exit statuses"):]
    rows = re.findall(r"^\| (\d+) \| (.+?) \|$", section[:section.index("\n\n", section.index("| status"))],
                      re.M)
    assert [int(status) for status, _ in rows] == [status.value for status in ExitStatus]
    documented = " ".join(_exit.__doc__.split())
    for _, meaning in rows:
        assert " ".join(meaning.replace("`", "``").split()) in documented, meaning


def test_the_readme_shows_the_report():
    assert "](docs/report.png)" in README and (ROOT / "docs" / "report.png").stat().st_size > 10_000
