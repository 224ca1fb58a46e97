"""A council's real file in NHS England's original layout reads to the published figures.

The workbook here is ``original_peterborough``: Peterborough's file rebuilt from the
published text alone, with formulas in the original's own style and the typed-over
constants of spec section 5, recalculated by LibreOffice (tests/support/original_layout.py),
not written by this library. Expected figures are the published ones (spec sections 2.5,
2.9 and 5, ``peterborough-part2-2014.txt``).
"""

from __future__ import annotations

import pytest
from conftest import ROOT, require_libreoffice

from bcf_workbook import check, read, read_workbook
from bcf_workbook.periods import P4P_BASELINE_QUARTERS, P4P_PAYMENT_QUARTERS, P4P_QUARTERS

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def original(original_peterborough):
    require_libreoffice()
    return original_peterborough


@pytest.fixture(scope="module")
def report(original):
    return check(original)


def test_every_label_of_the_original_is_found(original):
    workbook = read_workbook(original)
    assert workbook.edition == "NHS England 2014"
    assert workbook.missing == ()


def _published_rounding(value, places=0):
    return round(value, places)


def test_the_published_p4p_metric_is_reproduced(report):
    values = report.values
    assert [values[f"p4p.numerator.{q}"] for q in P4P_BASELINE_QUARTERS] == [4293, 4038, 4099, 4322]
    assert [round(values[f"p4p.rate.{q}"]) for q in P4P_QUARTERS] == [
        2251, 2117, 2149, 2266, 2203, 2072, 2103, 2218, 2155]
    assert values["p4p.annual_change"] == -167
    assert round(values["p4p.annual_change_pct"], 3) == -0.010
    assert values["p4p.annual_saving"] == 249_000
    assert values["p4p.rating"] == "amber"


def test_the_published_hwb_p4p_sheet_is_reproduced(report):
    values = report.values
    assert (values["hwb_p4p.baseline"], values["hwb_p4p.change"]) == (16_752, -167)
    assert values["hwb_p4p.performance_fund"] == 249_000
    assert values["hwb_p4p.combined_total"] == 3_105_780
    assert values["hwb_p4p.ringfenced_fund"] == 2_856_780
    assert values["hwb_p4p.nhs_commissioned_value"] == 3_899_000
    assert values["hwb_p4p.shortfall"] == 0
    quarters = P4P_PAYMENT_QUARTERS
    assert [values[f"hwb_p4p.cumulative_baseline.{q}"] for q in quarters] == [
        4293, 8331, 12430, 16752]
    assert [values[f"hwb_p4p.cumulative_change.{q}"] for q in quarters] == [-43, -83, -124, -167]
    assert [round(values[f"hwb_p4p.cumulative_change_pct.{q}"], 3) for q in quarters] == [
        -0.003, -0.005, -0.007, -0.010]
    assert [round(values[f"hwb_p4p.financial_value.{q}"]) for q in quarters] == [
        64114, 59641, 61132, 64114]


def test_the_published_summary_totals_are_reproduced(report):
    values = report.values
    assert values["summary.expenditure.total.2015/16"] == 10_746
    assert values["summary.expenditure.social_care.2015/16"] == 6_997
    assert values["summary.nhs_out_of_hospital.total.2015/16"] == 3_899
    assert [round(values[f"summary.benefits.total.{year}"]) for year in ("2014/15", "2015/16")] == [
        2827, 1048]
    assert values["summary.benefits.total.p4p"] == 249
    assert values["summary.protection_total.2015/16"] == 6_011
    assert values["funding.total.2015/16"] == 10_390


def _found(report, code, key_part):
    return [f for f in report.findings if f.code == code and any(key_part in k for k in f.keys)]


@pytest.mark.parametrize("code, key", [
    # Section 5: constants typed over the formulas.
    ("rate-not-ratio", "metrics.residential_admissions.rate.2013/14"),
    ("rate-not-ratio", "metrics.reablement.percent.2013/14"),
    ("rate-not-ratio", "metrics.delayed_transfers.rate.Q1 15/16"),
    ("derived-overwritten-same", "metrics.delayed_transfers.rate.Q2 15/16"),
    ("rate-not-ratio", "metrics.delayed_transfers.rate.Q3 15/16"),
    ("rate-not-ratio", "metrics.delayed_transfers.rate.Q4 15/16"),
    # The stray number.
    ("stray-value", "benefits.2015/16.total_row.how"),
    # 2014/15 contributions and spend blank while 661 is confirmed for social care.
    ("protection-without-spend", "summary.protection_of_adult_social_care.2014/15"),
    ("below-minimum-pool", "funding.total.2014/15"),
    # The amber rating without a rationale, the experience metric left empty.
    ("rationale-missing", "p4p.rationale"),
    ("metric-missing", "metrics.patient_experience"),
    ("p4p-rating-amber", "p4p.rating"),
])
def test_every_planted_problem_of_section_5_is_found_once(report, code, key):
    assert len(_found(report, code, key)) == 1


