"""`bcf-workbook check` over folders, and `bcf-workbook fix`."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pytest
from conftest import ROOT

from bcf_workbook import read
from bcf_workbook.batch import check_many
from bcf_workbook.checks import Severity
from bcf_workbook.cli import main
from bcf_workbook.render import render, spreadsheet_safe

SAMPLES = ROOT / "samples"
#: The Part 2 samples (samples/ also holds the project plan, another document).
PART2_SAMPLES = [SAMPLES / "peterborough-2014-16.xlsx", SAMPLES / "synthetic-hwb-001-clean.xlsx"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    shutil.copy(SAMPLES / "peterborough-2014-16.xlsx", folder / "peterborough.xlsx")
    (folder / "nested").mkdir()
    shutil.copy(SAMPLES / "synthetic-hwb-001-clean.xlsx", folder / "nested" / "clean.xlsm")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (folder / "notes.xlsx").write_text("not a workbook")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (folder / "readme.txt").write_text("ignored: not a spreadsheet")
    return folder


def _run(*arguments):
    return subprocess.run([sys.executable, "-m", "bcf_workbook.cli", *map(str, arguments)],
                          capture_output=True, text=True)


def test_folder_json_contract_and_exit_status(folder):
    run = _run("check", folder, "--format", "json", "--workers", "2")
    assert run.returncode == 3, run.stderr
    data = json.loads(run.stdout)
    files = {entry["file"].split("/")[-1]: entry for entry in data["submissions"]}
    assert set(files) == {"peterborough.xlsx", "clean.xlsm", "broken.xlsx", "notes.xlsx", "old.xls"}
    for name in ("broken.xlsx", "notes.xlsx", "old.xls"):
        assert files[name]["status"] == "unreadable"
        assert name in files[name]["error"]
    checked = files["peterborough.xlsx"]
    assert checked["status"] == "checked" and checked["hwb"] == "Peterborough"
    assert set(checked) >= {"file", "hwb", "status", "values", "values_intended", "ratings",
                            "findings"}
    assert checked["values"]["p4p.annual_saving"] == 249000
    assert checked["values"]["metrics.reablement.percent.2013/14"] == 73.8
    assert checked["values_intended"]["metrics.reablement.percent.2013/14"] == pytest.approx(
        50 / 65 * 100)
    assert checked["ratings"]["p4p.rating"] == "amber"
    finding = checked["findings"][0]
    assert set(finding) >= {"code", "severity", "sheet", "cells", "message", "expected", "actual"}
    summary = data["summary"]
    assert (summary["files"], summary["checked"], summary["unreadable"]) == (5, 2, 3)
    assert summary["findings"]["error"] == sum(
        f["severity"] == "error" for e in data["submissions"] for f in e["findings"])
    national = summary["national"]
    assert national["contributions"]["2015/16"] == pytest.approx(
        10390 + files["clean.xlsm"]["values"]["funding.total.2015/16"])
    assert national["ratings"]["p4p.rating"] == {"red": 0, "amber": 1, "green": 1}


def test_exit_status_follows_fail_on(folder):
    assert _run("check", SAMPLES / "synthetic-hwb-001-clean.xlsx").returncode == 0
    assert _run("check", SAMPLES / "synthetic-hwb-001-clean.xlsx",
                "--fail-on", "warning").returncode == 0
    assert _run("check", SAMPLES / "peterborough-2014-16.xlsx").returncode == 1
    assert _run("check", folder / "nothing-here").returncode == 2
    assert _run("check", SAMPLES, "--workers", "0").returncode == 2


def test_quiet_when_output_is_not_a_terminal():
    run = _run("check", SAMPLES, "--format", "csv")
    assert run.stderr == ""


@pytest.fixture(scope="module")
def batch():
    return check_many(PART2_SAMPLES, workers=1)


def test_csv_one_row_per_finding_escaped(batch):
    rows = list(csv.DictReader(io.StringIO(render(batch, "csv"))))
    assert len(rows) == sum(len(r.findings) for r in batch.reports)
    assert spreadsheet_safe("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert spreadsheet_safe("-1") == "'-1"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert all(not str(value).startswith(("=", "+", "-", "@")) for row in rows
               for value in row.values())


def test_markdown_and_text(batch):
    markdown = render(batch, "markdown")
    assert "| samples/peterborough-2014-16.xlsx | Peterborough | checked | 14 |" in markdown.replace(
        str(ROOT) + "/", "")
    assert "## Peterborough" in markdown
    text = render(batch, "text")
    assert "rate-not-ratio" in text and "2 files: 2 checked" in text


def test_any_executor_can_run_the_batch():
    with ThreadPoolExecutor(2) as executor:
        batch = check_many(PART2_SAMPLES, executor=executor)
    assert [r.hwb for r in batch.reports] == ["Peterborough", "Synthetic HWB 001"]
    assert batch.reaches(Severity.ERROR)


def test_fix_writes_a_corrected_workbook_with_a_corrections_log(tmp_path):
    source = SAMPLES / "peterborough-2014-16.xlsx"
    before = source.read_bytes()
    out = tmp_path / "fixed.xlsx"
    assert main(["fix", str(source), str(out)]) == 0
    assert source.read_bytes() == before
    fixed = read(out)
    assert fixed.overrides == ()
    log = openpyxl.load_workbook(out)["Checks"]
    rows = [[cell.value for cell in row] for row in log.iter_rows(min_row=4)]
    codes = [row[1] for row in rows if row[1]]
    assert codes.count("rate-not-ratio") == 5
    rate = next(row for row in rows if row[1] == "rate-not-ratio" and row[7] == 592.8)
    assert rate[6] == pytest.approx(155 / 25980 * 100_000)


def test_fix_refuses_to_write_over_its_input(tmp_path):
    copy = tmp_path / "p.xlsx"
    shutil.copy(SAMPLES / "peterborough-2014-16.xlsx", copy)
    run = _run("fix", copy, tmp_path / "." / "p.xlsx")
    assert run.returncode == 2 and "--force" in run.stderr
    # Not even when told to replace what is there.
    run = _run("fix", copy, tmp_path / "." / "p.xlsx", "--force")
    assert run.returncode == 2 and "refusing" in run.stderr
    assert copy.read_bytes() == (SAMPLES / "peterborough-2014-16.xlsx").read_bytes()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_shows_elapsed_time_rate_and_estimate_on_a_terminal():
    from bcf_workbook.cli._progress import progress_bar
    screen = Terminal()
    with progress_bar(3, screen) as show:
        for done in range(1, 4):
            show(done, 3)
    last = screen.getvalue().split("\r")[-1]
    # "100%|##########| 3/3 [00:00<00:00, 33825.03file/s]": elapsed<left, rate
    assert re.search(r"\| 3/3 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+file/s\]", last), last


def test_no_progress_bar_off_a_terminal_or_for_one_file():
    from bcf_workbook.cli._progress import progress_bar
    for stream, files in ((io.StringIO(), 3), (Terminal(), 1)):
        with progress_bar(files, stream) as show:
            show(1, files)
        assert stream.getvalue() == ""


def test_the_national_workbook_from_the_command_line(tmp_path):
    import openpyxl
    out = tmp_path / "national.xlsx"
    run = _run("check", SAMPLES, "-o", out)
    assert run.returncode == 1, run.stderr
    book = openpyxl.load_workbook(out)
    rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    assert any("Peterborough" in row for row in rows)
    assert _run("check", SAMPLES, "--format", "xlsx").returncode == 2  # a workbook needs -o
