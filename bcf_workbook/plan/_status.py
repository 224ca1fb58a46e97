"""A milestone's status as of a date, and where it falls on the timeline.

Each rule is written twice, side by side: in Python (for the cached values,
the checks and the report) and as the workbook's formula, so that the two
cannot drift apart unnoticed (the LibreOffice tests compare them).
Formula placeholders: ``{complete}``, ``{start}``, ``{end}`` (the row's cells),
``{as_of}`` (the status date cell) and ``{month}`` (a timeline column's
first day).
"""

from __future__ import annotations

import datetime

from ._model import Milestone, ProjectPlan, Status

#: What the Complete column holds for a milestone that is done.
COMPLETE_FLAG = "Yes"

STATUS_FORMULA = (
    'IF(OR({complete}="Yes",{complete}=TRUE),"Complete",'
    'IF(AND(ISNUMBER({end}),{end}<{as_of}),"Overdue",'
    'IF(AND(ISNUMBER({end}),{end}<DATE(YEAR({as_of}),MONTH({as_of})+1,1)),"Due this month",'
    'IF(AND(ISNUMBER({start}),{as_of}<{start}),"Not started",'
    'IF(OR(ISNUMBER({start}),ISNUMBER({end})),"In progress","")))))')


def status(milestone: Milestone, as_of: datetime.date) -> Status | None:
    """None for a milestone without a date (the formula shows nothing)."""
    start, end = milestone.start, milestone.end
    if milestone.complete:
        return Status.COMPLETE
    if end is not None and end < as_of:
        return Status.OVERDUE
    if end is not None and end < next_month(as_of):
        return Status.DUE_THIS_MONTH
    if start is not None and as_of < start:
        return Status.NOT_STARTED
    if start is not None or end is not None:
        return Status.IN_PROGRESS
    return None


COVERS_FORMULA = (
    "AND(OR(ISNUMBER({start}),ISNUMBER({end})),"
    "IF(ISNUMBER({start}),{start},{end})<DATE(YEAR({month}),MONTH({month})+1,1),"
    "IF(ISNUMBER({end}),{end},{start})>={month})")


def covers(milestone: Milestone, month: datetime.date) -> bool:
    """True when the milestone runs during ``month`` (its first day)."""
    first, last = milestone.first_day, milestone.last_day
    return first is not None and last is not None and first < next_month(month) and last >= month


STATUS_MONTH_FORMULA = "AND({month}<={as_of},{as_of}<DATE(YEAR({month}),MONTH({month})+1,1))"


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after ``day``'s."""
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of every month from ``first``'s to ``last``'s."""
    found, month = [], first.replace(day=1)
    while month <= last:
        found.append(month)
        month = next_month(month)
    return found


def timeline_months(plan: ProjectPlan) -> list[datetime.date]:
    """The timeline's months: April of the first year to March of the last, and
    on either side as far as the milestones run."""
    days = [day for placed in plan.milestones() if placed.milestone is not None
            for day in (placed.milestone.start, placed.milestone.end) if day is not None]
    return months(min([plan.period_start, *days]), max([plan.period_end, *days]))
