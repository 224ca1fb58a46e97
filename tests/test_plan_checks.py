"""The plan's checks (spec section 4) and the `plan check` command.

Expected figures are read off the published text: which milestones end
before 1 January 2018, which run past 31 March 2019, what the benefits state.
"""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest

from bcf_workbook.checks import RULES as PART2_RULES
from bcf_workbook.cli import main
from bcf_workbook.plan import (
    RULES,
    FocusArea,
    KeyArea,
    Milestone,
    Phase,
    ProjectPlan,
    Status,
    blank_plan,
    check,
    figures,
    published_plan,
    status,
    template,
    write,
)
from bcf_workbook.plan._checks import change_of, hic_focus

AS_OF = datetime.date(2018, 1, 1)
FALLS = "Ageing Well: Falls Prevention"
AF = "Ageing Well: Atrial Fibrillation"
#: Every milestone of the published plan that ends before 1/1/2018: (key area, end).
OVERDUE_ON_1_JANUARY_2018 = sorted([
    ("Community Equipment, DFG, Assistive Technology", "2017-12-31"),
    *[(FALLS, end) for end in ("2017-10-13", "2017-11-03", "2017-12-15",  # the campaign
                               "2017-04-28", "2017-07-07", "2017-08-11",  # 2. strength and balance
                               "2017-05-12", "2017-08-04", "2017-09-29",  # 3a. Peterborough
                               "2017-07-21", "2017-09-15")],              # 3b. Cambridgeshire
    *[(AF, end) for end in ("2017-04-17", "2017-06-30", "2017-06-30", "2017-06-30")],
    ("VCS Joint Commissioning", "2017-12-31"), ("VCS Joint Commissioning", "2017-12-31"),
    *[("MDT Case Management", end) for end in ("2017-05-31", "2017-08-31", "2017-09-30")],
    ("1. Early discharge planning", "2017-10-31"),
    ("2. Systems to monitor patient flow", "2017-12-31"),
    ("4. Home First / Discharge to Assess", "2017-07-31"),
    *[("7. Focus on Choice", end) for end in ("2017-07-31", "2017-08-31", "2017-09-30", "2017-12-31")],
])
#: The go-live phases that run to 31/3/22, past the plan's end.
GO_LIVE_AFTER_2019 = {"2. Enhancement and expansion of strength and balance training provision",
                      "3a. Enhancement of Falls Prevention Health Trainer Service - Peterborough",
                      "3b. Enhancement of Falls Prevention Health Trainer Service - Cambridgeshire"}


def _codes(report):
    return [finding.code for finding in report.findings]


