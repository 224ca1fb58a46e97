"""Read the cells of an .xlsx/.xlsm file: values, formulas, sheet names.

A small reader of the Office Open XML parts the template uses, over
``zipfile`` and expat. A part that declares a document type (the only way to
define entities, and so to expand them or point at external ones) is refused.
It returns every cell's cached value and formula text, expanding shared
formulas, and never evaluates or follows anything in the file.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from ..errors import WorkbookError

_CELL_REFERENCE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_INTEGER = re.compile(r"^-?\d{1,15}$")
_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"}


@dataclasses.dataclass(frozen=True)
class Limits:
    """Bounds checked before and while a workbook is read, so that a hostile or
    broken file is refused quickly instead of exhausting the machine. The
    defaults pass real templates with room to spare; raise one explicitly,
    e.g. ``read(path, limits=Limits(max_table_rows=100_000))``."""

    #: Uncompressed size of any one part of the workbook.
    max_part_bytes: int = 256 * 2**20
    #: Uncompressed size of all parts together.
    max_total_bytes: int = 1024 * 2**20
    #: Uncompressed / compressed size of a part larger than 1 MiB.
    max_compression_ratio: int = 1000
    #: Cells read from one sheet.
    max_cells_per_sheet: int = 1_000_000
    #: Rows of one table (schemes, benefits, contributions, CCGs).
    max_table_rows: int = 20_000
    #: Characters of one cell's text (Excel's own limit is 32,767).
    max_text_length: int = 32_767
    #: Parts (files) in the workbook's zip.
    max_parts: int = 10_000


DEFAULT_LIMITS = Limits()
_RATIO_FLOOR = 2**20


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


def read_cells(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> WorkbookCells:
    """Every sheet's cells, keyed by 0-based (row, column). Sheets are parsed
    when their cells are first asked for, before this returns only the
    workbook's list of sheets is read."""
    archive = _open_zip(Path(path))
    try:
        _check_sizes(archive, str(path), limits)
        return _Reader(archive, str(path), limits).read()
    except BaseException:
        archive.close()
        raise


