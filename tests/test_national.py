"""Batches as a national team runs them, the national JSON's units and
rounding, and the national workbook opened by LibreOffice."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from conftest import ROOT, require_libreoffice
from support.cached_values import mismatches
from support.collection import national_reference, set_saved_date, submission, write_round
from support.recalculate import recalculate, soffice

from bcf_workbook import check_many, write_national_workbook, write_template
from bcf_workbook.batch import BatchReport
from bcf_workbook.layout import placement_for
from bcf_workbook.layout._units import unit
from bcf_workbook.national import BY_FILE_TIME, BY_SAVED_DATE, national_rollup, saved_date

SAMPLES = ROOT / "samples"


def _unit(key):
    cell = placement_for({}).cells[key]
    return unit(cell.spec, cell.sheet, key)


def test_units_as_the_specification_gives_them():
    # 2.2 "Gross Contribution (£000)", 2.8 "Summary: all in £000", 2.4 "Total (saving) (£)",
    # 2.9 "HWB P4P: all derived, in £", 2.5 saving (£) and change %, 2.6 rates per 100,000
    # and the reablement % = numerator / denominator x 100.
    expected = {"funding.total.2014/15": "£000", "expenditure.total.2015/16": "£000",
                "summary.expenditure.social_care.2015/16": "£000",
                "benefits.total_saving.2015/16": "£", "benefits.2015/16.0.unit_price": "£",
                "hwb_p4p.performance_fund": "£", "p4p.annual_saving": "£",
                "p4p.annual_change_pct": "fraction", "p4p.numerator.Q4 14/15": "count",
                "metrics.residential_admissions.rate.2014/15": "rate per 100,000",
                "metrics.delayed_transfers.rate.Q1 15/16": "rate per 100,000",
                "metrics.reablement.percent.2015/16": "%",
                "projections.reablement.percent.2015/16": "%",
                "summary.minimum_pooled_budget.2015/16": "£", "hwb_id.hwb": None}
    assert {key: _unit(key) for key in expected} == expected


def test_national_json_states_units_and_rounding_without_float_noise():
    national = check_many([SAMPLES], workers=1).summary["national"]
    assert national["units"]["contributions"] == "£000"
    assert national["units"]["performance_fund"] == "£"
    assert all(national["units"][name] == "£" for name in national["units"] if name.endswith("_gbp"))
    assert "penny" in national["rounding"]
    for year in ("2014/15", "2015/16"):
        assert national["contributions_gbp"][year] == pytest.approx(
            national["contributions"][year] * 1000)
        for area, by_year in national["spend_by_area"].items():
            assert national["spend_by_area_gbp"][area][year] == pytest.approx(by_year[year] * 1000)
    assert national["ringfenced_fund_gbp"] == national["ringfenced_fund"]
    text = json.dumps(national)
    noisy = [number for number in re.findall(r"-?\d+\.\d+", text) if len(number.split(".")[1]) > 3]
    assert noisy == [n for n in noisy if n in json.dumps(national["outliers"])]


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    """Three HWBs of a reference list of five: one sent two files, one a blank
    template too, and there is a file that is not a workbook."""
    folder = tmp_path_factory.mktemp("collection")
    reference = national_reference(folder / "reference", count=6)
    names = [name for name in reference.hwb_names if name.startswith("Synthetic")][:3]
    first, second, third = (submission(reference, name) for name in names)
    draft = dataclasses.replace(first, p4p=dataclasses.replace(
        first.p4p, numerator={quarter: 1 for quarter in first.p4p.numerator}))
    files = write_round(folder / "round", reference, {
        "a-final": first, "b-draft": draft, "second": second, "third": third})
    set_saved_date(folder / "round" / "a-final.xlsx", "2014-09-19T16:00:00Z")
    set_saved_date(folder / "round" / "b-draft.xlsx", "2014-09-12T09:30:00Z")   # named later
    write_template(folder / "round" / "blank.xlsx", hwb=names[1], reference=reference)
    (folder / "round" / "attachment.xlsx").write_bytes(b"not a workbook")
    batch = check_many([folder / "round"], reference=reference, workers=1)
    return BatchReport(batch.reports, reference.hwb_names), reference, names, files


def test_two_files_for_one_hwb_the_later_counts(collection):
    batch, _, names, _ = collection
    national = batch.summary["national"]
    [duplicate] = national["collection"]["duplicates"]
    assert duplicate["hwb"] == names[0] and duplicate["basis"] == BY_SAVED_DATE
    assert duplicate["counted"].endswith("a-final.xlsx")
    assert [file.rsplit("/", 1)[-1] for file in duplicate["superseded"]] == ["b-draft.xlsx"]
    assert duplicate["dates"][duplicate["counted"]].startswith("2014-09-19T16:00:00")


def test_blank_unreadable_and_missing_are_counted_apart(collection):
    batch, reference, names, _ = collection
    national = batch.summary["national"]
    counted = national["collection"]
    assert [file.rsplit("/", 1)[-1] for file in counted["blank"]] == ["blank.xlsx"]
    assert [file.rsplit("/", 1)[-1] for file in counted["unreadable"]] == ["attachment.xlsx"]
    assert counted["missing"] == [name for name in reference.hwb_names if name not in names]
    assert national["submissions"] == counted["counted"] == 3
    # The totals are those of the three files that count, and nothing else.
    alone = [report for report in batch.reports if report.file.endswith(
        ("a-final.xlsx", "second.xlsx", "third.xlsx"))]
    expected = national_rollup(alone, reference.hwb_names)
    for name in ("contributions", "spend_by_area", "non_elective", "performance_fund",
                 "savings_by_benefit", "ratings"):
        assert national[name] == expected[name]


def test_by_file_time_when_the_saved_dates_are_equal(collection, tmp_path):
    _, reference, names, files = collection
    for name, stamp in (("one.xlsx", 1_500_000_000), ("two.xlsx", 1_400_000_000)):
        shutil.copy(files[2], tmp_path / name)
        set_saved_date(tmp_path / name, "2014-09-19T16:00:00Z")
        os.utime(tmp_path / name, (stamp, stamp))
    batch = check_many([tmp_path], reference=reference, workers=1)
    [duplicate] = national_rollup(batch.reports, reference.hwb_names)["collection"]["duplicates"]
    assert duplicate["basis"] == BY_FILE_TIME and duplicate["counted"].endswith("one.xlsx")


def test_saved_date_of_a_hostile_file(tmp_path):
    declared = tmp_path / "doctype.xlsx"
    with zipfile.ZipFile(declared, "w") as archive:
        archive.writestr("docProps/core.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "2014">]>'
                         '<cp:coreProperties xmlns:dcterms="http://purl.org/dc/terms/" xmlns:cp="c">'
                         "<dcterms:modified>&e;-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>")
    (tmp_path / "bytes.xlsx").write_bytes(b"\x00" * 100)
    assert saved_date(str(declared)) is None
    assert saved_date(str(tmp_path / "bytes.xlsx")) is None
    assert saved_date(str(tmp_path / "absent.xlsx")) is None


# --- the national workbook ------------------------------------------------------------

@pytest.fixture(scope="module")
def national_workbook(collection, tmp_path_factory):
    batch = collection[0]
    batch = BatchReport((*batch.reports, *check_many([SAMPLES], workers=1).reports),
                        batch.expected_hwbs)
    return write_national_workbook(batch, tmp_path_factory.mktemp("national") / "national.xlsx"), batch


def test_national_workbook_cached_figures(national_workbook):
    path, batch = national_workbook
    national = batch.summary["national"]
    cells = openpyxl.load_workbook(path, data_only=True)
    assert cells.sheetnames == ["National", "HWBs", "Findings", "Collection", "P4P", "Charts"]
    hwbs = cells["HWBs"]
    headings = [cell.value for cell in hwbs[1]]
    rows = list(hwbs.iter_rows(min_row=2, values_only=True))
    assert rows[-1][0] == "National total" and len(rows) - 1 == national["submissions"]
    total = dict(zip(headings, rows[-1]))
    assert total["Contributions 2015/16 (£)"] == pytest.approx(national["contributions_gbp"]["2015/16"])
    assert total["Performance fund (£)"] == pytest.approx(national["performance_fund_gbp"])
    change = national["non_elective"]["planned_change"] / national["non_elective"]["baseline"]
    assert total["P4P % change"] == pytest.approx(change)
    peterborough = dict(zip(headings, next(row for row in rows if row[0] == "Peterborough")))
    # Spec 2.5: Peterborough's saving £249,000, rated amber.
    assert peterborough["P4P annual saving (£)"] == 249000 and peterborough["P4P rating"] == "Amber"
    findings = cells["Findings"]
    assert findings.auto_filter.ref and findings.auto_filter.ref.startswith("A1:J")
    codes = [row[4] for row in findings.iter_rows(min_row=2, values_only=True)]
    assert codes.count("unreadable") == 1
    assert len(codes) == sum(len(report.findings) for report in batch.reports) + 1
    with zipfile.ZipFile(path) as archive:
        assert len([name for name in archive.namelist() if name.startswith("xl/charts/chart")]) == 3


@pytest.mark.libreoffice
def test_libreoffice_opens_it_with_its_charts_and_no_formula_error(national_workbook, tmp_path):
    require_libreoffice()
    path, _ = national_workbook
    [saved] = recalculate([path], tmp_path / "recalculated")
    assert mismatches(path, saved) == []
    reopened = openpyxl.load_workbook(saved)
    assert len(reopened["Charts"]._charts) == 3
    subprocess.run([soffice(), "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HOME": str(tmp_path)})
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "national.pdf"), "-"], check=True,
                              capture_output=True, text=True).stdout
        for title in ("P4P: planned change in non-elective admissions by HWB",
                      "Spend by area of spend (£)", "Savings by benefit type (£)"):
            assert title in text
