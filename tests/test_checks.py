"""The cross-checks find every problem planted in Peterborough's file (spec
section 5) and the published figures' own inconsistencies, at the right cells."""

from __future__ import annotations

import dataclasses
import re

import openpyxl
import pytest
from conftest import ROOT

from bcf_workbook import calculate
from bcf_workbook.checks import RULES, Severity, catalogue_markdown, check
from bcf_workbook.checks._registry import CHECKS
from bcf_workbook.choices import AreaOfSpend, BenefitType, Commissioner
from bcf_workbook.engine import precedents
from bcf_workbook.model import NOT_A_NUMBER, Unreadable
from bcf_workbook.reference import blank_submission, load_reference
from bcf_workbook.samples import sample

PETERBOROUGH = ROOT / "samples" / "peterborough-2014-16.xlsx"
#: Spec 2.5: the five quarters of the P4P plan.
PLAN_QUARTERS = ("Q4 14/15", "Q1 15/16", "Q2 15/16", "Q3 15/16", "Q4 15/16")
CLEAN = ROOT / "samples" / "synthetic-hwb-001-clean.xlsx"


@pytest.fixture(scope="module")
def report():
    return check(PETERBOROUGH)


@pytest.fixture(scope="module")
def workbook():
    return openpyxl.load_workbook(PETERBOROUGH)


def _one(report, code, key_part):
    found = [f for f in report.findings if f.code == code and any(key_part in k for k in f.keys)]
    assert len(found) == 1, (code, key_part, [f.keys for f in report.findings if f.code == code])
    return found[0]


def _cell_value(workbook, finding, index=0):
    return workbook[finding.sheet][finding.cells[index]].value


@pytest.mark.parametrize("key, typed, numerator, denominator, scale", [
    ("residential_admissions.rate.2013/14", 592.8, 155, 25980, 100_000),
    ("reablement.percent.2013/14", 73.8, 50, 65, 100),
    ("delayed_transfers.rate.Q1 15/16", 1033.3, 1511, 146185, 100_000),
    ("delayed_transfers.rate.Q3 15/16", 813.0, 1188, 146185, 100_000),
    ("delayed_transfers.rate.Q4 15/16", 711.7, 1052, 147793, 100_000),
])
def test_overwritten_rates(report, workbook, key, typed, numerator, denominator, scale):
    finding = _one(report, "rate-not-ratio", key)
    assert finding.severity is Severity.ERROR
    assert finding.sheet == "6. HWB Supporting Metrics"
    assert finding.actual == typed
    assert finding.expected == pytest.approx(numerator / denominator * scale)
    assert _cell_value(workbook, finding) == typed


def test_the_overwritten_rate_within_display_rounding_is_still_reported(report, workbook):
    finding = _one(report, "derived-overwritten-same", "delayed_transfers.rate.Q2 15/16")
    assert finding.actual == 916.6
    assert finding.expected == pytest.approx(1340 / 146185 * 100_000)
    assert _cell_value(workbook, finding) == 916.6


def test_stray_number_in_the_benefits_total_row(report, workbook):
    finding = _one(report, "stray-value", "benefits.2015/16")
    assert finding.actual == 9_770_401_500
    assert finding.sheet == "4. HWB Benefits Plan"
    assert _cell_value(workbook, finding) == 9_770_401_500
    header = [c.value for c in workbook[finding.sheet][re.sub(r"\d+", "", finding.cells[0])]]
    assert any(str(h).startswith("How was the saving value calculated") for h in header)


def test_protection_for_a_year_with_no_spend(report, workbook):
    finding = _one(report, "protection-without-spend", "2014/15")
    assert finding.actual == 661
    assert finding.sheet == "Summary"
    assert _cell_value(workbook, finding) == 661


def test_rationale_missing_for_the_amber_rating_and_the_empty_experience_metric(report):
    assert _one(report, "p4p-rating-amber", "p4p.rating").actual == "amber"
    assert _one(report, "rationale-missing", "p4p.rationale").severity is Severity.ERROR
    assert _one(report, "metric-missing", "patient_experience").sheet == "6. HWB Supporting Metrics"


def test_inconsistencies_of_the_published_figures(report, workbook):
    spend = _one(report, "spend-not-funding", "2015/16")
    assert (spend.expected, spend.actual) == (10_390, 10_746)
    assert str(_cell_value(workbook, spend)).startswith("=SUM(")
    pool = _one(report, "below-minimum-pool", "funding.total.2015/16")
    assert (pool.expected, pool.actual) == (11_999_000, 10_390_000)
    jump = _one(report, "denominator-jump", "reablement.denominator.2014/15")
    assert (jump.expected, jump.actual) == (65, 800)
    assert _one(report, "minimum-spend-not-contribution", "2015/16").actual == 10_746


