"""Recalculate workbooks in LibreOffice headless, the independent spreadsheet
application the tests compare the library with.

Used by the tests (the oracle for formulas and cached values) and by the
benchmark: :func:`recalculate` opens workbooks with recalculation on load
forced through a throw-away profile and saves them again as .xlsx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

_RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(paths: Sequence[Path], output: Path, timeout: float = 600) -> list[Path]:
    """Open each workbook in LibreOffice, recalculate everything and save it as
    .xlsx in ``output``, in one ``soffice`` call. Returns the saved paths."""
    executable = soffice()
    if executable is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bcf-lo-profile-") as profile:
        user = Path(profile, "user")
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALCULATE_ON_LOAD, encoding="utf-8")
        command = [executable, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                   "--outdir", str(output), *map(str, paths)]
        environment = {**os.environ, "HOME": profile}
        subprocess.run(command, check=True, capture_output=True, timeout=timeout, env=environment)
    saved = [output / Path(path).with_suffix(".xlsx").name for path in paths]
    missing = [str(path) for path in saved if not path.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not save {', '.join(missing)}")
    return saved
