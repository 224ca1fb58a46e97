"""Recalculate workbooks in LibreOffice and report every cell's value exactly.

Run by the system Python, which has LibreOffice's ``uno`` module:

    /usr/bin/python3 tests/support/lo_calc.py LOCALE SOURCE TARGET_XLSX TARGET_JSON [...]

LibreOffice writes cached values into .xlsx and .ods rounded to 15
significant digits, too coarse to compare the last bit of a result; through
UNO each formula cell's double comes out whole. The JSON maps each sheet to
its rows of values (numbers whole, text, "" for empty cells and errors); the
saved .xlsx tells logicals, errors and empty cells apart. LibreOffice runs
with the given locale (en-GB for English councils) in a throw-away profile.
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile

import uno

# The UNO helpers of the LibreOffice worker, beside this one (run as a script, its folder is on the path).
from uno_worker import _connect, _property

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
  <value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
  <value>{locale}</value></prop></item>
</oor:items>
"""


def _data(sheet):
    """The values of the sheet's used area, numbers as whole doubles."""
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.RangeAddress
    return sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow).getDataArray()


@contextlib.contextmanager
def _office(locale):
    """A headless LibreOffice in a throw-away profile set to ``locale``: its desktop."""
    profile = tempfile.mkdtemp(prefix="bcf-lo-calc-")
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(PROFILE.format(locale=locale))
    pipe = f"bcf_calc_{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible",
         "--nologo", "--norestore", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": profile})
    try:
        context = _connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        yield desktop
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
            desktop.terminate()
    finally:
        with contextlib.suppress(subprocess.TimeoutExpired):
            office.wait(timeout=30)
        office.kill()


def run(locale, jobs):
    with _office(locale) as desktop:
        for source, target_xlsx, target_json in jobs:
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                (_property("Hidden", True),))
            document.calculateAll()
            document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target_xlsx)),
                                (_property("FilterName", "Calc MS Excel 2007 XML"),))
            values = {sheet.Name: _data(sheet) for sheet in document.Sheets}
            with open(target_json, "w", encoding="utf-8") as handle:
                json.dump(values, handle)
            document.close(True)


if __name__ == "__main__":
    arguments = sys.argv[2:]
    run(sys.argv[1], [tuple(arguments[i:i + 3]) for i in range(0, len(arguments), 3)])
