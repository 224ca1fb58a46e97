"""The national overview of a batch: totals with their units, RAG counts,
outliers and the charts, from the batch's roll-up."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from .. import periods
from .._text import as_number
from ..checks import Report
from ..choices import AreaOfSpend, BenefitType
from ..layout import keys
from ..layout._units import POUNDS, number, with_unit
from ._charts import P4P_THRESHOLDS, Chart, Point, grouped_chart, ranked_chart
from ._figures import RAG

P4P_CHANGE = keys.P4P_CHANGE_PCT
#: The rated measures in the order of the workbook's tabs.
_METRICS = ("residential_admissions", "reablement", "delayed_transfers", "patient_experience",
            "local_metric")


@dataclasses.dataclass(frozen=True)
class Total:
    """A row of the totals: what is totalled and its figures, formatted."""

    label: str
    figures: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class RagCount:
    """How many HWBs a rating puts in red, amber and green, and how many it leaves unrated."""

    label: str
    counts: tuple[int, ...]
    not_rated: int

    @property
    def total(self) -> int:
        return sum(self.counts) + self.not_rated


@dataclasses.dataclass(frozen=True)
class Outlier:
    """An outlier of the roll-up, in words and formatted figures."""

    measure: str
    hwb: str
    href: str
    value: str
    median: str
    distance: str


@dataclasses.dataclass(frozen=True)
class Overview:
    """The national overview of a batch, ready for the template."""

    submissions: int
    money: tuple[Total, ...]
    p4p: tuple[Total, ...]
    ratings: tuple[RagCount, ...]
    outliers: tuple[Outlier, ...]
    charts: tuple[Chart, ...]
    years: tuple[str, ...] = periods.YEARS


def overview(national: dict[str, Any], reports: Sequence[Report],
             anchor: Callable[[Report], str]) -> Overview:
    """``anchor`` gives the link to a report's section of the page."""
    by_file = {report.file: report for report in reports}

    def href(file: str | None) -> str:
        report = by_file.get(file)
        return "#" + anchor(report) if report else ""

    spend = {year: sum(area[year] for area in national["spend_by_area"].values())
             for year in periods.YEARS}
    savings = {year: sum(benefit[year] for benefit in national["savings_by_benefit"].values())
               for year in periods.YEARS}
    money = (
        Total("Contributions to the pooled budget", _by_year(national["contributions"])),
        Total("Spend in the expenditure plans", _by_year(spend)),
        Total("NHS commissioned out-of-hospital spend from the minimum pool",
              _by_year(national["nhs_out_of_hospital"])),
        Total("Savings in the benefits plans", _by_year(savings)),
    )
    admissions = national["non_elective"]
    change = (admissions["planned_change"] / admissions["baseline"]) if admissions["baseline"] else None
    p4p = (
        Total("Non-elective admissions, baseline (Q4 13/14 to Q3 14/15)",
              (number(admissions["baseline"]),)),
        Total("Non-elective admissions, plan (Q4 14/15 to Q3 15/16)", (number(admissions["plan"]),)),
        Total("Planned change in admissions", (f"{number(admissions['planned_change'])} "
                                               f"({number(change, '%')})",)),
        Total("Performance fund (£)", (with_unit(national["performance_fund"], POUNDS),)),
        Total("Ringfenced fund (£)", (with_unit(national["ringfenced_fund"], POUNDS),)),
    )
    outliers = tuple(Outlier(outlier_measure(item), item["hwb"] or item["file"], href(item["file"]),
                             *_outlier_figures(item)) for item in national["outliers"])
    return Overview(national["submissions"], money, p4p,
                    _rag_counts(national["ratings"], national["submissions"]), outliers,
                    _charts(national, reports, href))


def _by_year(values: dict[str, float]) -> tuple[str, ...]:
    return tuple(number(values[year], "£000") for year in periods.YEARS)


def outlier_measure(item: dict[str, Any]) -> str:
    """What an outlier of the roll-up measures, in words: 'Reablement: % change
    2014/15', 'P4P: annual % change', 'Unit price (£): Other'."""
    key, measure = item["key"], item["measure"]
    if measure.startswith("unit price"):
        return "Unit price (£): " + measure.partition(": ")[2]
    if key == P4P_CHANGE:
        return "P4P: annual % change"
    parts = key.split(".")
    if parts[0] == "metrics" and len(parts) > 2:
        return f"{parts[1].replace('_', ' ').capitalize()}: % change {parts[-1]}"
    return measure


def _outlier_figures(item: dict[str, Any]) -> tuple[str, str, str]:
    if item["measure"].startswith("unit price"):
        value, median = with_unit(item["value"], POUNDS), with_unit(item["median"], POUNDS)
    else:
        value, median = number(item["value"], "%"), number(item["median"], "%")
    return value, median, f"{item['distance']:.1f}"


def rating_label(key: str) -> str:
    """'p4p.quarter_rating.Q4 14/15' -> 'P4P Q4 14/15'; 'metrics.reablement.rating.2015/16'
    -> 'Reablement 2015/16'."""
    if key == keys.P4P_RATING:
        return "P4P, annual"
    parts = key.split(".")
    if parts[0] == "p4p":
        return f"P4P {parts[-1]}"
    return f"{parts[1].replace('_', ' ').capitalize()} {parts[-1]}"


def _rating_order(key: str) -> tuple[int, int, str]:
    parts = key.split(".")
    if parts[0] == "p4p":
        quarter = parts[-1]
        return (0, periods.P4P_QUARTERS.index(quarter) if quarter in periods.P4P_QUARTERS else -1,
                key)
    return (1, _METRICS.index(parts[1]) if parts[1] in _METRICS else len(_METRICS), key)


def _rag_counts(ratings: dict[str, dict[str, int]], submissions: int) -> tuple[RagCount, ...]:
    return tuple(RagCount(rating_label(key), tuple(ratings[key][rag] for rag in RAG),
                          submissions - sum(ratings[key].values()))
                 for key in sorted(ratings, key=_rating_order))


def _charts(national: dict[str, Any], reports: Sequence[Report],
            href: Callable[[str | None], str]) -> tuple[Chart, ...]:
    outlying = {item["file"] for item in national["outliers"] if item["key"] == P4P_CHANGE}
    points = []
    for report in reports:
        change = as_number(report.values.get(P4P_CHANGE))
        if change is not None:
            points.append(Point(report.hwb or report.file or "", change,
                                report.ratings.get(keys.P4P_RATING) or "unrated", href(report.file),
                                report.file in outlying))
    areas = {area.slug: area.value for area in AreaOfSpend}
    benefits = {benefit.slug: benefit.value for benefit in BenefitType}
    return (
        ranked_chart("P4P: planned change in non-elective admissions per HWB (%)", points,
                     P4P_THRESHOLDS),
        grouped_chart("Spend by area of spend (£000)",
                      [(areas[slug], [by_year[year] for year in periods.YEARS])
                       for slug, by_year in national["spend_by_area"].items()],
                      periods.YEARS, "£000"),
        grouped_chart("Savings by benefit type (£000, from the Summary tab)",
                      [(benefits[slug], [by_year[year] for year in periods.YEARS])
                       for slug, by_year in national["savings_by_benefit"].items()],
                      periods.YEARS, "£000"),
    )
