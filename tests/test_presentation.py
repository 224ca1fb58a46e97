"""How the written workbooks look and print, measured.

openpyxl reads the page set-up, panes and formats the writer declares; the number
formats are applied to the cached figures by ``support.number_display`` (written from
the spreadsheet rules, not from the library) and compared with the column widths.
LibreOffice renders every sheet (``scripts/render_workbooks.py``) and is the oracle for
the pages each sheet prints on and the height each row needs for its text.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from support.edit_in_libreoffice import require_uno
from support.number_display import display, fits

from bcf_workbook import check, fix, read, write
from bcf_workbook.layout import SHEETS
from bcf_workbook.layout._elements import Grid
from bcf_workbook.model import Submission
from bcf_workbook.samples import sample

TEMPLATE = ROOT / "templates" / "bcf-part2-template.xlsx"
PETERBOROUGH = ROOT / "samples" / "peterborough-2014-16.xlsx"
CLEAN = ROOT / "samples" / "synthetic-hwb-001-clean.xlsx"
PUBLISHED_TEXT = ROOT / "tests" / "support" / "peterborough-part2-2014.txt"
RENDER = ROOT / "scripts" / "render_workbooks.py"
REFERENCE = "Reference"
#: The width of a column a sheet does not size, in characters.
DEFAULT_WIDTH = 8.43
#: A HWB ten times Peterborough's size: money in the tens of millions, populations in
#: millions (more than any HWB has). Prices and shares do not grow with an area.
SCALE = 10
UNSCALED = ("unit_price", "unit_cost", "share", "rate", "percent")

FINDINGS_PER_PAGE = 20
#: Pages each sheet may print on, A4 landscape one page wide, for the committed
#: workbooks, Peterborough fixed and the tenfold Peterborough.
PAGE_TARGETS = {
    "Cover": (1, "a title, the colour key and a checklist of 20 lines"),
    "1. HWB ID": (1, "six lines"),
    "HWB P4P": (1, "three short blocks, all derived"),
    "2. HWB Funding Sources": (1, "three blocks of six rows at the template's size"),
    "Summary": (1, "fixed rows that read as one page: fitted to one page tall"),
    "3. HWB Expenditure Plan": (1, "the template's 50 scheme rows, names wrapped over two lines"),
    "4. HWB Benefits Plan": (3, "two years of 20 rows; Peterborough describes its schemes at "
                                "length, up to ten lines a row"),
    "5. HWB P4P metric": (1, "the metric, the CCG split and the ratings: fitted to one page"),
    "6. HWB Supporting Metrics": (1, "five metrics: fitted to one page"),
    "7. Projections": (2, "three projections, then delayed transfers on a page of their own"),
    "Checks": (FINDINGS_PER_PAGE, "a page per 20 findings, messages wrapped (Peterborough's 38 "
                                  "on two)"),
    REFERENCE: (0, "hidden: not printed"),
}


def _scaled(data, path: str = ""):
    if isinstance(data, dict):
        return {key: _scaled(value, f"{path}.{key}") for key, value in data.items()}
    if isinstance(data, list):
        return [_scaled(value, path) for value in data]
    numeric = isinstance(data, (int, float)) and not isinstance(data, bool)
    if not numeric or any(word in path for word in UNSCALED) or path.startswith((".overrides",
                                                                               ".stray")):
        return data
    return data * SCALE


@pytest.fixture(scope="module")
def books(tmp_path_factory, reference):
    """Every workbook measured: the committed ones, Peterborough fixed, and a tenfold one."""
    folder = tmp_path_factory.mktemp("presentation")
    fixed = folder / "peterborough-fixed.xlsx"
    fix(PETERBOROUGH, fixed, reference)
    large = Submission.from_dict(_scaled(sample("peterborough", reference).to_dict()))
    tenfold = write(large, folder / "peterborough-tenfold.xlsx", reference=reference,
                    findings=check(large, reference).findings)
    return {path.stem: path for path in (TEMPLATE, PETERBOROUGH, CLEAN, fixed, tenfold)}


@pytest.fixture(scope="module")
def opened(books):
    return {name: openpyxl.load_workbook(path) for name, path in books.items()}


@pytest.fixture(scope="module")
def cached(books):
    return {name: openpyxl.load_workbook(path, data_only=True) for name, path in books.items()}


def _printed(workbook):
    return [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]


# --- page set-up, panes and headers (openpyxl) ---------------------------------------------

def test_every_printed_sheet_is_a4_landscape_one_page_wide_within_its_print_area(opened):
    for name, workbook in opened.items():
        for sheet in _printed(workbook):
            setup = sheet.page_setup
            assert setup.orientation == "landscape", (name, sheet.title)
            assert str(setup.paperSize) == "9", (name, sheet.title)  # A4
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, (name, sheet.title)
            assert (setup.fitToWidth or 1) == 1, (name, sheet.title)
            assert sheet.print_area, (name, sheet.title)
            assert sheet.oddFooter.right.text and "&P" in sheet.oddFooter.right.text


def test_table_headers_stay_in_view_and_print_on_every_page(opened):
    for name, workbook in opened.items():
        for layout in SHEETS:
            sheet = workbook[layout.name]
            assert sheet.freeze_panes, (name, layout.name)
            table = next((t for t in layout.tables() if t.header_row is not None), None)
            if table is None or layout.name == REFERENCE or any(isinstance(item, Grid)
                                                                for item in layout.items):
                continue
            # A sheet of tables: frozen below the first table's column headers.
            frozen_row = openpyxl.utils.cell.coordinate_to_tuple(sheet.freeze_panes)[0]
            assert frozen_row == table.header_row + 1, (name, layout.name)
            assert f"${table.header_row}" in sheet.print_title_rows, (name, layout.name)


def test_reference_is_hidden_and_has_no_print_area(opened):
    for workbook in opened.values():
        reference = workbook[REFERENCE]
        assert reference.sheet_state == "hidden"
        # LibreOffice prints a hidden sheet that has a print area.
        assert not reference.print_area
        assert workbook.active.title == "Cover"


def test_the_hwb_is_named_in_the_page_header_of_sheets_5_to_7_as_published(opened):
    lines = PUBLISHED_TEXT.read_text(encoding="utf-8").splitlines()
    starts = {"5. HWB P4P metric": "Please complete the five white cells",
              "6. HWB Supporting Metrics": "Please complete all white cells in tables",
              "7. Projections": "To support finalisation of plans"}
    for sheet, start in starts.items():
        at = next(number for number, line in enumerate(lines) if line.startswith(start))
        printed_above = [line for line in lines[max(at - 5, 0):at] if line.strip()]
        assert "Peterborough" in printed_above, sheet
        header = opened["peterborough-2014-16"][sheet].oddHeader.center.text
        assert header == "Peterborough", sheet


# --- figures -----------------------------------------------------------------------------

def _figures(workbook):
    """(sheet, cell, shown text, column width) of every number a sheet shows."""
    for sheet in workbook.worksheets:
        # A <col> element may size a range of columns.
        widths = {column: dimension.width for dimension in sheet.column_dimensions.values()
                  for column in range(dimension.min, dimension.max + 1)}
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    yield (sheet.title, cell.coordinate, display(cell.value, cell.number_format),
                           widths.get(cell.column) or DEFAULT_WIDTH)


def test_every_figure_fits_its_column_even_for_a_tenfold_hwb(cached):
    checked = 0
    for name, workbook in cached.items():
        for sheet, cell, shown, width in _figures(workbook):
            checked += 1
            assert fits(shown, width), f"{name} {sheet}!{cell} shows {shown!r} in width {width}"
    assert checked > 3000
    tenfold = [shown for _, _, shown, _ in _figures(cached["peterborough-tenfold"])]
    assert "£119,990,000" in tenfold        # the minimum pooled budget, 2015/16
    assert "1,952,510" in tenfold           # the all-age population, Q4 15/16


def test_figures_in_pounds_show_the_pound_sign_and_figures_in_thousands_do_not(cached):
    peterborough = cached["peterborough-2014-16"]
    # Spec 1: money in £000 on the finance tabs, in £ on the benefits and P4P tabs.
    assert display(peterborough["5. HWB P4P metric"]["C21"].value,
                   peterborough["5. HWB P4P metric"]["C21"].number_format) == "£249,000"
    assert display(peterborough["5. HWB P4P metric"]["B23"].value,
                   peterborough["5. HWB P4P metric"]["B23"].number_format) == "£1,490"
    pounds = {"4. HWB Benefits Plan", "5. HWB P4P metric", "HWB P4P"}
    for sheet in ("2. HWB Funding Sources", "3. HWB Expenditure Plan", "Summary", *pounds):
        shown = [text for title, _, text, _ in _figures(peterborough) if title == sheet
                 and any(char.isdigit() for char in text)]
        with_sign = [text for text in shown if text.startswith(("£", "-£"))]
        if sheet in pounds:
            assert with_sign, sheet
        else:
            # The Summary's minimum pooled budget is in £ (its heading says so).
            assert set(with_sign) <= {"£661,000", "£11,999,000"}, sheet


def test_empty_table_rows_show_blank_derived_columns(cached):
    template = cached["bcf-part2-template"]["3. HWB Expenditure Plan"]
    for row in range(10, 60):
        for column in "MNO":
            cell = template[f"{column}{row}"]
            assert cell.value == 0
            assert display(cell.value, cell.number_format) == "", cell.coordinate
    written = cached["peterborough-2014-16"]["3. HWB Expenditure Plan"]
    assert display(written["M14"].value, written["M14"].number_format) == "100.0%"


# --- the Checks sheet after fix ------------------------------------------------------------

def _checks_rows(path: Path) -> list[dict]:
    sheet = openpyxl.load_workbook(path)["Checks"]
    header = [cell.value for cell in sheet[5]]
    return [dict(zip(header, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=6)
            if row[1].value]


def test_fixed_file_lists_what_fix_fixed_and_no_stale_problem_as_open(books):
    rows = _checks_rows(books["peterborough-fixed"])
    statuses = {row["Status"] for row in rows}
    assert statuses == {"Fixed by bcf-workbook fix", "Still to fix by the council"}
    open_ = sorted((row["Code"], row["Cells"]) for row in rows if row["Status"].startswith("Still"))
    fixed = {(row["Code"], row["Cells"]) for row in rows if row["Status"].startswith("Fixed")}
    # What the corrected file still has, checked afresh from the file itself.
    found = sorted((f.code, ", ".join(f.cells)) for f in check(books["peterborough-fixed"]).findings)
    assert open_ == found
    assert not fixed & set(found)
    # Spec 5: the typed-over rates and the blanked protection total are what fix restores.
    assert {code for code, _ in fixed} == {"rate-not-ratio", "derived-overwritten",
                                          "derived-overwritten-same"}
    assert read(books["peterborough-fixed"]).overrides == ()


def test_a_submission_written_with_its_findings_lists_them_all_as_still_to_fix():
    rows = _checks_rows(PETERBOROUGH)
    assert rows and {row["Status"] for row in rows} == {"Still to fix by the council"}


def test_checks_figures_are_separated_in_thousands(books):
    sheet = openpyxl.load_workbook(books["peterborough-fixed"])["Checks"]
    shown = {display(cell.value, cell.number_format) for row in sheet.iter_rows(min_row=6)
             for cell in row[6:8] if isinstance(cell.value, (int, float))}
    assert {"11,999,000", "10,390,000", "596.613", "592.8"} <= shown


# --- rendered by LibreOffice -------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(books, tmp_path_factory):
    require_uno()
    out = tmp_path_factory.mktemp("rendered")
    subprocess.run([sys.executable, str(RENDER), str(out), *map(str, books.values()), "--no-png"],
                   check=True, capture_output=True, timeout=1200)
    return out, json.loads((out / "measures.json").read_text(encoding="utf-8"))


@pytest.mark.libreoffice
def test_no_row_is_too_low_for_its_text(rendered):
    _, measures = rendered
    cut = {(book, sheet): measured["short_rows"] for book, workbook in measures.items()
           for sheet, measured in workbook["sheets"].items() if measured["short_rows"]}
    assert not cut


@pytest.mark.libreoffice
def test_each_sheet_prints_within_its_page_target(rendered, books):
    _, measures = rendered
    for book, workbook in measures.items():
        findings = len(_checks_rows(books[Path(book).stem]))
        targets = {sheet: target for sheet, (target, _why) in PAGE_TARGETS.items()}
        targets["Checks"] = max(1, math.ceil(findings / FINDINGS_PER_PAGE))
        for sheet, measured in workbook["sheets"].items():
            printed = 0 if measured["hidden"] else measured["pages"]
            assert printed <= targets[sheet], f"{book}: {sheet} prints on {printed} pages"
        visible = sum(m["pages"] for m in workbook["sheets"].values() if not m["hidden"])
        assert workbook["printed_pages"] == visible, book


@pytest.mark.libreoffice
def test_no_figure_prints_as_hashes(rendered):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out, _ = rendered
    pdfs = sorted(out.glob("*/*.pdf"))
    assert len(pdfs) > 50
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        assert "###" not in text, pdf.name


@pytest.mark.libreoffice
def test_no_row_of_the_project_plan_is_too_low_for_its_text(tmp_path):
    """As for Part 2: LibreOffice's own optimal heights. Only the Milestones' focus-area
    column is clipped by design: one line of body text that does not wrap."""
    require_uno()
    plan = ROOT / "samples" / "peterborough-cambridgeshire-project-plan-2017-19.xlsx"
    subprocess.run([sys.executable, str(RENDER), str(tmp_path), str(plan), "--no-png"],
                   check=True, capture_output=True, timeout=600)
    measures = json.loads((tmp_path / "measures.json").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(plan)
    cut = [(sheet, row["cell"]) for workbook in measures.values()
           for sheet, measured in workbook["sheets"].items() for row in measured["short_rows"]]
    assert cut
    wrapped_or_large = [(sheet, cell) for sheet, cell in cut
                        if book[sheet][cell].alignment.wrap_text or (book[sheet][cell].font.sz or 10) > 10]
    assert wrapped_or_large == []
