"""Property-based: any submission written and read back is the same submission."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bcf_workbook import Submission, read, write
from bcf_workbook._text import is_blank_text
from bcf_workbook.choices import (
    AreaOfSpend,
    BenefitType,
    Commissioner,
    Direction,
    FundingSource,
    NewOrExisting,
    Organisation,
    Provider,
)
from bcf_workbook.model import (
    Benefit,
    CcgActivity,
    Contribution,
    Funding,
    HwbId,
    OwnMetric,
    Scheme,
    Unreadable,
)
from bcf_workbook.periods import DTOC_QUARTERS, METRIC_YEARS, P4P_BASELINE_QUARTERS, P4P_PLAN_QUARTERS, YEARS
from bcf_workbook.reader._values import number

# XML 1.0 cannot hold most control characters; Excel cannot either.
_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
_text = st.text(_CHARACTERS | st.sampled_from(string.printable[:95]), min_size=1, max_size=300)
text = st.one_of(st.none(), _text.filter(lambda t: not is_blank_text(t)),
                 st.sampled_from(["=1+1", "=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0", "+1"]))
numbers = st.one_of(
    st.none(),
    st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda x: abs(x) < 1e300),
    st.sampled_from([0, -0.0, 1e-300, 123456789.123456789, 0.1 + 0.2]),
    _text.map(number).filter(lambda v: isinstance(v, Unreadable)),
)


def choices(enum):
    return st.one_of(st.none(), st.sampled_from(list(enum)))


def periods(keys):
    return st.fixed_dictionaries({key: numbers for key in keys})


schemes = st.builds(Scheme, text, choices(AreaOfSpend), text, choices(Commissioner), numbers,
                    numbers, choices(Provider), choices(FundingSource), periods(YEARS),
                    choices(NewOrExisting)).filter(lambda s: s != Scheme())
benefits = st.builds(Benefit, choices(BenefitType), text, text, choices(Organisation), numbers,
                     numbers, text).filter(lambda b: b != Benefit())
contributions = st.builds(Contribution, text, periods(YEARS)).filter(
    lambda c: c != Contribution())
ccgs = st.builds(CcgActivity, text, periods(P4P_BASELINE_QUARTERS), numbers, numbers).filter(
    lambda c: c != CcgActivity())


@st.composite
def submissions(draw):
    blank = Submission()
    import dataclasses
    return dataclasses.replace(
        blank,
        hwb_id=HwbId(draw(text), draw(text), draw(text), draw(text)),
        funding=Funding(*(tuple(draw(st.lists(contributions, max_size=8))) for _ in range(3))),
        expenditure=tuple(draw(st.lists(schemes, max_size=60))),
        benefits={year: tuple(draw(st.lists(benefits, max_size=25))) for year in YEARS},
        p4p=dataclasses.replace(blank.p4p, numerator=draw(periods(P4P_PLAN_QUARTERS)),
                                ccgs=tuple(draw(st.lists(ccgs, max_size=8))),
                                unit_cost=draw(numbers), rationale=draw(text)),
        metrics=dataclasses.replace(
            blank.metrics,
            residential_admissions=dataclasses.replace(
                blank.metrics.residential_admissions, numerator=draw(periods(METRIC_YEARS)),
                denominator=draw(periods(METRIC_YEARS)), rationale=draw(text)),
            delayed_transfers=dataclasses.replace(
                blank.metrics.delayed_transfers, numerator=draw(periods(DTOC_QUARTERS))),
            local_metric=OwnMetric(draw(text), draw(choices(Direction)), draw(periods(METRIC_YEARS)),
                                   draw(text))),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(submissions())
def test_read_of_write_is_identity(tmp_path_factory, submission):
    path = tmp_path_factory.mktemp("roundtrip") / "s.xlsx"
    assert read(write(submission, path)) == submission
