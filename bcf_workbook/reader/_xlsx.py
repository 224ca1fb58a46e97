"""Read the cells of an .xlsx/.xlsm file: values, formulas, sheet names.

A small reader of the Office Open XML parts the template uses, over
``zipfile`` and expat. A part that declares a document type (the only way to
define entities, and so to expand them or point at external ones) is refused.
It returns every cell's cached value and formula text, expanding shared
formulas, and never evaluates or follows anything in the file.

Whatever a file says, the work done on it is bounded: every budget of
:class:`Limits` is checked before the work it bounds, parts are streamed in
chunks, never read whole, and nothing is kept that a budget does not count.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import math
import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote
from xml.parsers import expat

from .._addresses import cell_address, column_index
from .._text import ERROR_CODES
from ..errors import WorkbookError
from ._shared_formula import COLUMNS, ROWS, SharedFormula

_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_INTEGER = re.compile(r"-?\d{1,15}")
_ERRORS = frozenset(ERROR_CODES)
_CHUNK = 2**20


@dataclasses.dataclass(frozen=True)
class Limits:
    """Bounds checked before the work they bound, so that a hostile or broken
    file is refused quickly instead of exhausting the machine. The defaults
    pass real workbooks with room to spare; raise one explicitly, e.g.
    ``read(path, limits=Limits(max_table_rows=100_000))``. Together they
    bound the memory one file can take (see the README)."""

    #: Uncompressed size of any one part of the workbook.
    max_part_bytes: int = 256 * 2**20
    #: Uncompressed size of all parts together.
    max_total_bytes: int = 1024 * 2**20
    #: Uncompressed / compressed size of a part larger than 1 MiB.
    max_compression_ratio: int = 1000
    #: Parts (files) in the workbook's zip, and relationships listed by one part.
    max_parts: int = 10_000
    #: Sheets listed by the workbook.
    max_sheets: int = 1_000
    #: Strings in the shared strings table.
    max_shared_strings: int = 1_000_000
    #: Cells of the sheets read, empty ones included, whatever their declared dimensions.
    max_cells: int = 500_000
    #: Characters of one cell's text (Excel's own limit is 32,767).
    max_text_length: int = 32_767
    #: Cell formats listed by the styles part (Excel's own limit is 64,000).
    max_styles: int = 65_536
    #: Characters of one formula (Excel's own limit is 8,192).
    max_formula_length: int = 8_192
    #: Characters of formula text written out by expanding shared formulas: each
    #: cell a shared formula fills counts the length of its master's text.
    max_shared_formula_characters: int = 8_000_000
    #: Characters kept from one workbook: shared strings, text cells and formulas.
    max_characters: int = 16_000_000
    #: Rows of one table (schemes, benefits, contributions, CCGs).
    max_table_rows: int = 20_000


DEFAULT_LIMITS = Limits()
_RATIO_FLOOR = 2**20


@dataclasses.dataclass(frozen=True, slots=True)
class RawCell:
    """One cell as stored: its cached (or constant) value, its formula, and
    the date it shows when a date format shows its number as one."""

    value: Any
    formula: str | None = None
    date: str | None = None


class SheetCells:
    """A sheet's cells, parsed when first asked for."""

    def __init__(self, name: str, parse: Callable[[], dict[tuple[int, int], RawCell]]):
        self.name = name
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
    #: The open file the archive reads (a zip opened from a file object leaves it open).
    handle: IO[bytes] | None = None

    def close(self) -> None:
        self.archive.close()
        if self.handle is not None:
            self.handle.close()

    def __enter__(self) -> WorkbookCells:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_cells(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> WorkbookCells:
    """Every sheet's cells, keyed by 0-based (row, column). Sheets are parsed
    when their cells are first asked for, before this returns only the
    workbook's list of sheets is read."""
    handle = open_regular_file(Path(path))
    try:
        archive = _open_zip(handle, str(path))
        try:
            _check_sizes(archive, str(path), limits)
            return dataclasses.replace(_Reader(archive, str(path), limits).read(), handle=handle)
        except BaseException:
            archive.close()
            raise
    except BaseException:
        handle.close()
        raise


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
#: Parts that say what else a zip is, and how to say so.
_OTHER_PACKAGES = {
    "xl/workbook.bin": "is a binary workbook (.xlsb): open it in Excel and save it as .xlsx",
    "word/document.xml": "is a Word document, not a workbook",
    "ppt/presentation.xml": "is a PowerPoint presentation, not a workbook",
}


def open_regular_file(path: Path) -> IO[bytes]:
    """``path`` opened for reading, only if it is a regular file: a FIFO, a
    device or a socket is refused from its status, never opened (opening a
    FIFO would wait for a writer forever)."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise WorkbookError("is a folder, not a workbook", file=path)
        _refuse_special(mode, path)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise WorkbookError("no such file or folder", file=path) from None
    except OSError as error:
        raise WorkbookError(f"cannot be read ({error.strerror or error})", file=path) from None
    handle = os.fdopen(descriptor, "rb")
    try:
        _refuse_special(os.fstat(descriptor).st_mode, path)  # replaced since it was looked at
    except BaseException:
        handle.close()
        raise
    return handle


def _refuse_special(mode: int, path: Path) -> None:
    for test, what in _SPECIAL_FILES:
        if test(mode):
            raise WorkbookError(f"is {what}, not a file: refused without reading it", file=path)


def _open_zip(handle: IO[bytes], path: str) -> zipfile.ZipFile:
    head = handle.read(4096)
    handle.seek(0)
    if not head:
        raise WorkbookError("is empty (0 bytes): not a workbook", file=path)
    if head.startswith(_OLE2):
        raise WorkbookError(_ole2_reason(handle), file=path)
    if not head.startswith(b"PK"):
        raise WorkbookError(_not_zip_reason(head), file=path)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise WorkbookError(f"is a damaged or truncated .xlsx file ({error})", file=path) from None
    names = {_part_key(name) for name in archive.namelist()}
    reason = next((reason for part, reason in _OTHER_PACKAGES.items() if part in names), None)
    if "mimetype" in names and "content.xml" in names:
        reason = ("is an OpenDocument spreadsheet (.ods), not .xlsx: open it and save it as an "
                  "Excel workbook (.xlsx)")
    if reason is not None:
        archive.close()
        raise WorkbookError(reason, file=path)
    return archive


def _ole2_reason(handle: IO[bytes]) -> str:
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


def _part_key(name: str) -> str:
    """A part name as OPC compares them: case-insensitively, whatever the
    zip's separators (some producers write backslashes)."""
    return name.replace("\\", "/").lstrip("/").lower()


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


class _Budget:
    """What one workbook has used of the budgets that span its parts."""

    def __init__(self, limits: Limits, path: str) -> None:
        self.limits = limits
        self.path = path
        self.cells = 0
        self.characters = 0
        self.expanded = 0

    def spend_cells(self, count: int, sheet: str) -> None:
        self.cells += count
        self.expect_cells(0, sheet)

    def expect_cells(self, count: int, sheet: str) -> None:
        """Refuse before parsing ``count`` more cells if they would pass the limit."""
        if self.cells + count > self.limits.max_cells:
            raise WorkbookError(f"has more than {self.limits.max_cells:,} cells in the sheets read "
                                f"(empty ones included)", file=self.path, sheet=sheet)

    def spend_characters(self, count: int, sheet: str | None = None) -> None:
        self.characters += count
        if self.characters > self.limits.max_characters:
            raise WorkbookError(f"holds more than {self.limits.max_characters:,} characters of text "
                                f"and formulas", file=self.path, sheet=sheet)

    def spend_expansion(self, count: int, sheet: str) -> None:
        """Before a shared formula fills a cell: its master's length."""
        self.expanded += count
        if self.expanded > self.limits.max_shared_formula_characters:
            raise WorkbookError(f"has shared formulas that would fill its cells with more than "
                                f"{self.limits.max_shared_formula_characters:,} characters of "
                                f"formulas", file=self.path, sheet=sheet)
        self.spend_characters(count, sheet)


def _chunks(stream: _Bounded) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


# Empty cells (styled blanks, most of a template) hold no value: dropped
# before expat calls back for each, but only where the next cell gives its own
# address (or the row ends), so that a cell without one still lands after it.
_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,9}")?(?: t="[a-zA-Z]{1,9}")?/>'
                         rb'(?=<c r="|</row>)')
