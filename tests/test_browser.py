"""The HTML report in a real browser (headless Chromium): the samples' report
and a national round of 152 files render without a script error, the
overview and charts come first at 1400 px, the HWB table sorts and filters,
and the page printed to PDF (A4 landscape) keeps every column."""

from __future__ import annotations

import os
import re

import pytest
from conftest import ROOT
from support.browser import Chromium, missing_tools, pdf_page_size, pdf_pages, png_size
from support.national_batch import FILES, write_national_batch

from bcf_workbook.batch import check_many
from bcf_workbook.checks import PROJECT_PLAN
from bcf_workbook.findings import Severity
from bcf_workbook.render import render
from bcf_workbook.render._figures import RATINGS

pytestmark = pytest.mark.browser

#: Runs after the page's own script: sorts and filters as a user would (by
#: clicking and typing) and records the table's rows after each step.
ACTIONS = r"""
var table = document.getElementById("hwb-table");
var headers = table.tHead.rows[0].cells;
function column(name) {
  for (var i = 0; i < headers.length; i++) { if (headers[i].textContent.trim() === name) { return i; } }
  throw new Error("no column " + name);
}
function visible(i) {
  return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; })
    .map(function (row) { return row.cells[i].textContent.trim(); });
}
function click(name) { headers[column(name)].querySelector("[role=button]").click(); }
var change = column("P4P change (%)"), hwb = column("HWB");
result.initial = visible(hwb);
result.controls = !document.getElementById("controls").hidden;
click("P4P change (%)"); result.ascending = visible(change);
click("P4P change (%)"); result.descending = visible(change);
click("HWB"); result.names = visible(hwb);
var filter = document.getElementById("filter");
filter.value = "peterBOROUGH"; filter.dispatchEvent(new Event("input"));
result.filtered = visible(hwb);
filter.value = ""; filter.dispatchEvent(new Event("input"));
document.getElementById("errors-only").click();
result.errors_only = visible(column("Errors"));
function top(selector) { return document.querySelector(selector).getBoundingClientRect().top; }
result.layout = {national: top("#national"), chart: top("#national figure.chart svg"),
                 hwbs: top("#hwbs"), width: document.documentElement.scrollWidth};
"""


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    missing = missing_tools()
    if missing:
        message = f"needs {', '.join(missing)} (Debian: chromium, poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests are required in CI: {message}")
        pytest.skip(message)
    return Chromium(tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture(scope="module", params=["samples", "national"])
def report(request, tmp_path_factory, chromium):
    """(the page, its batch): the samples' report, and a report of 152 files."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "samples":
        batch = check_many([ROOT / "samples"], workers=1)
    else:
        write_national_batch(folder / "round")
        batch = check_many([folder / "round"])
        assert len(batch.reports) == FILES
    page = folder / "report.html"
    page.write_text(render(batch, "html"), encoding="utf-8")
    return page, batch


@pytest.fixture(scope="module")
def driven(report, chromium):
    page, batch = report
    return chromium.drive(page, ACTIONS), batch


def _percent(text):
    return float(text.rstrip("%"))


def test_no_script_error(driven):
    result, _ = driven
    assert result["errors"] == [] and result["console"] == []
    assert result["controls"], "the script shows the filter once it runs"


def test_national_overview_and_charts_first_at_1400_px(driven, report, chromium, tmp_path):
    result, _ = driven
    layout = result["layout"]
    assert layout["national"] < 1000, "the overview starts on the first screen"
    assert layout["chart"] < layout["hwbs"]
    assert layout["width"] <= 1400, "nothing wider than the window"
    png = chromium.screenshot(report[0], tmp_path / "report.png", 1400, 1000)
    assert png_size(png) == (1400, 1000)


def test_sorting_by_clicking_a_header(driven):
    result, batch = driven
    changes = [report.values.get("p4p.annual_change_pct") for report in batch.reports]
    rated = sum(isinstance(change, float) for change in changes)
    for order, descending in (("ascending", False), ("descending", True)):
        shown = result[order]
        figures = [_percent(text) for text in shown if text]
        assert len(figures) == rated and shown[rated:] == [""] * (len(shown) - rated)
        assert figures == sorted(figures, reverse=descending)
    names = [name.removesuffix(" outlier") for name in result["names"]]
    assert names == sorted(names, key=str.lower)


def test_filtering(driven):
    result, batch = driven
    names = [name.removesuffix(" outlier") for name in result["filtered"]]
    assert names and all(name.startswith("Peterborough") for name in names)
    # The table lists the HWBs; the samples' project plan has a section of its own.
    with_errors = [report for report in batch.reports if report.document != PROJECT_PLAN
                   and (report.status != "checked" or report.count(Severity.ERROR))]
    assert len(result["errors_only"]) == len(with_errors)
    assert "0" not in result["errors_only"]


def test_printed_on_a4_landscape_with_every_column(report, chromium, tmp_path):
    page, batch = report
    pdf = chromium.print_pdf(page, tmp_path / "report.pdf")
    width, height = pdf_page_size(pdf)
    assert (round(width), round(height)) == (842, 595), "A4 landscape"
    rag = r"(?:Red|Amber|Green)"
    last_columns = re.compile(rf"{rag}\s+{rag}\s+{rag}\s+{rag}\s*$")
    rows, pages_with_rows = 0, 0
    for text in pdf_pages(pdf):
        found = sum(bool(last_columns.search(line)) for line in text.splitlines())
        if found:
            pages_with_rows += 1
            # the table's header, last column included, is printed on every page of rows
            assert "Reablement" in text and "Delayed" in text
        rows += found
    fully_rated = sum(all(report.ratings.get(key) for _, key in RATINGS) for report in batch.reports)
    assert rows == fully_rated > 0
    assert pages_with_rows >= 1
