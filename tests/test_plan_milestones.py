"""The milestone parser against the published plan's own phrases (spec section 2).

Expected dates are read off the phrases by hand: a range is its two days, a
month its first to last day, "by" a month its last day only, "End of June"
that day; numbered items ("1 July 2017. 2 March 2019.") are months.
"""

from __future__ import annotations

import calendar
import datetime
import re

import pytest
from conftest import SPEC

from bcf_workbook.plan import Phase, Unreadable, read_timescale

PUBLISHED = SPEC / "published" / "peterborough-cambridgeshire-project-plan-2017-19.txt"
TIMESCALE_COLUMN = 5

SCOPING, CONTRACTING, DELIVERY, WORKS, GO_LIVE, EVALUATION = list(Phase)
CAMPAIGN = "Falls primary prevention campaign"
STRENGTH = "2. Enhancement and expansion of strength and balance training provision"
TRAINERS_P = "3a. Enhancement of Falls Prevention Health Trainer Service - Peterborough"
TRAINERS_C = "3b. Enhancement of Falls Prevention Health Trainer Service - Cambridgeshire"


def d(text):
    return datetime.datetime.strptime(text, "%d/%m/%y").date()


def month(name, year):
    number = list(calendar.month_name).index(name)
    return (datetime.date(year, number, 1),
            datetime.date(year, number, calendar.monthrange(year, number)[1]))


def m(description=None, start=None, end=None, sub=None, phase=None, reason=None):
    return (sub, phase, description, start, end, reason)


def ranged(phase, first, last, sub=None):
    return m(None, d(first), d(last), sub, phase)