#: How a cell's tag begins, unprefixed (as nearly every producer writes it).
_CELL_TAGS = (b"<c ", b"<c>", b"<c/>")
_LONGEST_TAG = 8
#: A droppable empty cell is shorter than this, so a chunk cut this far from
#: its end cannot split one.
_LONGEST_EMPTY_CELL = 64


def _without_empty_cells(chunks: Iterator[bytes], budget: _Budget, sheet: str) -> Iterator[bytes]:
    """The sheet's bytes chunk by chunk with droppable empty cells removed
    (and counted). Each chunk is cut before its last tag, which goes with the
    next chunk so that no empty cell is split."""
    carried = b""
    for chunk in chunks:
        data = carried + chunk
        cut = data.rfind(b"<", max(0, len(data) - 4 * _LONGEST_EMPTY_CELL))
        if cut <= 0:
            cut = len(data)
        kept, dropped = _EMPTY_CELL.subn(b"", data[:cut])
        budget.spend_cells(dropped, sheet)
        carried = data[cut:]
        yield kept
    kept, dropped = _EMPTY_CELL.subn(b"", carried)
    budget.spend_cells(dropped, sheet)
    yield kept


class _Bounded:
    """A part's stream that stops at the limit whatever its header declared."""

    def __init__(self, stream: IO[bytes], limit: int, refuse: Callable[[], None]) -> None:
        self.stream = stream
        self.left = limit
        self.refuse = refuse

    def read(self, size: int) -> bytes:
        data = self.stream.read(size)
        self.left -= len(data)
        if self.left < 0:
            self.refuse()
        return data

    def __enter__(self) -> _Bounded:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


