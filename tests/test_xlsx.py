"""The low floor of the reader: cell XML as producers write it, read as
python-calamine and openpyxl read it (apart from the documented policy
differences), shared formulas filled as a spreadsheet fills them, and every
budget of ``Limits`` refusing a file just past it in one line."""

from __future__ import annotations

import datetime
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, require_libreoffice
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter
from support.handmade_xlsx import FIXTURES, Handmade, build, inline
from support.recalculate import recalculate

from bcf_workbook import Limits, WorkbookError
from bcf_workbook.reader._shared_formula import SharedFormula
from bcf_workbook.reader._xlsx import decode_escapes, is_error, read_cells

calamine = pytest.importorskip("python_calamine")

REPOSITORY_WORKBOOKS = sorted([*ROOT.glob("samples/*.xlsx"), *ROOT.glob("templates/*.xlsx"),
                               *ROOT.glob("tests/fixtures/*/*.xlsx")])
#: Fixtures another reader cannot open, or reads otherwise on purpose; the
#: README's section on reading files lists these differences.
OPENPYXL_CANNOT = {
    "escapes-in-shared-and-inline-strings": "openpyxl leaves Excel's _xHHHH_ escapes undecoded",
    "part-names-in-upper-case": "openpyxl matches part names case-sensitively",
    "zip-entries-with-backslashes": "openpyxl does not find parts named with backslashes",
    "chart-and-dialog-sheets": "openpyxl cannot open an empty chart sheet",
}
EPOCH = datetime.datetime(1899, 12, 30)


def _ours(path: Path) -> dict[str, dict[tuple[int, int], object]]:
    with read_cells(path) as book:
        return {sheet.name: {position: cell.value for position, cell in sheet.cells.items()
                             if cell.value not in (None, "")} for sheet in book.sheets}


def _comparable(value: object, date1904: bool = False) -> object:
    """A value as the reader returns it: dates as the serial numbers cells hold."""
    if isinstance(value, datetime.datetime | datetime.date):
        moment = value if isinstance(value, datetime.datetime) else \
            datetime.datetime.combine(value, datetime.time())
        epoch = datetime.datetime(1904, 1, 1) if date1904 else EPOCH
        return (moment - epoch) / datetime.timedelta(days=1)
    return value


def _kind(value: object) -> str:
    return "bool" if isinstance(value, bool) else "number" if isinstance(value, int | float) else "text"


def _calamine(path: Path, date1904: bool) -> dict[str, dict[tuple[int, int], object]]:
    book = calamine.CalamineWorkbook.from_path(str(path))
    sheets = {}
    for metadata in book.sheets_metadata:
        if metadata.typ != calamine.SheetTypeEnum.WorkSheet:
            continue  # policy: chart and dialog sheets hold no cells, and are not listed
        rows = book.get_sheet_by_name(metadata.name).to_python(skip_empty_area=False)
        sheets[metadata.name] = {(r, c): _comparable(value, date1904) for r, row in enumerate(rows)
                                 for c, value in enumerate(row) if value not in (None, "")}
    return sheets


