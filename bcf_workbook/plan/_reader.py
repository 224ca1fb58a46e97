"""Read a plan workbook into a :class:`ProjectPlan`, by its labels.

Sheets are recognised by their column headings, whatever their tabs are
called; columns by their headings, wherever they are; rows may be inserted,
and a key area's text may run on over several rows (rows whose Key area cell
is blank continue the key area above). Values typed as text are read as
meant: dates written '1/4/17' or 'April 2017', numbers in text columns. The
milestones come from the Milestones sheet, or, when there is none, from each
key area's timescale text.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from .._text import normalise
from ..errors import NotThisDocumentError, WorkbookError
from ..model import Unreadable
from ..reader._xlsx import (  # the one import of the cell reader
    DEFAULT_LIMITS,
    Limits,
    SheetCells,
    WorkbookCells,
    read_cells,
)
from ._layout import LIST_COLUMNS, MILESTONES, PROJECT_PLAN, STATUS_DATE_LABEL, Placement, Sheet
from ._milestones import parse_date, phase_named, with_milestones
from ._model import FocusArea, KeyArea, Milestone, Phase, ProjectPlan
from ._status import COMPLETE_FLAG

TITLE = re.compile(r"^(?P<area>.*?)\s*(?P<first>\d{4})\s*[-–—]\s*(?P<last>\d{4})\s+BCF\s+Project\s+Plan\b",
                   re.IGNORECASE)
FOCUS = re.compile(r"^focus\s+area\s*(?P<number>\d+)\s*[:.\-–]?\s*(?P<name>.*)$", re.IGNORECASE | re.DOTALL)
MILESTONE_INPUTS = ("key_area", "sub_project", "phase", "description", "start", "end",
                    "date_as_written")
NOT_A_DATE = "not a date"
NOT_A_PHASE = "not one of the phases"
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


@dataclasses.dataclass(frozen=True)
class PlanWorkbook:
    """A file as read: the plan, where its parts are, and the status date it holds."""

    path: str
    plan: ProjectPlan
    placement: Placement
    status_date: datetime.date | None


def read(path: str | Path) -> ProjectPlan:
    """The project plan in the workbook at ``path``."""
    return read_workbook(path).plan


def read_workbook(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> PlanWorkbook:
    """The plan in the workbook at ``path``, with where each of its cells is."""
    with read_cells(path, limits) as book:
        return _Reader(book).read()


@dataclasses.dataclass
class _Found:
    """A layout sheet found in the file: the file's sheet, its heading row and
    the column of each heading found."""

    sheet: SheetCells
    header_row: int
    columns: dict[str, int]

    def value(self, row: int, key: str) -> Any:
        col = self.columns.get(key)
        raw = self.sheet.cells.get((row, col)) if col is not None else None
        return raw.value if raw is not None else None

    def text(self, row: int, key: str) -> str | None:
        return _text(self.value(row, key))

    def rows(self) -> list[int]:
        return sorted({row for row, _ in self.sheet.cells if row > self.header_row})

    def address(self, row: int, key: str) -> str:
        return xl_rowcol_to_cell(row, self.columns.get(key, 0))


@dataclasses.dataclass
class _KeyAreaRows:
    """A key area's cells, as text, over the rows it runs."""

    name: str
    parts: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def add(self, found: _Found, row: int) -> None:
        for key in found.columns:
            text = found.text(row, key)
            if text is not None and key != "name":
                self.parts.setdefault(key, []).append(text)

    def key_area(self) -> KeyArea:
        """List columns: a line is an item; other columns: the rows' text, a row a line."""
        fields: dict[str, Any] = {}
        for key, parts in self.parts.items():
            fields[key] = tuple(line.strip() for part in parts for line in part.splitlines()
                                if line.strip()) if key in LIST_COLUMNS else "\n".join(parts)
        return KeyArea(self.name, **fields)


