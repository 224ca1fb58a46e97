"""Tidy data: the figures and findings of a collection as DataFrames, and as
CSV and Parquet files that load back equal."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import openpyxl
import pytest
from conftest import ROOT
from support.collection import national_reference, submission, synthetic_names

from bcf_workbook import check, check_many, figures, samples, write
from bcf_workbook.batch import BatchReport
from bcf_workbook.layout._figures import PERIODS
from bcf_workbook.national import national_rollup
from bcf_workbook.tidy import FIGURE_COLUMNS, read_figures, write_figures

try:
    import pandas
except ImportError:  # the optional 'tidy' extra
    if os.environ.get("CI"):
        raise
    pytest.skip("the 'tidy' extra is not installed", allow_module_level=True)

SAMPLES = ROOT / "samples"
PETERBOROUGH = SAMPLES / "peterborough-2014-16.xlsx"
CLEAN = SAMPLES / "synthetic-hwb-001-clean.xlsx"


@pytest.fixture(scope="module")
def sample_batch():
    return check_many([PETERBOROUGH, CLEAN], workers=1)


@pytest.fixture(scope="module")
def frame(sample_batch):
    return sample_batch.figures()


def _row(frame, hwb, key):
    rows = frame[(frame.hwb == hwb) & (frame.key == key)]
    assert len(rows) == 1, (hwb, key)
    return rows.iloc[0]


def test_one_row_per_hwb_file_and_figure_with_its_columns(frame):
    assert tuple(frame.columns) == FIGURE_COLUMNS
    assert not frame.duplicated(["hwb", "file", "key"]).any()
    assert set(frame.hwb) == {"Peterborough", "Synthetic HWB 001"}
    assert set(frame.kind) == {"input", "pre-populated", "derived"}
    # Section 5: five expenditure rows in Peterborough's plan; unused template rows are no figures.
    schemes = frame[(frame.hwb == "Peterborough") & frame.key.str.endswith(".area_of_spend")
                    & frame.key.str.startswith("expenditure.")]
    assert len(schemes) == 5


def test_published_figures_need_no_key_parsing(frame):
    # Spec 2.5: the first P4P plan numerator is 4,250, an input, a count, for Q4 14/15.
    numerator = _row(frame, "Peterborough", "p4p.numerator.Q4 14/15")
    assert (numerator.sheet, numerator.kind, numerator.unit, numerator.period) == (
        "5. HWB P4P metric", "input", "count", "Q4 14/15")
    assert numerator.value_submitted == 4250 and numerator.row_label == "Numerator"
    # Spec 5: the reablement baseline % typed over as 73.8; the formula gives 50 / 65 x 100.
    reablement = _row(frame, "Peterborough", "metrics.reablement.percent.2013/14")
    assert (reablement.kind, reablement.unit, reablement.period) == ("derived", "%", "2013/14")
    assert reablement.value_submitted == 73.8
    assert reablement.value_intended == pytest.approx(50 / 65 * 100)
    # Spec 2.5: P4P annual saving £249,000, amber; 2.9: HWB P4P in £; 2.8: Summary in £000.
    assert _row(frame, "Peterborough", "p4p.annual_saving").unit == "£"
    assert _row(frame, "Peterborough", "p4p.annual_saving").value_submitted == 249000
    assert _row(frame, "Peterborough", "p4p.rating").text_submitted == "amber"
    assert _row(frame, "Peterborough", "hwb_p4p.combined_total").value_submitted == 3105780
    assert _row(frame, "Peterborough", "hwb_p4p.combined_total").unit == "£"
    assert _row(frame, "Peterborough", "summary.protection_of_adult_social_care.2015/16"
                ).value_submitted == 6011
    assert _row(frame, "Peterborough", "summary.expenditure.total.2015/16").unit == "£000"
    assert _row(frame, "Peterborough", "p4p.annual_change_pct").unit == "fraction"
    assert _row(frame, "Peterborough", "metrics.residential_admissions.rate.2014/15"
                ).unit == "rate per 100,000"


def test_periods_are_ordered_in_time(frame):
    period = frame["period"]
    assert period.cat.ordered and list(period.cat.categories) == list(PERIODS)
    order = ["2012/13", "2013/14", "Q1 13/14", "Q4 13/14", "2014/15", "Q1 14/15", "Q4 14/15",
             "2015/16", "Q4 15/16"]
    assert sorted(order, key=PERIODS.index) == order
    assert frame[frame.period < "2014/15"].period.isin(
        ["2011/12", "2012/13", "2013/14", "Q1 13/14", "Q2 13/14", "Q3 13/14", "Q4 13/14"]
        + [p for p in PERIODS if "-" in p]).all()


def test_every_figure_is_where_its_cell_says(frame):
    """openpyxl, reading the cached values, finds each number at the row's tab and cell."""
    for file, rows in frame[frame.value_submitted.notna()].groupby("file"):
        cells = openpyxl.load_workbook(file, data_only=True)
        for row in rows.itertuples():
            shown = cells[row.sheet][row.cell].value
            assert shown == pytest.approx(row.value_submitted), (file, row.key, row.cell)