def _openpyxl(path: Path, date1904: bool) -> dict[str, dict[tuple[int, int], object]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, data_only=True)
    return {sheet.title: {(cell.row - 1, cell.column - 1): _comparable(cell.value, date1904)
                          for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")}
            for sheet in book.worksheets}


def _differences(ours: dict, theirs: dict, reader: str) -> list[str]:
    found = []
    if list(ours) != list(theirs):
        found.append(f"{reader} lists sheets {list(theirs)}, we list {list(ours)}")
    for sheet in set(ours) & set(theirs):
        for position in sorted(set(ours[sheet]) | set(theirs[sheet])):
            mine, other = ours[sheet].get(position), theirs[sheet].get(position)
            if reader == "calamine" and other is None and is_error(mine):
                continue  # policy: calamine returns error cells as empty; we keep '#N/A'
            if isinstance(other, str) and isinstance(mine, int | float) and _iso_date(other) == mine:
                continue  # policy: calamine keeps an ISO date with a time zone as text
            if _kind(mine) != _kind(other) or mine != other:
                found.append(f"{sheet} {get_column_letter(position[1] + 1)}{position[0] + 1}: "
                             f"we read {mine!r}, {reader} reads {other!r}")
    return found


def _iso_date(text: str) -> float | None:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None
    return (moment - EPOCH) / datetime.timedelta(days=1)


CORPUS = [pytest.param(name, id=name) for name in FIXTURES] + \
         [pytest.param(path, id=str(path.relative_to(ROOT))) for path in REPOSITORY_WORKBOOKS]


@pytest.mark.parametrize("item", CORPUS)
def test_every_value_is_read_as_calamine_and_openpyxl_read_it(item, tmp_path):
    if isinstance(item, str):
        path, date1904 = build(FIXTURES[item], tmp_path / f"{item}.xlsx"), FIXTURES[item].date1904
    else:
        path, date1904 = item, False
    ours = _ours(path)
    assert _differences(ours, _calamine(path, date1904), "calamine") == []
    if item not in OPENPYXL_CANNOT:
        assert _differences(ours, _openpyxl(path, date1904), "openpyxl") == []


def test_each_fixture_holds_what_it_tries(tmp_path):
    """The corpus is only worth comparing if its fixtures hold what they are
    named for (checked here against the fixtures' own XML, not the reader)."""
    for name, fixture in FIXTURES.items():
        path = build(fixture, tmp_path / f"{name}.xlsx")
        with zipfile.ZipFile(path) as archive:
            text = b"".join(archive.read(member) for member in archive.namelist())
        assert len(_ours(path)) >= 1, name
        if "without-addresses" in name:
            assert b"<c><v>" in text
        if "escapes" in name:
            assert b"_x000D_" in text and b"_x005F_x005F_" in text


def test_formulas_are_read_as_openpyxl_reads_them(tmp_path):
    path = build(FIXTURES["shared-formulas"], tmp_path / "shared.xlsx")
    book = openpyxl.load_workbook(path)
    theirs = {(cell.row - 1, cell.column - 1): cell.value for row in book.active.iter_rows()
              for cell in row if isinstance(cell.value, str) and cell.value.startswith("=")}
    with read_cells(path) as ours:
        mine = {position: cell.formula for position, cell in ours.sheets[0].cells.items() if cell.formula}
    assert mine == theirs and len(mine) == 3


_REFERENCE = st.builds(lambda column, row, anchors: f"{'$' if anchors & 1 else ''}"
                       f"{get_column_letter(column)}{'$' if anchors & 2 else ''}{row}",
                       st.integers(1, 60), st.integers(1, 200), st.integers(0, 3))
_TERM = st.one_of(_REFERENCE, st.builds(lambda a, b: f"{a}:{b}", _REFERENCE, _REFERENCE),
                  st.sampled_from(['"A1"', "1.5", "TRUE", "'Other sheet'!B2", "Sheet2!$C$3",
                                   "LOG10(4)", "#REF!", "SUM(A:B)", "INDEX(3:4,1,1)"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_TERM, min_size=1, max_size=6), st.integers(0, 50), st.integers(0, 20))
def test_shared_formulas_fill_cells_as_openpyxl_translates_them(terms, rows, columns):
    formula = "+".join(terms)
    master = SharedFormula(formula, 0, 0)
    target = f"{get_column_letter(columns + 1)}{rows + 1}"
    assert master.at(rows, columns) == Translator("=" + formula, origin="A1").translate_formula(target)[1:]


@pytest.mark.libreoffice
def test_a_shared_formula_shifted_off_the_grid_is_ref_as_in_libreoffice(tmp_path):
    require_libreoffice()
    fixture = Handmade({"Data": (
        '<row r="1"><c r="A1"><v>3</v></c><c r="XFC1"><f t="shared" ref="XFC1:XFD1" si="0">XFD1+A1'
        '</f><v>3</v></c><c r="XFD1"><f t="shared" si="0"/><v>0</v></c></row>'
        '<row r="1048575"><c r="A1048575"><f t="shared" ref="A1048575:A1048576" si="1">A1048576*2</f>'
        '<v>0</v></c></row><row r="1048576"><c r="A1048576"><f t="shared" si="1"/><v>0</v></c></row>')})
    path = build(fixture, tmp_path / "off-the-grid.xlsx")
    saved = recalculate([path], tmp_path / "libreoffice")[0]
    sheet = openpyxl.load_workbook(saved).active
    with read_cells(path) as book:
        ours = book.sheets[0].cells
    for address in ("XFC1", "XFD1", "A1048575", "A1048576"):
        cell = sheet[address]
        assert ours[(cell.row - 1, cell.column - 1)].formula == cell.value, address
    assert "#REF!" in sheet["XFD1"].value and "#REF!" in sheet["A1048576"].value


def test_escapes_decode_as_the_standard_says():
    # ECMA-376 Part 1, 22.9.2.19 ST_Xstring: _xHHHH_ is the character HHHH; _x005F_ escapes '_'.
    assert decode_escapes("a_x000D_b") == "a\rb"
    assert decode_escapes("_x005F_x005F_") == "_x005F_"
    assert decode_escapes("_xD83D__xDE00_") == "\U0001F600"
    assert decode_escapes("_xD83D_") == "\ufffd"
    assert decode_escapes("no _x12_ escape") == "no _x12_ escape"


def _package(tmp_path: Path, name: str, parts: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


@pytest.mark.parametrize("name, part, reason", [
    ("binary.xlsb", "xl/workbook.bin", "a binary workbook .*save it as .xlsx"),
    ("letter.docx", "word/document.xml", "a Word document"),
    ("slides.pptx", "ppt/presentation.xml", "a PowerPoint presentation"),
])
def test_other_office_files_get_their_own_reason(tmp_path, name, part, reason):
    path = _package(tmp_path, name, {"[Content_Types].xml": b"<Types/>", part: b"\0\1"})
    with pytest.raises(WorkbookError, match=reason):
        read_cells(path)


def _one_sheet(tmp_path: Path, data: str, strings: tuple[str, ...] = (), listed: int = 0) -> Path:
    fixture = Handmade({"Data": data}, strings=list(strings))
    fixture.other_sheets = {f"Chart{n}": "chartsheet" for n in range(listed)}
    return build(fixture, tmp_path / "budget.xlsx")


def _cells(path: Path, limits: Limits) -> None:
    with read_cells(path, limits) as book:
        for sheet in book.sheets:
            assert sheet.cells is not None


BUDGETS = {
    "max_cells": (lambda n: '<row r="1">' + "<c/>" * n + "</row>", "cells in the sheets read"),
    "max_shared_strings": (lambda n: "", "shared strings"),
    "max_sheets": (lambda n: "", "sheets"),
    "max_text_length": (lambda n: f'<row r="1"><c r="A1" t="inlineStr">{inline("x" * n)}</c></row>',
                        "a text of more than"),
    "max_formula_length": (lambda n: f'<row r="1"><c r="A1"><f>{"1+" * (n // 2)}1</f></c></row>',
                           "a formula of more than"),
    "max_shared_formula_characters": (lambda n: '<row r="1"><c r="A1"><f t="shared" si="0" ref="A1:A9">'
                                      + "1" * (n // 4) + "</f></c></row>"
                                      + "".join(f'<row r="{r}"><c r="A{r}"><f t="shared" si="0"/></c></row>'
                                                for r in range(2, 10)), "shared formulas"),
    "max_characters": (lambda n: "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr">{inline("y" * 10)}'
                                         f"</c></row>" for r in range(1, n // 10 + 3)), "characters of text"),
}


@pytest.mark.parametrize("budget", sorted(BUDGETS))
def test_each_budget_refuses_just_past_it_and_can_be_raised(tmp_path, budget):
    most = 40
    make, message = BUDGETS[budget]
    strings = tuple(f"<t>s{n}</t>" for n in range(most + 1)) if budget == "max_shared_strings" else ()
    path = _one_sheet(tmp_path, make(most + 1), strings, listed=most if budget == "max_sheets" else 0)
    tight = Limits(**{budget: most})
    with pytest.raises(WorkbookError, match=message) as raised:
        _cells(path, tight)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)
    _cells(path, Limits(**{budget: most * 10}))


def test_prefixed_cells_count_against_the_budget_too(tmp_path):
    fixture = Handmade({"Data": '<row r="1">' + '<c r="A1"><v>1</v></c>' * 50 + "</row>"}, prefix="x")
    path = build(fixture, tmp_path / "prefixed.xlsx")
    with pytest.raises(WorkbookError, match="more than 40 cells"):
        _cells(path, Limits(max_cells=40))


def test_a_fifo_is_refused_at_once_without_being_opened(tmp_path):
    import os
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(WorkbookError, match="named pipe"):
        read_cells(fifo)
