"""Arbitrary submissions for tests: anything a council might hand in."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from bcf_workbook import periods
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
    NOT_A_NUMBER,
    NOT_IN_LIST,
    Benefit,
    CcgActivity,
    Contribution,
    Funding,
    HwbId,
    OwnMetric,
    Scheme,
    Submission,
    Unreadable,
)
from bcf_workbook.reference import ReferenceData, blank_submission, load_reference

_ODD_TEXT = ("about 300", "=1+1", "Ünïcödé ✓", "x" * 300, "'quoted'", " padded ", "12")


def random_submission(rng: random.Random, reference: ReferenceData | None = None) -> Submission:
    """Anything a council might hand in: any HWB or none, blanks anywhere, text
    where numbers belong, extreme numbers, long and non-ASCII text."""
    reference = reference or load_reference()
    hwb = rng.choice([None, *reference.hwb_names])
    blank = blank_submission(reference, hwb)
    return dataclasses.replace(
        blank,
        hwb_id=HwbId(hwb, _text(rng), _text(rng), _text(rng)),
        funding=Funding(*(tuple(Contribution(_text(rng), {y: _num(rng) for y in periods.YEARS})
                                for _ in range(rng.randint(0, 8))) for _ in range(3))),
        expenditure=tuple(_random_scheme(rng) for _ in range(rng.randint(0, 60))),
        benefits={year: tuple(_random_benefit(rng) for _ in range(rng.randint(0, 24)))
                  for year in periods.YEARS},
        p4p=dataclasses.replace(
            blank.p4p, numerator={q: _num(rng, 5000) for q in periods.P4P_PLAN_QUARTERS},
            ccgs=tuple(CcgActivity(_text(rng), {q: _num(rng, 20000)
                                                for q in periods.P4P_BASELINE_QUARTERS},
                                   _share(rng), _share(rng))
                       for _ in range(rng.randint(0, 7))) if rng.random() < 0.3 else blank.p4p.ccgs,
            rationale=_text(rng)),
        metrics=dataclasses.replace(
            blank.metrics,
            residential_admissions=dataclasses.replace(
                blank.metrics.residential_admissions,
                numerator={y: _num(rng, 300) for y in periods.METRIC_YEARS}),
            reablement=dataclasses.replace(
                blank.metrics.reablement, numerator={y: _num(rng, 900) for y in periods.METRIC_YEARS},
                denominator={y: _num(rng, 900) for y in periods.METRIC_YEARS}),
            delayed_transfers=dataclasses.replace(
                blank.metrics.delayed_transfers,
                numerator={q: _num(rng, 3000) for q in periods.DTOC_QUARTERS}),
            patient_experience=OwnMetric(_text(rng), _choice(rng, Direction),
                                         {y: _num(rng, 100) for y in periods.METRIC_YEARS})),
        summary=dataclasses.replace(blank.summary,
                                    protection_of_adult_social_care={y: _num(rng)
                                                                     for y in periods.YEARS}),
    )


def _random_scheme(rng: random.Random) -> Scheme:
    return Scheme(_text(rng) or "Scheme", _choice(rng, AreaOfSpend), _text(rng),
                  _choice(rng, Commissioner), _share(rng), _share(rng), _choice(rng, Provider),
                  _choice(rng, FundingSource), {y: _num(rng) for y in periods.YEARS},
                  _choice(rng, NewOrExisting))


def _random_benefit(rng: random.Random) -> Benefit:
    return Benefit(_choice(rng, BenefitType), _text(rng), _text(rng) or "Scheme",
                   _choice(rng, Organisation), _num(rng, 1000), _num(rng, 30000), _text(rng))


def _choice(rng: random.Random, choices: Any) -> Any:
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.2:
        return Unreadable("Something else", NOT_IN_LIST)
    return rng.choice(list(choices))


def _num(rng: random.Random, scale: float = 20000) -> Any:
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.2:
        return Unreadable(rng.choice(("about 300", "tbc", "n/k")), NOT_A_NUMBER)
    if roll < 0.25:
        return 0
    if roll < 0.28:
        return rng.choice((1e12, -5, 0.000001, 123456789.123))
    return round(rng.uniform(0, scale), rng.choice((0, 0, 2)))


def _share(rng: random.Random) -> Any:
    roll = rng.random()
    return None if roll < 0.2 else round(rng.uniform(0, 1.2 if roll < 0.3 else 1), 4)


def _text(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.3:
        return None
    if roll < 0.45:
        return rng.choice(_ODD_TEXT)
    return f"Text {rng.randint(1, 10**6)}"