@dataclasses.dataclass(frozen=True)
class _Relationship:
    type: str
    target: str


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, path: str, limits: Limits) -> None:
        self.archive = archive
        self.path = path
        self.limits = limits
        self.members = {_part_key(member.filename): member for member in archive.infolist()}
        self.budget = _Budget(limits, path)
        self.date1904 = False
        self.date_styles: frozenset[str] = frozenset()

    def read(self) -> WorkbookCells:
        workbook_part = self._workbook_part()
        relationships = self._relationships(workbook_part)
        listed = self._sheets(workbook_part, relationships)
        strings = self._shared_strings(relationships)
        self.date_styles = self._date_styles(relationships)
        sheets = [SheetCells(name, functools.partial(self._sheet_cells, part, strings, name))
                  for name, part in listed]
        return WorkbookCells(self.path, sheets, self.archive)

    # --- parts ------------------------------------------------------------------

    def has(self, part: str) -> bool:
        return _part_key(part) in self.members

    def _open(self, part: str) -> _Bounded:
        member = self.members.get(_part_key(part))
        if member is None:
            raise WorkbookError(f"the workbook has no part {part!r}", file=self.path)
        try:
            stream = self.archive.open(member)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as error:
            raise WorkbookError(f"cannot read part {part!r} ({error})", file=self.path) from None

        def refuse() -> None:
            raise WorkbookError(f"part {part!r} decompresses to more than "
                                f"{self.limits.max_part_bytes:,} bytes", file=self.path)
        return _Bounded(stream, self.limits.max_part_bytes, refuse)

    def count(self, part: str, tags: tuple[bytes, ...]) -> int:
        """How many of ``tags`` a part holds: a pass at the speed of
        decompression, so that a part holding millions of elements is refused
        before any is parsed (parsing counts them again exactly, prefixed ones too)."""
        found, carried = 0, b""
        with self._chunks_of(part) as chunks:
            for chunk in chunks:
                data = carried + chunk
                found += sum(data.count(tag) for tag in tags)
                carried = data[-_LONGEST_TAG:]
                found -= sum(carried.count(tag) for tag in tags)
        return found + sum(carried.count(tag) for tag in tags)

    @contextlib.contextmanager
    def _chunks_of(self, part: str) -> Iterator[Iterator[bytes]]:
        """The part's bytes in chunks; whatever goes wrong decompressing or
        parsing them is a ``WorkbookError`` naming the part."""
        try:
            with self._open(part) as stream:
                yield _chunks(stream)
        except WorkbookError:
            raise
        except RecursionError:
            raise WorkbookError(f"part {part!r} is nested too deeply", file=self.path) from None
        except Exception as error:  # expat, zlib and zipfile all raise their own kinds
            raise WorkbookError(f"part {part!r} is not well-formed ({error})",
                                file=self.path) from None

    def parse(self, part: str, start: Callable[[str, dict[str, str]], None],
              end: Callable[[str], None] | None = None, text: Callable[[str], None] | None = None,
              prefixed_names: bool = False,
              filter_chunks: Callable[[Iterator[bytes]], Iterator[bytes]] | None = None) -> None:
        """Stream ``part`` through expat in chunks with the given handlers,
        which see local tag names (or, with ``prefixed_names``, strip prefixes
        themselves); ``filter_chunks`` may rewrite the chunks on the way."""
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
        with self._chunks_of(part) as chunks:
            for chunk in filter_chunks(chunks) if filter_chunks else chunks:
                parser.Parse(chunk, False)
            parser.Parse(b"", True)

    def _refuse_doctype(self, *_: Any) -> Any:
        raise WorkbookError("declares a document type, which a workbook never needs "
                            "(refused: entities could expand or fetch)", file=self.path)

    def _elements(self, part: str, wanted: str, most: int, what: str) -> list[dict[str, str]]:
        """The attributes of every ``wanted`` element of a part, refused past ``most``."""
        found: list[dict[str, str]] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == wanted:
                found.append(attributes)
                if len(found) > most:
                    raise WorkbookError(f"part {part!r} lists more than {most:,} {what}", file=self.path)
        self.parse(part, start)
        return found

    def _relationships(self, part: str) -> dict[str, _Relationship]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels):
            return {}
        found = {}
        for element in self._elements(rels, "Relationship", self.limits.max_parts, "relationships"):
            if element.get("TargetMode") != "External":
                target = unquote(element.get("Target", "")).replace("\\", "/")
                resolved = (target.lstrip("/") if target.startswith("/")
                            else posixpath.normpath(posixpath.join(folder, target)))
                found[element.get("Id", "")] = _Relationship(element.get("Type", ""), resolved)
        return found

    def _workbook_part(self) -> str:
        for element in self._elements("_rels/.rels", "Relationship", self.limits.max_parts,
                                      "relationships"):
            if element.get("Type", "").endswith("/officeDocument"):
                return unquote(element.get("Target", "")).replace("\\", "/").lstrip("/")
        raise WorkbookError("not a spreadsheet: the package names no workbook", file=self.path)

    def _sheets(self, workbook_part: str,
                relationships: dict[str, _Relationship]) -> list[tuple[str, str]]:
        """The worksheets in the workbook's order (chart, dialog and macro
        sheets hold no cells to read, and are left out)."""
        sheets = []
        for element in self._workbook_elements(workbook_part):
            rid = next((value for key, value in element.items() if _local(key) == "id"), "")
            relationship = relationships.get(rid)
            if relationship is None or not relationship.type.endswith("/worksheet") \
                    or not self.has(relationship.target):
                continue
            sheets.append((element.get("name", ""), relationship.target))
        if not sheets:
            raise WorkbookError("the workbook has no worksheets", file=self.path)
        return sheets

    def _workbook_elements(self, part: str) -> list[dict[str, str]]:
        """The ``<sheet>`` elements of the workbook part; notes its date system."""
        found: list[dict[str, str]] = []
        most = self.limits.max_sheets

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == "sheet":
                found.append(attributes)
                if len(found) > most:
                    raise WorkbookError(f"lists more than {most:,} sheets", file=self.path)
            elif tag == "workbookPr":
                self.date1904 = attributes.get("date1904", "0").strip().lower() in ("1", "true")
        self.parse(part, start)
        return found

    def _shared_strings(self, relationships: dict[str, _Relationship]) -> list[str]:
        part = next((relationship.target for relationship in relationships.values()
                     if relationship.type.endswith("/sharedStrings")), None)
        if part is None or not self.has(part):
            return []
        return _SharedStrings(self, part).strings

    def _date_styles(self, relationships: dict[str, _Relationship]) -> frozenset[str]:
        """The cell formats (``s`` attributes, as written) that show a number as a date or time."""
        part = next((relationship.target for relationship in relationships.values()
                     if relationship.type.endswith("/styles")), None)
        if part is None or not self.has(part):
            return frozenset()
        codes: dict[str, str] = {}
        formats: list[str] = []
        inside: list[bool] = [False]

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == "numFmt":
                codes[attributes.get("numFmtId", "")] = attributes.get("formatCode", "")
            elif tag == "cellXfs":
                inside[0] = True
            elif tag == "xf" and inside[0]:
                formats.append(attributes.get("numFmtId", "0"))
                if len(formats) > self.limits.max_styles:
                    raise WorkbookError(f"lists more than {self.limits.max_styles:,} cell formats",
                                        file=self.path)

        def end(tag: str) -> None:
            if tag == "cellXfs":
                inside[0] = False
        self.parse(part, start, end)
        return frozenset(str(index) for index, number in enumerate(formats)
                         if _shows_a_date(number, codes.get(number)))

    def _sheet_cells(self, part: str, strings: list[str],
                     sheet: str) -> dict[tuple[int, int], RawCell]:
        return _SheetParser(self, part, strings, sheet).cells


