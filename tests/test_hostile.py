"""Hostile and broken files: each gets its own clear error, limits hold before
work is done, nothing in a file runs, nothing is lost."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.hostile_files import (
    CLEAN,
    MONEY_CELL,
    PETERBOROUGH,
    another_template,
    backtracking_number,
    billion_laughs,
    deep_folder,
    empty_cells,
    external_entity,
    huge_parts,
    huge_table,
    long_digits,
    lying_sizes,
    many_shared_strings,
    many_sheets,
    odd_named_copies,
    overflowing_number,
    parts,
    remove_tree,
    rezip,
    shared_formula_fanout,
    with_cell,
    zip_bomb,
)

from bcf_workbook import Limits, WorkbookError, read, read_workbook
from bcf_workbook._output import display_name
from bcf_workbook._text import looks_like_email, parse_number
from bcf_workbook.batch import _run, workbook_paths
from bcf_workbook.checks import Report, check
from bcf_workbook.cli._exit import ExitStatus


def _ods(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def _unknown_version(path):
    contents = parts()
    contents["xl/sharedStrings.xml"] = contents["xl/sharedStrings.xml"].replace(
        b"bcf_workbook layout 2", b"bcf_workbook layout 99")
    return rezip(contents, path)


def _corrupt(path, part):
    """Zero some compressed bytes of one part the reader needs."""
    data = bytearray(PETERBOROUGH.read_bytes())
    with zipfile.ZipFile(PETERBOROUGH) as archive:
        start = archive.getinfo(part).header_offset + 30 + len(part) + 40
    data[start:start + 200] = bytes(200)
    path.write_bytes(bytes(data))
    return path


def _write(data):
    def make(path):
        path.write_bytes(data)
        return path
    return make


HOSTILE = {
    "empty.xlsx": (_write(b""), "is empty"),
    "random.xlsx": (_write(bytes(range(256)) * 40), "is not a workbook"),
    "truncated.xlsx": (_write(PETERBOROUGH.read_bytes()[:20000]), "damaged or truncated"),
    "corrupt.xlsx": (lambda p: _corrupt(p, "xl/worksheets/sheet4.xml"),
                     "not well-formed|cannot read"),
    "zip-not-workbook.xlsx": (lambda p: rezip({"photo.jpg": b"\xff\xd8"}, p), "has no part"),
    "old.xls.xlsx": (_write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "old binary Excel"),
    "encrypted.xlsx": (_write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
                              + "EncryptedPackage".encode("utf-16-le")), "encrypted"),
    "spreadsheet.ods.xlsx": (_ods, "OpenDocument"),
    "data.csv.xlsx": (_write(b"scheme,2015/16\nCare,100\n"), "CSV"),
    "other-template.xlsx": (another_template, "not a BCF Part 2 planning workbook"),
    "unknown-version.xlsx": (_unknown_version, "template version .* does not know"),
    "billion-laughs.xlsx": (billion_laughs, "document type"),
    "external-entity.xlsx": (external_entity, "document type"),
    "lying-sizes.xlsx": (lambda p: lying_sizes(PETERBOROUGH, p, "xl/worksheets/sheet5.xml"),
                         "decompresses to more than|Bad CRC|not well-formed|cannot read"),
    "long-text.xlsx": (lambda p: rezip(with_cell(parts(), "1. HWB ID", "B11",
                                                 f'<c r="B11" t="inlineStr"><is><t>{"x" * 40000}'
                                                 f"</t></is></c>"), p), "more than 32,767 characters"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_bad_file_has_its_own_clear_error(tmp_path, name):
    make, message = HOSTILE[name]
    path = make(tmp_path / name)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    started = time.perf_counter()
    with pytest.raises(WorkbookError, match=message) as raised:
        read(path)
    assert time.perf_counter() - started < 10
    assert str(path) in str(raised.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_zip_bomb_is_refused_before_decompressing(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.xlsx", megabytes=40)
    assert bomb.stat().st_size < 2**20
    with pytest.raises(WorkbookError, match="compressed more than 1000:1|would decompress"):
        read(bomb)
    with pytest.raises(WorkbookError, match="would decompress to"):
        read(bomb, limits=Limits(max_part_bytes=10 * 2**20))
    with pytest.raises(WorkbookError, match="would decompress to"):
        read(PETERBOROUGH, limits=Limits(max_total_bytes=1000))


def test_a_huge_table_is_refused_quickly_and_the_limit_can_be_raised(tmp_path):
    big = huge_table(tmp_path / "big.xlsx", rows=1_000_000)
    started = time.perf_counter()
    with pytest.raises(WorkbookError, match="more than 500,000 cells|more than 20,000 rows"):
        read(big)
    assert time.perf_counter() - started < 60
    middling = huge_table(tmp_path / "middling.xlsx", rows=25_000)
    with pytest.raises(WorkbookError, match="more than 20,000 rows"):
        read(middling)
    submission = read(middling, limits=Limits(max_table_rows=30_000))
    assert len(submission.expenditure) == 25_000


def test_declared_dimensions_are_not_trusted(tmp_path):
    contents = parts()
    for name, data in contents.items():
        if name.startswith("xl/worksheets/"):
            contents[name] = data.replace(b"<dimension ref=", b'<dimension ref="A1:XFD1048576" x=', 1)
    path = rezip(contents, tmp_path / "claims.xlsx")
    started = time.perf_counter()
    assert read(path) == read(PETERBOROUGH)
    assert time.perf_counter() - started < 5


def test_external_links_are_not_followed(tmp_path):
    contents = parts()
    contents["xl/_rels/workbook.xml.rels"] = contents["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/externalLink" Target="http://evil.example/x.xlsx" '
        b'TargetMode="External"/></Relationships>')
    assert read(rezip(contents, tmp_path / "linked.xlsx")) == read(PETERBOROUGH)


FORMULAS = {"B11": 'HYPERLINK("http://evil.example","click")',  # contact name
            "B13": "cmd|' /C calc'!A0",                            # contact email (DDE)
            "B15": "1+1"}                                          # contact phone


@pytest.fixture(scope="module")
def formula_inputs(tmp_path_factory):
    contents = parts()
    for cell, formula in FORMULAS.items():
        contents = with_cell(contents, "1. HWB ID", cell, f'<c r="{cell}"><f>{formula}</f>'
                                                          f"<v>0</v></c>")
    return rezip(contents, tmp_path_factory.mktemp("formulas") / "formulas.xlsx")


def test_formulas_typed_into_inputs_are_data_flagged_and_never_written_as_formulas(
        formula_inputs, tmp_path):
    submission = read(formula_inputs)
    assert submission.hwb_id.contact_name == "=" + FORMULAS["B11"]
    assert submission.hwb_id.contact_phone == "=1+1"
    codes = [f.code for f in check(formula_inputs).findings if f.keys[0].startswith("hwb_id")]
    assert codes.count("formula-in-input") == 3
    out = tmp_path / "fixed.xlsx"
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "fix", str(formula_inputs),
                          str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    sheet = parts(out)["xl/worksheets/sheet2.xml"].decode()
    assert "<f>" not in sheet
    for cell in FORMULAS:
        value = openpyxl.load_workbook(out)["1. HWB ID"][cell]
        assert value.data_type == "s"
    for name, data in parts(out).items():
        if name.startswith("xl/worksheets/"):
            assert b"<f>HYPERLINK" not in data and b"<f>cmd" not in data


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html"])
def test_no_formula_from_an_input_is_live_in_any_report(formula_inputs, fmt):
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "check", str(formula_inputs),
                          "--format", fmt], capture_output=True, text=True)
    assert run.returncode == 1
    out = run.stdout
    if fmt == "csv":
        assert "\n=" not in out and ",=" not in out and ',"=' not in out
        assert "'=cmd" in out
    elif fmt == "html":
        assert '"http://evil.example"' not in out and "&#34;http://evil.example&#34;" in out
    else:
        assert "<" not in out.replace("\\<", "")


def test_a_folder_of_hostile_files(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, (make, _) in HOSTILE.items():
        make(folder / name)
    shutil.copy(CLEAN, folder / "good.xlsx")
    shutil.copy(PETERBOROUGH, folder / "peterborough.xlsx")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "check", str(folder),
                          "--format", "json"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 3, run.stderr  # some files unreadable: the others are reported
    data = json.loads(run.stdout)
    status = {Path(e["file"]).name: e for e in data["submissions"]}
    assert set(status) == set(before)
    assert status["good.xlsx"]["status"] == "checked"
    assert status["peterborough.xlsx"]["status"] == "checked"
    for name in HOSTILE:
        assert status[name]["status"] == "unreadable", name
        assert "\n" not in status[name]["error"] and name in status[name]["error"]
    fixed = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "fix",
                            str(folder / "encrypted.xlsx"), str(tmp_path / "out.xlsx")],
                           capture_output=True, text=True)
    assert fixed.returncode == 3 and fixed.stderr.count("\n") == 1
    assert not (tmp_path / "out.xlsx").exists()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def _dies_on_crash(path: str) -> Report:
    if "crash" in Path(path).name:
        os._exit(3)
    return Report(path, None, "checked")


def test_a_worker_process_that_dies_is_reported_for_its_file(tmp_path):
    files = [tmp_path / f"{name}.xlsx" for name in ("a", "crash", "b", "c")]
    reports = list(_run(files, 2, None, _dies_on_crash, lambda done, total: None))
    assert [r.status for r in reports] == ["checked", "unreadable", "checked", "checked"]
    assert "died" in reports[1].error and "crash.xlsx" in reports[1].error


def test_reading_leaves_no_trace(tmp_path):
    copy = tmp_path / "p.xlsx"
    shutil.copy(PETERBOROUGH, copy)
    read_workbook(copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.xlsx"]


# --- round two (issue 16): bounded work and memory, outputs no file can break -----------------
#
# Each attack is built by tests/support/hostile_files.py at a size past the
# limit it tests (benchmarks/attacks.py builds the full-size ones) and checked
# in a child process whose CPU time and peak memory the harness measures: the
# budgets are generous, so that only super-linear behaviour can fail them.

CPU_SECONDS = 60
PEAK_MB = 600

#: Each attack: how to make it, and what its report says (status, then a
#: pattern of its one-line error, or None when it is checked).
ATTACKS = {
    "number-pattern.xlsx": (lambda p: backtracking_number(p, 2000), "checked", None),
    "digits-4000.xlsx": (lambda p: long_digits(p, 4000), "checked", None),
    "digits-4400.xlsx": (lambda p: long_digits(p, 4400), "checked", None),
    "overflow.xlsx": (overflowing_number, "checked", None),
    "fan-out.xlsx": (lambda p: shared_formula_fanout(p, 100_000, 1900), "unreadable", "shared formulas"),
    "shared-strings.xlsx": (lambda p: many_shared_strings(p, 1_200_000), "unreadable", "shared strings"),
    "huge-parts.xlsx": (lambda p: huge_parts(p, 4, 12), "unreadable", "characters of text"),
    "many-sheets.xlsx": (lambda p: many_sheets(p, 200_000), "unreadable", "more than 1,000 sheets"),
    "empty-cells.xlsx": (lambda p: empty_cells(p, 3_000_000), "unreadable", "cells in the sheets read"),
}

_MEASURED = """
import json, resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": run.returncode, "stdout": run.stdout.decode("utf-8", "surrogateescape"),
                  "stderr": run.stderr.decode("utf-8", "surrogateescape"),
                  "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))
