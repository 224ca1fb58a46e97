"""The declarative layout is consistent with the model and the engine."""

from __future__ import annotations

import re

from bcf_workbook._formula.compiler import compile_formula
from bcf_workbook._placeholders import PLACEHOLDER
from bcf_workbook.engine import table_sizes
from bcf_workbook.layout import SHEETS, Kind, placement_for
from bcf_workbook.model import flatten


def test_input_cells_are_exactly_the_model_fields(peterborough_submission):
    placement = placement_for(table_sizes(peterborough_submission))
    layout = {c.key for c in placement if c.spec.kind in (Kind.INPUT, Kind.PREPOPULATED)
              and (c.table is None or c.index < len(_rows(peterborough_submission, c.table.key)))}
    model = {key for key, _ in flatten(peterborough_submission)}
    assert layout == model


def _rows(submission, key):
    from bcf_workbook.model import get_path
    return get_path(submission, key)


def test_every_formula_compiles_and_every_placeholder_resolves():
    placement = placement_for({})
    formulas = [c for c in placement if c.spec.formula]
    assert len(formulas) > 400
    for cell in formulas:
        compiled = compile_formula(cell.spec.formula)
        for placeholder in compiled.arguments:
            target = placement.argument_keys(placeholder, cell)
            keys = target if isinstance(target, list) else [target] if isinstance(target, str) else []
            assert all(key in placement.cells for key in keys), (cell.key, placeholder)
        assert PLACEHOLDER.search(placement.excel_formula(cell)) is None


def test_inserted_rows_move_everything_below():
    small, large = placement_for({}), placement_for({"expenditure": 120})
    assert large.cells["expenditure.total.2015/16"].row - small.cells[
        "expenditure.total.2015/16"].row == 70
    formula = large.excel_formula(large.cells["expenditure.total.2015/16"])
    assert re.search(r"\$K\$10:\$K\$129", formula), formula


def test_sheets_stand_in_the_published_order():
    # The published file's order (spec/published/README.md); the expenditure plan, not
    # published, after the Summary; the library's Checks and Reference last.
    assert [sheet.name for sheet in SHEETS] == [
        "Cover", "1. HWB ID", "HWB P4P", "2. HWB Funding Sources", "Summary",
        "3. HWB Expenditure Plan", "4. HWB Benefits Plan", "5. HWB P4P metric",
        "6. HWB Supporting Metrics", "7. Projections", "Checks", "Reference"]


def test_required_dotted_keys_exist(peterborough_submission):
    from bcf_workbook import calculate
    values = calculate(peterborough_submission).submitted
    required = [
        "funding.total.2014/15", "expenditure.total.2015/16",
        "summary.expenditure.acute.2014/15", "summary.nhs_out_of_hospital.social_care.2015/16",
        "summary.nhs_out_of_hospital.total.2015/16", "summary.benefits.reablement.2014/15",
        "summary.benefits.total.2015/16", "summary.benefits.p4p_saving",
        "benefits.total_saving.2014/15", "p4p.numerator.Q4 13/14", "p4p.rate.Q4 15/16",
        "p4p.baseline_total", "p4p.plan_total", "p4p.annual_change", "p4p.annual_change_pct",
        "p4p.annual_saving", "p4p.rating", "p4p.quarter_rating.Q3 15/16",
        "hwb_p4p.performance_fund", "hwb_p4p.combined_total", "hwb_p4p.ringfenced_fund",
        "hwb_p4p.nhs_commissioned_value", "hwb_p4p.shortfall",
        "hwb_p4p.cumulative_baseline.Q4 14/15", "hwb_p4p.cumulative_change.Q1 15/16",
        "hwb_p4p.cumulative_change_pct.Q2 15/16", "hwb_p4p.financial_value.Q3 15/16",
        "metrics.residential_admissions.rate.2013/14",
        "metrics.residential_admissions.change.2014/15",
        "metrics.residential_admissions.change_pct.2015/16",
        "metrics.residential_admissions.rating.2015/16", "metrics.reablement.percent.2014/15",
        "metrics.reablement.change.2014/15", "metrics.reablement.change_pct.2014/15",
        "metrics.reablement.rating.2014/15", "metrics.delayed_transfers.rate.Q1 13/14",
        "metrics.delayed_transfers.annual_change.2014/15",
        "metrics.delayed_transfers.annual_change_pct.2015/16",
        "metrics.delayed_transfers.rating.2014/15",
        "projections.non_elective.count.Q4 14/15", "projections.non_elective.rate.Q4 15/16",
        "projections.residential_admissions.rate.2014/15",
        "projections.residential_admissions.numerator.2015/16",
        "projections.reablement.percent.2014/15", "projections.reablement.numerator.2015/16",
        "projections.delayed_transfers.numerator.Q4 15/16",
    ]
    assert [key for key in required if key not in values] == []


def test_the_parser_reads_every_layout_formula_as_the_formulas_package_does():
    from support.formulas_oracle import translate as by_formulas

    from bcf_workbook._formula.compiler import translate
    templates = sorted({cell.spec.formula for cell in placement_for({}) if cell.spec.formula})
    assert len(templates) > 250
    differing = [t for t in templates if translate(t) != by_formulas(t)]
    assert differing == []


def test_a_key_the_layout_does_not_have_fails_at_once():
    import pytest

    from bcf_workbook.layout import keys
    assert keys.FUNDING_TOTAL("2015/16") == "funding.total.2015/16"
    with pytest.raises(keys.LayoutKeyError):
        keys.Family("funding.totals.{year}", keys.YEARS)      # a key renamed in the layout
    with pytest.raises(keys.LayoutKeyError):
        keys.table_cell("expenditure", 0, "amount")
