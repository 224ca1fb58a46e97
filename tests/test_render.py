"""The text, Markdown, CSV and JSON reports: figures, counts and cell
references as people write them, and nothing from a file able to forge a
line, a heading or a table row."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile

import openpyxl
import pytest
from conftest import ROOT

from bcf_workbook.batch import BatchReport, check_many
from bcf_workbook.checks import PART2, Report
from bcf_workbook.findings import Finding, Severity
from bcf_workbook.layout._units import number, with_unit
from bcf_workbook.render import TEXT_FORMATS, counted, printable, render, sheet_reference

SAMPLES = ROOT / "samples"
PETERBOROUGH = SAMPLES / "peterborough-2014-16.xlsx"
#: A file name and cells as an attacker writes them: ESC sequences, CR and LF,
#: a C1 control (NEL, CSI), bidirectional overrides and a line separator.
FORGED_LINE = "\x1b[2K\rFAKE.xlsx (Peterborough): 0 errors, 0 warnings, 0 info\n"
HOSTILE_FILE = f"good.xlsx{FORGED_LINE}"
HOSTILE_HWB = "Evil\r# Injected heading\n| forged | row |\u202eenilno\u2028\x85"
HOSTILE_SHEET = "Sheet\x9b31m"


@pytest.fixture(scope="module")
def samples_batch():
    return check_many([SAMPLES], workers=1)


def hostile_batch() -> BatchReport:
    finding = Finding("stray-value", Severity.WARNING, HOSTILE_SHEET, ("B2", f"'{HOSTILE_SHEET}'!C3"),
                      f"holds {FORGED_LINE!s} where the template has nothing", None, "=1+1\r\n")
    return BatchReport((Report(HOSTILE_FILE, HOSTILE_HWB, "checked", (finding,)),
                        Report("caf\udce9.xlsx", None, "unreadable", error=f"bad\r\n{FORGED_LINE}")))


def _unsafe(text: str) -> list[str]:
    """Characters that move the cursor, recolour, reorder or break lines."""
    return [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


def test_text_report_cannot_be_forged_by_a_file():
    text = render(hostile_batch(), "text")
    lines = text.splitlines()
    # a headline and a finding for the first file, a headline for the second, the summary
    assert len(lines) == 4, lines
    assert _unsafe(text) == []
    assert not any(line.startswith("FAKE.xlsx") for line in lines)
    assert lines[0].startswith("good.xlsx\\x1b[2K\\rFAKE.xlsx")
    assert "\\u202e" in lines[0] and "\\u2028" in lines[0] and "\\x85" in lines[0]
    assert lines[2] == "caf\\xe9.xlsx: unreadable: bad\\r\\n\\x1b[2K\\rFAKE.xlsx (Peterborough): " \
                       "0 errors, 0 warnings, 0 info\\n"


def test_markdown_report_cannot_gain_headings_or_rows():
    markdown = render(hostile_batch(), "markdown")
    lines = markdown.splitlines()
    assert _unsafe(markdown) == []
    headings = [line for line in lines if line.startswith("#")]
    assert len(headings) == 3, headings
    assert headings[0].startswith("# BCF Part 2 checks: ") and headings[1].startswith("## Evil")
    assert not any(line.startswith(("# Injected", "| forged", "FAKE")) for line in lines)
    table_rows = [line for line in lines if line.startswith("|")]
    unescaped_pipes = {len(re.findall(r"(?<!\\)\|", row)) for row in table_rows[:4]}
    assert len(unescaped_pipes) == 1, table_rows


def test_every_format_writes_valid_utf8_for_a_file_name_that_is_not():
    """A name with a Latin-1 byte (Python's surrogate escape) never breaks a report."""
    batch = hostile_batch()
    for report_format in TEXT_FORMATS:
        render(batch, report_format).encode("utf-8")
    data = json.loads(render(batch, "json"))
    assert data["submissions"][1]["file"] == "caf\\xe9.xlsx"
    rows = list(csv.reader(io.StringIO(render(batch, "csv"))))
    assert rows[2][0] == "caf\\xe9.xlsx"
    assert "caf\\xe9.xlsx" in render(batch, "html")


def test_printable_keeps_ordinary_text():
    assert printable("Peterborough £10,390 – 5% (Q4 14/15)") == "Peterborough £10,390 – 5% (Q4 14/15)"
    assert printable("a\tb\x00c\x7f") == "a\\tb\\x00c\\x7f"


def test_counts_are_spelled_right():
    assert [counted(n, noun) for n, noun in ((1, "info"), (4, "info"), (1, "error"),
                                              (2, "warning"), (1, "file"), (1234, "file"))] == \
        ["1 info", "4 info", "1 error", "2 warnings", "1 file", "1,234 files"]


def test_summary_line_of_the_samples(samples_batch):
    last = render(samples_batch, "text").splitlines()[-1]
    # Two submissions and the project plan.
    assert re.fullmatch(r"3 files: 3 checked, 0 unreadable; \d+ errors, \d+ warnings, \d+ info", last)


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (10390, "", "10,390"), (10390000.0, "", "10,390,000"), (596.612779060816, "", "596.61"),
    (-0.009968958930276982, "%", "-1.0%"), (9770401500, "", "9,770,401,500"),
    (220379.98, "£000", "220,380"), (None, "", ""), ("n/a", "", "n/a"), (0.000123, "", "0.000123"),
])
def test_numbers_have_thousands_separators_units_and_percentages(value, unit, shown):
    assert number(value, unit) == shown


