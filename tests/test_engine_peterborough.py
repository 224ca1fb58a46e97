"""The engine against Peterborough's published figures (spec sections 2.5-2.9)
and against the spec's formulas worked independently here."""

from __future__ import annotations

import math

import numpy
import pytest

from bcf_workbook import calculate
from bcf_workbook.periods import P4P_BASELINE_QUARTERS, P4P_PAYMENT_QUARTERS, P4P_QUARTERS


@pytest.fixture(scope="module")
def result(peterborough_submission):
    return calculate(peterborough_submission)


@pytest.fixture(scope="module")
def inputs(spec_figures):
    return spec_figures["submission"]


@pytest.fixture(scope="module")
def ref(spec_figures):
    return spec_figures["reference"]


def test_published_baseline_numerators(result):
    published = [4293, 4038, 4099, 4322]
    assert [result.submitted[f"p4p.numerator.{q}"] for q in P4P_BASELINE_QUARTERS] == published


def test_published_quarterly_rates_to_whole_numbers(result):
    rates = [result.submitted[f"p4p.rate.{q}"] for q in P4P_QUARTERS]
    assert round(rates[0]) == 2251
    assert round(rates[-1]) == 2155


def test_published_p4p_results(result):
    values = result.submitted
    assert values["p4p.annual_change"] == -167
    assert round(values["p4p.annual_change_pct"] * 100, 1) == -1.0
    assert values["p4p.annual_saving"] == 249_000
    assert values["p4p.rating"] == "amber"
    assert values["hwb_p4p.performance_fund"] == 249_000
    assert values["hwb_p4p.combined_total"] == 3_105_780


def test_p4p_figures_follow_the_spec_formulas(result, inputs, ref):
    baseline = [sum(round(ccg["baseline_non_elective_activity"][q]
                          * ccg["share_of_ccg_population_in_hwb"]) for ccg in ref["ccgs"])
                for q in P4P_BASELINE_QUARTERS]
    plan = [inputs["p4p_metric"]["plan_numerators"][q] for q in P4P_PAYMENT_QUARTERS]
    population = ref["hwb"]["population_all_age"]
    values = result.submitted
    assert values["p4p.baseline_total"] == sum(baseline)
    assert values["p4p.plan_total"] == sum(plan)
    assert values["p4p.rate.Q1 15/16"] == pytest.approx(3998 / population["2015"] * 100_000)
    assert values["p4p.rate.Q4 15/16"] == pytest.approx(4208 / population["2016"] * 100_000)
    for index, quarter in enumerate(P4P_PAYMENT_QUARTERS):
        change = (plan[index] - baseline[index]) / baseline[index]
        assert values[f"p4p.quarter_change_pct.{quarter}"] == pytest.approx(change)
        expected = "red" if change > 0 else "amber" if change > -0.035 else "green"
        assert values[f"p4p.quarter_rating.{quarter}"] == expected


def test_hwb_p4p_quarterly_breakdown(result, inputs, ref):
    baseline = [result.submitted[f"p4p.numerator.{q}"] for q in P4P_BASELINE_QUARTERS]
    plan = [inputs["p4p_metric"]["plan_numerators"][q] for q in P4P_PAYMENT_QUARTERS]
    changes = [p - b for p, b in zip(plan, baseline)]
    values = result.submitted
    for index, quarter in enumerate(P4P_PAYMENT_QUARTERS):
        assert values[f"hwb_p4p.cumulative_baseline.{quarter}"] == sum(baseline[:index + 1])
        assert values[f"hwb_p4p.cumulative_change.{quarter}"] == sum(changes[:index + 1])
        assert values[f"hwb_p4p.financial_value.{quarter}"] == pytest.approx(
            249_000 * changes[index] / -167)
    assert sum(values[f"hwb_p4p.financial_value.{q}"] for q in P4P_PAYMENT_QUARTERS) == \
        pytest.approx(249_000)


def test_funds_and_summary(result, inputs):
    values = result.submitted
    spend = {row["area_of_spend"]: 0 for row in inputs["expenditure_plan"]}
    for row in inputs["expenditure_plan"]:
        spend[row["area_of_spend"]] += row["2015/16"]
    assert values["summary.expenditure.social_care.2015/16"] == spend["Social Care"] == 6997
    assert values["summary.expenditure.total.2015/16"] == 10_746
    assert values["expenditure.total.2015/16"] == 10_746
    assert values["funding.total.2015/16"] == 10_390
    # CCG-commissioned schemes from the minimum pool, Acute excluded: 150 + 3,749.
    assert values["summary.nhs_out_of_hospital.total.2015/16"] == 3_899
    assert values["hwb_p4p.nhs_commissioned_value"] == 3_899_000
    assert values["hwb_p4p.ringfenced_fund"] == 3_105_780 - 249_000
    assert values["hwb_p4p.shortfall"] == 0
    assert values["summary.benefits.p4p_saving"] == 249
    # Benefits 2015/16: 8 x 28,340 + 167 x 1,490 + 110 x 5,200 (rows missing a figure are blank).
    assert values["benefits.total_saving.2015/16"] == 8 * 28340 + 167 * 1490 + 110 * 5200
    assert values["summary.benefits.non_elective.2015/16"] == pytest.approx(167 * 1490 / 1000)
    assert values["benefits.2015/16.4.total"] is None