"""


def _measured(*arguments: str, timeout: float = 600) -> dict:
    """The command's outcome, with the CPU seconds of it and its workers and
    the peak memory of the largest of them, measured by the kernel."""
    run = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "bcf_workbook.cli",
                          *arguments], capture_output=True, text=True, timeout=timeout)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _strict_json(text: str) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def attacks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("attacks")
    for name, (make, _, _) in ATTACKS.items():
        make(folder / name)
    return folder


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_each_attack_gets_one_line_or_is_checked_within_its_budget(attacks, name):
    _, status, error = ATTACKS[name]
    measured = _measured("check", str(attacks / name), "--format", "json")
    assert "Traceback" not in measured["stderr"]
    report = _strict_json(measured["stdout"])["submissions"][0]
    assert report["status"] == status, report.get("error")
    if error is not None:
        assert re.search(error, report["error"]) and "\n" not in report["error"]
    print(f"\n{name}: {measured['cpu']:.1f} s CPU, {measured['peak_mb']:.0f} MB peak")
    assert measured["cpu"] < CPU_SECONDS and measured["peak_mb"] < PEAK_MB


@pytest.mark.parametrize("name", ["digits-4000.xlsx", "digits-4400.xlsx", "overflow.xlsx"])
def test_numbers_too_long_for_a_double_export_and_fix_without_a_crash(attacks, name, tmp_path):
    exported = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "export", str(attacks / name)],
                              capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr
    funding = _strict_json(exported.stdout)["funding"]
    assert funding["local_authority"][0]["amounts"]["2014/15"]["unreadable"].startswith("999")
    fixed = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "fix", str(attacks / name),
                            str(tmp_path / "fixed.xlsx")], capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stderr
    book = openpyxl.load_workbook(tmp_path / "fixed.xlsx")
    formulas = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]
    assert formulas and not any("1/0" in formula for formula in formulas)
    assert str(book[MONEY_CELL[0]][MONEY_CELL[1]].value).startswith("999")  # the council's text, kept


def test_number_and_email_text_is_read_in_one_pass():
    started = time.process_time()
    assert parse_number("-" + " " * 1_000_000 + "x") is None
    assert parse_number("(" + " " * 1_000_000 + "1,234" + " " * 1_000_000 + ")") == -1234
    assert not looks_like_email("a@" + "." * 1_000_000 + "@")
    assert time.process_time() - started < 5  # the patterns they replace take hours on these


@pytest.mark.parametrize("text, number", [
    ("1,234", 1234), ("£5,000", 5000), ("(1,234)", -1234), (" 12 ", 12), ("12.5%", 0.125),
    ("−3", -3), ("-£5", -5), ("£-5", -5), ("( £1,234.50 )", -1234.5), (".5", 0.5),
    ("9" * 300, int("9" * 300)), ("-", None), ("1,23", None), ("5.", None), ("--5", None), ("(5", None),
    ("about 300", None), ("9" * 301, None), ("9" * 4400, None), ("9" * 400 + ".5", None)])
def test_numbers_typed_as_text_read_as_meant(text, number):
    assert parse_number(text) == number


# The pattern parse_number replaced (catastrophic on long runs of spaces, fine on
# short text): the forms it accepted are the forms people type, kept exactly.
_OLD_NUMBER = re.compile(r"""^(?P<open>\()?\s*(?P<sign>[-+−])?\s*£?\s*(?P<sign2>[-−])?\s*
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)?(?P<decimals>\.\d+)?\s*(?P<percent>%)?\s*(?P<close>\))?$""",
                         re.VERBOSE)


def _old_parse(text: str) -> float | int | None:
    match = _OLD_NUMBER.match(text.strip())
    if match is None or not (match["digits"] or match["decimals"]) or \
            bool(match["open"]) != bool(match["close"]) or (match["sign"] and match["sign2"]):
        return None
    digits = (match["digits"] or "0").replace(",", "") + (match["decimals"] or "")
    result = float(digits) if match["decimals"] or match["percent"] else int(digits)
    result = result / 100 if match["percent"] else result
    negative = bool(match["open"]) or match["sign"] in ("-", "−") or match["sign2"] is not None
    return -result if negative else result


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(list("0123456789,.()£-+−% \t\u00a0a٣")), max_size=12))
def test_the_number_parser_accepts_what_the_pattern_it_replaced_accepted(text):
    old, new = _old_parse(text), parse_number(text)
    assert old == new and type(old) is type(new)


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(list("a.@ \t\u2003b")), max_size=10))
def test_the_email_shape_is_the_pattern_it_replaced(text):
    assert looks_like_email(text) == bool(re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", text.strip()))


@pytest.fixture
def deep(tmp_path):
    """A folder 1,500 deep with a link loop, removed afterwards without recursion."""
    yield deep_folder(tmp_path / "deep")
    remove_tree(tmp_path / "deep")


def test_a_folder_of_attacks_odd_names_a_fifo_and_a_deep_loop(attacks, tmp_path, deep):
    folder = tmp_path / "inbox"
    shutil.copytree(attacks, folder)
    odd = odd_named_copies(folder)
    os.mkfifo(folder / "pipe.xlsx")
    measured = _measured("check", str(folder), str(deep), str(folder / ATTACKS_FIRST), "--format", "json")
    assert measured["returncode"] == ExitStatus.UNREADABLE and "Traceback" not in measured["stderr"]
    reports = {entry["file"]: entry for entry in _strict_json(measured["stdout"])["submissions"]}
    names = [Path(file).name for file in reports]
    assert sorted(names) == sorted([*ATTACKS, *(display_name(path.name) for path in odd), "pipe.xlsx",
                                    "bottom.xlsx"])
    assert "named pipe" in next(e["error"] for f, e in reports.items() if f.endswith("pipe.xlsx"))
    assert not any("\x1b" in file or "\udce9" in file for file in reports)
    print(f"\nfolder: {measured['cpu']:.1f} s CPU, {measured['peak_mb']:.0f} MB peak per process")
    assert measured["cpu"] < 3 * CPU_SECONDS and measured["peak_mb"] < PEAK_MB


ATTACKS_FIRST = sorted(ATTACKS)[0]


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown", "html"])
def test_file_names_of_any_bytes_are_reported_escaped_in_every_format(tmp_path, fmt):
    odd_named_copies(tmp_path, PETERBOROUGH)  # with findings, so that CSV lists the file
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "check", str(tmp_path), "--format", fmt],
                         capture_output=True)
    assert run.returncode in (0, 1), run.stderr
    text = run.stdout.decode("utf-8")  # valid UTF-8 throughout
    assert "\x1b" not in text and "\u202e" not in text
    assert "caf\\xe9-latin1.xlsx" in text.replace("\\\\", "\\")


def test_a_report_is_replaced_atomically_never_written_through_a_link(tmp_path):
    report, other_name, victim = tmp_path / "report.json", tmp_path / "other-name.json", tmp_path / "victim"
    report.write_text("previous report")
    os.link(report, other_name)
    victim.write_text("not ours")
    (tmp_path / "link.json").symlink_to(victim)
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "check", str(CLEAN), "--format", "json",
                          "-o", str(report)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert _strict_json(report.read_text())["summary"]["files"] == 1
    assert other_name.read_text() == "previous report"  # the hard link was not written through
    refused = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "export", str(CLEAN),
                              "-o", str(tmp_path / "link.json")], capture_output=True, text=True)
    assert refused.returncode == 2 and "symbolic link" in refused.stderr
    assert refused.stderr.count("\n") == 1 and victim.read_text() == "not ours"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "other-name.json", "report.json",
                                                          "victim"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("command", [["template"], ["fix", str(CLEAN)]])
def test_no_room_for_the_temporary_file_is_one_line(command):
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", *command, "/proc/self/out.xlsx"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "cannot create a temporary file" in run.stderr and "Traceback" not in run.stderr


def test_each_file_is_checked_once_however_it_is_named(tmp_path):
    shutil.copy(CLEAN, tmp_path / "a.xlsx")
    (tmp_path / "also-a.xlsx").symlink_to(tmp_path / "a.xlsx")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    found = workbook_paths([tmp_path / "a.xlsx", tmp_path, tmp_path / "a.xlsx",
                            tmp_path / "sub" / ".." / "a.xlsx"])
    assert found == [tmp_path / "a.xlsx"]


def _sleeps_on_slow(path: str) -> Report:
    if "slow" in Path(path).name:
        time.sleep(600)
    return Report(path, None, "checked")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_that_takes_too_long_is_reported_and_the_batch_goes_on(tmp_path, workers):
    files = [tmp_path / f"{name}.xlsx" for name in ("a", "slow", "b", "c")]
    started = time.monotonic()
    reports = _run(files, workers, None, _sleeps_on_slow, lambda done, total: None, timeout=1.5)
    assert [r.status for r in reports] == ["checked", "unreadable", "checked", "checked"]
    assert "took too long" in reports[1].error and "slow.xlsx" in reports[1].error
    assert time.monotonic() - started < 60  # far below the 600 s the file would take


def _allocates_on_big(path: str) -> Report:
    if "big" in Path(path).name:
        bytearray(3 * 2**30)
    return Report(path, None, "checked")


def test_a_worker_is_held_to_its_memory_bound(tmp_path):
    files = [tmp_path / f"{name}.xlsx" for name in ("a", "big", "b")]
    reports = _run(files, 2, None, _allocates_on_big, lambda done, total: None, memory=512 * 2**20)
    assert [r.status for r in reports] == ["checked", "unreadable", "checked"]
    assert "needs more memory than one file may use in a batch (512 MB)" in reports[1].error
