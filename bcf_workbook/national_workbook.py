"""The national roll-up as a workbook, for the national team's spreadsheets.

Sheets: ``National`` (what was counted, the totals, spend by area and savings
by benefit type), ``HWBs`` (one row per HWB that counts: key figures and
ratings, and a totals row), ``Findings`` (every finding, with an
autofilter), ``Collection`` (HWBs missing, files superseded, blank and
unreadable) and ``Charts`` (P4P % change by HWB against the 0 and -3.5%
thresholds, spend by area of spend, savings by benefit type). Every formula
carries its value, so pandas and previewers see numbers without
recalculating. Money is in £ throughout, converted from each tab's unit by
:mod:`bcf_workbook.layout._units`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from . import periods
from ._output import replacing
from ._text import as_number
from .batch import BatchReport
from .checks import Report
from .choices import AreaOfSpend, BenefitType
from .errors import WorkbookError
from .findings import Severity
from .layout import keys
from .layout._figures import unit_of
from .layout._sheets import RED_AMBER_THRESHOLD
from .layout._units import COUNT, FRACTION, MEANINGS, POUNDS, ROUNDING, in_pounds
from .national import Collection, collect, national_rollup
from .writer._files import ExactWorksheet

RAG = {"red": ("#FFC7CE", "#9C0006"), "amber": ("#FFEB9C", "#9C5700"),
       "green": ("#C6EFCE", "#006100")}
NUMBER_FORMATS = {POUNDS: "£#,##0", COUNT: "#,##0", FRACTION: "0.0%"}
P4P_CHANGE = keys.P4P_CHANGE_PCT


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of the HWBs sheet: its heading, the figure's key, and how the
    totals row totals it ('sum', 'ratio' of two other columns' totals, or none)."""

    heading: str
    key: str
    total: str = "sum"

    @property
    def unit(self) -> str | None:
        return unit_of(self.key)


def _columns() -> tuple[Column, ...]:
    years = periods.YEARS
    ratings = [Column(f"{name} rating {year}", keys.METRIC_RATING(metric, year), "")
               for metric, name in (("residential_admissions", "Residential admissions"),
                                    ("reablement", "Reablement"),
                                    ("delayed_transfers", "Delayed transfers"),
                                    ("patient_experience", "Patient experience"),
                                    ("local_metric", "Local metric")) for year in years]
    return (
        *(Column(f"Contributions {year} (£)", keys.FUNDING_TOTAL(year)) for year in years),
        *(Column(f"Spend {year} (£)", keys.SUMMARY_SPEND("total", year)) for year in years),
        *(Column(f"NHS out-of-hospital spend {year} (£)", keys.SUMMARY_OUT_OF_HOSPITAL("total", year))
          for year in years),
        *(Column(f"Savings {year} (£)", keys.SUMMARY_BENEFITS("total", year)) for year in years),
        Column("Non-elective admissions, baseline", keys.P4P_BASELINE),
        Column("Non-elective admissions, plan", keys.P4P_PLAN),
        Column("Planned change in admissions", keys.P4P_CHANGE),
        Column("P4P % change", P4P_CHANGE, "ratio"),
        Column("P4P annual saving (£)", keys.P4P_SAVING),
        Column("Performance fund (£)", keys.PERFORMANCE_FUND),
        Column("Ringfenced fund (£)", keys.RINGFENCED_FUND),
        Column("P4P rating", keys.P4P_RATING, ""),
        *ratings,
    )


COLUMNS = _columns()
#: Columns before the figures: HWB, file, errors, warnings.
LEADING = ("HWB", "File", "Errors", "Warnings")


def write_national_workbook(batch: BatchReport, path: str | Path) -> Path:
    """Write the national roll-up of ``batch`` to ``path`` (.xlsx), replacing
    it only once complete."""
    path = Path(path)
    with replacing(path, WorkbookError) as temporary:
        workbook = xlsxwriter.Workbook(str(temporary), {
            "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
            "nan_inf_to_errors": True})
        _NationalWorkbook(workbook, batch).write()
        workbook.close()
    return path


