"""Hostile and broken files, made from the samples."""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from pathlib import Path

from conftest import ROOT

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
    """Damage that keeps the XML well-formed: values, text and cell types."""
    kind = rng.choice(["values", "texts", "types", "drop-formulas", "formulas"])
    count = rng.randint(1, 30)
    if kind == "values":
        data = re.sub(rb"<v>[^<]*</v>", lambda m: b"<v>" + rng.choice(_VALUES) + b"</v>"
                      if rng.random() < 0.2 else m.group(0), data, count=0)
    elif kind == "texts":
        data = re.sub(rb"<t([^>]*)>[^<]*</t>", lambda m: b"<t" + m.group(1) + b">"
                      + rng.choice(_VALUES) + b"</t>" if rng.random() < 0.3 else m.group(0), data)
    elif kind == "types":
        data = re.sub(rb't="[a-zA-Z]+"', lambda m: b"t=" + rng.choice(_TYPES)
                      if rng.random() < 0.2 else m.group(0), data)
    elif kind == "drop-formulas":
        data = re.sub(rb"<f>[^<]*</f>", b"", data, count=count)
    else:
        data = re.sub(rb"(<c [^>]*>)(<v>)", lambda m: m.group(1) + b"<f>SUM(A1:B2)</f>" + m.group(2)
                      if rng.random() < 0.1 else m.group(0), data)
    return data, kind