class _Reader:
    def __init__(self, book: WorkbookCells) -> None:
        self.book = book
        self.path = book.path

    def read(self) -> PlanWorkbook:
        plan_sheet = self._find(PROJECT_PLAN)
        if plan_sheet is None:
            headings = ", ".join(f"'{column.label}'" for column in PROJECT_PLAN.columns)
            raise NotThisDocumentError(f"not a BCF project plan: no sheet has the columns {headings}",
                                       file=self.path)
        rows: dict[str, int] = {}
        plan = self._plan(plan_sheet, rows)
        found = {PROJECT_PLAN.name: plan_sheet}
        milestones = self._find(MILESTONES)
        if milestones is None:
            plan, status_date = with_milestones(plan), None
        else:
            found[MILESTONES.name] = milestones
            plan = self._with_milestones(plan, milestones, rows)
            status_date = self._status_date(milestones.sheet)
        placement = Placement(rows, {name: item.sheet.name for name, item in found.items()},
                              {name: item.columns for name, item in found.items()})
        return PlanWorkbook(self.path, plan, placement, status_date)

    # --- sheets and headings -----------------------------------------------------------

    def _find(self, layout: Sheet) -> _Found | None:
        """The sheet with most of the layout's headings in one row (more than
        half of them); on a tie, the one whose tab has the layout's name."""
        candidates = [found for sheet in self.book.sheets
                      if (found := _headings(sheet, layout)) is not None]
        if not candidates:
            return None
        return max(candidates, key=lambda found: (
            len(found.columns), normalise(found.sheet.name) == normalise(layout.name)))

    # --- Project Plan --------------------------------------------------------------------

    def _plan(self, found: _Found, rows: dict[str, int]) -> ProjectPlan:
        area, first_year, last_year = self._title(found)
        focus_areas: list[tuple[FocusArea, list[_KeyAreaRows]]] = []
        for row in found.rows():
            name = found.text(row, "name")
            heading = FOCUS.match(name or "")
            if heading is not None:
                rows[f"focus_areas.{len(focus_areas)}"] = row
                focus_areas.append((FocusArea(int(heading["number"]), heading["name"].strip()), []))
            elif name is not None:
                if not focus_areas:
                    raise WorkbookError(f"the key area '{name[:80]}' comes before any focus area "
                                        "heading ('FOCUS AREA 1: ...')", file=self.path,
                                        sheet=found.sheet.name, cell=found.address(row, "name"))
                key_areas = focus_areas[-1][1]
                rows[f"focus_areas.{len(focus_areas) - 1}.key_areas.{len(key_areas)}"] = row
                key_areas.append(_KeyAreaRows(name))
                key_areas[-1].add(found, row)
            elif any(found.text(row, key) for key in found.columns):
                self._continuation(found, row, focus_areas).add(found, row)
        return ProjectPlan(area, first_year, last_year, tuple(
            dataclasses.replace(focus, key_areas=tuple(rows_.key_area() for rows_ in key_areas))
            for focus, key_areas in focus_areas))

    def _continuation(self, found: _Found, row: int,
                      focus_areas: list[tuple[FocusArea, list[_KeyAreaRows]]]) -> _KeyAreaRows:
        if not focus_areas or not focus_areas[-1][1]:
            column = next(key for key in found.columns if found.text(row, key))
            raise WorkbookError("text with no key area: its Key area cell, and those above it, "
                                "are blank", file=self.path, sheet=found.sheet.name,
                                cell=found.address(row, column))
        return focus_areas[-1][1][-1]

    def _title(self, found: _Found) -> tuple[str | None, int, int]:
        for (row, _), raw in sorted(found.sheet.cells.items()):
            text = _text(raw.value)
            match = TITLE.match(text or "")
            if row < found.header_row and match is not None:
                return match["area"].strip() or None, int(match["first"]), int(match["last"])
        raise WorkbookError("no title of the form '<area> 2017 - 2019 BCF Project Plan' above "
                            "the column headings", file=self.path, sheet=found.sheet.name)

    # --- Milestones -------------------------------------------------------------------------

    def _with_milestones(self, plan: ProjectPlan, found: _Found, rows: dict[str, int]) -> ProjectPlan:
        paths = _key_area_paths(plan)
        milestones: dict[str, list[Milestone]] = {}
        key_area_path = None
        for row in found.rows():
            if not any(found.text(row, key) for key in MILESTONE_INPUTS):
                continue
            if found.text(row, "key_area") is not None or key_area_path is None:
                key_area_path = self._key_area_of(found, row, paths)
            found_here = milestones.setdefault(key_area_path, [])
            rows[f"{key_area_path}.milestones.{len(found_here)}"] = row
            found_here.append(self._milestone(found, row))
        return dataclasses.replace(plan, focus_areas=tuple(
            dataclasses.replace(focus, key_areas=tuple(
                dataclasses.replace(key_area, milestones=tuple(
                    milestones.get(f"focus_areas.{f}.key_areas.{k}", ())))
                for k, key_area in enumerate(focus.key_areas)))
            for f, focus in enumerate(plan.focus_areas)))

    def _key_area_of(self, found: _Found, row: int, paths: dict[tuple[str, str], str]) -> str:
        name = normalise(found.text(row, "key_area") or "")
        focus = normalise(found.text(row, "focus") or "")
        path = paths.get((focus, name)) or paths.get(("", name))
        if path is None:
            raise WorkbookError(f"the milestone's key area '{found.text(row, 'key_area')}' is not on "
                                f"the '{PROJECT_PLAN.name}' sheet", file=self.path,
                                sheet=found.sheet.name, cell=found.address(row, "key_area"))
        return path

    def _milestone(self, found: _Found, row: int) -> Milestone:
        start, start_unread = _date(found.value(row, "start"), last_day=False)
        end, end_unread = _date(found.value(row, "end"), last_day=True)
        written = found.text(row, "date_as_written")
        unreadable = Unreadable(written, found.text(row, "why_no_date") or NOT_A_DATE) \
            if written is not None else start_unread or end_unread
        return Milestone(found.text(row, "description"), found.text(row, "sub_project"),
                         _phase(found.text(row, "phase")), start, end,
                         _complete(found.value(row, "complete")), unreadable)

    def _status_date(self, sheet: SheetCells) -> datetime.date | None:
        for (row, col), raw in sorted(sheet.cells.items()):
            if normalise(raw.value) == normalise(STATUS_DATE_LABEL):
                beside = [cell for (r, c), cell in sorted(sheet.cells.items()) if r == row and c > col]
                return _date(beside[0].value, last_day=False)[0] if beside else None
        return None


