"""Reading workbooks: samples, values as people type them, clear errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from conftest import ROOT
from support.hostile_files import another_template

from bcf_workbook import Submission, WorkbookError, read, read_workbook, write
from bcf_workbook.choices import AreaOfSpend, Commissioner
from bcf_workbook.cli import main
from bcf_workbook.model import AN_ERROR, NOT_A_NUMBER, NOT_IN_LIST, Scheme, Unreadable
from bcf_workbook.reader._values import choice, number, text
from bcf_workbook.samples import PETERBOROUGH_OVERRIDES, peterborough, sample

SAMPLE = ROOT / "samples" / "peterborough-2014-16.xlsx"


@pytest.mark.parametrize("typed, meant", [
    ("1,234", 1234), ("£5,000", 5000), ("(1,234)", -1234), (" 12 ", 12), ("12.5%", 0.125),
    ("-", None), ("n/a", None), ("N/A", None), ("", None), ("   ", None), ("-5", -5),
    ("£-1,000.50", -1000.5), ("1234567", 1234567), (".5", 0.5), (12, 12), (3.5, 3.5),
    (None, None),
])
def test_numbers_read_as_meant(typed, meant):
    assert number(typed) == meant


@pytest.mark.parametrize("typed", ["about 300", "1,23,4", "(12", "12)", "£", "1.2.3", "tbc"])
def test_text_that_is_not_a_number_is_kept_with_a_reason(typed):
    assert number(typed) == Unreadable(typed, NOT_A_NUMBER)


def test_error_values_and_booleans_are_not_numbers():
    assert number("#DIV/0!") == Unreadable("#DIV/0!", AN_ERROR)
    assert number(True) == Unreadable("TRUE", NOT_A_NUMBER)


def test_dropdown_values_with_other_case_or_spacing():
    assert choice("  social   CARE ", AreaOfSpend) is AreaOfSpend.SOCIAL_CARE
    assert choice("ccg", Commissioner) is Commissioner.CCG
    assert choice("Space", AreaOfSpend) == Unreadable("Space", NOT_IN_LIST)
    assert choice("n/a", AreaOfSpend) is None


def test_text_cells():
    assert text(9770401500) == "9770401500"
    assert text("  padded ") == "  padded "
    assert text("-") is None


def test_peterborough_sample_reads_back_exactly(reference):
    assert read(SAMPLE, reference) == peterborough(reference)


def test_peterborough_overrides_are_those_of_section_5_and_the_published_file():
    workbook = read_workbook(SAMPLE)
    overrides = {o.key: o.value for o in workbook.submission.overrides}
    # Section 5's typed-over rates, and the Summary's 2014/15 protection total that the
    # published file leaves blank while 661 is entered.
    assert overrides == {**PETERBOROUGH_OVERRIDES, "summary.protection_total.2014/15": None}
    assert all(o.formula is None for o in workbook.submission.overrides)
    # The stray number of section 5, and the published total rows' sums of activity (567,
    # 898) and of unit prices (33,540; 35,030).
    assert workbook.submission.stray == {
        "benefits.2015/16.total_row.how": 9770401500,
        "benefits.2014/15.total_row.change": 567, "benefits.2014/15.total_row.unit_price": 33540,
        "benefits.2015/16.total_row.change": 898, "benefits.2015/16.total_row.unit_price": 35030}


def test_clean_sample_reads_back_exactly(reference):
    assert read(ROOT / "samples" / "synthetic-hwb-001-clean.xlsx") == sample("clean", reference)


def test_blank_template_reads_as_an_empty_submission():
    submission = read(ROOT / "templates" / "bcf-part2-template.xlsx")
    assert submission.hwb is None
    assert submission.expenditure == ()
    assert submission.p4p.ccgs == ()
    assert submission.overrides == ()
    assert submission.p4p.unit_cost == 1490


def test_export_shows_overrides_and_every_published_input(capsys, spec_figures):
    assert main(["export", str(SAMPLE)]) == 0
    exported = json.loads(capsys.readouterr().out)
    published = spec_figures["submission"]
    assert {o["key"] for o in exported["overrides"]} == set(PETERBOROUGH_OVERRIDES) | {
        "summary.protection_total.2014/15"}
    assert exported["hwb_id"] == published["hwb_id"]
    assert exported["p4p"]["numerator"] == published["p4p_metric"]["plan_numerators"]
    metrics = published["supporting_metrics"]
    for name in ("residential_admissions", "reablement"):
        assert exported["metrics"][name]["numerator"] == metrics[name]["numerators"]
        assert exported["metrics"][name]["denominator"] == metrics[name]["denominators"]
    assert exported["metrics"]["delayed_transfers"]["numerator"] == \
        metrics["delayed_transfers"]["numerators"]
    assert exported["summary"]["protection_of_adult_social_care"] == \
        published["summary"]["protection_of_adult_social_care"]
    assert exported["funding"]["ccg_minimum"][0]["amounts"]["2015/16"] == 10390
    for year, rows in published["benefits_plan"].items():
        assert [(b["benefit_type"], b["change"], b["unit_price"], b["how"])
                for b in exported["benefits"][year]] == [
            (r["benefit"], r["change"], r["unit_price"], r["how"]) for r in rows]
    assert [(s["name"], s["expenditure"]["2015/16"]) for s in exported["expenditure"]] == [
        (r["scheme"], r["2015/16"]) for r in published["expenditure_plan"]]


def test_export_to_a_file_and_never_over_the_input(tmp_path, capsys):
    out = tmp_path / "p.json"
    assert main(["export", str(SAMPLE), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["hwb_id"]["hwb"] == "Peterborough"
    copy = tmp_path / "p.xlsx"
    copy.write_bytes(SAMPLE.read_bytes())
    assert main(["export", str(copy), "-o", str(copy)]) == 2
    assert copy.read_bytes() == SAMPLE.read_bytes()


def _missing_tab(path):
    workbook = openpyxl.load_workbook(SAMPLE)
    del workbook["5. HWB P4P metric"]
    workbook.save(path)
    return path


def _zip_not_workbook(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    return path


@pytest.mark.parametrize("make, message", [
    (lambda p: (p.write_text("scheme,amount\n1,2\n"), p)[1], "is a text or CSV file"),
    (lambda p: (p.write_bytes(b""), p)[1], "is empty"),
    (_zip_not_workbook, "the workbook has no part"),
    (another_template, "not a BCF Part 2 planning workbook"),
    (_missing_tab, "no tab named like '5. HWB P4P metric'"),
])
def test_clear_errors_name_the_file_and_sheet(tmp_path, make, message):
    path = make(tmp_path / "bad.xlsx")
    with pytest.raises(WorkbookError, match=message) as raised:
        read(path)
    assert str(path) in str(raised.value)


def test_cli_error_is_one_line_exit_3_and_the_file_is_untouched(tmp_path):
    path = _missing_tab(tmp_path / "bad.xlsx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "export", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 3  # the workbook could not be read
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "5. HWB P4P metric" in run.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_reading_never_modifies_the_input(tmp_path):
    copy = tmp_path / "p.xlsx"
    copy.write_bytes(SAMPLE.read_bytes())
    stat = copy.stat()
    read(copy)
    assert copy.read_bytes() == SAMPLE.read_bytes()
    assert copy.stat().st_mtime_ns == stat.st_mtime_ns


def test_a_councils_own_formula_is_an_override_translated_into_keys_and_never_written_back(
        tmp_path):
    import openpyxl
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["5. HWB P4P metric"]
    sheet["C21"] = "=IF(C19<0,ROUND(-C19*1497,-3),0)"   # the saving at another unit cost
    edited = tmp_path / "own-formula.xlsx"
    book.save(edited)
    override = {o.key: o for o in read(edited).overrides}["p4p.annual_saving"]
    assert override.formula == "=IF(C19<0,ROUND(-C19*1497,-3),0)"
    assert override.translated == "IF({p4p.annual_change}<0,ROUND(-{p4p.annual_change}*1497,-3),0)"
    written = openpyxl.load_workbook(write(read(edited), tmp_path / "written.xlsx"))
    # openpyxl keeps no cached values: the council's formula is not written back as a formula.
    assert written["5. HWB P4P metric"]["C21"].data_type != "f"


@pytest.mark.parametrize("name", ["Commissioner", "Scheme Name", "Provider"])
def test_a_scheme_named_like_a_header_of_its_table_is_kept(tmp_path, name):
    # Found by hypothesis: the lone scheme was taken for the end of the table and lost.
    submission = Submission(expenditure=(Scheme(name=name, expenditure={"2014/15": 5.0, "2015/16": None}),))
    assert read(write(submission, tmp_path / "named.xlsx")).expenditure == submission.expenditure