class _TextCollector:
    """The text of ``<t>`` elements (rich-text runs joined, phonetic hints left
    out), refused once one string passes ``most`` characters."""

    def __init__(self, reader: _Reader, most: int, sheet: str | None = None,
                 cell: Callable[[], str] | None = None) -> None:
        self.reader = reader
        self.most = most
        self.sheet = sheet
        self.cell = cell
        self.parts: list[str] = []
        self.length = 0
        self.inside = False
        self.phonetic = 0

    def start(self, tag: str) -> None:
        if tag == "rPh":
            self.phonetic += 1
        elif tag == "t" and not self.phonetic:
            self.inside = True

    def end(self, tag: str) -> None:
        if tag == "rPh":
            self.phonetic -= 1
        elif tag == "t":
            self.inside = False

    def text(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)
            self.length += len(data)
            if self.length > self.most:
                raise WorkbookError(f"holds a text of more than {self.most:,} characters",
                                    file=self.reader.path, sheet=self.sheet,
                                    cell=self.cell() if self.cell else None)

    def take(self) -> str:
        """The text collected since the last call, decoded as Excel shows it."""
        text = decode_escapes("".join(self.parts))
        self.clear()
        return text

    def clear(self) -> None:
        self.parts, self.length = [], 0


class _SharedStrings:
    """The shared strings: each item's text, within the budgets."""

    def __init__(self, reader: _Reader, part: str) -> None:
        self.reader = reader
        self.strings: list[str] = []
        self.collector = _TextCollector(reader, reader.limits.max_text_length)
        self._expect(reader.count(part, (b"<si>", b"<si ")))
        reader.parse(part, self._start, self._end, self._text)

    def _expect(self, count: int) -> None:
        most = self.reader.limits.max_shared_strings
        if count > most:
            raise WorkbookError(f"holds more than {most:,} shared strings", file=self.reader.path)

    def _start(self, tag: str, _: dict[str, str]) -> None:
        if tag == "si":
            self.collector.clear()
            self._expect(len(self.strings) + 1)
        self.collector.start(tag)

    def _end(self, tag: str) -> None:
        self.collector.end(tag)
        if tag == "si":
            text = self.collector.take()
            self.reader.budget.spend_characters(len(text))
            self.strings.append(text)

    def _text(self, data: str) -> None:
        self.collector.text(data)


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode_escapes(text: str) -> str:
    """Text with Excel's ``_xHHHH_`` escapes decoded as Excel shows them
    (``_x000D_`` is a carriage return, ``_x005F_x005F_`` is ``_x005F_``); a
    surrogate pair spelled as two escapes is one character, a lone one is U+FFFD."""
    if "_x" not in text:
        return text
    decoded = _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
    if any("\ud800" <= character <= "\udfff" for character in decoded):
        decoded = decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return decoded


