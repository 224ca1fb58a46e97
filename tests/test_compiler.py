"""The compiler's contract with the runtime: arrays inside SUMPRODUCT, argument
counts, refusals, deleted references and references chosen by IF inside SUM.
Expected values follow Microsoft's documentation of each function (cited); each
was also what LibreOffice 7 computed for the same formula over the same cells."""

from __future__ import annotations

import re

import pytest

from bcf_workbook._formula.compiler import FormulaCompileError, compile_formula
from bcf_workbook._formula.runtime import ERRORS


def evaluate(template: str, *values):
    return compile_formula(template)(values)


def test_sumproduct_of_comparisons_adds_the_rows_that_match():
    # Microsoft, SUMPRODUCT: =SUMPRODUCT((Table1[Item]="x")*Table1[Sales]) sums the sales of x.
    areas = ["CCG", "LA", "CCG", None]
    spend = [10.0, 20.0, 30.0, 40.0]
    assert evaluate('SUMPRODUCT(({t.*.area}="CCG")*{t.*.spend})', areas, spend) == 40.0
    assert evaluate('SUMPRODUCT(({t.*.area}="ccg")*({t.*.spend}>15),{t.*.spend})', areas, spend) == 30.0


def test_an_error_in_one_item_of_an_array_fails_sumproduct():
    spend = [1.0, ERRORS["#N/A"]]
    assert str(evaluate("SUMPRODUCT(({t.*.spend}>0)*{t.*.spend})", spend)) == "#N/A"
    assert str(evaluate("SUMPRODUCT(1/{t.*.spend})", [1.0, 0.0])) == "#DIV/0!"


def test_a_one_item_array_goes_with_every_item_of_the_other():
    assert evaluate("SUMPRODUCT({a.*.x}*{b.*.x})", [1.0, 2.0], [3.0]) == 9.0


def test_an_error_in_an_array_constant_is_an_error_value():
    # Microsoft, SUMPRODUCT: an error in an array gives the error.
    assert str(evaluate("SUMPRODUCT({1,#N/A})")) == "#N/A"
    assert evaluate('COUNTA({1,"#N/A",#N/A})') == 3.0


def test_arrays_of_unequal_length_give_na_past_the_shorter_as_in_excel():
    # Microsoft, "Guidelines and examples of array formulas": a smaller array is expanded
    # with #N/A. LibreOffice cuts to the shorter instead (docs/spreadsheet-semantics.md, Limits).
    assert str(evaluate("SUMPRODUCT({a.*.x}*{b.*.x})", [1.0, 2.0, 3.0], [3.0, 4.0])) == "#N/A"


def test_a_cell_shows_one_value_of_an_array():
    assert evaluate("{t.*.spend}*2", [21.0]) == 42.0
    assert str(evaluate("{t.*.spend}*2", [1.0, 2.0])) == "#VALUE!"


def test_a_reference_chosen_by_if_inside_sum_skips_text_as_a_range_does():
    # Microsoft, SUM: text in a referenced cell is ignored; text typed as an argument is read.
    assert evaluate("SUM(IF(TRUE,{a}))", "5") == 0.0
    assert evaluate("SUM(IFERROR({a},0),{b})", "5", 2.0) == 2.0


def test_a_deleted_reference_fails_counta_but_iferror_catches_it():
    # A file holds #REF! where a deleted sheet's reference was; LibreOffice, deleting
    # the sheet, shows #REF! in COUNTA over it (tests/test_errors_flow.py).
    assert str(evaluate("COUNTA(#REF!)")) == "#REF!"
    assert str(evaluate("COUNT({a},#REF!)", 1.0)) == "#REF!"
    assert evaluate("IFERROR(#REF!,0)") == 0.0
    assert evaluate('COUNTA({a},"#N/A")', 1.0) == 2.0


@pytest.mark.parametrize(("template", "message"), [
    ("ROUND({a})", "gives ROUND 1 arguments; it takes 2"),
    ("IF({a},1,2,3)", "gives IF 4 arguments; it takes 2 to 3"),
    ("NA(1)", "gives NA 1 arguments; it takes 0"),
    ('{a}+"31 Jan 2024"', "cannot evaluate +: + argument 2 '31 Jan 2024': only dates written"),
    ("MATCH({a},{t.*.x},2)", "cannot evaluate MATCH: MATCH match_type 2.0 (argument 3)"),
    ("TODAY()", "uses the function TODAY, which this engine does not evaluate"),
    ("SUMPRODUCT(--ISNUMBER({t.*.x}))", "gives ISNUMBER a range or an array as argument 1, where it takes"),
    ("SUMPRODUCT(ROUND({t.*.x},0))", "gives ROUND a range or an array as argument 1, where it takes"),
    ("SUMPRODUCT(IF({t.*.x}>1,1,0))", "gives IF a range or an array as argument 1, where it takes"),
    ('COUNTIF({t.*.x},{t.*.y})', "gives COUNTIF a range or an array as argument 2, where it takes"),
])
def test_what_the_engine_cannot_evaluate_exactly_is_refused_when_compiled(template, message):
    with pytest.raises(FormulaCompileError, match="^" + re.escape(message)):
        compile_formula(template)