def test_plan_check_reports_overdue_milestones_post_2019_phases_and_all_eight_changes(capsys):
    path = "samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx"
    exit_code = main(["plan", "check", path, "--as-of", "2018-01-01", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert exit_code == 1  # the published plan has errors (key areas without an accountable body)
    overdue = sorted((item["key_area"], item["end"]) for item in report["milestones"]
                     if item["status"] == "Overdue")
    assert overdue == OVERDUE_ON_1_JANUARY_2018
    assert sum(finding["code"] == "plan-overdue" for finding in report["findings"]) == len(overdue)
    late = [item for item in report["milestones"] if item["after_period"]]
    go_live = {item["milestone"].split(" – ")[0] for item in late if 'Go Live"' in item["milestone"]}
    assert go_live == GO_LIVE_AFTER_2019
    assert {item["end"] for item in late} == {"2022-03-31", "2022-04-28"}
    assert sum(finding["code"] == "plan-after-period" for finding in report["findings"]) == len(late) == 6
    assert all(item["key_areas"] for item in report["high_impact_changes"])
    assert report["summary"]["high_impact_changes_listed"] == 8
    assert "plan-hics-complete" in {finding["code"] for finding in report["findings"]}


def test_the_text_report_says_the_same(capsys):
    path = "samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx"
    main(["plan", "check", path, "--as-of", "01/01/2018"])
    text = capsys.readouterr().out
    assert "High Impact Changes: 8 of 8 listed" in text
    assert "28 overdue" in text
    assert "runs to 31/03/2022, after the plan ends (31/03/2019)" in text


def test_check_reports_a_plan_as_of_a_date_as_plan_check_does(capsys):
    path = "samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx"
    main(["check", path, "--as-of", "2018-01-01", "--format", "json"])
    (submission,) = json.loads(capsys.readouterr().out)["submissions"]
    codes = [finding["code"] for finding in submission["findings"]]
    assert codes.count("plan-overdue") == len(OVERDUE_ON_1_JANUARY_2018)
    assert codes.count("plan-after-period") == 6


def _without(plan, name):
    return dataclasses.replace(plan, focus_areas=tuple(
        dataclasses.replace(focus, key_areas=tuple(k for k in focus.key_areas if k.name != name))
        for focus in plan.focus_areas))


def _changed(plan, name, changes):
    return dataclasses.replace(plan, focus_areas=tuple(
        dataclasses.replace(focus, key_areas=tuple(
            dataclasses.replace(k, **changes(k)) if k.name == name else k for k in focus.key_areas))
        for focus in plan.focus_areas))


def _reversed_second_milestone(key_area):
    first, second, *rest = key_area.milestones
    backwards = dataclasses.replace(second, start=datetime.date(2018, 4, 30), end=datetime.date(2018, 3, 1))
    return {"milestones": (first, backwards, *rest)}


def test_a_plan_with_three_defects_gets_exactly_those_findings(tmp_path, capsys):
    clean = published_plan()
    broken = _without(clean, "6. Trusted Assessors")
    broken = _changed(broken, FALLS, lambda k: {"accountable": None})
    broken = _changed(broken, "Community Equipment, DFG, Assistive Technology", _reversed_second_milestone)
    reports = {}
    for name, plan in (("clean", clean), ("broken", broken)):
        path = write(plan, tmp_path / f"{name}.xlsx", as_of=AS_OF)
        main(["plan", "check", str(path), "--as-of", "2018-01-01", "--format", "json"])
        reports[name] = {(finding["code"], finding["message"])
                         for finding in json.loads(capsys.readouterr().out)["findings"]}
    new = reports["broken"] - reports["clean"]
    assert sorted(new) == [
        ("plan-accountable-missing", f"'{FALLS}' has no accountable body."),
        ("plan-hic-missing", "focus area 3 does not list the High Impact Change 'Trusted assessors'."),
        ("plan-range-reversed", "'Community Equipment, DFG, Assistive Technology': Implementation of new "
                                "approaches runs from 30/04/2018 to 01/03/2018."),
    ]


@pytest.mark.parametrize(("name", "change"), [
    ("1. Early discharge planning", "Early discharge planning"),
    ("2. Systems to monitor patient flow", "Systems to monitor patient flow"),
    ("3. Multi-Disciplinary / Multi-Agency Discharge Teams, including the voluntary and community sector "
     "sector", "Multi-disciplinary/multi-agency discharge teams"),
    ("4. Home First / Discharge to Assess", "Home first/discharge to assess"),
    ("5. 7 Day Services", "Seven-day services"),
    ("Seven-day working", "Seven-day services"),
    ("6. Trusted Asessors", "Trusted assessors"),
    ("7. Focus on Choice", "Focus on choice"),
    ("8. Enhanced health in care homes", "Enhancing health in care homes"),
    ("Information & Communication", None),
    ("MDT Case Management", None),
])
def test_high_impact_changes_are_matched_by_meaning_with_the_published_spellings(name, change):
    assert change_of(name) == change


def test_the_focus_area_of_the_changes_is_found_by_its_name_even_when_cut():
    plan = ProjectPlan(None, 2017, 2019, (FocusArea(1, "Other"),
                                          FocusArea(7, "8 HIGH IMPACT CHANGES FOR MAI")))
    assert hic_focus(plan) == 1


def test_a_change_listed_twice_is_reported():
    names = ["Early discharge planning", "Patient flow", "Discharge teams", "Home First", "7 day services",
             "Trusted assessors", "Choice", "Care homes", "Enhanced health in care homes (phase 2)"]
    plan = ProjectPlan(None, 2017, 2019, (FocusArea(3, "HIGH IMPACT CHANGES",
                                                    tuple(KeyArea(name) for name in names)),))
    repeated = [f for f in check(plan, AS_OF).findings if f.code == "plan-hic-repeated"]
    assert len(repeated) == 1 and "Care homes; Enhanced health in care homes (phase 2)" in repeated[0].message


def _project(*phases):
    milestones = tuple(Milestone(sub_project="P", phase=phase, start=datetime.date.fromisoformat(start),
                                 end=datetime.date.fromisoformat(end)) for phase, start, end in phases)
    return ProjectPlan(None, 2017, 2019, (FocusArea(1, "F", (
        KeyArea("K", "aim", ("act",), accountable="Board", milestones=milestones),)),))


@pytest.mark.parametrize(("phases", "expected"), [
    # Handed over on the same day, or the next: no finding.
    ([(Phase.SCOPING_DESIGN, "2017-04-01", "2017-05-12"), (Phase.CONTRACTING_ADVERTISING, "2017-05-12",
                                                           "2017-08-04"),
      (Phase.DELIVERY_LEAD_TIME, "2017-08-05", "2017-09-29")], []),
    # One day between two phases is allowed; two are a gap.
    ([(Phase.SCOPING_DESIGN, "2017-04-01", "2017-04-10"), (Phase.DELIVERY_LEAD_TIME, "2017-04-12",
                                                           "2017-04-20")], []),
    ([(Phase.SCOPING_DESIGN, "2017-04-01", "2017-04-10"), (Phase.DELIVERY_LEAD_TIME, "2017-04-13",
                                                           "2017-04-20")], ["plan-phase-gap"]),
    ([(Phase.SCOPING_DESIGN, "2017-04-01", "2017-04-17"), (Phase.DELIVERY_LEAD_TIME, "2017-04-01",
                                                           "2017-06-30")], ["plan-phase-overlap"]),
    ([(Phase.DELIVERY_LEAD_TIME, "2017-04-01", "2017-04-17"), (Phase.SCOPING_DESIGN, "2017-04-17",
                                                               "2017-06-30")], ["plan-phase-order"]),
    # A reversed range is reported once, not again as a gap or an overlap.
    ([(Phase.SCOPING_DESIGN, "2017-04-01", "2017-05-01"), (Phase.DELIVERY_LEAD_TIME, "2017-09-01",
                                                           "2017-05-01"),
      (Phase.POST_PROJECT_EVALUATION, "2017-05-01", "2017-06-01")], ["plan-range-reversed"]),
])
def test_phases_follow_each_other(phases, expected):
    codes = [code for code in _codes(check(_project(*phases), datetime.date(2017, 1, 1)))
             if code.startswith(("plan-phase", "plan-range"))]
    assert codes == expected


@pytest.mark.parametrize(("start", "end", "complete", "as_of", "expected"), [
    ("2017-04-01", "2017-06-30", True, "2018-01-01", Status.COMPLETE),
    ("2017-04-01", "2017-06-30", False, "2017-07-01", Status.OVERDUE),
    ("2017-04-01", "2017-06-30", False, "2017-06-30", Status.DUE_THIS_MONTH),
    ("2017-06-20", "2017-06-30", False, "2017-06-02", Status.DUE_THIS_MONTH),
    ("2017-04-01", "2017-06-30", False, "2017-03-31", Status.NOT_STARTED),
    ("2017-04-01", "2017-06-30", False, "2017-05-31", Status.IN_PROGRESS),
    (None, "2019-03-31", False, "2018-01-01", Status.IN_PROGRESS),
    ("2017-04-01", None, False, "2017-03-01", Status.NOT_STARTED),
    (None, None, False, "2018-01-01", None),
])
def test_status(start, end, complete, as_of, expected):
    milestone = Milestone(start=start and datetime.date.fromisoformat(start),
                          end=end and datetime.date.fromisoformat(end), complete=complete)
    assert status(milestone, datetime.date.fromisoformat(as_of)) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("5%-10% reduction in injurious falls admissions", ["5–10%"]),
    ("1.5%-3.6% reduction in hip fractures", ["1.5–3.6%"]),
    ("Gross savings of £1.05M (acute health care costs only) on a full year of operation in year one on the "
     "low estimate and gross savings of £2.12M (acute health care costs only) on the higher estimate of "
     "10%/3.6% reduction in admissions.", ["£1,050,000", "£2,120,000", "10%", "3.6%"]),
    ("Overall the investment would lead to 381 additional patients being anticoagulated in year 1 and 476 in "
     "year 2 (this is in addition to the 2495 being anticoagulated in 2015/16). This will lead to 10 fewer "
     "strokes in year 1 and 19 in year 2 (based on 1 stroke prevented for every 25 patient's "
     "anticoagulated).", ["381 patients", "10 strokes", "1 stroke", "25 patients"]),
    ("The potential savings to the NHS from avoiding one stroke event is £11,693 (£3693 admission and £8000 "
     "rehabilitation costs).", ["£11,693", "£3,693", "£8,000"]),
    ("Reduction in DTOCs", []),
    ("In year 2 the service aims to expand and provide case management to 15% of the most frail patients "
     "over 65.", ["15%"]),
])
def test_quantified_benefits(text, expected):
    assert [str(figure) for figure in figures(text)] == expected