class _SheetParser:
    """One worksheet's cells, streamed: values, formulas (shared ones expanded)."""

    def __init__(self, reader: _Reader, part: str, strings: list[str], sheet: str) -> None:
        self.reader = reader
        self.limits = reader.limits
        self.strings = strings
        self.sheet = sheet
        self.cells: dict[tuple[int, int], RawCell] = {}
        self.shared: dict[str, SharedFormula] = {}
        self.position = (-1, -1)
        self.kind = "n"
        self.style: str | None = None
        self.formula_attributes: dict[str, str] | None = None
        self.values: list[str] | None = None
        self.formula: list[str] | None = None
        self.collecting: list[str] | None = None
        self.collected = 0
        self.most = 0  # characters the element being collected may hold
        self.budget = reader.budget
        self.inline = _TextCollector(reader, self.limits.max_text_length, sheet,
                                     lambda: _address(self.position))
        self.inline_seen = False
        reader.budget.expect_cells(reader.count(part, _CELL_TAGS), sheet)
        reader.parse(part, self._start, self._end, self._text, prefixed_names=True,
                     filter_chunks=lambda chunks: _without_empty_cells(chunks, reader.budget, sheet))

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag == "c":
            self._start_cell(attributes)
        elif tag == "v":
            self.values = self.collecting = []
            self.collected, self.most = 0, self.limits.max_text_length
        elif tag == "f":
            self.formula_attributes = attributes
            self.formula = self.collecting = []
            self.collected, self.most = 0, self.limits.max_formula_length
        elif tag == "row":
            number = attributes.get("r")
            self.position = (self._row(number) if number is not None else self.position[0] + 1, -1)
        elif tag == "is":
            self.inline_seen = True
        elif tag in _TEXT_TAGS:
            self.inline.start(tag)

    def _start_cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        row, col = self.position
        self.position = self._address(reference) if reference is not None else (row, col + 1)
        self.kind = attributes.get("t", "n")
        self.style = attributes.get("s")
        self.formula_attributes = self.values = self.formula = None
        self.inline_seen = False
        if self.inline.parts:  # text of a cell that was not an inline string
            self.inline.clear()
        self.budget.cells += 1
        if self.budget.cells > self.limits.max_cells:
            self.budget.spend_cells(0, self.sheet)

    def _text(self, data: str) -> None:
        if self.collecting is not None:
            self.collecting.append(data)
            self.collected += len(data)
            if self.collected > self.most:
                what = "a formula" if self.collecting is self.formula else "a value"
                raise WorkbookError(f"holds {what} of more than {self.most:,} characters",
                                    file=self.reader.path, sheet=self.sheet,
                                    cell=_address(self.position))
        elif self.inline.inside:
            self.inline.text(data)

    def _end(self, tag: str) -> None:
        if ":" in tag:
            tag = _local(tag)
        if tag in ("v", "f"):
            self.collecting = None
        elif tag == "c":
            self._cell()
        elif tag in _TEXT_TAGS:
            self.inline.end(tag)

    def _cell(self) -> None:
        formula = self._formula() if self.formula_attributes is not None else None
        if self.kind == "inlineStr":
            value: Any = self.inline.take() if self.inline_seen else None
        else:
            value = self._value("".join(self.values) if self.values is not None else None)
        if value is None and formula is None:
            return
        if value.__class__ is str:
            self.budget.characters += len(value)
            if self.budget.characters > self.limits.max_characters:
                self.budget.spend_characters(0, self.sheet)
        if self.kind == "d" or (self.style in self.reader.date_styles
                                and value.__class__ in (int, float)):
            self.cells[self.position] = RawCell(value, formula, _date_text(value, self.reader.date1904))
        else:
            self.cells[self.position] = RawCell(value, formula)

    def _value(self, text: str | None) -> Any:
        if text is None:
            return None
        kind = self.kind
        if kind == "s":
            return self._shared_string(text)
        if kind in ("str", "e"):
            return text
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            return _date_serial(text, self.reader.date1904)
        return self._number(text)

    def _shared_string(self, text: str) -> str | None:
        if not text.strip():
            return None  # '<v/>': written by some producers for an empty cell
        try:
            return self.strings[int(text)]
        except (ValueError, IndexError):
            raise WorkbookError("refers to a shared string that does not exist", file=self.reader.path,
                                sheet=self.sheet, cell=_address(self.position)) from None

    def _number(self, text: str) -> int | float | None:
        if text == "":
            return None
        if _INTEGER.fullmatch(text):
            return int(text)
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise WorkbookError(f"holds {text[:40]!r} where a number is stored", file=self.reader.path,
                                sheet=self.sheet, cell=_address(self.position))
        return number

    def _formula(self) -> str | None:
        assert self.formula_attributes is not None
        text = "".join(self.formula) if self.formula is not None else ""
        if self.formula_attributes.get("t") != "shared":
            return self._spent("=" + text) if text else None
        index = self.formula_attributes.get("si", "")
        row, col = self.position
        if text:
            self.shared[index] = SharedFormula(text, row, col)
            return self._spent("=" + text)
        master = self.shared.get(index)
        if master is None:
            return None
        self.reader.budget.spend_expansion(len(master.text), self.sheet)  # before the work
        return "=" + master.at(row, col)

    def _spent(self, formula: str) -> str:
        self.reader.budget.spend_characters(len(formula), self.sheet)
        return formula

    def _row(self, number: str) -> int:
        if not (number.isdigit() and 1 <= int(number) <= ROWS):
            raise WorkbookError(f"has a row with a malformed number {number[:20]!r}",
                                file=self.reader.path, sheet=self.sheet)
        return int(number) - 1

    def _address(self, reference: str) -> tuple[int, int]:
        position = _position(reference)
        if position is None:
            raise WorkbookError(f"has a cell with a malformed address {reference[:20]!r}",
                                file=self.reader.path, sheet=self.sheet)
        return position


