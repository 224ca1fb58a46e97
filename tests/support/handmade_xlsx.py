"""Small workbooks written by hand, XML as other producers write it (Excel,
LibreOffice, report generators, the .NET SDK), to test the reader against
python-calamine and openpyxl. Each fixture is a dict of sheets (name to the
XML inside ``<sheetData>``) and options; :func:`build` zips one."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = {
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "chartsheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml",
    "dialogsheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.dialogsheet+xml",
}
_STYLES = (f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/></font></fonts>'
           '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
           '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
           '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="0"/></cellXfs></styleSheet>')


@dataclasses.dataclass
class Handmade:
    """One fixture: its sheets, and how its package is spelled."""

    sheets: dict[str, str]
    strings: list[str] = dataclasses.field(default_factory=list)  # <si> contents, as XML
    #: Extra sheets that hold no cells: name to kind ('chartsheet', 'dialogsheet').
    other_sheets: dict[str, str] = dataclasses.field(default_factory=dict)
    #: How zip entry names are written: as is, upper case, or with backslashes.
    names: str = "plain"
    #: A namespace prefix on every worksheet element ('x' as the .NET SDK writes), or none.
    prefix: str = ""
    date1904: bool = False


def build(fixture: Handmade, target: Path) -> Path:
    parts = _parts(fixture)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(_spelled(name, fixture.names), text)
    return target


def _spelled(name: str, names: str) -> str:
    if names == "upper":
        return name.upper()
    if names == "backslashes":
        return name.replace("/", "\\")
    return name


def _parts(fixture: Handmade) -> dict[str, str]:
    listed = [(name, "worksheet") for name in fixture.sheets] + list(fixture.other_sheets.items())
    parts = {
        "[Content_Types].xml": _content_types(listed),
        "_rels/.rels": _relationships([("rId1", "officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": _workbook(listed, fixture.date1904),
        "xl/_rels/workbook.xml.rels": _relationships(
            [(f"rId{n}", kind, f"{kind}s/sheet{n}.xml") for n, (_, kind) in enumerate(listed, 1)]
            + [("rIdS", "sharedStrings", "sharedStrings.xml"), ("rIdT", "styles", "styles.xml")]),
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">' + "".join(f"<si>{item}</si>"
                                                                 for item in fixture.strings) + "</sst>",
        "xl/styles.xml": _STYLES,
    }
    for n, (name, kind) in enumerate(listed, 1):
        if kind == "worksheet":
            parts[f"xl/worksheets/sheet{n}.xml"] = _worksheet(fixture.sheets[name], fixture.prefix)
        else:
            parts[f"xl/{kind}s/sheet{n}.xml"] = f'<{kind} xmlns="{MAIN}"/>'
    return parts


def _content_types(listed: list[tuple[str, str]]) -> str:
    overrides = "".join(f'<Override PartName="/xl/{kind}s/sheet{n}.xml" '
                        f'ContentType="{_CONTENT_TYPES[kind]}"/>' for n, (_, kind) in enumerate(listed, 1))
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>' + overrides + "</Types>")


def _relationships(targets: list[tuple[str, str, str]]) -> str:
    return (f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            + "".join(f'<Relationship Id="{rid}" Type="{RELATIONSHIPS}/{kind}" Target="{target}"/>'
                      for rid, kind, target in targets) + "</Relationships>")


def _workbook(listed: list[tuple[str, str]], date1904: bool) -> str:
    sheets = "".join(f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
                     for n, (name, _) in enumerate(listed, 1))
    properties = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    return (f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">{properties}<sheets>{sheets}</sheets>'
            "</workbook>")


def _worksheet(data: str, prefix: str) -> str:
    if not prefix:
        return f'<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>'
    data = re.sub(r"<(/?)(?=[a-zA-Z])", rf"<\1{prefix}:", data)
    return (f'<{prefix}:worksheet xmlns:{prefix}="{MAIN}"><{prefix}:sheetData>{data}'
            f"</{prefix}:sheetData></{prefix}:worksheet>")


def inline(text: str) -> str:
    return f'<is><t xml:space="preserve">{text}</t></is>'


#: Each fixture, named for what it tries; the values every reader must agree on
#: come from python-calamine and openpyxl reading the same file, not from here.
FIXTURES: dict[str, Handmade] = {
    "rows-and-cells-without-addresses": Handmade({"Data": (
        "<row><c><v>1</v></c><c><v>2</v></c></row>"
        "<row><c><v>3</v></c></row>"
        '<row r="5"><c><v>4</v></c><c r="D5"><v>5</v></c><c><v>6</v></c></row>'
        f'<row><c t="inlineStr">{inline("x")}</c></row>')}),
    "cells-without-addresses-after-empty-styled-cells": Handmade({"Data": (
        '<row r="1"><c r="A1" s="1"/><c><v>5</v></c><c r="D1" s="1"/><c><v>6</v></c></row>'
        '<row r="2"><c r="A2" s="1" t="s"/><c r="B2" s="1"/><c t="n"><v>7</v></c></row>')}),
    "empty-cells-with-a-space-before-the-slash": Handmade({"Data": (
        '<row r="1"><c r="A1" s="1" /><c><v>7</v></c><c r="C1" s="1" /><c r="D1"><v>8</v></c></row>')}),
    "escapes-in-shared-and-inline-strings": Handmade(
        {"Data": ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                  '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
                  f'<row r="2"><c r="A2" t="inlineStr">{inline("x_x000A_y")}</c>'
                  f'<c r="B2" t="inlineStr">{inline("_x005F_x005F_")}</c>'
                  f'<c r="C2" t="inlineStr">{inline("tab_x0009_here_x000d_")}</c></row>')},
        strings=["<t>a_x000D_b</t>", "<t>_x005F_x005F_</t>", "<t>not _x00G1_ nor _x12_</t>",
                 "<t>caf_x00E9_</t>"]),
    "dates-typed-as-iso-text": Handmade({"Data": (
        '<row r="1"><c r="A1" t="d"><v>2015-04-01</v></c><c r="B1" t="d"><v>2015-04-01T12:00:00</v></c>'
        '<c r="C1" t="d"><v>2016-03-31T06:00:00Z</v></c></row>')}),
    "empty-shared-string-values": Handmade({"Data": (
        '<row r="1"><c r="A1" t="s"><v/></c><c r="B1" t="s"><v></v></c><c r="C1" t="s"><v>0</v></c></row>')},
        strings=["<t>kept</t>"]),
    "rich-text-and-phonetic-runs": Handmade(
        {"Data": ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                  '<c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r>'
                  "<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></is></c></row>")},
        strings=['<r><rPr><b/></rPr><t xml:space="preserve">bold </t></r>'
                 '<r><t xml:space="preserve">and plain</t></r>',
                 '<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/>']),
    "every-value-type": Handmade({"Data": (
        '<row r="1"><c r="A1"><v>42</v></c><c r="B1"><v>-1.5E3</v></c><c r="C1"><v>0.1</v></c>'
        '<c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="e"><v>#N/A</v></c>'
        '<c r="G1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="H1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="I1"><f>SUM(A1:C1)</f><v>-1457.9</v></c><c r="J1" t="inlineStr"><is><t/></is></c></row>')}),
    "part-names-in-upper-case": Handmade({"Data": '<row r="1"><c r="A1"><v>1</v></c></row>'}, names="upper"),
    "zip-entries-with-backslashes": Handmade({"Data": '<row r="1"><c r="A1"><v>1</v></c></row>'},
                                             names="backslashes"),
    "chart-and-dialog-sheets": Handmade({"Data": '<row r="1"><c r="A1"><v>1</v></c></row>',
                                         "More": '<row r="2"><c r="B2"><v>2</v></c></row>'},
                                        other_sheets={"Chart1": "chartsheet", "Dialog1": "dialogsheet"}),
    "namespace-prefixed-elements": Handmade({"Data": (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="2"><c r="A2" s="1"/><c><v>2</v></c></row>')}, prefix="x"),
    "shared-formulas": Handmade({"Data": (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'
        '<c r="C1"><f t="shared" ref="C1:C3" si="0">A1+$B$1*B1</f><v>5</v></c></row>'
        '<row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c>'
        '<c r="C2"><f t="shared" si="0"/><v>11</v></c></row>'
        '<row r="3"><c r="A3"><v>5</v></c><c r="B3"><v>6</v></c>'
        '<c r="C3"><f t="shared" si="0"/><v>17</v></c></row>')}),
    "date-1904-system": Handmade({"Data": '<row r="1"><c r="A1" t="d"><v>2015-04-01</v></c></row>'},
                                 date1904=True),
}
