"""Peterborough's submission of September 2014, rebuilt from the published
figures (``data/peterborough-2014-16.json``) with the edits of the council's
own file: constants typed over formulas, a stray number, blanks where figures
were due. The expenditure rows are a reconstruction whose totals match the
published Summary; the published file showed only totals.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from typing import Any

from .. import periods
from ..choices import (
    AreaOfSpend,
    BenefitType,
    Commissioner,
    FundingSource,
    NewOrExisting,
    Organisation,
    Provider,
)
from ..model import (
    Benefit,
    Contribution,
    Funding,
    HwbId,
    Override,
    Scheme,
    Submission,
)
from ..reference import ReferenceData, blank_submission, load_reference

PETERBOROUGH_OVERRIDES = {
    "metrics.residential_admissions.rate.2013/14": 592.8,
    "metrics.reablement.percent.2013/14": 73.8,
    "metrics.delayed_transfers.rate.Q1 15/16": 1033.3,
    "metrics.delayed_transfers.rate.Q2 15/16": 916.6,
    "metrics.delayed_transfers.rate.Q3 15/16": 813.0,
    "metrics.delayed_transfers.rate.Q4 15/16": 711.7,
}
#: The published file's own quirks, kept as it had them: the 2014/15 protection
#: total left blank while 661 is entered.
PUBLISHED_QUIRKS = {"summary.protection_total.2014/15": None}
PETERBOROUGH_STRAY = {
    "benefits.2015/16.total_row.how": 9770401500,
    # The original's total rows also add up the activity and the unit prices.
    "benefits.2014/15.total_row.change": 567, "benefits.2014/15.total_row.unit_price": 33540,
    "benefits.2015/16.total_row.change": 898, "benefits.2015/16.total_row.unit_price": 35030,
}
#: The Projections sheet's own population for Q4 14/15 (the P4P sheet uses 192,953).
PROJECTIONS_DENOMINATOR = {"Q4 14/15": 190754}


def published() -> dict[str, Any]:
    """The specification's Peterborough figures, as shipped with the package."""
    text = resources.files(__package__).joinpath("data/peterborough-2014-16.json")
    return json.loads(text.read_text(encoding="utf-8"))


def peterborough(reference: ReferenceData | None = None) -> Submission:
    data = published()["submission"]
    blank = blank_submission(reference or load_reference(), data["hwb_id"]["hwb"])
    metrics = data["supporting_metrics"]
    return dataclasses.replace(
        blank,
        hwb_id=HwbId(**data["hwb_id"]),
        funding=Funding(
            local_authority=tuple(_contribution(row) for row in
                                  data["funding_sources"]["local_authority_social_services"]),
            # As published: one CCG in the minimum contribution block, the other rows "-".
            ccg_minimum=tuple(_contribution(row) for row in
                              data["funding_sources"]["ccg_minimum_contribution"]),
            additional_ccg=tuple(_contribution(row) for row in
                                 data["funding_sources"]["additional_ccg_contribution"])),
        expenditure=tuple(_scheme(row) for row in data["expenditure_plan"]),
        benefits={year: tuple(_benefit(row) for row in rows)
                  for year, rows in data["benefits_plan"].items()},
        p4p=dataclasses.replace(blank.p4p, numerator=dict(data["p4p_metric"]["plan_numerators"]),
                                rationale=data["p4p_metric"]["rationale"]),
        metrics=dataclasses.replace(
            blank.metrics,
            residential_admissions=dataclasses.replace(
                blank.metrics.residential_admissions,
                numerator=metrics["residential_admissions"]["numerators"],
                denominator=metrics["residential_admissions"]["denominators"]),
            reablement=dataclasses.replace(
                blank.metrics.reablement, numerator=metrics["reablement"]["numerators"],
                denominator=metrics["reablement"]["denominators"]),
            delayed_transfers=dataclasses.replace(
                blank.metrics.delayed_transfers,
                numerator=metrics["delayed_transfers"]["numerators"])),
        summary=dataclasses.replace(
            blank.summary,
            protection_of_adult_social_care=data["summary"]["protection_of_adult_social_care"],
            protection_if_different=data["summary"]["protection_if_different"]),
        projections=dataclasses.replace(blank.projections, non_elective=dataclasses.replace(
            blank.projections.non_elective, denominator={
                **blank.projections.non_elective.denominator, **PROJECTIONS_DENOMINATOR})),
        overrides=tuple(Override(key, value) for key, value
                        in sorted({**PETERBOROUGH_OVERRIDES, **PUBLISHED_QUIRKS}.items())),
        stray=dict(PETERBOROUGH_STRAY),
    )


def _contribution(row: dict[str, Any]) -> Contribution:
    return Contribution(row.get("name"), {year: row.get(year) for year in periods.YEARS})


def _scheme(row: dict[str, Any]) -> Scheme:
    return Scheme(
        name=row["scheme"], area_of_spend=AreaOfSpend(row["area_of_spend"]),
        commissioner=Commissioner(row["commissioner"]), provider=Provider(row["provider"]),
        source_of_funding=FundingSource(row["source_of_funding"]),
        expenditure={year: row[year] for year in periods.YEARS},
        new_or_existing=NewOrExisting(row["new_or_existing"]))


def _benefit(row: dict[str, Any]) -> Benefit:
    return Benefit(
        benefit_type=BenefitType(row["benefit"]), other=row["other"], schemes=row["schemes"],
        organisation=Organisation(row["organisation"]), change=row["change"],
        unit_price=row["unit_price"], how=row["how"])