@functools.lru_cache(maxsize=2**16)
def _position(reference: str) -> tuple[int, int] | None:
    """A cell's 0-based (row, column) from its address, or None if it is not
    one on the grid (remembered: files of one template share their addresses)."""
    match = _CELL_REFERENCE.fullmatch(reference)
    if match is None:
        return None
    row, col = int(match[2]) - 1, column_index(match[1])
    return (row, col) if 0 <= row < ROWS and col < COLUMNS else None


#: Elements inside an inline string whose text is, or is not, the cell's.
_TEXT_TAGS = frozenset({"t", "rPh"})
_EPOCHS = {False: datetime.datetime(1899, 12, 30), True: datetime.datetime(1904, 1, 1)}


def _date_serial(text: str, date1904: bool) -> int | float | str:
    """An ISO 8601 date (``t="d"``) as the serial number Excel stores for it;
    text that is not one is kept as text."""
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return text
    days = (moment.replace(tzinfo=None) - _EPOCHS[date1904]) / datetime.timedelta(days=1)
    return int(days) if days.is_integer() else days


def _date_text(serial: Any, date1904: bool) -> str | None:
    """The day a serial number shows in a date format (ISO 8601, as Excel
    shows it: in the 1900 system serial 60 is the 29 February 1900 Excel
    keeps from Lotus 1-2-3), or None when it is not one a spreadsheet can show."""
    if serial.__class__ not in (int, float) or serial < 0:
        return None
    days = int(serial)
    if not date1904 and days < 61:
        return "1900-02-29" if days == 60 else (
            datetime.date(1899, 12, 31) + datetime.timedelta(days=days)).isoformat()
    try:
        return (_EPOCHS[date1904] + datetime.timedelta(days=days)).date().isoformat()
    except OverflowError:  # beyond 9999, which no spreadsheet shows as a date
        return None