#: (phrase as published, the milestones it holds)
PHRASES = [
    ("Approach fully scoped and implementation plan developed - December 2017",
     [m("Approach fully scoped and implementation plan developed", *month("December", 2017))]),
    ("Implementation of new approaches: March 2018",
     [m("Implementation of new approaches", *month("March", 2018))]),
    ('Falls primary prevention campaign Scoping/Design: 1/4/17 – 13/10/17 Practical Completion/"Go Live": '
     "13/10/17 – 3/11/17 Post-Project Evaluation: 3/11/17 - 15/12/17",
     [ranged(SCOPING, "1/4/17", "13/10/17", CAMPAIGN), ranged(GO_LIVE, "13/10/17", "3/11/17", CAMPAIGN),
      ranged(EVALUATION, "3/11/17", "15/12/17", CAMPAIGN)]),
    ("2. Enhancement and expansion of strength and balance training provision Scoping/Design: "
     "1/4/17 – 28/4/17 Contracting/Advertising: 28/4/17 – 7/7/17 Delivery Lead-Time: 7/7/17 – 11/8/17 "
     'Practical Completion/"Go Live": 11/8/17 – 31/3/22 Post-Project Evaluation: 31/3/22 – 28/4/22',
     [ranged(SCOPING, "1/4/17", "28/4/17", STRENGTH), ranged(CONTRACTING, "28/4/17", "7/7/17", STRENGTH),
      ranged(DELIVERY, "7/7/17", "11/8/17", STRENGTH), ranged(GO_LIVE, "11/8/17", "31/3/22", STRENGTH),
      ranged(EVALUATION, "31/3/22", "28/4/22", STRENGTH)]),
    # The recognition's 'Prattical Completion/* Go Live*' is the same phase.
    ("3a. Enhancement of Falls Prevention Health Trainer Service - Peterborough Scoping/Design: "
     "1/4/17 – 12/5/17 Contracting/Advertising: 12/5/17 – 4/8/17 Delivery Lead-Time: 4/8/17 – 29/9/17 "
     "Prattical Completion/* Go Live*: 29/9/17 – 31/3/22 Post-Project Evaluation: 31/3/22 – 28/4/22",
     [ranged(SCOPING, "1/4/17", "12/5/17", TRAINERS_P), ranged(CONTRACTING, "12/5/17", "4/8/17", TRAINERS_P),
      ranged(DELIVERY, "4/8/17", "29/9/17", TRAINERS_P), ranged(GO_LIVE, "29/9/17", "31/3/22", TRAINERS_P),
      ranged(EVALUATION, "31/3/22", "28/4/22", TRAINERS_P)]),
    # A sub-project's name wrapped onto the next printed line.
    ("3b. Enhancement of Falls Prevention Health Trainer Service -\nCambridgeshire Contracting/Advertising: "
     "1/4/17 – 21/7/17 Delivery Lead-Time: 21/7/17 – 15/9/17",
     [ranged(CONTRACTING, "1/4/17", "21/7/17", TRAINERS_C),
      ranged(DELIVERY, "21/7/17", "15/9/17", TRAINERS_C)]),
    ("Scoping/Design: 06/03/17 – 17/04/17", [ranged(SCOPING, "6/3/17", "17/4/17")]),
    ("Delivery Lead-Time: April to end June 2017",
     [m(None, d("1/4/17"), d("30/6/17"), phase=DELIVERY)]),
    ("Works/Installation/Commissioning: April to end of June 2017",
     [m(None, d("1/4/17"), d("30/6/17"), phase=WORKS)]),
    ('Practical Completion/"Go Live"3: End of June 2017',
     [m(None, d("30/6/17"), d("30/6/17"), phase=GO_LIVE)]),
    ("Post-Project Evaluation: January 2018", [m(None, *month("January", 2018), phase=EVALUATION)]),
    ("1st phase Joint Commissioning Plan to include: March 2018 1. Process for co-production agreed and "
     "people identified 2. Set up VCSreference group",
     [m("1st phase Joint Commissioning Plan to include", *month("March", 2018)),
      m("1. Process for co-production agreed and people identified"), m("2. Set up VCSreference group")]),
    ("Single Wellbeing Network commenced: December 2017 Social prescribing pilots commenced: December 2017",
     [m("Single Wellbeing Network commenced", *month("December", 2017)),
      m("Social prescribing pilots commenced", *month("December", 2017))]),
    # "to commence April/May": it starts in the window of the two months.
    ("Phased roll out of case management to non-Trailblazer sites: to commence April//May 17.",
     [m("Phased roll out of case management to non-Trailblazer sites: to commence", d("1/4/17"),
        d("31/5/17"))]),
    ("Pseudonymised tool for case finding rolled out: to commence August 2017.",
     [m("Pseudonymised tool for case finding rolled out: to commence", *month("August", 2017))]),
    ("Joint Care Plan developed: January 2018.", [m("Joint Care Plan developed", *month("January", 2018))]),
    ("Frailty tool training implemented: to commence September 2017. Patient held record/information "
     "sharing approach implemented: March 2018.",
     [m("Frailty tool training implemented: to commence", *month("September", 2017)),
      m("Patient held record/information sharing approach implemented", *month("March", 2018))]),
    ("Elective Care: Baseline assessment completed March 2018\nComprehensively in place by March 2019.",
     [m("Baseline assessment completed", *month("March", 2018), sub="Elective Care"),
      m("Comprehensively in place", None, d("31/3/19"), sub="Elective Care")]),
    ("Emergency / Unscheduled: Improve health D2A, including Continuing Health Care: October 2017. "
     "Implement single D2A model: March 2018",
     [m("Improve health D2A, including Continuing Health Care", *month("October", 2017),
        sub="Emergency / Unscheduled"),
      m("Implement single D2A model", *month("March", 2018), sub="Emergency / Unscheduled")]),
    ("December 2017", [m(None, *month("December", 2017))]),
    ("Single D2A Pathway implemented: March 2018",
     [m("Single D2A Pathway implemented", *month("March", 2018))]),
    # A numbered list of dates, not 'the 1st of July'; 'Ocotber' is kept, not guessed.
    ("1 July 2017. 2 March 2019. 3. Ocotber 2018 4. August 2018",
     [m("Item 1", *month("July", 2017)), m("Item 2", *month("March", 2019)),
      m("Item 3", reason="'Ocotber' is not the name of a month"), m("Item 4", *month("August", 2018))]),
    ("2 March 2019. 3. Ocotber 2018 4. August 2018",
     [m("Item 2", *month("March", 2019)), m("Item 3", reason="'Ocotber' is not the name of a month"),
      m("Item 4", *month("August", 2018))]),
    ("March 2019", [m(None, *month("March", 2019))]),
    ("Fundamental and the second second", [m("Fundamental and the second second")]),
    ("System wide approach to Trusted Assessors fully implemented - March 2019.",
     [m("System wide approach to Trusted Assessors fully implemented", *month("March", 2019))]),
    ("Choice Policy agreed - July 2017 Training - August 2017 Implementation - September 2017\n"
     "Mature system - December 2017",
     [m("Choice Policy agreed", *month("July", 2017)), m("Training", *month("August", 2017)),
      m("Implementation", *month("September", 2017)), m("Mature system", *month("December", 2017))]),
    ("September 201", [m(reason="the year is cut short")]),
    ("2018.", [m(reason="a year without its month")]),
    ("1 Stage 1 - LGA Funded Demonstrator / Proof of Concept",
     [m("1 Stage 1 - LGA Funded Demonstrator / Proof of Concept")]),
]


