"""LibreOffice's values to the last bit: tests/support/lo_calc.py run by the system Python."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl.utils.cell import coordinate_to_tuple

from support.edit_in_libreoffice import SYSTEM_PYTHON, require_uno

SCRIPT = Path(__file__).with_name("lo_calc.py")


def recalculate_exact(paths: Sequence[Path], folder: Path, locale: str = "en-GB",
                      timeout: float = 600) -> list[dict[tuple[str, str], Any]]:
    """Every cell of each workbook as LibreOffice calculates it, keyed by
    (sheet, cell): numbers whole, logicals as bool, errors as their code
    ('#N/A'), text as str, empty cells left out."""
    require_uno()
    folder.mkdir(parents=True, exist_ok=True)
    arguments: list[str] = []
    for path in paths:
        arguments += [str(path), str(folder / f"{path.stem}.xlsx"), str(folder / f"{path.stem}.json")]
    subprocess.run([SYSTEM_PYTHON, str(SCRIPT), locale, *arguments], check=True, timeout=timeout,
                   env={**os.environ, "HOME": tempfile.gettempdir()})
    return [_values(folder / f"{path.stem}.xlsx", folder / f"{path.stem}.json") for path in paths]


def _values(saved: Path, exact: Path) -> dict[tuple[str, str], Any]:
    """The saved workbook's cells with their types as the file gives them
    (read from the XML: openpyxl would turn date-formatted numbers into
    dates) and every number replaced by its whole double."""
    whole = json.loads(exact.read_text(encoding="utf-8"))
    found: dict[tuple[str, str], Any] = {}
    with zipfile.ZipFile(saved) as archive:
        shared = _shared_strings(archive)
        for name, part in _sheet_parts(archive).items():
            rows = whole[name]
            for cell in ElementTree.fromstring(archive.read(part)).iter(f"{_MAIN}c"):
                value = _cell_value(cell, shared)
                if value is None:
                    continue
                reference = cell.get("r", "")
                if type(value) is float:
                    column, row = coordinate_to_tuple(reference)[::-1]
                    value = float(rows[row - 1][column - 1])
                found[(name, reference)] = value
    return found


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {link.get("Id"): link.get("Target", "") for link in links}
    return {sheet.get("name", ""): _part(targets[sheet.get(f"{_RELATIONSHIPS}id")])
            for sheet in workbook.iter(f"{_MAIN}sheet")}


def _part(target: str) -> str:
    """The zip path of a relationship's target, relative to xl/ or absolute."""
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    table = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(text.text or "" for text in item.iter(f"{_MAIN}t")) for item in table.iter(f"{_MAIN}si")]


def _cell_value(cell: ElementTree.Element, shared: list[str]) -> Any:
    kind = cell.get("t", "n")
    raw = cell.find(f"{_MAIN}v")
    if kind == "inlineStr":
        return "".join(text.text or "" for text in cell.iter(f"{_MAIN}t"))
    if raw is None:
        return None
    if kind == "s":
        return shared[int(raw.text or 0)]
    if kind == "str":
        return raw.text or ""
    if kind == "b":
        return raw.text == "1"
    if kind == "e":
        return raw.text
    return float(raw.text or 0)