#: Excel's built-in number formats that show a date (ECMA-376, 18.8.30: 14-17
#: and 22; 27-36 and 50-58 are the East Asian dates); 18-21 and 45-47 show times only,
#: and so do 32 and 33 in every East Asian locale (h"時"mm"分").
_DATE_FORMAT_IDS = frozenset(str(number) for number in (*range(14, 18), 22, *range(27, 32),
                                                        *range(34, 37), *range(50, 59)))
#: What a format code shows as it is: quoted text, an escaped, padded or
#: repeated character, a [colour] or [condition] (but not an elapsed [h]).
_LITERAL_IN_FORMAT = re.compile(r'"[^"]*"|\\.|[_*].|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_DAY_OR_YEAR = re.compile(r"[dy]", re.IGNORECASE)
#: Hours, seconds, or elapsed minutes ([mm]): the format shows a time.
_TIME_PARTS = re.compile(r"[hs]|\[m+\]", re.IGNORECASE)


def _shows_a_date(number_format: str, code: str | None) -> bool:
    """Whether a number format shows a number as a date: a built-in date
    format, or a code with a day or year, or a month without hours or
    seconds beside it (in "h:mm" the m is minutes), outside its literal text
    ("d/m/yy" and "mmm-yy" are dates; '0" days"' and "h:mm" are not)."""
    if code is None:
        return number_format in _DATE_FORMAT_IDS
    parts = _LITERAL_IN_FORMAT.sub("", code.split(";")[0])
    if _DAY_OR_YEAR.search(parts):
        return True
    return "m" in parts.lower() and not _TIME_PARTS.search(parts)


def _local(tag: str) -> str:
    """A tag or attribute name without its namespace prefix ('x:c' -> 'c')."""
    return tag.rsplit(":", 1)[-1]


def _address(position: tuple[int, int]) -> str:
    return cell_address(*position)


def is_error(value: Any) -> bool:
    return isinstance(value, str) and value in _ERRORS