def test_benefit_rows_without_figures_are_found(report):
    keys = {f.keys[0] for f in report.findings if f.code == "benefit-without-figures"}
    assert "benefits.2015/16.4.change" in keys   # delayed transfers: 500 bed days, no price
    assert "benefits.2015/16.0.change" not in keys


def test_clean_sample_has_no_error_or_warning():
    findings = check(CLEAN).findings
    assert [f for f in findings if f.severity is not Severity.INFO] == []


def _clean():
    return sample("clean")


@pytest.mark.parametrize("change, code", [
    (lambda s: dataclasses.replace(s, hwb_id=dataclasses.replace(s.hwb_id, hwb="Atlantis")),
     "hwb-unknown"),
    (lambda s: dataclasses.replace(s, hwb_id=dataclasses.replace(s.hwb_id,
                                                                 contact_email="bcf.lead at nhs")),
     "email-malformed"),
    (lambda s: dataclasses.replace(s, expenditure=(dataclasses.replace(
        s.expenditure[0], area_of_spend=AreaOfSpend.OTHER, area_other=None),) + s.expenditure[1:]),
     "other-not-specified"),
    (lambda s: dataclasses.replace(s, expenditure=(dataclasses.replace(
        s.expenditure[0], commissioner=Commissioner.JOINT, share_nhs=0.6, share_la=0.3),)
        + s.expenditure[1:]), "joint-shares-not-100"),
    (lambda s: dataclasses.replace(s, expenditure=(dataclasses.replace(
        s.expenditure[0], commissioner=Commissioner.JOINT, share_nhs=None, share_la=None),)
        + s.expenditure[1:]), "joint-shares-missing"),
    (lambda s: dataclasses.replace(s, expenditure=(dataclasses.replace(
        s.expenditure[0], expenditure={"2014/15": Unreadable("about 300", NOT_A_NUMBER),
                                       "2015/16": 1}),) + s.expenditure[1:]), "unreadable-value"),
    (lambda s: dataclasses.replace(s, benefits={**s.benefits, "2015/16": (dataclasses.replace(
        s.benefits["2015/16"][0], unit_price=1800),) + s.benefits["2015/16"][1:]}),
     "non-elective-unit-price"),
    (lambda s: dataclasses.replace(s, benefits={**s.benefits, "2015/16": (dataclasses.replace(
        s.benefits["2015/16"][0], change=10),) + s.benefits["2015/16"][1:]}),
     "non-elective-saving-not-p4p"),
    (lambda s: dataclasses.replace(s, benefits={**s.benefits, "2015/16": s.benefits["2015/16"] + (
        dataclasses.replace(s.benefits["2015/16"][0], schemes="Rapid response team"),)}),
     "benefit-double-counting"),
    (lambda s: dataclasses.replace(s, benefits={**s.benefits, "2014/15": s.benefits["2014/15"] + (
        dataclasses.replace(s.benefits["2014/15"][0], benefit_type=BenefitType.OTHER,
                            other=None, how="12345"),)}), "other-not-specified"),
    (lambda s: dataclasses.replace(s, benefits={**s.benefits, "2014/15": s.benefits["2014/15"] + (
        dataclasses.replace(s.benefits["2014/15"][0], how="12345"),)}), "number-in-text-column"),
    (lambda s: dataclasses.replace(s, p4p=dataclasses.replace(
        s.p4p, numerator={**s.p4p.numerator, "Q4 14/15": 10**6})), "p4p-rating-red"),
    (lambda s: dataclasses.replace(s, p4p=dataclasses.replace(s.p4p, ccgs=(dataclasses.replace(
        s.p4p.ccgs[0], share_of_hwb_population_in_ccg=0.5),) + s.p4p.ccgs[1:])),
     "ccg-shares-not-100"),
    (lambda s: dataclasses.replace(s, p4p=dataclasses.replace(
        s.p4p, denominator={**s.p4p.denominator, "Q1 15/16": 1000})), "denominator-not-reference"),
    (lambda s: dataclasses.replace(s, metrics=dataclasses.replace(s.metrics, reablement=(
        dataclasses.replace(s.metrics.reablement, numerator={
            **s.metrics.reablement.numerator, "2015/16": 10**5})))), "proportion-above-100"),
    (lambda s: dataclasses.replace(s, summary=dataclasses.replace(
        s.summary, protection_of_adult_social_care={"2014/15": 10**6, "2015/16": 1})),
     "protection-above-social-care"),
    (lambda s: dataclasses.replace(s, hwb_id=dataclasses.replace(s.hwb_id, contact_name=None)),
     "required-input-missing"),
    (lambda s: dataclasses.replace(s, stray={"expenditure.total_row.name": "x"}), "stray-value"),
])
def test_each_problem_is_found_where_the_clean_sample_has_none(change, code):
    clean_codes = {f.code for f in check(_clean()).findings}
    assert code not in clean_codes
    assert code in {f.code for f in check(change(_clean())).findings}