@pytest.mark.libreoffice
def test_cells_of_a_file_laid_out_otherwise(original_peterborough):
    """Peterborough's file in the original layout, built and recalculated by LibreOffice
    independently of the library: each input number is at the tab and cell given."""
    table = figures([original_peterborough])
    inputs = table[(table.kind == "input") & table.value_submitted.notna()]
    assert len(inputs) > 50
    cells = openpyxl.load_workbook(original_peterborough, data_only=True)
    names = {name.casefold(): name for name in cells.sheetnames}
    for row in inputs.itertuples():
        sheet = cells[names.get(row.sheet.casefold(), row.sheet)]
        assert sheet[row.cell].value == pytest.approx(row.value_submitted), (row.key, row.cell)


def test_national_totals_in_the_frame_equal_the_rollup(sample_batch, frame):
    national = sample_batch.summary["national"]
    counted = frame[frame.counted]
    for year in ("2014/15", "2015/16"):
        total = counted[counted.key == f"funding.total.{year}"].value_submitted.sum()
        assert total == pytest.approx(national["contributions"][year])
        assert total * 1000 == pytest.approx(national["contributions_gbp"][year])
    fund = counted[counted.key == "hwb_p4p.performance_fund"].value_submitted.sum()
    assert fund == pytest.approx(national["performance_fund_gbp"])


def test_csv_and_parquet_load_back_equal(frame, tmp_path):
    for format in ("csv", "parquet"):
        path = write_figures(frame, tmp_path / f"figures.{format}", format)
        pandas.testing.assert_frame_equal(read_figures(path), frame)
    pandas.testing.assert_frame_equal(pandas.read_parquet(tmp_path / "figures.parquet"), frame)
    import pyarrow.parquet
    metadata = pyarrow.parquet.read_schema(tmp_path / "figures.parquet").metadata
    assert b"pounds sterling" in metadata[b"units"] and b"penny" in metadata[b"rounding"]


def test_csv_shows_text_from_a_file_and_never_runs_it(reference, tmp_path):
    base = samples.sample("clean", reference)
    scheme = dataclasses.replace(base.expenditure[0], name='=HYPERLINK("http://x","y")')
    path = write(dataclasses.replace(base, expenditure=(scheme, *base.expenditure[1:])),
                 tmp_path / "formula.xlsx", reference=reference)
    table = figures([path])
    csv = write_figures(table, tmp_path / "figures.csv", "csv")
    assert "'=HYPERLINK" in csv.read_text(encoding="utf-8")
    loaded = read_figures(csv)
    pandas.testing.assert_frame_equal(loaded, table)
    assert (loaded.text_submitted == '=HYPERLINK("http://x","y")').sum() == 1


def test_findings_frame(sample_batch, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    batch = BatchReport((*sample_batch.reports, check_many([broken]).reports[0]))
    table = batch.findings()
    reports = {report.file: report for report in batch.reports}
    assert len(table[table.file == str(PETERBOROUGH)]) == len(reports[str(PETERBOROUGH)].findings)
    unreadable = table[table.file == str(broken)]
    assert list(unreadable.code) == ["unreadable"] and not unreadable.counted.any()
    warnings_and_errors = sum(finding.severity.value != "info"
                              for report in batch.reports for finding in report.findings)
    assert table.severity.cat.ordered
    assert (table.severity >= "warning").sum() == warnings_and_errors + 1     # + unreadable


def test_export_command(tmp_path):
    def run(*arguments):
        return subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "export", *map(str, arguments)],
                              capture_output=True, text=True, timeout=300)
    assert run(SAMPLES, "--format", "csv", "-o", tmp_path / "f.csv").returncode == 0
    assert run(SAMPLES, "--format", "parquet", "-o", tmp_path / "f.parquet").returncode == 0
    from_csv, from_parquet = read_figures(tmp_path / "f.csv"), read_figures(tmp_path / "f.parquet")
    pandas.testing.assert_frame_equal(from_csv, from_parquet)
    assert set(from_csv.hwb) == {"Peterborough", "Synthetic HWB 001"}
    one = run(PETERBOROUGH)
    assert one.returncode == 0 and '"hwb_id"' in one.stdout     # one file: the submission's JSON
    refused = run(SAMPLES, "--format", "parquet")
    assert refused.returncode == 2 and "-o OUT" in refused.stderr and "Traceback" not in refused.stderr
    over = run(PETERBOROUGH, "--format", "csv", "-o", PETERBOROUGH)
    assert over.returncode == 2 and "input" in over.stderr


def test_a_national_collection_one_submission_per_hwb(tmp_path):
    """A submission for every HWB but one: the figures frame counts them all and
    its totals are the roll-up's (its speed is the benchmark's to measure)."""
    reference = national_reference(tmp_path / "reference")
    reports = [check(submission(reference, name), reference) for name in synthetic_names(reference)]
    reports = [dataclasses.replace(report, file=f"hwb-{number:03d}.xlsx")
               for number, report in enumerate(reports)]
    batch = BatchReport(tuple(reports), reference.hwb_names)
    table = batch.figures()
    assert table.hwb.nunique() == 151 and table.counted.all()
    national = national_rollup(batch.reports, reference.hwb_names)
    spend = table[table.key.str.fullmatch(r"summary\.expenditure\.[a-z_]+\.2015/16")
                  & ~table.key.str.contains("total")]
    by_area = spend.groupby(spend.key.str.split(".").str[2]).value_submitted.sum()
    for area, total in by_area.items():
        # The roll-up rounds £000 to the pound (its stated rounding).
        assert total == pytest.approx(national["spend_by_area"][area]["2015/16"], abs=5e-4)
        assert national["spend_by_area"][area]["2015/16"] == round(total, 3)
    assert national["collection"]["missing"] == ["Peterborough"]
