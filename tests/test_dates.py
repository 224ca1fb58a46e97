"""A date typed where a figure belongs (issue 10, item 5): LibreOffice types it
as a council would, openpyxl (which turns date-formatted numbers into dates)
says which cells show dates, and the finding names the cell."""

from __future__ import annotations

import datetime

import openpyxl
import pytest
from conftest import ROOT
from openpyxl.styles.numbers import is_date_format
from support.edit_in_libreoffice import address, edit

from bcf_workbook import check, fix, read_workbook, write
from bcf_workbook.engine import table_sizes
from bcf_workbook.layout import placement_for
from bcf_workbook.reader._xlsx import _date_text, _shows_a_date
from bcf_workbook.samples import sample

MONEY = "funding.local_authority.0.amounts.2015/16"
COUNT = "p4p.numerator.Q4 14/15"


@pytest.mark.parametrize("code", [
    "dd/mm/yyyy", "d-mmm-yy", "mmm-yy", "yyyy-mm-dd;@", "[$-809]dd mmmm yyyy", "dd/mm/yyyy hh:mm",
    "General", "#,##0", "£#,##0.00", "0.0%", '0" days"', "[Red]#,##0;[Blue]-#,##0",
    '#,##0" (m)"', "0.00E+00", "@", '"Year "0', "\\d0",
])
def test_a_format_shows_a_date_when_openpyxl_says_it_does(code):
    assert _shows_a_date("164", code) == is_date_format(code)


@pytest.mark.parametrize("code", ["h:mm AM/PM", "[h]:mm:ss", "hh:mm", "mm:ss", "[mm]", "[m]"])
def test_a_time_of_day_is_not_a_date_a_figure_could_be_mistaken_for(code):
    # openpyxl calls these date formats (it reads them as times); a figure shown as a
    # time is not the mistake this check is for.
    assert is_date_format(code) and not _shows_a_date("164", code)


@pytest.mark.parametrize(("format_id", "date"), [
    # ECMA-376 18.8.30: 14 "mm-dd-yy", 22 "m/d/yy h:mm"; 20 "h:mm", 32 h"時"mm"分" (times).
    ("14", True), ("22", True), ("31", True), ("20", False), ("32", False), ("33", False), ("0", False),
])
def test_a_built_in_format_shows_a_date_as_the_standard_lists_it(format_id, date):
    assert _shows_a_date(format_id, None) is date


@pytest.mark.parametrize(("serial", "date1904", "shown"), [
    # Microsoft: "Excel incorrectly assumes that the year 1900 is a leap year" (serial 60).
    (1, False, "1900-01-01"), (59, False, "1900-02-28"), (60, False, "1900-02-29"),
    (61, False, "1900-03-01"), (42075, False, "2015-03-12"), (0, True, "1904-01-01"),
    (40613, True, "2015-03-12"), (2_958_465, False, "9999-12-31"), (2_958_465, True, None),
])
def test_the_day_a_serial_shows_in_either_date_system(serial, date1904, shown):
    assert _date_text(serial, date1904) == shown


@pytest.mark.libreoffice
def test_a_date_typed_into_a_money_cell_in_libreoffice_is_found_at_its_cell(tmp_path, reference):
    clean = sample("clean", reference)
    source = write(clean, tmp_path / "clean.xlsx", reference=reference)
    placement = placement_for(table_sizes(clean))
    money_sheet, money_cell = address(placement, MONEY)
    count_sheet, count_cell = address(placement, COUNT)
    target = tmp_path / "dates.xlsx"
    # As a council's spreadsheet does when a date is typed: the date's number, shown as a date.
    edit([{"source": source, "target": target, "operations": [
        {"op": "set", "sheet": money_sheet, "cell": money_cell, "formula": "2015-03-12"},
        {"op": "number_format", "sheet": money_sheet, "cell": money_cell, "code": "DD/MM/YYYY"},
        {"op": "set", "sheet": count_sheet, "cell": count_cell, "formula": "2014-01-31"},
        {"op": "number_format", "sheet": count_sheet, "cell": count_cell, "code": "MMM-YY"},
    ]}])
    book = openpyxl.load_workbook(target)
    assert book[money_sheet][money_cell].value == datetime.datetime(2015, 3, 12)
    assert book[count_sheet][count_cell].value == datetime.datetime(2014, 1, 31)

    workbook = read_workbook(target)
    assert workbook.submission.dates == {MONEY: "2015-03-12", COUNT: "2014-01-31"}
    # The value is the serial number, as the workbook's own totals count it.
    assert workbook.submission.funding.local_authority[0].amounts["2015/16"] == 42075
    found = [finding for finding in check(target).findings if finding.code == "date-in-figure"]
    assert sorted((finding.sheet, finding.cells) for finding in found) == sorted(
        [(money_sheet, (money_cell,)), (count_sheet, (count_cell,))])
    assert any("shows the date 12/03/2015: the workbook counts it as 42,075" in finding.message
               for finding in found)
    # The corrected copy shows the figure as a number: fixed there, as a fresh check of it says.
    fixed = fix(target, tmp_path / "fixed.xlsx")
    assert {finding.code for finding in fixed.resolved} >= {"date-in-figure"}
    assert "date-in-figure" not in {finding.code for finding in check(tmp_path / "fixed.xlsx").findings}


def test_figures_shown_as_numbers_are_not_dates():
    for path in sorted((ROOT / "samples").glob("*.xlsx")):
        if path.name.startswith(("peterborough-2014", "synthetic")):
            assert read_workbook(path).submission.dates == {}
