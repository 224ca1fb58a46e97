"""LibreOffice as the oracle of the plan workbook: it recalculates the status
formulas to the values the library cached, for several status dates, and a
workbook edited in it, the way a person edits it, reads back as meant."""

from __future__ import annotations

import dataclasses
import datetime
import shutil

import openpyxl
import pytest
from conftest import require_libreoffice
from support.cached_values import mismatches
from support.edit_in_libreoffice import edit
from support.recalculate import recalculate

from bcf_workbook.model import Unreadable
from bcf_workbook.plan import (
    FocusArea,
    KeyArea,
    Milestone,
    Phase,
    ProjectPlan,
    published_plan,
    read_workbook,
    status,
    template,
    write,
)

pytestmark = pytest.mark.libreoffice

STATUS_DATES = [datetime.date(2017, 3, 15), datetime.date(2017, 6, 30), datetime.date(2018, 1, 1),
                datetime.date(2019, 4, 30)]
FIRST_MILESTONE_ROW = 6  # Excel's row number of the first milestone
STATUS_COLUMN = "J"


def _day(text):
    return datetime.date.fromisoformat(text)


def _varied_plan():
    """Every case of the status formula: complete, start only, due by, one day,
    this month, undated, unreadable, reversed, a blank accountable body."""
    milestones = (
        Milestone("done", start=_day("2017-04-01"), end=_day("2017-05-01"), complete=True),
        Milestone("start only", start=_day("2018-02-01")),
        Milestone("due by", end=_day("2018-03-31")),
        Milestone("one day", start=_day("2018-03-15"), end=_day("2018-03-15")),
        Milestone("late start this month", start=_day("2018-03-20"), end=_day("2018-03-30")),
        Milestone("undated"),
        Milestone(unreadable=Unreadable("Sept 201", "the year is cut short")),
        Milestone("reversed", start=_day("2018-06-01"), end=_day("2018-02-01")),
        Milestone("phase", "P", Phase.SCOPING_DESIGN, _day("2016-01-01"), _day("2023-12-31")),
    )
    return ProjectPlan("Varied", 2017, 2019, (FocusArea(1, "F", (KeyArea("K", milestones=milestones),)),))


def _serial(day):
    return (day - datetime.date(1899, 12, 30)).days


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    require_libreoffice()
    return tmp_path_factory.mktemp("plan-libreoffice")


def test_libreoffice_recalculates_the_cached_statuses(folder):
    written = [write(published_plan(), folder / f"published-{day}.xlsx", as_of=day) for day in STATUS_DATES]
    written += [write(_varied_plan(), folder / f"varied-{day}.xlsx", as_of=day)
                for day in (datetime.date(2018, 3, 18), datetime.date(2018, 2, 1))]
    written.append(template(folder / "template.xlsx", as_of=datetime.date(2018, 1, 1)))
    saved = recalculate(written, folder / "recalculated")
    for ours, theirs in zip(written, saved):
        assert mismatches(ours, theirs) == [], ours.name


def _statuses(path, count):
    sheet = openpyxl.load_workbook(path, data_only=True)["Milestones"]
    return [sheet[f"{STATUS_COLUMN}{FIRST_MILESTONE_ROW + index}"].value or ""
            for index in range(count)]


def test_changing_the_status_date_in_libreoffice_moves_every_status(folder):
    sample = write(published_plan(), folder / "sample.xlsx", as_of=datetime.date(2018, 1, 1))
    placed = [item.milestone for item in published_plan().milestones()]
    dates = [datetime.date(2017, 5, 15), datetime.date(2018, 3, 20), datetime.date(2022, 4, 15)]
    jobs = [{"source": sample, "target": folder / f"moved-{day}.xlsx", "operations": [
        {"op": "set", "sheet": "Milestones", "cell": "B2", "value": _serial(day)},
        # Row 8, the falls campaign's scoping, marked done.
        {"op": "set", "sheet": "Milestones", "cell": "I8", "value": "Yes"}]} for day in dates]
    edit(jobs)
    done = dataclasses.replace(placed[2], complete=True)
    for day in dates:
        expected = [status(done if index == 2 else milestone, day) for index, milestone in enumerate(placed)]
        assert _statuses(folder / f"moved-{day}.xlsx", len(placed)) == [
            state.value if state else "" for state in expected], day


def _with(plan, focus, key, **changes):
    key_areas = list(plan.focus_areas[focus].key_areas)
    key_areas[key] = dataclasses.replace(key_areas[key], **changes)
    focus_areas = list(plan.focus_areas)
    focus_areas[focus] = dataclasses.replace(focus_areas[focus], key_areas=tuple(key_areas))
    return dataclasses.replace(plan, focus_areas=tuple(focus_areas))


def test_a_workbook_edited_in_libreoffice_reads_as_meant(folder):
    source = folder / "to-edit.xlsx"
    original = write(published_plan(), folder / "original.xlsx", as_of=datetime.date(2018, 1, 1))
    shutil.copyfile(original, source)
    plan_ops = [
        {"op": "set", "sheet": "Project Plan", "cell": "G5", "value": 7},  # a number in a text column
        # A key area's text continued on a row of its own.
        {"op": "insert_rows", "sheet": "Project Plan", "row": 5, "count": 1},
        {"op": "set", "sheet": "Project Plan", "cell": "C6", "value": "Using data to find people at risk"},
        {"op": "set", "sheet": "Project Plan", "cell": "F6", "value": "Review: June 2018"},
        {"op": "insert_rows", "sheet": "Project Plan", "row": 4, "count": 3},
    ]
    milestone_ops = [
        {"op": "set", "sheet": "Milestones", "cell": "G7", "value": "Sept 2018"},  # dates typed as text
        {"op": "set", "sheet": "Milestones", "cell": "F8", "value": "01/04/2017"},
        {"op": "set", "sheet": "Milestones", "cell": "G8", "value": "13 October 2017"},
        {"op": "set", "sheet": "Milestones", "cell": "I8", "value": "yes"},
        {"op": "set", "sheet": "Milestones", "cell": "B9", "value": None},  # same key area as above
        {"op": "insert_rows", "sheet": "Milestones", "row": 10, "count": 2},
    ]
    tabs = [{"op": "rename", "sheet": "Project Plan", "to": "BCF plan"},
            {"op": "rename", "sheet": "Milestones", "to": "Tracker"},
            {"op": "move", "sheet": "Checks", "to": 0}]
    edited = folder / "edited.xlsx"
    edit([{"source": source, "target": edited, "operations": plan_ops + milestone_ops + tabs}])

    plan = published_plan()
    equipment = plan.focus_areas[0].key_areas[0]
    falls = plan.focus_areas[0].key_areas[1]
    expected = _with(plan, 0, 0, activities=(*equipment.activities, "Using data to find people at risk"),
                     timescale=equipment.timescale + "\nReview: June 2018", supporting_documents=("7",),
                     milestones=(equipment.milestones[0],
                                 dataclasses.replace(equipment.milestones[1], end=_day("2018-09-30"))))
    expected = _with(expected, 0, 1, milestones=(dataclasses.replace(falls.milestones[0], complete=True),
                                                 *falls.milestones[1:]))
    workbook = read_workbook(edited)
    assert workbook.plan == expected
    assert workbook.placement.sheet_names == {"Project Plan": "BCF plan", "Milestones": "Tracker"}
    sheet = openpyxl.load_workbook(edited, data_only=True)["Tracker"]
    assert sheet["J8"].value == "Complete"
    assert sheet["H6"].value == "Integrated Commissioning Board"  # LibreOffice followed the inserted rows