def _headings(sheet: SheetCells, layout: Sheet) -> _Found | None:
    """The first row of ``sheet`` holding more than half the layout's headings."""
    wanted = {normalise(label): column.key for column in layout.columns for label in column.labels}
    by_row: dict[int, dict[str, int]] = {}
    for (row, col), raw in sorted(sheet.cells.items()):
        key = wanted.get(normalise(raw.value)) if isinstance(raw.value, str) else None
        if key is not None:
            by_row.setdefault(row, {}).setdefault(key, col)
    for row, columns in sorted(by_row.items()):
        if len(columns) * 2 > len(layout.columns):
            return _Found(sheet, row, columns)
    return None


def _key_area_paths(plan: ProjectPlan) -> dict[tuple[str, str], str]:
    """Each key area's path by (focus area, key area name) as the Milestones sheet
    may name them: the focus area as '3. NAME', 'NAME', '3' or not at all."""
    paths: dict[tuple[str, str], str] = {}
    for placed in plan.key_areas():
        focus, name = placed.focus, normalise(placed.key_area.name)
        for label in (f"{focus.number}. {focus.name}", focus.name, str(focus.number), focus.heading):
            paths.setdefault((normalise(label), name), placed.path)
        paths.setdefault(("", name), placed.path)
    return paths


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value: Any, last_day: bool) -> tuple[datetime.date | None, Unreadable | None]:
    """A date cell: a serial number, or text written as a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2958466:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(value)), None
    text = _text(value) or ""
    day = _iso_date(text) or parse_date(text, last_day)
    return (day, None) if day is not None else (None, Unreadable(text, NOT_A_DATE))


def _iso_date(text: str) -> datetime.date | None:
    """A date typed as YYYY-MM-DD (what a CSV or another tool may leave)."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _phase(text: str | None) -> Phase | Unreadable | None:
    if text is None:
        return None
    return phase_named(text) or Unreadable(text, NOT_A_PHASE)


def _complete(value: Any) -> bool:
    return value is True or normalise(value) in (normalise(COMPLETE_FLAG), "true")