def test_benefit_figures_carry_value_unit_and_range():
    low_high, = figures("5%-10% reduction in injurious falls admissions")
    assert (low_high.value, low_high.high, low_high.unit) == (5, 10, "%")
    money, = figures("Gross savings of £1.05M")
    assert (money.value, money.unit, money.text) == (1_050_000, "£", "£1.05M")


def test_the_report_lists_the_published_quantified_benefits():
    report = check(published_plan(), AS_OF)
    stated = {(benefit.key_area, str(figure)) for benefit in report.benefits for figure in benefit.figures}
    assert {(FALLS, "5–10%"), (FALLS, "£1,050,000"), (AF, "381 patients"), (AF, "£11,693"),
            (AF, "£7,604")} <= stated


def test_rules_have_unique_codes_apart_from_part_2():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert not set(codes) & set(PART2_RULES)
    assert all(code.startswith("plan-") for code in codes)


def test_every_finding_has_a_catalogued_code_and_a_cell():
    report = check(published_plan(), AS_OF)
    known = {rule.code: rule for rule in RULES}
    for finding in report.findings:
        assert finding.severity is known[finding.code].severity
        assert finding.cells and finding.sheet in ("Project Plan", "Milestones")


def test_a_plan_started_from_the_template_is_not_a_wall_of_errors(tmp_path):
    """As a blank Part 2 template: each key area with nothing but its name is one
    piece of information, and a key area once started is checked in full."""
    report = check(template(tmp_path / "blank.xlsx"), datetime.date(2018, 1, 1))
    assert {finding.code for finding in report.findings} == {"plan-key-area-not-started",
                                                            "plan-hics-complete"}
    assert sum(finding.code == "plan-key-area-not-started" for finding in report.findings) == 8
    started = blank_plan()
    first = started.focus_areas[0]
    aimed = dataclasses.replace(first.key_areas[0], aim="Discharge planned from admission.")
    started = dataclasses.replace(started, focus_areas=(
        dataclasses.replace(first, key_areas=(aimed, *first.key_areas[1:])), *started.focus_areas[1:]))
    codes = [finding.code for finding in check(started, datetime.date(2018, 1, 1)).findings]
    assert codes.count("plan-key-area-not-started") == 7
    assert {"plan-activities-missing", "plan-accountable-missing", "plan-no-dated-milestone"} <= set(codes)