class _NationalWorkbook:
    def __init__(self, workbook: Workbook, batch: BatchReport) -> None:
        self.workbook = workbook
        self.batch = batch
        self.collection: Collection = collect(batch.reports, batch.expected_hwbs)
        self.national = national_rollup(batch.reports, batch.expected_hwbs)
        self.bold = workbook.add_format({"bold": True})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top",
                                           "bottom": 1, "bg_color": "#DDEBF7"})
        self.note = workbook.add_format({"italic": True, "font_color": "#595959"})
        self.formats = {unit: workbook.add_format({"num_format": number})
                        for unit, number in NUMBER_FORMATS.items()}
        self.total_formats = {unit: workbook.add_format({"num_format": number, "bold": True,
                                                         "top": 1})
                              for unit, number in NUMBER_FORMATS.items()}
        self.rag = {name: workbook.add_format({"bg_color": fill, "font_color": font})
                    for name, (fill, font) in RAG.items()}
        self.sheets = {name: _printable(workbook.add_worksheet(name, ExactWorksheet))
                       for name in ("National", "HWBs", "Findings", "Collection", "P4P")}

    def write(self) -> None:
        self._hwbs()
        self._national()
        self._findings()
        self._collection()
        self._p4p_and_charts()

    # --- HWBs ------------------------------------------------------------------------

    def _hwbs(self) -> None:
        sheet = self.sheets["HWBs"]
        headings = [*LEADING, *(column.heading for column in COLUMNS)]
        sheet.write_row(0, 0, headings, self.header)
        sheet.set_row(0, 45)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, len(headings) - 1, 14)
        counted = self.collection.counted
        for row, report in enumerate(counted, 1):
            sheet.write_row(row, 0, [report.hwb or "", report.file or "",
                                     report.count(Severity.ERROR), report.count(Severity.WARNING)])
            for col, column in enumerate(COLUMNS, len(LEADING)):
                self._figure(sheet, row, col, column, report.values.get(column.key))
        self._totals_row(sheet, len(counted) + 1, len(counted))
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, len(counted), len(headings) - 1)
        for name, format in self.rag.items():
            sheet.conditional_format(1, 0, len(counted), len(headings) - 1, {
                "type": "cell", "criteria": "==", "value": f'"{name.capitalize()}"', "format": format})

    def _figure(self, sheet: Worksheet, row: int, col: int, column: Column, value: Any) -> None:
        number = as_number(value)
        if column.key.endswith("rating") or ".rating." in column.key:
            sheet.write_string(row, col, str(value).capitalize() if value else "")
        elif number is None:
            sheet.write_blank(row, col, None)
        else:
            unit = column.unit or COUNT
            sheet.write_number(row, col, in_pounds(number, unit),
                               self.formats.get(POUNDS if unit.startswith("£") else unit))

    def _totals_row(self, sheet: Worksheet, row: int, count: int) -> None:
        sheet.write(row, 0, "National total", self.bold)
        columns = {column.key: col for col, column in enumerate(COLUMNS, len(LEADING))}
        totals = {column.key: self._total(column) for column in COLUMNS}
        for col, column in enumerate(COLUMNS, len(LEADING)):
            unit = column.unit or COUNT
            style = self.total_formats.get(POUNDS if unit.startswith("£") else unit)
            if column.total == "sum" and count:
                formula = f"=SUM({xl_rowcol_to_cell(1, col)}:{xl_rowcol_to_cell(count, col)})"
                sheet.write_formula(row, col, formula, style, totals[column.key])
            elif column.total == "ratio" and totals[keys.P4P_BASELINE]:
                change = xl_rowcol_to_cell(row, columns[keys.P4P_CHANGE])
                baseline = xl_rowcol_to_cell(row, columns[keys.P4P_BASELINE])
                sheet.write_formula(row, col, f"={change}/{baseline}", style,
                                    totals[keys.P4P_CHANGE] / totals[keys.P4P_BASELINE])

    def _total(self, column: Column) -> float:
        """The column's total as the national roll-up adds it (in £ for money)."""
        unit = column.unit or COUNT
        return sum(in_pounds(as_number(report.values.get(column.key)) or 0.0, unit)
                   for report in self.collection.counted)

    # --- National ----------------------------------------------------------------------

    def _national(self) -> None:
        sheet = self.sheets["National"]
        sheet.set_column(0, 0, 52)
        sheet.set_column(1, 3, 18)
        sheet.write(0, 0, "Better Care Fund Part 2: national roll-up", self.title)
        collection = self.national["collection"]
        rows: list[tuple[str, Any]] = [
            ("Submissions counted (one per HWB)", self.national["submissions"]),
            ("HWBs of the reference list", collection["expected_hwbs"]),
            ("HWBs with no submission", len(collection["missing"])),
            ("Files superseded by a later file of the same HWB", collection["superseded"]),
            ("Blank templates (not counted)", len(collection["blank"])),
            ("Unreadable files (not counted)", len(collection["unreadable"]))]
        for row, (label, value) in enumerate(rows, 2):
            sheet.write(row, 0, label)
            sheet.write_number(row, 1, value)
        notes = [f"Money in £ ({MEANINGS[POUNDS]}). Rounding: {ROUNDING}.",
                 "Only the submissions counted are totalled; see the Collection sheet."]
        for row, note in enumerate(notes, len(rows) + 3):
            sheet.write(row, 0, note, self.note)
        first = len(rows) + len(notes) + 4
        first = self._table(sheet, first, "Contributions and spend (£)", [
            ("Contributions to the pooled budget", self.national["contributions_gbp"]),
            ("NHS commissioned out-of-hospital spend", self.national["nhs_out_of_hospital_gbp"]),
        ])
        self.spend_at = first
        first = self._table(sheet, first, "Spend by area of spend (£)", [
            (area.value, self.national["spend_by_area_gbp"][area.slug]) for area in AreaOfSpend])
        self.savings_at = first
        self._table(sheet, first, "Savings by benefit type (£, from the Summary tab)", [
            (benefit.value, self.national["savings_by_benefit_gbp"][benefit.slug])
            for benefit in BenefitType])

    def _table(self, sheet: Worksheet, row: int, title: str,
               rows: list[tuple[str, dict[str, float]]]) -> int:
        """A table of figures by year under ``title``; the row after it."""
        sheet.write(row, 0, title, self.bold)
        sheet.write_row(row + 1, 0, ["", *periods.YEARS], self.header)
        for offset, (label, by_year) in enumerate(rows, row + 2):
            sheet.write(offset, 0, label)
            for col, year in enumerate(periods.YEARS, 1):
                sheet.write_number(offset, col, by_year[year], self.formats[POUNDS])
        return row + len(rows) + 4

    # --- Findings and collection ---------------------------------------------------------

    def _findings(self) -> None:
        sheet = self.sheets["Findings"]
        headings = ["HWB", "File", "Counted", "Severity", "Code", "Sheet", "Cells", "Finding",
                    "Expected", "Actual"]
        sheet.write_row(0, 0, headings, self.header)
        rows = [row for report in self.batch.reports for row in self._finding_rows(report)]
        for number, row in enumerate(rows, 1):
            sheet.write_row(number, 0, row)
        sheet.autofilter(0, 0, max(len(rows), 1), len(headings) - 1)
        sheet.freeze_panes(1, 0)
        for col, width in enumerate((24, 30, 9, 9, 26, 24, 12, 90, 14, 14)):
            sheet.set_column(col, col, width)

    def _finding_rows(self, report: Report) -> list[list[Any]]:
        counted = "yes" if self.collection.counts(report) else "no"
        if report.status != "checked":
            return [[report.hwb or "", report.file or "", counted, "error", "unreadable", "", "",
                     report.error or "", "", ""]]
        return [[report.hwb or "", report.file or "", counted, finding.severity.value,
                 finding.code, finding.sheet, " ".join(finding.cells), finding.message,
                 _cell(finding.expected), _cell(finding.actual)] for finding in report.findings]

    def _collection(self) -> None:
        sheet = self.sheets["Collection"]
        sheet.set_column(0, 3, 40)
        collection = self.collection
        sections: list[tuple[str, list[str], list[list[str]]]] = [
            ("HWBs of the reference list with no submission", ["HWB"],
             [[hwb] for hwb in collection.missing]),
            ("HWBs that sent more than one file", ["HWB", "Counted (the later)", "Superseded", "By"],
             [[d.hwb, d.counted, ", ".join(d.superseded), d.basis] for d in collection.duplicates]),
            ("Blank templates", ["File", "HWB"], [[r.file or "", r.hwb or ""] for r in collection.blank]),
            ("Unreadable files", ["File", "Why"],
             [[r.file or "", r.error or ""] for r in collection.unreadable])]
        row = 0
        for title, headings, rows in sections:
            sheet.write(row, 0, f"{title} ({len(rows)})", self.bold)
            sheet.write_row(row + 1, 0, headings, self.header)
            for offset, values in enumerate(rows, row + 2):
                sheet.write_row(offset, 0, values)
            row += len(rows) + 4

    # --- P4P and charts -----------------------------------------------------------------

    def _p4p_and_charts(self) -> None:
        points = sorted(((report.hwb or report.file or "", change)
                         for report in self.collection.counted
                         if (change := as_number(report.values.get(P4P_CHANGE))) is not None),
                        key=lambda point: point[1])
        sheet = self.sheets["P4P"]
        sheet.write_row(0, 0, ["HWB", "P4P % change", "Amber above (0%)",
                               f"Green at or below ({RED_AMBER_THRESHOLD:.1%})"], self.header)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 3, 14, self.formats[FRACTION])
        for row, (hwb, change) in enumerate(points, 1):
            sheet.write_row(row, 0, [hwb, change, 0, RED_AMBER_THRESHOLD])
        charts = _printable(self.workbook.add_worksheet("Charts"))
        charts.fit_to_pages(1, 1)
        charts.insert_chart("A1", self._p4p_chart(len(points)))
        charts.insert_chart("A30", self._by_year_chart("Spend by area of spend (£)", self.spend_at,
                                                       len(AreaOfSpend)))
        charts.insert_chart("K30", self._by_year_chart("Savings by benefit type (£)", self.savings_at,
                                                       len(BenefitType)))

    def _p4p_chart(self, count: int) -> Any:
        last = max(count, 1)
        chart = self.workbook.add_chart({"type": "column"})
        chart.add_series({"name": ["P4P", 0, 1], "categories": ["P4P", 1, 0, last, 0],
                          "values": ["P4P", 1, 1, last, 1], "fill": {"color": "#4472C4"},
                          "gap": 20})
        thresholds = self.workbook.add_chart({"type": "line"})
        for col, colour in ((2, "#C65911"), (3, "#548235")):
            thresholds.add_series({"name": ["P4P", 0, col], "categories": ["P4P", 1, 0, last, 0],
                                   "values": ["P4P", 1, col, last, col],
                                   "line": {"color": colour, "width": 2, "dash_type": "dash"},
                                   "marker": {"type": "none"}})
        chart.combine(thresholds)
        chart.set_title({"name": "P4P: planned change in non-elective admissions by HWB"})
        chart.set_y_axis({"name": "% change on baseline", "num_format": "0.0%"})
        chart.set_x_axis({"num_font": {"rotation": -90, "size": 7}, "label_position": "low"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 1400, "height": 560})
        return chart

    def _by_year_chart(self, title: str, table_row: int, rows: int) -> Any:
        chart = self.workbook.add_chart({"type": "bar"})
        first, last = table_row + 2, table_row + 1 + rows
        for col, year in enumerate(periods.YEARS, 1):
            chart.add_series({"name": year, "categories": ["National", first, 0, last, 0],
                              "values": ["National", first, col, last, col]})
        chart.set_title({"name": title})
        chart.set_x_axis({"num_format": "£#,##0,,\"m\"", "name": "£ million"})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 640, "height": 400})
        return chart


def _printable(sheet: Worksheet) -> Worksheet:
    """A4 landscape, one page wide, the heading row on every page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    return sheet


def _cell(value: Any) -> Any:
    """A finding's figure as a cell holds it: a number, or text."""
    number = as_number(value)
    return number if number is not None else ("" if value is None else str(value))

