"""The plan workbook: the committed sample, the layout seen by independent
readers (openpyxl, python-calamine), reading back, and the reader's errors."""

from __future__ import annotations

import dataclasses
import datetime
import zipfile

import openpyxl
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from bcf_workbook.errors import WorkbookError
from bcf_workbook.plan import (
    FocusArea,
    KeyArea,
    Milestone,
    Phase,
    ProjectPlan,
    blank_plan,
    published_plan,
    read,
    read_workbook,
    status,
    template,
    write,
)

SAMPLE = ROOT / "samples" / "peterborough-cambridgeshire-project-plan-2017-19.xlsx"
AS_OF = datetime.date(2018, 1, 1)


def test_the_sample_reads_back_to_the_published_plan():
    workbook = read_workbook(SAMPLE)
    assert workbook.plan == published_plan()
    assert workbook.status_date == AS_OF


def test_the_template_reads_back_to_the_blank_plan(tmp_path):
    assert read(template(tmp_path / "blank.xlsx")) == blank_plan()


@pytest.fixture(scope="module")
def sample_book():
    return openpyxl.load_workbook(SAMPLE)


def test_sheets_and_print_setup(sample_book):
    assert sample_book.sheetnames == ["Project Plan", "Milestones", "Checks"]
    for sheet, paper, header in (("Project Plan", "8", "$3:$3"), ("Milestones", "8", "$5:$5"),
                                 ("Checks", "9", "$4:$4")):
        worksheet = sample_book[sheet]
        assert worksheet.page_setup.orientation == "landscape"
        assert str(worksheet.page_setup.paperSize) == paper  # 8 = A3, 9 = A4
        # One page wide (1 is the default a file may leave out), as many pages long as it takes.
        assert (worksheet.page_setup.fitToWidth or 1) == 1 and worksheet.page_setup.fitToHeight == 0
        assert worksheet.sheet_properties.pageSetUpPr.fitToPage
        assert worksheet.print_title_rows == header
    assert sample_book["Project Plan"].freeze_panes == "B4"
    assert sample_book["Milestones"].freeze_panes == "F6"


def test_project_plan_sheet_as_openpyxl_reads_it(sample_book):
    sheet = sample_book["Project Plan"]
    assert sheet["A1"].value == "Peterborough & Cambridgeshire 2017 - 2019 BCF Project Plan"
    assert [cell.value for cell in sheet[3]] == ["Key area", "Aim", "Activities", "Benefits",
                                                 "Accountability", "Timescale", "Supporting Documentation"]
    assert sheet["A4"].value == "FOCUS AREA 1: PREVENTION & EARLY INTERVENTION"
    assert "A4:G4" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["A6"].value == "Ageing Well: Falls Prevention"
    assert sheet["E6"].value == "STP: PCIN Delivery Group"
    assert sheet["D6"].value.splitlines()[0] == "5%-10% reduction in injurious falls admissions"
    assert sheet["C6"].alignment.wrap_text and sheet.row_dimensions[6].height > 100


def test_milestones_sheet_as_openpyxl_reads_it(sample_book):
    sheet = sample_book["Milestones"]
    assert sheet["A2"].value == "Status date" and sheet["B2"].value == datetime.datetime(2018, 1, 1)
    headings = [cell.value for cell in sheet[5]]
    assert headings[:12] == ["Focus area", "Key area", "Sub-project", "Phase", "Milestone", "Start", "End",
                             "Accountable", "Complete", "Status", "Date as written", "Why no date"]
    # The timeline: a month a column from March 2017 (the first milestone) to April 2022 (the last).
    months = headings[12:]
    assert months[0] == datetime.datetime(2017, 3, 1) and months[-1] == datetime.datetime(2022, 4, 1)
    assert len(months) == 62
    # Row 8: the falls campaign's scoping, dates as dates.
    assert [sheet.cell(8, col).value for col in (2, 3, 4, 6, 7)] == [
        "Ageing Well: Falls Prevention", "Falls primary prevention campaign", "Scoping/Design",
        datetime.datetime(2017, 4, 1), datetime.datetime(2017, 10, 13)]
    assert sheet["F8"].number_format == "dd/mm/yyyy"
    assert sheet["J8"].value.startswith('=IF(OR($I8="Yes",$I8=TRUE),"Complete"')
    assert sheet["H8"].value == "='Project Plan'!$E$6&\"\""
    rules = {str(formatting.sqref): [rule.formula[0] for rule in formatting.rules]
             for formatting in sheet.conditional_formatting}
    assert rules["J6:J85"] == ['"Complete"', '"Overdue"', '"Due this month"', '"In progress"',
                               '"Not started"']
    timeline = rules["M6:BV85"]  # 62 months, the milestones and 20 spare rows
    assert len(timeline) == 5 and "DATE(YEAR(M$5),MONTH(M$5)+1,1)" in timeline[0]
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert validations["I6:I85"].formula1 == '"Yes,No"'
    assert validations["F6:F85"].type == "date"


def test_cached_statuses_as_calamine_reads_them():
    """python-calamine reads only what the file caches: the statuses a viewer shows
    without recalculating are the statuses of the milestones."""
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(str(SAMPLE)).get_sheet_by_name("Milestones").to_python()
    placed = list(published_plan().milestones())
    cached = [row[9] for row in rows[5:5 + len(placed)]]
    expected = [status(item.milestone, AS_OF) for item in placed]
    assert cached == [state.value if state else "" for state in expected]
    assert cached.count("Overdue") == 28


