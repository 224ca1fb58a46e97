"""Hostile and broken files: each gets its own clear error, limits hold before
work is done, nothing in a file runs, nothing is lost."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from support.hostile_files import (
    CLEAN,
    PETERBOROUGH,
    another_template,
    billion_laughs,
    external_entity,
    huge_table,
    lying_sizes,
    parts,
    rezip,
    with_cell,
    zip_bomb,
)

from bcf_workbook import Limits, WorkbookError, read, read_workbook
from bcf_workbook.batch import _run
from bcf_workbook.checks import Report, check


def _ods(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def _unknown_version(path):
    contents = parts()
    contents["xl/sharedStrings.xml"] = contents["xl/sharedStrings.xml"].replace(
        b"bcf_workbook layout 1", b"bcf_workbook layout 99")
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
    "long-text.xlsx": (lambda p: rezip(with_cell(parts(), "1. HWB ID", "C4",
                                                 f'<c r="C4" t="inlineStr"><is><t>{"x" * 40000}'
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
    with pytest.raises(WorkbookError, match="more than 1,000,000 cells|more than 20,000 rows"):
        read(big)
    assert time.perf_counter() - started < 60
    middling = huge_table(tmp_path / "middling.xlsx", rows=25_000)
    with pytest.raises(WorkbookError, match="more than 20,000 rows"):
        read(middling)
    submission = read(middling, limits=Limits(max_table_rows=30_000))
    assert len(submission.expenditure) > 25_000


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


FORMULAS = {"C4": 'HYPERLINK("http://evil.example","click")',  # contact name
            "C5": "cmd|' /C calc'!A0",                            # contact email (DDE)
            "C6": "1+1"}                                          # contact phone


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
    assert submission.hwb_id.contact_name == "=" + FORMULAS["C4"]
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
    assert run.returncode == 2, run.stderr
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
    assert fixed.returncode == 2 and fixed.stderr.count("\n") == 1
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
