"""The plan's typed objects, their JSON round trip, and the sample's data file
against the published text."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_plan_milestones import PUBLISHED

from bcf_workbook import SubmissionDataError, Unreadable
from bcf_workbook.plan import FocusArea, KeyArea, Milestone, Phase, ProjectPlan, published_plan
from bcf_workbook.plan._sample import published_data


def test_the_published_plan_round_trips_through_json():
    plan = published_plan()
    assert ProjectPlan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


def test_the_published_plan_has_the_structure_of_spec_section_1():
    plan = published_plan()
    assert plan.title == "Peterborough & Cambridgeshire 2017 - 2019 BCF Project Plan"
    assert [(focus.number, len(focus.key_areas)) for focus in plan.focus_areas] == [(1, 4), (2, 1), (3, 8),
                                                                                    (4, 1)]
    assert {key_area.accountable for focus in plan.focus_areas for key_area in focus.key_areas} == {
        "Integrated Commissioning Board", "STP: PCIN Delivery Group", "STP: UEC Delivery Group", None}
    assert (plan.period_start, plan.period_end) == (datetime.date(2017, 4, 1), datetime.date(2019, 3, 31))


@pytest.mark.parametrize(("data", "message"), [
    ({"area": "X", "first_year": "2017", "last_year": 2019}, "first_year: expected a whole number"),
    ({"area": "X", "first_year": 2017, "last_year": 2019, "colour": 1}, "unknown field"),
    ({"area": None, "first_year": 2017, "last_year": 2019, "focus_areas": [
        {"number": 1, "name": "A", "key_areas": [{"name": "K", "milestones": [{"start": "1/4/17"}]}]}]},
     r"focus_areas\.0\.key_areas\.0\.milestones\.0\.start: '1/4/17' is not a date as YYYY-MM-DD"),
    ({"area": None, "first_year": 2017, "last_year": 2019, "focus_areas": [
        {"number": 1, "name": "A", "key_areas": [{"name": "K", "milestones": [{"phase": "Design"}]}]}]},
     "is not one of"),
])
def test_from_dict_names_what_is_wrong(data, message):
    with pytest.raises(SubmissionDataError, match=message):
        ProjectPlan.from_dict(data)


def test_an_unreadable_phase_and_date_round_trip():
    milestone = Milestone("Go live", phase=Unreadable("Desgin", "not one of the phases"),
                          unreadable=Unreadable("Sept 201", "the year is cut short"), complete=True)
    plan = ProjectPlan("A", 2017, 2019, (FocusArea(1, "F", (KeyArea("K", milestones=(milestone,)),)),))
    assert ProjectPlan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
_MILESTONES = st.builds(Milestone, st.none() | _TEXT, st.none() | _TEXT, st.none() | st.sampled_from(Phase),
                        st.none() | st.dates(), st.none() | st.dates(), st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(_MILESTONES, max_size=5), st.lists(_TEXT, max_size=3))
def test_json_round_trip_of_any_plan(milestones, activities):
    plan = ProjectPlan("Area", 2017, 2019, (FocusArea(1, "F", (
        KeyArea("K", activities=tuple(activities), milestones=tuple(milestones)),)),))
    assert ProjectPlan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


# --- the data file reconstructs the published text -------------------------------------------

WORD = re.compile(r"[A-Za-z]+")


def _words(text):
    return {word.casefold() for word in WORD.findall(text)}


def _texts(value):
    """Every text value (not key) of a JSON structure."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_every_word_of_the_sample_is_in_the_published_text_or_a_listed_correction():
    data = published_data()
    allowed = _words(PUBLISHED.read_text(encoding="utf-8"))
    allowed |= {word for note in data["corrected"] for word in _words(note["reconstructed"])}
    used = {word for text in _texts(data["plan"]) for word in _words(text)}
    assert used - allowed == set()


def test_the_sample_notes_list_corrections_and_uncertain_text():
    data = published_data()
    corrected = {(note["published"], note["reconstructed"]) for note in data["corrected"]}
    assert ("Trusted Asessors", "Trusted Assessors") in corrected
    assert any("September 201" in note for note in data["kept_as_published"])
    assert all(note["why"] for note in data["corrected"])


def test_the_sample_keeps_september_201_unread():
    plan = published_plan()
    care_homes = plan.focus_areas[2].key_areas[7]
    assert [milestone.unreadable for milestone in care_homes.milestones] == [
        Unreadable("September 201", "the year is cut short")]


def test_replacing_a_field_keeps_the_plan_frozen():
    plan = published_plan()
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.area = "Elsewhere"  # type: ignore[misc]