@pytest.mark.parametrize(("sheet", "written"), [
    ("Summary", "Summary"), ("HWB_P4P", "HWB_P4P"),
    ("6. HWB Supporting Metrics", "'6. HWB Supporting Metrics'"),
    ("HWB P4P", "'HWB P4P'"), ("O'Brien", "'O''Brien'"), ("A1", "'A1'"), ("R1C1", "'R1C1'"),
    ("2014", "'2014'"),
])
def test_sheet_names_are_quoted_as_spreadsheets_need(sheet, written):
    assert sheet_reference(sheet) == written


def test_cell_references_point_at_the_cells_of_the_workbook(samples_batch):
    """Every reference the text report prints names a sheet and a cell of the
    file; the typed-over rates of spec section 5 are where it says."""
    submissions = BatchReport(tuple(report for report in samples_batch.reports
                                    if report.document == PART2))
    text = render(submissions, "text")
    book = openpyxl.load_workbook(PETERBOROUGH)
    references = re.findall(r"('(?:[^']|'')+'|[A-Za-z_][\w.]*)!([A-Z]{1,3}[0-9]+)", text)
    assert len(references) > 30
    cells = []
    for sheet, cell in references:
        name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        assert name in book.sheetnames
        assert sheet == sheet_reference(name)
        cells.append(book[name][cell].value)
    assert {592.8, 73.8, 1033.3, 916.6, 813.0, 711.7} <= set(cells)


def test_render_names_the_formats_it_gives_when_asked_for_a_workbook():
    with pytest.raises(ValueError, match="write the national workbook with"):
        render(hostile_batch(), "xlsx")


def test_an_unreadable_file_is_named_once(tmp_path):
    # The README ("Reading councils' files"): a .docx renamed .xlsx is reported as a Word document.
    renamed = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(renamed, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    batch = check_many([renamed], workers=1)
    headline = render(batch, "text").splitlines()[0]
    assert headline.startswith(f"{renamed}: unreadable: ") and "Word document" in headline
    assert headline.count("renamed.xlsx") == 1, headline
    unreadable = [line for line in render(batch, "markdown").splitlines() if line.startswith("Unreadable")]
    assert len(unreadable) == 1 and "Word document" in unreadable[0] and "renamed" not in unreadable[0]


@pytest.mark.parametrize(("value", "unit", "shown"), [
    # Spec 2.6: residential admissions baseline 155 / 25,980 x 100,000; reablement 50 / 65 x 100.
    (155 / 25980 * 100_000, "rate per 100,000", "596.61 per 100,000"),
    (813, "rate per 100,000", "813.00 per 100,000"),
    (50 / 65 * 100, "%", "76.9%"), (0.035, "fraction", "3.5%"), (158.0, "count", "158"),
    # The published Part 2: P4P saving £249,000; spec section 5: the protection of adult social care
    # for 2014/15 says 661 (£000, as on the finance tabs).
    (249_000, "£", "£249,000"), (-249_000, "£", "-£249,000"), (661, "£000", "661 (£000)"),
    (None, "£", ""), ("red", None, "red"),
])
def test_figures_with_their_units(value, unit, shown):
    assert with_unit(value, unit) == shown
