"""The editions of the layout the reader knows: the template as NHS England
published it (what the library writes), and the layout of files written by
version 0.1.0 of this library, kept as data (``0.1.0.json``: where each cell
and label stood, by today's keys) so that those files keep reading."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from importlib import resources
from typing import Any

from .._elements import (
    CellSpec,
    Column,
    Field,
    Grid,
    GridRow,
    Header,
    Item,
    Sheet,
    Table,
    Text,
    TotalRow,
    words,
)
from .._sheets import HWB_ID, P4P, TEMPLATE_VERSION
from .._workbook import DATA_TABLES, SHEETS, placement_for


@dataclasses.dataclass(frozen=True)
class Edition:
    name: str
    version: str
    sheets: tuple[Sheet, ...]
    #: Sheets whose labels tell this edition from the others.
    identifying: frozenset[str] = frozenset({HWB_ID, P4P})


ORIGINAL = Edition("NHS England 2014", TEMPLATE_VERSION, SHEETS)


@cache
def _specs() -> dict[str, CellSpec]:
    return {cell.key: cell.spec for cell in placement_for({})}


@cache
def _columns() -> dict[tuple[str, str], CellSpec]:
    return {(table.key, column.key): column.cell for table in DATA_TABLES
            for column in table.columns}


def _item(data: dict[str, Any]) -> Item | None:
    specs = _specs()
    if "text" in data:
        return Text(data["at"], words(data["text"]), data["style"], anchor=True)
    if "field" in data:
        spec = specs.get(data["field"])
        return None if spec is None else Field(data["at"], spec, words(data["label"]),
                                               data["label_at"], description=data["label"])
    if "grid" in data:
        rows = tuple(GridRow(row["row"], words(row["label"]),
                             {column: specs[key] for column, key in row["cells"].items()
                              if key in specs}, row["label_column"]) for row in data["rows"])
        return Grid(data["header_row"], {key: (letter, Header(words(header)) if header else None)
                                         for key, (letter, header) in data["columns"].items()},
                    rows, title=data["grid"])
    return _table(data)


def _table(data: dict[str, Any]) -> Table | None:
    specs, columns = _specs(), _columns()
    kept = tuple(Column(column["key"], column["letter"], Header(words(column["header"])),
                        columns[(data["table"], column["key"])])
                 for column in data["columns"] if (data["table"], column["key"]) in columns)
    if not kept:
        return None
    total = data.get("total")
    return Table(data["table"], data["first_row"], kept, data["min_rows"], data["header_row"],
                 total=TotalRow(words(total["label"]), {column: specs[key] for column, key
                                                        in total["cells"].items() if key in specs})
                 if total else None, description=data["table"])


@cache
def v0_1_0() -> Edition:
    text = resources.files(__package__).joinpath("0.1.0.json").read_text(encoding="utf-8")
    data = json.loads(text)
    sheets = tuple(Sheet(sheet["name"], tuple(item for raw in sheet["items"]
                                              if (item := _item(raw)) is not None))
                   for sheet in data["sheets"])
    return Edition("bcf_workbook 0.1.0", data["version"], sheets)


EDITIONS = (ORIGINAL, v0_1_0())