_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]+")?(?: t="[a-zA-Z]+")?/>')
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise WorkbookError("file not found", file=path) from None
    except IsADirectoryError:
        raise WorkbookError("is a folder, not a workbook", file=path) from None
    except OSError as error:
        raise WorkbookError(f"cannot be read ({error.strerror or error})", file=path) from None
    if not head:
        raise WorkbookError("is empty (0 bytes): not a workbook", file=path)
    if head.startswith(_OLE2):
        raise WorkbookError(_ole2_reason(path), file=path)
    if not head.startswith(b"PK"):
        raise WorkbookError(_not_zip_reason(head), file=path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise WorkbookError(f"is a damaged or truncated .xlsx file ({error})", file=path) from None
    if "mimetype" in archive.namelist() and "content.xml" in archive.namelist():
        archive.close()
        raise WorkbookError("is an OpenDocument spreadsheet (.ods), not .xlsx: open it and "
                            "save it as an Excel workbook (.xlsx)", file=path)
    return archive


def _ole2_reason(path: Path) -> str:
    with path.open("rb") as handle:
        content = handle.read(8 * 2**20)
    if _ENCRYPTED in content:
        return ("is encrypted (protected with a password to open): remove the password and "
                "save it again")
    return ("is an old binary Excel file (.xls): open it in Excel and save it as an Excel "
            "workbook (.xlsx)")


def _not_zip_reason(head: bytes) -> str:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return "is not a workbook (its bytes are not an .xlsx file)"
    if "," in text or ";" in text or "\t" in text:
        return "is a text or CSV file, not an .xlsx workbook"
    return "is a text file, not an .xlsx workbook"


def _check_sizes(archive: zipfile.ZipFile, path: str, limits: Limits) -> None:
    """Refuse a zip bomb from its directory, before decompressing anything."""
    members = archive.infolist()
    if len(members) > limits.max_parts:
        raise WorkbookError(f"holds {len(members):,} parts, more than the limit of "
                            f"{limits.max_parts:,}", file=path)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.max_part_bytes:
            raise WorkbookError(f"part {member.filename!r} would decompress to "
                                f"{member.file_size:,} bytes, more than the limit of "
                                f"{limits.max_part_bytes:,}", file=path)
        if member.file_size > _RATIO_FLOOR and member.file_size > \
                limits.max_compression_ratio * max(member.compress_size, 1):
            raise WorkbookError(f"part {member.filename!r} is compressed more than "
                                f"{limits.max_compression_ratio}:1 (a zip bomb?)", file=path)
    if total > limits.max_total_bytes:
        raise WorkbookError(f"would decompress to {total:,} bytes, more than the limit of "
                            f"{limits.max_total_bytes:,}", file=path)


class _Bounded:
    """A part's stream that stops at the limit whatever its header declared."""

    def __init__(self, stream: IO[bytes], limit: int, refuse: Callable[[], None]) -> None:
        self.stream = stream
        self.left = limit
        self.refuse = refuse

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size if size >= 0 else self.left + 1)
        self.left -= len(data)
        if self.left < 0:
            self.refuse()
        return data

    def __enter__(self) -> _Bounded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, path: str, limits: Limits) -> None:
        self.archive = archive
        self.path = path
        self.limits = limits
        self.names = set(archive.namelist())

    def read(self) -> WorkbookCells:
        workbook_part = self._workbook_part()
        strings = self._shared_strings(workbook_part)
        sheets = [SheetCells(name, hidden,
                             functools.partial(self._sheet_cells, part, strings, name))
                  for name, hidden, part in self._sheets(workbook_part)]
        return WorkbookCells(self.path, sheets, self.archive)

    # --- parts ------------------------------------------------------------------

    def _open(self, part: str) -> _Bounded:
        if part not in self.names:
            raise WorkbookError(f"the workbook has no part {part!r}", file=self.path)
        try:
            stream = self.archive.open(part)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as error:
            raise WorkbookError(f"cannot read part {part!r} ({error})", file=self.path) from None

        def refuse() -> None:
            raise WorkbookError(f"part {part!r} decompresses to more than "
                                f"{self.limits.max_part_bytes:,} bytes", file=self.path)
        return _Bounded(stream, self.limits.max_part_bytes, refuse)

    def _parse(self, part: str, start: Callable[[str, dict[str, str]], None],
               end: Callable[[str], None] | None = None,
               text: Callable[[str], None] | None = None,
               prefixed_names: bool = False) -> None:
        """Stream ``part`` through expat with the given handlers, which see
        local tag names (or, with ``prefixed_names``, strip prefixes themselves)."""
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = self._refuse_doctype
        parser.EntityDeclHandler = self._refuse_doctype
        parser.ExternalEntityRefHandler = self._refuse_doctype
        if prefixed_names:
            parser.StartElementHandler = start
            parser.EndElementHandler = end
        else:
            parser.StartElementHandler = lambda tag, attributes: start(_local(tag), attributes)
            if end is not None:
                parser.EndElementHandler = lambda tag: end(_local(tag))
        if text is not None:
            parser.CharacterDataHandler = text
        try:
            with self._open(part) as stream:
                if prefixed_names:
                    # Empty cells (styled blanks, most of a template) hold no
                    # value: drop them before expat calls back for each.
                    parser.Parse(_EMPTY_CELL.sub(b"", stream.read()), True)
                else:
                    parser.ParseFile(stream)
        except WorkbookError:
            raise
        except RecursionError:
            raise WorkbookError(f"part {part!r} is nested too deeply", file=self.path) from None
        except Exception as error:  # expat, zlib and zipfile all raise their own kinds
            raise WorkbookError(f"part {part!r} is not well-formed ({error})",
                                file=self.path) from None

    def _refuse_doctype(self, *_: Any) -> Any:
        raise WorkbookError("declares a document type, which a workbook never needs "
                            "(refused: entities could expand or fetch)", file=self.path)

    def _elements(self, part: str, wanted: str) -> list[dict[str, str]]:
        """The attributes of every ``wanted`` element of a small part."""
        found: list[dict[str, str]] = []
        self._parse(part, lambda tag, attributes: found.append(attributes) if tag == wanted
                    else None)
        return found

    def _relationships(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return {}
        found = {}
        for element in self._elements(rels, "Relationship"):
            if element.get("TargetMode") != "External":
                target = element.get("Target", "")
                resolved = (target.lstrip("/") if target.startswith("/")
                            else posixpath.normpath(posixpath.join(folder, target)))
                found[element.get("Id", "")] = resolved
        return found

    def _workbook_part(self) -> str:
        for element in self._elements("_rels/.rels", "Relationship"):
            if element.get("Type", "").endswith("/officeDocument"):
                return element.get("Target", "").lstrip("/")
        raise WorkbookError("not a spreadsheet: the package names no workbook", file=self.path)

    def _sheets(self, workbook_part: str) -> list[tuple[str, bool, str]]:
        relationships = self._relationships(workbook_part)
        sheets = []
        for element in self._elements(workbook_part, "sheet"):
            rid = next((value for key, value in element.items() if _local(key) == "id"), "")
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
        return _SharedStrings(self, part).strings

    def _sheet_cells(self, part: str, strings: list[str],
                     sheet: str) -> dict[tuple[int, int], RawCell]:
        return _SheetParser(self, part, strings, sheet).cells

    def _value(self, kind: str, text: str | None, strings: list[str],
               position: tuple[int, int], sheet: str) -> Any:
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
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise WorkbookError(f"holds {text[:40]!r} where a number is stored", file=self.path,
                                sheet=sheet, cell=_address(position))
        return number


class _SharedStrings:
    """The shared strings: each item's text, rich-text runs joined, phonetic hints left out."""

    def __init__(self, reader: _Reader, part: str) -> None:
        self.strings: list[str] = []
        self._parts: list[str] = []
        self._in_text = False
        self._phonetic = 0
        reader._parse(part, self._start, self._end, self._text)

    def _start(self, tag: str, _: dict[str, str]) -> None:
        if tag == "si":
            self._parts = []
        elif tag == "rPh":
            self._phonetic += 1
        elif tag == "t" and not self._phonetic:
            self._in_text = True

    def _end(self, tag: str) -> None:
        if tag == "si":
            self.strings.append("".join(self._parts))
        elif tag == "rPh":
            self._phonetic -= 1
        elif tag == "t":
            self._in_text = False

    def _text(self, data: str) -> None:
        if self._in_text:
            self._parts.append(data)


class _SheetParser:
    """One worksheet's cells, streamed: values, formulas (shared ones expanded)."""

    def __init__(self, reader: _Reader, part: str, strings: list[str], sheet: str) -> None:
        self.reader = reader
        self.strings = strings
        self.sheet = sheet
        self.cells: dict[tuple[int, int], RawCell] = {}
        self.shared: dict[str, tuple[str, str]] = {}
        self.position = (0, -1)
        self.kind = "n"
        self.formula_attributes: dict[str, str] | None = None
        self.texts: dict[str, list[str]] = {}
        self.collecting: str | None = None
        reader._parse(part, self._start, self._end, self._text, prefixed_names=True)

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag == "c":
            reference = attributes.get("r")
            row, col = self.position
            self.position = _position(reference, self.reader.path, self.sheet) if reference \
                else (row, col + 1)
            self.kind = attributes.get("t", "n")
            self.formula_attributes = None
            self.texts = {}
        elif tag == "row":
            number = attributes.get("r")
            if number and number.isdigit():
                self.position = (int(number) - 1, -1)
        elif tag in ("v", "f", "t"):
            if tag == "f":
                self.formula_attributes = attributes
            self.collecting = tag
            self.texts.setdefault(tag, [])

    def _text(self, data: str) -> None:
        if self.collecting is not None:
            self.texts[self.collecting].append(data)

    def _end(self, tag: str) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag in ("v", "f", "t"):
            self.collecting = None
        elif tag == "c":
            self._cell()

    def _cell(self) -> None:
        formula = None
        if self.formula_attributes is not None:
            formula = self._formula("".join(self.texts.get("f", ())), self.formula_attributes)
        if self.kind == "inlineStr":
            value: Any = "".join(self.texts.get("t", ())) if "t" in self.texts else None
        else:
            text = "".join(self.texts["v"]) if "v" in self.texts else None
            value = self.reader._value(self.kind, text, self.strings, self.position, self.sheet)
        if value is not None or formula is not None:
            limits = self.reader.limits
            for text in (value, formula):
                if isinstance(text, str) and len(text) > limits.max_text_length:
                    raise WorkbookError(f"holds {len(text):,} characters, more than the limit of "
                                        f"{limits.max_text_length:,}", file=self.reader.path,
                                        sheet=self.sheet, cell=_address(self.position))
            self.cells[self.position] = RawCell(value, formula)
            if len(self.cells) > limits.max_cells_per_sheet:
                raise WorkbookError(f"has more than {limits.max_cells_per_sheet:,} cells",
                                    file=self.reader.path, sheet=self.sheet)

    def _formula(self, text: str, attributes: dict[str, str]) -> str | None:
        if attributes.get("t") == "shared":
            index = attributes.get("si", "")
            if text:
                self.shared[index] = ("=" + text, _address(self.position))
                return "=" + text
            if index in self.shared:
                from openpyxl.formula.translate import Translator
                master, origin = self.shared[index]
                return str(Translator(master, origin=origin).translate_formula(
                    _address(self.position)))
            return None
        return "=" + text if text else None


def _local(tag: str) -> str:
    """A tag or attribute name without its namespace prefix ('x:c' -> 'c')."""
    return tag.rsplit(":", 1)[-1]


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