def _read(text):
    return [(milestone.sub_project, milestone.phase, milestone.description, milestone.start, milestone.end,
             milestone.unreadable.reason if milestone.unreadable else None)
            for milestone in read_timescale(text)]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[phrase[:40] for phrase, _ in PHRASES])
def test_published_phrase(phrase, expected):
    assert _read(phrase) == expected


def test_unreadable_dates_keep_their_text():
    assert [m.unreadable.text for m in read_timescale("September 201\n3. Ocotber 2018")] == [
        "September 201", "Ocotber 2018"]


DATE_LIKE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\b(?:19|20)\d\d?\b|\b(?:january|february|march|april|"
                       r"may|june|july|august|september|october|november|december)\b", re.IGNORECASE)


def _timescale_cells():
    for number, line in enumerate(PUBLISHED.read_text(encoding="utf-8").splitlines(), start=1):
        cells = line.split("\t")
        if len(cells) > TIMESCALE_COLUMN and cells[TIMESCALE_COLUMN].strip() and number > 2:
            yield number, cells[TIMESCALE_COLUMN]


def test_every_timescale_line_of_the_published_text_is_read_or_kept_with_a_reason():
    """No date of the published timescales is lost: each printed line's milestones
    have a date, or the text that could not be read and why, or hold nothing
    that looks like a date."""
    lines = list(_timescale_cells())
    assert len(lines) > 40
    for number, text in lines:
        for milestone in read_timescale(text):
            if milestone.dated:
                continue
            if milestone.unreadable is not None:
                assert milestone.unreadable.reason, (number, text)
            else:
                assert not DATE_LIKE.search(milestone.description or ""), (number, text, milestone)


def test_phrases_cover_every_form_of_spec_section_2():
    forms = {"range with en dash": "1/4/17 – 13/10/17", "range with hyphen": "3/11/17 - 15/12/17",
             "month": "March 2018", "month to end": "April to end June 2017", "end of": "End of June 2017",
             "to commence either month": "April//May 17", "numbered list": "1 July 2017. 2 March 2019.",
             "sub-project": "3a.", "unreadable": "September 201"}
    phrases = "\n".join(phrase for phrase, _ in PHRASES)
    assert all(text in phrases for text in forms.values())


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Go live: 15th September 2017", "15/9/17", "15/9/17"),
    ("Review: November to end March 2018", "1/11/17", "31/3/18"),
    ("Pilot: Dec/Jan 18", "1/12/17", "31/1/18"),
    ("Report due by end of July 2018", None, "31/7/18"),
    ("Launch 01/10/2017", "1/10/17", "1/10/17"),
])
def test_other_spellings(text, start, end):
    milestone, = read_timescale(text)
    assert (milestone.start, milestone.end) == (start and d(start), d(end))


def test_an_impossible_day_is_kept_with_its_reason():
    milestone, = read_timescale("Go live: 31/2/18")
    assert not milestone.dated
    assert milestone.unreadable == Unreadable("31/2/18", "not a day of the calendar")
