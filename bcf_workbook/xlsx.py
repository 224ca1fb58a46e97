"""Read the cells of an .xlsx/.xlsm file: values, formulas, sheet names.

A small reader of the Office Open XML parts the template uses, over
``zipfile`` and ``defusedxml`` (no entity expansion, no external entities).
It returns every cell's cached value and formula text, expanding shared
formulas, and never evaluates or follows anything in the file.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from defusedxml import ElementTree
from openpyxl.formula.translate import Translator

from .errors import WorkbookError

_CELL_REFERENCE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_INTEGER = re.compile(r"^-?\d{1,15}$")
_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"}


@dataclasses.dataclass(frozen=True)
class RawCell:
    """One cell as stored: its cached (or constant) value and its formula."""

    value: Any
    formula: str | None = None


class SheetCells:
    """A sheet's cells, parsed when first asked for."""

    def __init__(self, name: str, hidden: bool, parse: Callable[[], dict[tuple[int, int], RawCell]]):
        self.name = name
        self.hidden = hidden
        self._parse = parse
        self._cells: dict[tuple[int, int], RawCell] | None = None

    @property
    def cells(self) -> dict[tuple[int, int], RawCell]:
        if self._cells is None:
            self._cells = self._parse()
        return self._cells


@dataclasses.dataclass
class WorkbookCells:
    """The sheets of an open workbook; close it (or use ``with``) when done."""

    path: str
    sheets: list[SheetCells]
    archive: zipfile.ZipFile

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> WorkbookCells:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_cells(path: str | Path) -> WorkbookCells:
    """Every sheet's cells, keyed by 0-based (row, column). Sheets are parsed
    when their cells are first asked for, before this returns only the
    workbook's list of sheets is read."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise WorkbookError("file not found", file=path) from None
    except IsADirectoryError:
        raise WorkbookError("is a folder, not a workbook", file=path) from None
    except (zipfile.BadZipFile, OSError) as error:
        raise WorkbookError(f"not an .xlsx workbook ({error})", file=path) from None
    try:
        return _Reader(archive, str(path)).read()
    except BaseException:
        archive.close()
        raise


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, path: str) -> None:
        self.archive = archive
        self.path = path
        self.names = set(archive.namelist())

    def read(self) -> WorkbookCells:
        workbook_part = self._workbook_part()
        strings = self._shared_strings(workbook_part)
        sheets = [SheetCells(name, hidden,
                             functools.partial(self._sheet_cells, part, strings, name))
                  for name, hidden, part in self._sheets(workbook_part)]
        return WorkbookCells(self.path, sheets, self.archive)

    # --- parts ------------------------------------------------------------------

    def _open(self, part: str) -> IO[bytes]:
        if part not in self.names:
            raise WorkbookError(f"the workbook has no part {part!r}", file=self.path)
        try:
            return self.archive.open(part)
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise WorkbookError(f"cannot read part {part!r} ({error})", file=self.path) from None

    def _elements(self, part: str) -> Iterator[Any]:
        """Each element of a part as it closes; parse errors become WorkbookError."""
        try:
            with self._open(part) as stream:
                for _, element in ElementTree.iterparse(stream, events=("end",)):
                    yield element
        except WorkbookError:
            raise
        except Exception as error:  # defusedxml, expat and zlib all raise their own kinds
            raise WorkbookError(f"part {part!r} is not well-formed ({error})",
                                file=self.path) from None

    def _relationships(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return {}
        found = {}
        for element in self._elements(rels):
            if _local(element.tag) == "Relationship" and element.get("TargetMode") != "External":
                target = element.get("Target", "")
                resolved = (target.lstrip("/") if target.startswith("/")
                            else posixpath.normpath(posixpath.join(folder, target)))
                found[element.get("Id", "")] = resolved
        return found

    def _workbook_part(self) -> str:
        for element in self._elements("_rels/.rels"):
            if _local(element.tag) == "Relationship" and element.get("Type", "").endswith(
                    "/officeDocument"):
                return element.get("Target", "").lstrip("/")
        raise WorkbookError("not a spreadsheet: the package names no workbook", file=self.path)

    def _sheets(self, workbook_part: str) -> list[tuple[str, bool, str]]:
        relationships = self._relationships(workbook_part)
        sheets = []
        for element in self._elements(workbook_part):
            if _local(element.tag) != "sheet":
                continue
            rid = next((value for key, value in element.attrib.items() if _local(key) == "id"), "")
            part = relationships.get(rid)
            if part is None or part not in self.names:
                continue  # a chart sheet or a broken link: nothing to read
            hidden = element.get("state", "visible") != "visible"
            sheets.append((element.get("name", ""), hidden, part))
        if not sheets:
            raise WorkbookError("the workbook has no worksheets", file=self.path)
        return sheets

    def _shared_strings(self, workbook_part: str) -> list[str]:
        part = next((target for target in self._relationships(workbook_part).values()
                     if target.endswith("sharedStrings.xml")), None)
        if part is None or part not in self.names:
            return []
        strings = []
        for element in self._elements(part):
            if _local(element.tag) == "si":
                strings.append(_text(element))
                element.clear()
        return strings

    def _sheet_cells(self, part: str, strings: list[str], sheet: str) -> dict[tuple[int, int], RawCell]:
        cells: dict[tuple[int, int], RawCell] = {}
        shared: dict[str, tuple[str, str]] = {}
        row, col = 0, -1
        for element in self._elements(part):
            tag = _local(element.tag)
            if tag == "row":
                element.clear()
                continue
            if tag != "c":
                continue
            reference = element.get("r")
            if reference:
                row, col = _position(reference, self.path, sheet)
            else:
                col += 1
            cell = self._cell(element, strings, shared, (row, col), sheet)
            if cell is not None:
                cells[(row, col)] = cell
            element.clear()
        return cells

    def _cell(self, element: Any, strings: list[str], shared: dict[str, tuple[str, str]],
              position: tuple[int, int], sheet: str) -> RawCell | None:
        kind = element.get("t", "n")
        formula = value_text = None
        inline = None
        for child in element:
            tag = _local(child.tag)
            if tag == "f":
                formula = self._formula(child, shared, position)
            elif tag == "v":
                value_text = child.text or ""
            elif tag == "is":
                inline = _text(child)
        value = self._value(kind, value_text, inline, strings, position, sheet)
        if value is None and formula is None:
            return None
        return RawCell(value, formula)

    @staticmethod
    def _formula(element: Any, shared: dict[str, tuple[str, str]],
                 position: tuple[int, int]) -> str | None:
        text = element.text
        if element.get("t") == "shared":
            index = element.get("si", "")
            if text:
                shared[index] = ("=" + text, _address(position))
                return "=" + text
            if index in shared:
                master, origin = shared[index]
                return Translator(master, origin=origin).translate_formula(_address(position))
            return None
        return "=" + text if text else None

    def _value(self, kind: str, text: str | None, inline: str | None, strings: list[str],
               position: tuple[int, int], sheet: str) -> Any:
        if kind == "inlineStr":
            return inline
        if text is None:
            return None
        if kind == "s":
            try:
                return strings[int(text)]
            except (ValueError, IndexError):
                raise WorkbookError("refers to a shared string that does not exist", file=self.path,
                                    sheet=sheet, cell=_address(position)) from None
        if kind in ("str", "e"):
            return text
        if kind == "b":
            return text.strip() in ("1", "true")
        if text == "":
            return None
        if _INTEGER.match(text):
            return int(text)
        try:
            return float(text)
        except ValueError:
            raise WorkbookError(f"holds {text[:40]!r} where a number is stored", file=self.path,
                                sheet=sheet, cell=_address(position)) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Any) -> str:
    """The text of a string item: plain, or the runs of rich text (not phonetic hints)."""
    parts = []
    for child in element.iter():
        tag = _local(child.tag)
        if tag == "rPh":
            continue
        if tag == "t" and child.text:
            parts.append(child.text)
    return "".join(parts)


def _position(reference: str, path: str, sheet: str) -> tuple[int, int]:
    match = _CELL_REFERENCE.match(reference)
    if match is None:
        raise WorkbookError(f"has a cell with a malformed address {reference[:20]!r}", file=path,
                            sheet=sheet)
    letters, digits = match.groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(digits) - 1, col - 1


def _address(position: tuple[int, int]) -> str:
    row, col = position
    letters = ""
    col += 1
    while col:
        col, remainder = divmod(col - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"{letters}{row + 1}"


def is_error(value: Any) -> bool:
    return isinstance(value, str) and value in _ERRORS
