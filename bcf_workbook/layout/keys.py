"""The layout's keys that code outside the layout names: a contract.

Every key family here is checked against the layout when this module is
imported, for every value its parts may take, so that renaming a key in the
layout fails at once (and in the tests), not as a quiet ``None`` from
``values.get(...)`` in a check or a report.

    keys.FUNDING_TOTAL("2014/15")           -> "funding.total.2014/15"
    keys.METRIC_RATING("reablement", "2015/16")
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache

from .. import choices, periods
from ._reference_fields import NATIONAL_FIELDS
from ._workbook import CHECKLIST as CHECKLIST_ITEMS
from ._workbook import REFERENCE_LISTS as REFERENCE_LIST_NAMES
from ._workbook import placement_for

_PART = re.compile(r"\{(\w+)\}")


class LayoutKeyError(KeyError):
    """A key named outside the layout that the layout does not have."""


@cache
def _known() -> frozenset[str]:
    return frozenset(cell.key for cell in placement_for({}))


class Family:
    """Keys of one pattern, ``funding.total.{year}``, called with their parts in order."""

    def __init__(self, template: str, *domains: Iterable[str]) -> None:
        self.template = template
        self.parts = _PART.findall(template)
        domains = tuple(tuple(domain) for domain in domains)
        if len(domains) != len(self.parts):
            raise ValueError(f"{template}: one domain per part")
        self.domains = domains
        for values in itertools.product(*domains):
            self(*values)

    def __call__(self, *values: str) -> str:
        key = self.template.format(**dict(zip(self.parts, values)))
        if key not in _known():
            raise LayoutKeyError(f"the layout has no key {key!r} ({self.template})")
        return key

    def all(self) -> list[str]:
        return [self(*values) for values in itertools.product(*self.domains)]


def key(name: str) -> str:
    """One key, checked to exist."""
    return Family(name)()


YEARS = periods.YEARS
METRIC_YEARS = periods.METRIC_YEARS
AREAS = tuple(area.slug for area in choices.AreaOfSpend)
OUT_OF_HOSPITAL_AREAS = tuple(area.slug for area in choices.AreaOfSpend
                              if area is not choices.AreaOfSpend.ACUTE)
BENEFITS = tuple(benefit.slug for benefit in choices.BenefitType)
FUNDING_BLOCKS = ("local_authority", "ccg_minimum", "additional_ccg")
RATED_METRICS = ("residential_admissions", "reablement", "delayed_transfers",
                 "patient_experience", "local_metric")
OWN_METRICS = ("patient_experience", "local_metric")

HWB = key("hwb_id.hwb")
TEMPLATE_VERSION = key("cover.template_version")
CONTACT_EMAIL = key("hwb_id.contact_email")

FUNDING_TOTAL = Family("funding.total.{year}", YEARS)
FUNDING_BLOCK_TOTAL = Family("funding.{block}_total.{year}", FUNDING_BLOCKS, YEARS)
EXPENDITURE_TOTAL = Family("expenditure.total.{year}", YEARS)

SUMMARY_SPEND = Family("summary.expenditure.{area}.{year}", (*AREAS, "total"), YEARS)
SUMMARY_OUT_OF_HOSPITAL = Family("summary.nhs_out_of_hospital.{area}.{year}",
                                 (*OUT_OF_HOSPITAL_AREAS, "total"), YEARS)
SUMMARY_BENEFITS = Family("summary.benefits.{benefit}.{year}", (*BENEFITS, "total"), YEARS)
PROTECTION = Family("summary.protection_of_adult_social_care.{year}", YEARS)
MINIMUM_POOL = Family("summary.minimum_pooled_budget.{year}", YEARS)

BENEFIT_CELL = Family("benefits.{year}.{row}.{column}", YEARS, ("0",),
                      ("change", "unit_price", "other", "total"))
BENEFITS_SAVING = Family("benefits.total_saving.{year}", YEARS)

P4P_NUMERATOR = Family("p4p.numerator.{quarter}", periods.P4P_QUARTERS)
P4P_QUARTER_RATING = Family("p4p.quarter_rating.{quarter}", periods.P4P_PAYMENT_QUARTERS)
P4P_RATING = key("p4p.rating")
P4P_RATIONALE = key("p4p.rationale")
P4P_CHANGE = key("p4p.annual_change")
P4P_CHANGE_PCT = key("p4p.annual_change_pct")
P4P_SAVING = key("p4p.annual_saving")
P4P_BASELINE = key("p4p.baseline_total")
P4P_PLAN = key("p4p.plan_total")
P4P_UNIT_COST = key("p4p.unit_cost")
P4P_CCG_SHARE_TOTAL = key("p4p.ccg_share_total")
P4P_SAVING_IN_SUMMARY = key("summary.benefits.p4p_saving")

PERFORMANCE_FUND = key("hwb_p4p.performance_fund")
COMBINED_FUND = key("hwb_p4p.combined_total")
RINGFENCED_FUND = key("hwb_p4p.ringfenced_fund")
NHS_COMMISSIONED = key("hwb_p4p.nhs_commissioned_value")
SHORTFALL = key("hwb_p4p.shortfall")

METRIC_RATING = Family("metrics.{metric}.rating.{year}", RATED_METRICS, YEARS)
METRIC_RATIONALE = Family("metrics.{metric}.rationale", RATED_METRICS)
METRIC_NAME = Family("metrics.{metric}.name", OWN_METRICS)
RATE_PARTS = Family("metrics.{metric}.{part}.{year}", ("residential_admissions", "reablement"),
                    ("numerator", "denominator"), METRIC_YEARS)
RESIDENTIAL_RATE = Family("metrics.residential_admissions.rate.{year}", METRIC_YEARS)
REABLEMENT_PERCENT = Family("metrics.reablement.percent.{year}", METRIC_YEARS)
DTOC_NUMERATOR = Family("metrics.delayed_transfers.numerator.{quarter}", periods.DTOC_QUARTERS)

PROJECTED_COUNT = Family("projections.non_elective.count.{quarter}", periods.PROJECTION_QUARTERS)
PROJECTED_RESIDENTIAL = Family("projections.residential_admissions.rate.{year}", YEARS)
PROJECTED_REABLEMENT = Family("projections.reablement.percent.{year}", YEARS)
PROJECTED_DTOC = Family("projections.delayed_transfers.numerator.{quarter}",
                        periods.DTOC_PROJECTED_QUARTERS)

CHECKLIST = Family("cover.checklist.{item}", tuple(item for checks in CHECKLIST_ITEMS.values()
                                                  for item, *_ in checks))


def table(name: str) -> str:
    """One table's key, checked to exist."""
    if name not in placement_for({}).tables:
        raise LayoutKeyError(f"the layout has no table {name!r}")
    return name


# The tables the writer fills itself: from the reference data, and the Checks log.
CHECKS = table("checks")
REFERENCE_HWBS = table("reference.hwbs")
REFERENCE_CCGS = table("reference.ccgs")
#: Each dropdown list's table by the list's name.
REFERENCE_LISTS = {name: table(f"reference.lists.{name}") for name in REFERENCE_LIST_NAMES}
#: Each national constant's field by the key of its cell.
NATIONAL_FIELD = {key(f"reference.national.{field}"): field for field in NATIONAL_FIELDS}


@cache
def _table_columns() -> frozenset[tuple[str, str]]:
    placement = placement_for({})
    return frozenset((key, column.key) for key, placed in placement.tables.items()
                     for column in placed.table.columns)


def table_cell(table: str, row: int, column: str) -> str:
    """The key of a table's cell (``benefits.2015/16``, row 3, ``change``)."""
    if (table, column) not in _table_columns():
        raise LayoutKeyError(f"the layout has no table {table!r} with a column {column!r}")
    return f"{table}.{row}.{column}"