def test_checks_sheet_lists_the_findings(sample_book):
    sheet = sample_book["Checks"]
    # Counted and worded as every report counts them ("info", messages as sentences).
    assert sheet["A2"].value == "Checked as of 01/01/2018: 9 errors, 32 warnings, 20 info"
    messages = [row[4].value for row in sheet.iter_rows(min_row=5) if row[0].value]
    assert messages and all(message.endswith(".") for message in messages)
    assert [cell.value for cell in sheet[4]] == ["Code", "Severity", "Sheet", "Cells", "Finding"]
    assert sheet["A5"].value == "plan-accountable-missing" and sheet["D5"].value == "E13"


def test_writing_is_atomic_and_refuses_a_missing_folder(tmp_path):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    write(blank_plan(), target, as_of=AS_OF)
    assert zipfile.is_zipfile(target) and [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]
    with pytest.raises(WorkbookError, match="folder does not exist"):
        write(blank_plan(), tmp_path / "nowhere" / "plan.xlsx")


def test_a_part_2_workbook_is_not_a_plan():
    with pytest.raises(WorkbookError, match="not a BCF project plan: no sheet has the columns 'Key area'"):
        read(ROOT / "samples" / "peterborough-2014-16.xlsx")


def _edited(tmp_path, edit):
    book = openpyxl.load_workbook(SAMPLE)
    edit(book)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


def test_a_milestone_of_an_unknown_key_area_names_its_cell(tmp_path):
    path = _edited(tmp_path, lambda book: book["Milestones"].cell(8, 2, "Ageing Well: Dancing"))
    with pytest.raises(WorkbookError) as raised:
        read(path)
    assert (raised.value.sheet, raised.value.cell) == ("Milestones", "B8")
    assert "'Ageing Well: Dancing' is not on the 'Project Plan' sheet" in str(raised.value)


def test_a_missing_title_is_named(tmp_path):
    path = _edited(tmp_path, lambda book: book["Project Plan"].cell(1, 1, "Our plan"))
    with pytest.raises(WorkbookError, match="no title of the form"):
        read(path)


def test_without_a_milestones_sheet_milestones_come_from_the_timescales(tmp_path):
    path = _edited(tmp_path, lambda book: book.remove(book["Milestones"]))
    assert read(path) == published_plan()


_LINE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                min_size=1, max_size=12)
_WORDS = st.lists(_LINE, min_size=1, max_size=3).map(" ".join)
_NAME = _WORDS.filter(lambda name: not name.casefold().startswith("focus"))
_DAYS = st.none() | st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 12, 31))
_MILESTONE = st.builds(Milestone, st.none() | _WORDS, st.none() | _WORDS, st.none() | st.sampled_from(Phase),
                       _DAYS, _DAYS, st.booleans())
_KEY_AREA = st.builds(KeyArea, _NAME, st.none() | _WORDS, st.lists(_WORDS, max_size=3).map(tuple),
                      st.lists(_WORDS, max_size=3).map(tuple), st.none() | _WORDS, st.none() | _WORDS,
                      st.lists(_WORDS, max_size=2).map(tuple), st.lists(_MILESTONE, max_size=3).map(tuple))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(_WORDS, st.lists(_KEY_AREA, min_size=1, max_size=3,
                                           unique_by=lambda key_area: key_area.name.casefold())),
                min_size=1, max_size=3))
def test_any_plan_reads_back_from_its_workbook(tmp_path_factory, focus_areas):
    plan = ProjectPlan("Somewhere", 2017, 2019, tuple(
        FocusArea(number, name, tuple(key_areas)) for number, (name, key_areas) in enumerate(focus_areas, 1)))
    # Milestones name their key area; twins in two focus areas are told apart by the focus area.
    path = write(plan, tmp_path_factory.mktemp("plans") / "plan.xlsx", as_of=AS_OF)
    assert read(path) == plan


def test_a_plan_with_phases_unread_and_complete_flags_reads_back(tmp_path):
    milestones = (Milestone("Go", "P", Phase.PRACTICAL_COMPLETION_GO_LIVE, datetime.date(2017, 5, 1),
                            datetime.date(2017, 6, 1), complete=True),
                  Milestone(None, None, None, None, None,
                            unreadable=dataclasses.replace(published_plan().focus_areas[2].key_areas[7]
                                                           .milestones[0].unreadable)))
    plan = ProjectPlan(None, 2018, 2020, (FocusArea(2, "F", (KeyArea("K", milestones=milestones),)),))
    assert read(write(plan, tmp_path / "plan.xlsx", as_of=AS_OF)) == plan


def test_dates_typed_as_text_are_read_as_meant(tmp_path):
    def type_dates(book):
        sheet = book["Milestones"]  # row 8: the falls campaign's scoping, 1/4/17 - 13/10/17
        sheet["F8"], sheet["G8"] = "2017-04-01", "13 October 2017"
        sheet["G7"] = "Sept 2018"  # a month, as an end: its last day
        sheet["F9"] = "soon"

    plan = read(_edited(tmp_path, type_dates))
    equipment, falls = plan.focus_areas[0].key_areas[:2]
    assert (equipment.milestones[1].end, falls.milestones[0].start, falls.milestones[0].end) == (
        datetime.date(2018, 9, 30), datetime.date(2017, 4, 1), datetime.date(2017, 10, 13))
    assert (falls.milestones[1].start, falls.milestones[1].unreadable.text) == (None, "soon")
