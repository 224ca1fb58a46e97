"""Edit workbooks in LibreOffice, the way a person edits them in a spreadsheet.

Run by the system Python, which has LibreOffice's ``uno`` module:

    /usr/bin/python3 tests/support/uno_worker.py jobs.json

``jobs.json`` lists ``{"source", "target", "operations"}``; each operation is
one of the dicts handled in ``apply``. LibreOffice adjusts every formula as
it would for a user, recalculates, and saves .xlsx with cached values.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellRangeAddress
from com.sun.star.table.TableOrientation import COLUMNS


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.1)
    raise RuntimeError("LibreOffice did not start")


def apply(document, operation):
    sheets = document.Sheets
    kind = operation["op"]
    if kind == "add_sheet":
        sheets.insertNewByName(operation["name"], operation.get("at", sheets.Count))
        return
    if kind == "copy_sheet":
        sheets.copyByName(operation["sheet"], operation["to"], operation.get("at", sheets.Count))
        return
    if kind == "remove_sheet":
        sheets.removeByName(operation["sheet"])
        return
    sheet = sheets.getByName(operation["sheet"])
    if kind == "insert_rows":
        sheet.Rows.insertByIndex(operation["row"], operation["count"])
    elif kind == "delete_rows":
        sheet.Rows.removeByIndex(operation["row"], operation["count"])
    elif kind == "copy_row":
        source = CellRangeAddress(sheet.RangeAddress.Sheet, 0, operation["from"], 60, operation["from"])
        target = sheet.getCellByPosition(0, operation["to"]).CellAddress
        sheet.copyRange(target, source)
    elif kind == "rename":
        sheet.setName(operation["to"])
    elif kind == "move":
        sheets.moveByName(operation["sheet"], operation["to"])
    elif kind == "hide":
        sheet.IsVisible = False
    elif kind == "set":
        cell = sheet.getCellRangeByName(operation["cell"])
        if "formula" in operation:
            cell.setFormula(operation["formula"])
        elif isinstance(operation.get("value"), str):
            cell.setString(operation["value"])
        elif operation.get("value") is None:
            cell.setString("")
        else:
            cell.setValue(operation["value"])
    elif kind == "number_format":
        sheet.getCellRangeByName(operation["cell"]).NumberFormat = _format_key(document, operation["code"])
    elif kind == "merge":
        sheet.getCellRangeByName(operation["range"]).merge(True)
    elif kind == "comment":
        address = sheet.getCellRangeByName(operation["cell"]).CellAddress
        sheet.Annotations.insertNew(address, operation["text"])
    elif kind == "hide_column":
        sheet.Columns.getByIndex(operation["column"]).IsVisible = False
    elif kind == "width":
        sheet.Columns.getByIndex(operation["column"]).Width = operation["width"]
    elif kind == "group_columns":
        address = CellRangeAddress(sheet.RangeAddress.Sheet, operation["first"], 0,
                                   operation["last"], 0)
        sheet.group(address, COLUMNS)
    else:
        raise ValueError(f"unknown operation {kind}")


def _format_key(document, code):
    """The document's key for a number format code, added if it has none."""
    formats = document.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    key = formats.queryKey(code, locale, False)
    return key if key != -1 else formats.addNew(code, locale)


def run(jobs):
    profile = tempfile.mkdtemp(prefix="bcf-lo-edit-")
    pipe = f"bcf_edit_{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--nologo", "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        context = _connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                                   context)
        for job in jobs:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(job["source"])), "_blank", 0,
                (_property("Hidden", True),))
            for sheet in document.Sheets:
                sheet.unprotect("")
            for operation in job["operations"]:
                apply(document, operation)
            document.calculateAll()
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(job["target"])),
                                (_property("FilterName", "Calc MS Excel 2007 XML"),))
            document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        run(json.load(handle))
