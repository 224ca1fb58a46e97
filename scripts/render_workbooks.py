"""Render workbooks through LibreOffice, sheet by sheet, to PDF and PNG, and measure them.

    python scripts/render_workbooks.py OUT_DIR [WORKBOOK.xlsx ...] [--no-png] [--dpi 80]

Without workbooks it renders the committed ones (the two samples and the blank template).
For each workbook it writes, under ``OUT_DIR/<workbook>/``:

- ``<workbook>.pdf``: the workbook as printing it gives (hidden sheets left out);
- ``NN-<sheet>.pdf`` and ``NN-<sheet>-P.png``: each sheet alone, hidden ones included,
  with the sheet's own page set-up (PNG pages need ``pdftoppm``, from poppler-utils;
  ``--no-png`` leaves them out);

and ``OUT_DIR/measures.json``: per workbook, the pages printed, and per sheet its pages
and the texts whose rows are lower than LibreOffice needs to show them.

LibreOffice is the oracle: it recalculates the workbook, paginates it, and measures
the height each row needs (its optimal height; for a text merged over several cells, the
optimal height of a scratch cell with the text and font, as wide as the merged range).

The script needs LibreOffice's Python bridge (``uno``, Debian's python3-uno); run by a
Python without it, it runs itself again under /usr/bin/python3. It uses the standard
library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = (ROOT / "samples" / "peterborough-2014-16.xlsx",
             ROOT / "samples" / "synthetic-hwb-001-clean.xlsx",
             ROOT / "templates" / "bcf-part2-template.xlsx")
SYSTEM_PYTHON = "/usr/bin/python3"
#: Heights are compared in 1/100 mm; a row may be this much shorter than LibreOffice's
#: optimum (less than a point) before its text counts as cut.
HEIGHT_TOLERANCE = 40
PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    uno = None


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("workbooks", type=Path, nargs="*", metavar="WORKBOOK")
    parser.add_argument("--no-png", action="store_true", help="PDF only")
    parser.add_argument("--dpi", type=int, default=80, help="resolution of the PNG pages")
    options = parser.parse_args(arguments)
    if uno is None:
        return subprocess.run([SYSTEM_PYTHON, __file__, *arguments]).returncode
    out = options.out.resolve()
    workbooks = [path.resolve() for path in options.workbooks] or list(COMMITTED)
    out.mkdir(parents=True, exist_ok=True)
    png = None if options.no_png else options.dpi
    with _office() as desktop:
        measures = {path.name: _render(desktop, path, out / path.stem, png) for path in workbooks}
    (out / "measures.json").write_text(json.dumps(measures, indent=1), encoding="utf-8")
    _summarise(measures)
    return 0


def _summarise(measures: dict) -> None:
    for name, workbook in measures.items():
        print(f"{name}: {workbook['printed_pages']} pages printed")
        for sheet, measured in workbook["sheets"].items():
            short = len(measured["short_rows"])
            print(f"  {sheet:32} {measured['pages']:3} pages"
                  + (f", {short} text(s) cut" if short else ""))


# --- LibreOffice -------------------------------------------------------------------------

@contextmanager
def _office():
    """A headless LibreOffice with a throw-away profile, reached through a pipe."""
    profile = tempfile.mkdtemp(prefix="bcf-lo-render-")
    pipe = f"bcf_render_{os.getpid()}"
    process = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible",
         "--nologo", "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": profile})
    try:
        context = _connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                   context)
        yield desktop
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the office may already be gone
            pass
    finally:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


def _connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.1)
    raise RuntimeError("LibreOffice did not start")


def _property(name: str, value) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _render(desktop, path: Path, folder: Path, png: int | None) -> dict:
    """Render and measure one workbook; ``png`` is the PNG resolution (None: no PNG)."""
    folder.mkdir(parents=True, exist_ok=True)
    document = desktop.loadComponentFromURL(path.as_uri(), "_blank", 0,
                                            (_property("Hidden", True),))
    try:
        document.calculateAll()
        whole = folder / f"{path.stem}.pdf"
        _export_pdf(document, whole)
        sheets = list(document.Sheets)
        hidden = {sheet.Name: not sheet.IsVisible for sheet in sheets}
        areas = {sheet.Name: sheet.getPrintAreas() for sheet in sheets}
        measured = {}
        for number, sheet in enumerate(sheets, 1):
            _print_only(sheets, sheet, areas)
            pdf = folder / f"{number:02}-{_slug(sheet.Name)}.pdf"
            _export_pdf(document, pdf)
            if png:
                _to_png(pdf, png)
            measured[sheet.Name] = {"pages": _pages(pdf), "hidden": hidden[sheet.Name],
                                    "short_rows": _short_rows(document, sheet)}
        return {"printed_pages": _pages(whole), "sheets": measured}
    finally:
        document.close(True)


def _print_only(sheets: list, shown, areas: dict) -> None:
    """Leave only ``shown`` to print. LibreOffice prints a hidden sheet that
    has a print area, so the others lose theirs as well."""
    shown.IsVisible = True
    shown.setPrintAreas(areas[shown.Name])
    for sheet in sheets:
        if sheet.Name != shown.Name:
            sheet.IsVisible = False
            sheet.setPrintAreas(())


def _export_pdf(document, target: Path) -> None:
    document.storeToURL(target.as_uri(), (_property("FilterName", "calc_pdf_Export"),))


def _pages(pdf: Path) -> int:
    return len(PAGE.findall(pdf.read_bytes()))


def _to_png(pdf: Path, dpi: int) -> None:
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf),
                        str(pdf.with_suffix(""))], check=True)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# --- rows too short for their text ---------------------------------------------------------

def _short_rows(document, sheet) -> list[dict]:
    """Texts whose rows (or merged rows) are lower than LibreOffice's optimum:
    a row of single cells is measured by letting LibreOffice size it, a merged
    text by sizing a scratch row for it."""
    merged, rows = [], {}
    for col, row, text in _texts(sheet):
        if sheet.getCellRangeByPosition(col, row, col, row).getIsMerged():
            merged.append((col, row))
        else:
            rows.setdefault(row, (col, text))
    problems = []
    if merged:
        # Before the rows are sized to their single cells, which may lower them.
        scratch = _scratch_sheet(document)
        try:
            problems += [problem for col, row in merged
                         if (problem := _measure_merged(sheet, scratch, col, row)) is not None]
        finally:
            document.Sheets.removeByName(scratch.Name)
    return problems + [problem for row, (col, text) in sorted(rows.items())
                       if (problem := _measure_row(sheet, row, col, text)) is not None]


def _texts(sheet):
    """(column, row, text) of every cell that shows text."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.RangeAddress
    block = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
    for row, values in enumerate(block.DataArray):
        for col, value in enumerate(values):
            if isinstance(value, str) and value:
                yield col, row, value


