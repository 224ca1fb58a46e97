"""A collection's figures and findings as tidy pandas DataFrames, and as CSV,
Parquet and JSON files.

One row per HWB, file and figure, with everything an analyst would otherwise
parse out of the dotted keys in columns of its own: the tab and cell, the
block and row, the period (an ordered categorical, years and quarters in time
order), the unit, whether the HWB typed it, it was pre-populated or the
template derives it, and the value as submitted and as the template intends.
Numbers are in ``value_*`` columns, text (names, choices, ratings, errors,
unreadable text) in ``text_*`` columns. ``counted`` says whether the file
counts in the national roll-up (see :mod:`bcf_workbook.national`), so that
``frame[frame.counted]`` totals to the roll-up's figures.

pandas and pyarrow are the optional extra ``tidy``: ``pip install 'bcf_workbook[tidy]'``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._output import replacing, spreadsheet_safe, strict_json
from ._text import is_number
from .checks import PART2, Report
from .errors import BcfError
from .findings import Severity
from .layout import SHEET_NAMES, Kind
from .layout._figures import PERIODS, figure_facts, table_sizes_of
from .layout._units import MEANINGS, ROUNDING, UNITS
from .national import collect

if TYPE_CHECKING:
    import pandas

    from .batch import BatchReport

FIGURE_COLUMNS = ("hwb", "file", "key", "sheet", "cell", "block", "row_label", "column_label",
                  "period", "unit", "kind", "value_submitted", "value_intended", "text_submitted",
                  "text_intended", "counted")
FINDING_COLUMNS = ("hwb", "file", "code", "severity", "sheet", "cells", "message", "expected",
                   "actual", "keys", "counted")
#: Columns whose text comes from a council's file (a spreadsheet must show, not run, it).
FILE_TEXT = ("hwb", "file", "text_submitted", "text_intended")
FORMATS = ("csv", "parquet", "json")
_SPREADSHEET_TRIGGERS = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise BcfError("tidy data needs pandas and pyarrow: pip install 'bcf_workbook[tidy]'") \
            from None
    return pandas


def _categories() -> dict[str, tuple[list[str], bool]]:
    """The categorical columns: their categories, and whether they are ordered."""
    return {"sheet": (list(SHEET_NAMES), True), "period": (list(PERIODS), True),
            "unit": (list(UNITS), False),
            "kind": ([kind.value for kind in (Kind.INPUT, Kind.PREPOPULATED, Kind.DERIVED)], False),
            "severity": ([severity.value for severity in reversed(Severity)], True)}


def _typed(frame: pandas.DataFrame) -> pandas.DataFrame:
    """The columns in their types: categories for the fixed vocabularies, floats
    for numbers, nullable strings for text, booleans for ``counted``."""
    pandas = _pandas()
    categories = _categories()
    for name in frame.columns:
        if name in categories:
            values, ordered = categories[name]
            frame[name] = pandas.Categorical(frame[name], categories=values, ordered=ordered)
        elif name.startswith("value_"):
            frame[name] = frame[name].astype("float64")
        elif name == "counted":
            frame[name] = frame[name].astype("bool")
        elif name not in ("expected", "actual"):
            frame[name] = frame[name].astype("string")
    return frame


def figures(batch: BatchReport) -> pandas.DataFrame:
    """Every figure of every submission of a batch: one row per HWB, file and
    key (see the module's description)."""
    collection = collect(batch.reports, batch.expected_hwbs)
    columns: dict[str, list[Any]] = {name: [] for name in FIGURE_COLUMNS}
    for report in batch.reports:
        if report.status == "checked" and report.document == PART2:
            _add_figures(columns, report, collection.counts(report))
    return _typed(_pandas().DataFrame(columns))


def _add_figures(columns: dict[str, list[Any]], report: Report, counted: bool) -> None:
    submitted, intended = report.values, report.values_intended
    facts = figure_facts(table_sizes_of(submitted))
    keys = [key for key in submitted if key in facts]
    found = [facts[key] for key in keys]
    values = [submitted[key] for key in keys]
    meant = [intended.get(key) for key in keys]
    moved = report.moved
    for name, items in (
            ("hwb", [report.hwb] * len(keys)), ("file", [report.file] * len(keys)), ("key", keys),
            ("sheet", [fact.sheet for fact in found]),
            ("cell", [moved.get(fact.key, fact.cell) for fact in found]),
            ("block", [fact.block for fact in found]),
            ("row_label", [fact.row_label for fact in found]),
            ("column_label", [fact.column_label for fact in found]),
            ("period", [fact.period for fact in found]), ("unit", [fact.unit for fact in found]),
            ("kind", [fact.kind.value for fact in found]),
            ("value_submitted", [_number(value) for value in values]),
            ("value_intended", [_number(value) for value in meant]),
            ("text_submitted", [_text(value) for value in values]),
            ("text_intended", [_text(value) for value in meant]),
            ("counted", [counted] * len(keys))):
        columns[name].extend(items)


def _number(value: Any) -> float | None:
    return float(value) if is_number(value) else None


def _text(value: Any) -> str | None:
    return None if value is None or is_number(value) else str(value)


def findings(batch: BatchReport) -> pandas.DataFrame:
    """Every finding of every file of a batch, one row each; a file that
    could not be read is one row with the code ``unreadable``."""
    collection = collect(batch.reports, batch.expected_hwbs)
    rows: list[tuple[Any, ...]] = []
    for report in batch.reports:
        counted = collection.counts(report)
        if report.status != "checked":
            rows.append((report.hwb, report.file, "unreadable", Severity.ERROR.value, None, "",
                         report.error, None, None, "", False))
        rows.extend((report.hwb, report.file, finding.code, finding.severity.value, finding.sheet,
                     " ".join(finding.cells), finding.message, finding.expected, finding.actual,
                     " ".join(finding.keys), counted) for finding in report.findings)
    return _typed(_pandas().DataFrame(rows, columns=list(FINDING_COLUMNS)))


# --- files -------------------------------------------------------------------------

def write_figures(frame: pandas.DataFrame, path: str | Path, format: str) -> Path:
    """Write a figures table as CSV, Parquet or JSON (replacing ``path`` only
    once complete); every format states the units (the ``unit`` column;
    Parquet's and JSON's metadata say what each means) and the rounding."""
    path = Path(path)
    with replacing(path) as temporary:
        if format == "parquet":
            _write_parquet(frame, temporary)
        else:
            temporary.write_text(figures_text(frame, format), encoding="utf-8")
    return path


def figures_text(frame: pandas.DataFrame, format: str) -> str:
    """A figures table as CSV (text from files made safe for spreadsheets) or JSON."""
    if format == "csv":
        return str(_csv_safe(frame).to_csv(index=False, lineterminator="\n"))
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    return strict_json({"units": MEANINGS, "rounding": ROUNDING, "figures": records},
                       ensure_ascii=False, indent=1) + "\n"


def _csv_safe(frame: pandas.DataFrame) -> pandas.DataFrame:
    safe = frame.copy()
    for name in FILE_TEXT:
        safe[name] = safe[name].map(spreadsheet_safe, na_action="ignore")
    return safe


def _write_parquet(frame: pandas.DataFrame, path: Path) -> None:
    import pyarrow
    import pyarrow.parquet
    table = pyarrow.Table.from_pandas(frame, preserve_index=False)
    stated = {b"units": json.dumps(MEANINGS, ensure_ascii=False).encode(),
              b"rounding": ROUNDING.encode()}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **stated})
    pyarrow.parquet.write_table(table, str(path))


def read_figures(path: str | Path) -> pandas.DataFrame:
    """A figures table written by :func:`write_figures` (CSV or Parquet), in
    the types :func:`figures` gives."""
    pandas = _pandas()
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return _typed(pandas.read_parquet(path))
    frame = pandas.read_csv(path, dtype={name: "string" for name in FIGURE_COLUMNS
                                         if not name.startswith("value_") and name != "counted"})
    for name in FILE_TEXT:
        frame[name] = frame[name].map(_unescaped, na_action="ignore")
    return _typed(frame)


def _unescaped(text: str) -> str:
    """Text as it was before the CSV made it safe for a spreadsheet."""
    return text[1:] if text.startswith(_SPREADSHEET_TRIGGERS) else text