@pytest.mark.parametrize("code, key, expected, actual", [
    # The Summary's 2014/15 protection total left blank while 661 is entered.
    ("derived-overwritten", "summary.protection_total.2014/15", 661, None),
    # The Projections' own population for Q4 14/15.
    ("denominator-not-reference", "projections.non_elective.denominator.Q4 14/15", 192_953, 190_754),
])
def test_the_published_files_own_quirks_are_reported_once(report, code, key, expected, actual):
    [finding] = _found(report, code, key)
    assert (finding.expected, finding.actual) == (expected, actual)


def test_the_benefit_totals_of_unlike_units_are_one_finding(report):
    [finding] = [f for f in report.findings if f.code == "benefit-totals-of-unlike-units"]
    assert finding.cells == ("F20", "G20", "F32", "G32")
    assert "567" in finding.message and "35,030" in finding.message


def test_no_alarm_for_formulas_that_mean_the_templates(report):
    codes = {f.code for f in report.findings}
    assert "label-not-found" not in codes
    assert "derived-formula-changed" not in codes
    assert "derived-stale" not in codes


def test_it_reads_as_our_own_peterborough_sample_does(original):
    theirs = read(original).to_dict()
    ours = read(ROOT / "samples" / "peterborough-2014-16.xlsx").to_dict()
    # Not in the published text, so not in the rebuilt file: the library's own cells.
    for data in (theirs, ours):
        # Rows the published file shows as "-" in the CCG minimum block: no CCG, nothing given.
        data["funding"]["ccg_minimum"] = [row for row in data["funding"]["ccg_minimum"]
                                          if row["name"] or any(row["amounts"].values())]
        data["metrics"]["patient_experience"] = data["metrics"]["local_metric"] = None
        data["summary"].pop("minimum_pooled_budget")
        data["overrides"] = sorted(o["key"] for o in data["overrides"] if o["formula"] is None)
        data.pop("referenced")
        # The rebuilt file computes the 2012-13 residential rate from its numerator and
        # denominator (481.139...), where the reference data holds the published 481.1.
        data["projections"]["residential_admissions"]["rate"].pop("2012/13")
    assert theirs == ours


def _retyped(original, target):
    """The rebuilt file with its labels retyped as councils retype them."""
    import openpyxl
    book = openpyxl.load_workbook(original)
    hwb_id, funding = book["1. HWB ID"], book["2. HWB Funding Sources"]
    hwb_id["B5"] = "PLEASE SELECT HEALTH AND WELLBEING BOARD"           # case, no colon
    hwb_id["B9"] = "Please  provide :"                                  # spaces
    funding["C7"] = None                                                # a header in one cell
    funding["C8"], funding["D8"] = "2014/15 Gross Contribution (£000)", "Gross contribution 2015/16 (£000)"
    funding["B16"] = "Total Local Authority Contribution¹"              # a footnote mark
    metric = book["5. HWB P4P metric"]
    for column in "DEFGHIJKL":                                          # headers one column left
        previous = chr(ord(column) - 1)
        metric[f"{previous}12"] = metric[f"{column}12"].value
    metric["L12"] = None
    metric["B19"] = "P4P annual change in admissions -167"              # label and figure together
    metric["C19"] = None
    book.save(target)
    return target


def test_labels_retyped_as_councils_retype_them_still_read(original, tmp_path):
    retyped = read_workbook(_retyped(original, tmp_path / "retyped.xlsx"))
    assert retyped.missing == ()
    expected = read(original)
    assert retyped.submission.hwb_id == expected.hwb_id
    assert retyped.submission.funding == expected.funding
    assert retyped.submission.p4p == expected.p4p
    assert {o.key: o.value for o in retyped.submission.overrides}["p4p.annual_change"] == -167


def test_tabs_named_like_the_templates_without_its_labels_are_refused(tmp_path):
    import openpyxl

    from bcf_workbook import WorkbookError
    book = openpyxl.Workbook()
    book.active.title = "1. HWB ID"
    for name in ("HWB P4P", "2. HWB Funding Sources", "Summary", "3. HWB Expenditure Plan",
                 "4. HWB Benefits Plan", "5. HWB P4P metric", "6. HWB Supporting Metrics",
                 "7. Projections"):
        sheet = book.create_sheet(name)
        sheet["A1"], sheet["B2"] = "Quarterly sales", 1200
    path = tmp_path / "look-alike.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError, match="not a BCF Part 2 planning workbook"):
        read(path)