def test_a_template_prepopulated_for_a_hwb_points_at_what_to_type_first():
    """The published Peterborough file holds the contact's name in B11 and
    email in B13 of '1. HWB ID'; with nothing typed yet, the findings point
    there, not at the Cover's checklist, and schemes not yet typed are no
    shortfall."""
    reference = load_reference()
    report = check(blank_submission(reference, "Peterborough"), reference)
    missing = [(f.sheet, f.cells) for f in report.findings if f.code == "required-input-missing"]
    assert missing == [("1. HWB ID", ("B11",)), ("1. HWB ID", ("B13",))]
    assert "ringfence-shortfall" not in {f.code for f in report.findings}


def test_an_incomplete_checklist_item_names_the_inputs_it_lacks():
    clean = _clean()
    numerators = {**clean.p4p.numerator, "Q4 14/15": None, "Q2 15/16": None}
    report = check(dataclasses.replace(clean, p4p=dataclasses.replace(clean.p4p, numerator=numerators)))
    finding = next(f for f in report.findings if f.code == "required-input-missing")
    assert finding.keys == ("p4p.numerator.Q4 14/15", "p4p.numerator.Q2 15/16")
    # All five missing: all five named, not only the first.
    numerators = clean.p4p.numerator | dict.fromkeys(PLAN_QUARTERS)
    started = dataclasses.replace(clean.p4p, numerator=numerators, rationale="Plan to follow.")
    report = check(dataclasses.replace(clean, p4p=started))
    missing = [f.keys for f in report.findings if f.code == "required-input-missing"]
    assert tuple(f"p4p.numerator.{quarter}" for quarter in PLAN_QUARTERS) in missing, missing


def test_the_inputs_a_derived_cell_reads_in_the_order_its_formulas_name_them():
    assert precedents(_clean(), "cover.checklist.p4p_plan") == [
        f"p4p.numerator.{quarter}" for quarter in PLAN_QUARTERS]
    assert precedents(_clean(), "cover.checklist.contact_name") == ["hwb_id.contact_name"]
    with pytest.raises(KeyError, match="not a derived cell"):
        precedents(_clean(), "hwb_id.contact_name")


def test_ringfence_shortfall():
    clean = _clean()
    schemes = tuple(dataclasses.replace(s, commissioner=Commissioner.LOCAL_AUTHORITY)
                    for s in clean.expenditure)
    changed = dataclasses.replace(clean, expenditure=schemes)
    shortfall = calculate(changed).submitted["hwb_p4p.shortfall"]
    assert shortfall > 0
    finding = next(f for f in check(changed).findings if f.code == "ringfence-shortfall")
    assert finding.actual == shortfall


def test_every_rule_is_declared_by_a_check_and_every_check_declares_its_rules():
    declared = {rule.code for registered in CHECKS for rule in registered.rules}
    assert declared == set(RULES)
    assert all(registered.rules for registered in CHECKS)
    assert len({registered.function for registered in CHECKS}) == len(CHECKS)


def test_a_check_raises_only_the_rules_it_declares(report):
    by_check = {registered.function.__name__: {rule.code for rule in registered.rules}
                for registered in CHECKS}
    raised = {finding.code for finding in report.findings}
    assert raised <= set().union(*by_check.values())


def test_published_catalogue_is_generated_from_the_rules():
    assert (ROOT / "docs" / "checks.md").read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/checks.md is stale: run `python scripts/regenerate.py`")


def test_typed_over_figures_are_given_with_their_units(report):
    """Spec section 5: the reablement baseline typed as 73.8 (the formula's 50 / 65 x 100 is
    76.9%), the residential baseline 592.8 (155 / 25,980 x 100,000 = 596.61), the protection
    of adult social care for 2014/15 blanked (661, £000 as on the finance tabs)."""
    messages = {finding.cells: finding.message for finding in report.findings
                if finding.code in ("rate-not-ratio", "derived-overwritten")}
    assert messages[("D22",)].endswith("holds the typed value 73.8%; the template's formula gives 76.9%.")
    assert messages[("D11",)].endswith("592.80 per 100,000; the template's formula gives "
                                       "596.61 per 100,000.")
    assert messages[("E20",)].endswith("is blank; the template's formula gives 661 (£000).")


def test_finding_messages_name_sheets_and_cells(report):
    located = [f for f in report.findings if f.cells]
    assert len(located) >= len(report.findings) - 1
    assert all(f.sheet for f in report.findings)