def _measure_row(sheet, row: int, col: int, text: str) -> dict | None:
    line = sheet.Rows.getByIndex(row)
    height = line.Height
    line.OptimalHeight = True
    return _problem(sheet, col, row, text, height, line.Height)


def _scratch_sheet(document):
    name = "bcf-render-scratch"
    document.Sheets.insertNewByName(name, document.Sheets.Count)
    return document.Sheets.getByName(name)


def _measure_merged(sheet, scratch, col: int, row: int) -> dict | None:
    cursor = sheet.createCursorByRange(sheet.getCellByPosition(col, row))
    cursor.collapseToMergedArea()
    area = cursor.RangeAddress
    cell = sheet.getCellByPosition(col, row)
    probe = scratch.getCellByPosition(0, 0)
    scratch.Columns.getByIndex(0).Width = sum(
        sheet.Columns.getByIndex(c).Width for c in range(area.StartColumn, area.EndColumn + 1))
    for name in ("CharHeight", "CharWeight", "CharPosture", "CharFontName", "IsTextWrapped"):
        probe.setPropertyValue(name, cell.getPropertyValue(name))
    probe.setString(cell.getString())
    scratch.Rows.getByIndex(0).OptimalHeight = True
    height = sum(sheet.Rows.getByIndex(r).Height for r in range(area.StartRow, area.EndRow + 1))
    return _problem(sheet, col, row, cell.getString(), height, scratch.Rows.getByIndex(0).Height)


def _problem(sheet, col: int, row: int, text: str, height: int, needed: int) -> dict | None:
    if height + HEIGHT_TOLERANCE >= needed:
        return None
    address = sheet.getCellByPosition(col, row).AbsoluteName.split(".")[-1].replace("$", "")
    return {"cell": address, "height_mm": round(height / 100, 1),
            "needed_mm": round(needed / 100, 1), "text": text[:60]}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