def test_overrides_as_submitted_and_intended(result):
    assert result.submitted["metrics.residential_admissions.rate.2013/14"] == 592.8
    assert result.intended["metrics.residential_admissions.rate.2013/14"] == pytest.approx(
        155 / 25980 * 100_000)
    assert result.submitted["metrics.reablement.percent.2013/14"] == 73.8
    assert result.intended["metrics.reablement.percent.2013/14"] == pytest.approx(50 / 65 * 100)
    assert result.submitted["metrics.delayed_transfers.rate.Q1 15/16"] == 1033.3
    assert result.intended["metrics.delayed_transfers.rate.Q1 15/16"] == pytest.approx(
        1511 / 146185 * 100_000)


def test_supporting_metric_figures(result):
    values = result.submitted
    assert values["metrics.residential_admissions.change.2014/15"] == 147 - 155
    assert values["metrics.residential_admissions.change_pct.2014/15"] == pytest.approx(-8 / 155)
    assert values["metrics.residential_admissions.rating.2014/15"] == "green"
    assert values["metrics.reablement.percent.2015/16"] == pytest.approx(750 / 900 * 100)
    assert values["metrics.reablement.rating.2015/16"] == "green"
    assert values["metrics.delayed_transfers.annual_change.2014/15"] == 4 * 1703 - (
        1809 + 1795 + 1550 + 1659)
    assert values["metrics.delayed_transfers.annual_change.2015/16"] == (
        1511 + 1340 + 1188 + 1052) - 4 * 1703
    assert values["metrics.delayed_transfers.rating.2015/16"] == "green"
    # The experience metric was left empty: a validity issue, so red.
    assert values["metrics.patient_experience.rating.2014/15"] == "red"


def _trend(ys, xs, new_x):
    slope, intercept = numpy.polyfit(xs, ys, 1)
    return slope * new_x + intercept


def test_projections_follow_straight_lines(result, ref):
    values = result.submitted
    history = ref["projection_history"]
    known = [*history["non_elective_admissions"].values(), 4293, 4038, 4099, 4322]
    for position, quarter in enumerate(("Q4 14/15", "Q1 15/16", "Q2 15/16", "Q3 15/16",
                                        "Q4 15/16"), start=8):
        expected = round(_trend(known, range(1, 8), position))
        assert values[f"projections.non_elective.count.{quarter}"] == expected
    # As submitted, the residential projection extends the overwritten baseline 592.8.
    rates = [554.3, 481.1, 592.8]
    assert values["projections.residential_admissions.rate.2014/15"] == pytest.approx(
        _trend(rates, [1, 2, 3], 4))
    assert values["projections.residential_admissions.numerator.2015/16"] == round(
        _trend(rates, [1, 2, 3], 5) * 27879 / 100_000)
    percents = [88.9, 78.6, 73.8]
    assert values["projections.reablement.percent.2015/16"] == pytest.approx(
        _trend(percents, [1, 2, 3], 5))
    assert values["projections.reablement.numerator.2014/15"] == round(
        _trend(percents, [1, 2, 3], 4) * 65 / 100)
    days = list(history["delayed_transfers_monthly_days"].values())
    # Apr-14 is the 45th month from Aug-10: Q1 14/15 is months 45-47.
    expected = sum(_trend(days, range(1, 11), month) for month in (45, 46, 47))
    assert values["projections.delayed_transfers.numerator.Q1 14/15"] == pytest.approx(expected)
    assert values["projections.delayed_transfers.rate.Q1 14/15"] == pytest.approx(
        expected / 144612 * 100_000)


def test_every_rating_is_a_rating(result):
    assert result.ratings
    assert all(rating is not None for rating in result.ratings.values())


def test_blank_values_are_none_not_zero(result):
    assert result.submitted["funding.total.2014/15"] == 0  # SUM of nothing is 0 in Excel
    assert result.submitted["benefits.2014/15.1.total"] is None
    assert result.submitted["p4p.rationale"] is None
    assert not any(isinstance(v, float) and math.isnan(v) for v in result.submitted.values())
