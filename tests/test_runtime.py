"""The formula runtime, table by table, in the style of the ``formulas``
package's tests. Each table says where its expected values come from: the
examples of Microsoft's documentation of each Excel function, or values that
LibreOffice 7.4 (en-GB) computed for the same formula. Ranges are written as
the Python lists the compiler passes."""

from __future__ import annotations

import math
from typing import Any

import pytest

from bcf_workbook._formula import runtime
from bcf_workbook._formula._rtl_math import approx_equal, approx_value, kahan_sum, round_to
from bcf_workbook._formula._text import number_from_text, text_from_number
from bcf_workbook._formula.runtime import NA, Raised, XLError

DIV0 = XLError("#DIV/0!")


def call(name: str, *arguments: Any) -> Any:
    """A function or operator called as compiled formulas call it; an error
    comes back as its code."""
    function = runtime.FUNCTIONS.get(name) or getattr(runtime, runtime.OPERATORS.get(name, name))
    lazy = runtime.LAZY.get(name, set())
    values = [(lambda value=value: value) if position in lazy else value
              for position, value in enumerate(arguments)]
    try:
        result = function(*values)
    except Raised as raised:
        return raised.error.code
    return result.code if isinstance(result, XLError) else result


def check(name: str, arguments: tuple[Any, ...], expected: Any) -> None:
    found = call(name, *arguments)
    if isinstance(expected, float):
        assert isinstance(found, float) and found == expected, (name, arguments, found)
    else:
        assert found == expected and type(found) is type(expected), (name, arguments, found)


# --- Microsoft's documented examples --------------------------------------------------
# support.microsoft.com, the page of each function ("Examples" section).
MICROSOFT = [
    ("ROUND", (2.15, 1.0), 2.2), ("ROUND", (2.149, 1.0), 2.1), ("ROUND", (-1.475, 2.0), -1.48),
    ("ROUND", (21.5, -1.0), 20.0), ("ROUND", (626.3, -3.0), 1000.0), ("ROUND", (1.98, -1.0), 0.0),
    ("ROUND", (-50.55, -2.0), -100.0),
    ("ROUNDUP", (3.2, 0.0), 4.0), ("ROUNDUP", (76.9, 0.0), 77.0), ("ROUNDUP", (3.14159, 3.0), 3.142),
    ("ROUNDUP", (-3.14159, 1.0), -3.2), ("ROUNDUP", (31415.92654, -2.0), 31500.0),
    ("ROUNDDOWN", (3.2, 0.0), 3.0), ("ROUNDDOWN", (76.9, 0.0), 76.0),
    ("ROUNDDOWN", (3.14159, 3.0), 3.141), ("ROUNDDOWN", (-3.14159, 1.0), -3.1),
    ("ROUNDDOWN", (31415.92654, -2.0), 31400.0),
    ("MOD", (3.0, 2.0), 1.0), ("MOD", (-3.0, 2.0), 1.0), ("MOD", (3.0, -2.0), -1.0),
    ("MOD", (-3.0, -2.0), -1.0),
    ("INT", (8.9,), 8.0), ("INT", (-8.9,), -9.0),
    ("ABS", (2.0,), 2.0), ("ABS", (-2.0,), 2.0),
    ("LEFT", ("Sale Price", 4.0), "Sale"), ("LEFT", ("Sweden",), "S"),
    ("RIGHT", ("Sale Price", 5.0), "Price"), ("RIGHT", ("Stock Number",), "r"),
    ("MID", ("Fluid Flow", 1.0, 5.0), "Fluid"), ("MID", ("Fluid Flow", 7.0, 20.0), "Flow"),
    ("MID", ("Fluid Flow", 20.0, 5.0), ""),
    ("LEN", ("Phoenix, AZ",), 11.0), ("LEN", ("",), 0.0), ("LEN", ("     One   ",), 11.0),
    ("TRIM", (" First Quarter Earnings ",), "First Quarter Earnings"),
    ("UPPER", ("total",), "TOTAL"), ("LOWER", ("E. E. Cummings",), "e. e. cummings"),
    ("CONCATENATE", ("Stream population for ", "brook trout", " ", "species", " is ", 32.0, "/mile"),
     "Stream population for brook trout species is 32/mile"),
    ("VALUE", ("$1,000",), 1000.0),
    ("N", (7.0,), 7.0), ("N", ("Even",), 0.0), ("N", (True,), 1.0),
    ("DATE", (2008.0, 1.0, 1.0), 39448.0), ("DATE", (2008.0, 14.0, 2.0), 39846.0),
    ("DATE", (2008.0, -3.0, 2.0), 39327.0), ("DATE", (2008.0, 1.0, 35.0), 39482.0),
    ("DATE", (108.0, 1.0, 2.0), 39449.0),
    ("EOMONTH", (40544.0, 1.0), 40602.0), ("EOMONTH", (40544.0, -3.0), 40482.0),
    ("EDATE", (40558.0, 1.0), 40589.0), ("EDATE", (40558.0, -1.0), 40527.0),
    ("EDATE", (40558.0, 2.0), 40617.0),
    ("YEAR", (39634.0,), 2008.0), ("MONTH", (40648.0,), 4.0), ("DAY", (40558.0,), 15.0),
    ("MATCH", (39.0, [25.0, 38.0, 40.0, 41.0], 1.0), 2.0),
    ("MATCH", (41.0, [25.0, 38.0, 40.0, 41.0], 0.0), 4.0),
    ("MATCH", (40.0, [25.0, 38.0, 40.0, 41.0], -1.0), "#N/A"),
    ("COUNTIF", (["apples", "oranges", "peaches", "apples"], "apples"), 2.0),
    ("COUNTIF", ([32.0, 54.0, 75.0, 86.0], ">55"), 2.0),
    ("COUNTIF", ([32.0, 54.0, 75.0, 86.0], "<>75"), 3.0),
    ("COUNTIF", (["apples", "oranges", "peaches", "apples"], "?????es"), 2.0),
    ("COUNTIF", (["apples", "oranges", "peaches", "apples"], "*"), 4.0),
    ("SUMIF", ([100000.0, 200000.0, 300000.0, 400000.0], ">160000", [7000.0, 14000.0, 21000.0, 28000.0]),
     63000.0),
    ("SUMIF", ([100000.0, 200000.0, 300000.0, 400000.0], ">160000"), 900000.0),
    ("SUMIF", ([100000.0, 200000.0, 300000.0, 400000.0], 300000.0, [7000.0, 14000.0, 21000.0, 28000.0]),
     21000.0),
    ("AVERAGEIF", ([7000.0, 14000.0, 21000.0, 28000.0], "<23000"), 14000.0),
    ("AVERAGEIF", ([100000.0, 200000.0, 300000.0, 400000.0], "<250000"), 150000.0),
    ("AVERAGEIF", ([100000.0, 200000.0, 300000.0, 400000.0], "<95000"), "#DIV/0!"),
    ("AVERAGE", ([10.0, 7.0, 9.0, 27.0, 2.0],), 11.0),
    ("ISNA", (NA,), True), ("ISERR", (NA,), False), ("ISERROR", (NA,), True),
    ("IFNA", (NA, "Not found"), "Not found"),
    ("IFERROR", (DIV0, "Error in calculation"), "Error in calculation"),
]


@pytest.mark.parametrize(("name", "arguments", "expected"), MICROSOFT)
def test_microsoft_documented_examples(name, arguments, expected):
    check(name, arguments, expected)


# --- computed by LibreOffice 7.4 --------------------------------------------------------
# Each formula was recalculated by LibreOffice 7.4.7 (en-GB) and its double
# read through UNO (tests/support/lo_calc.py); tests/test_runtime_differential.py
# checks tens of thousands more the same way.
LIBREOFFICE = [
    # Rounding after the 15-digit correction (rtl::math::round).
    ("ROUND", (4945.149999999999, 1.0), 4945.2), ("ROUND", (3750 * 2125.2, -3.0), 7970000.0),
    ("ROUND", (0.285, 2.0), 0.29), ("ROUND", (1.005, 2.0), 1.01), ("ROUND", (2.5, 0.0), 3.0),
    ("ROUND", (-2.5, 0.0), -3.0), ("ROUND", (2.4999999999999996, 0.0), 2.0),
    ("ROUND", (1.2345, 2.9), 1.23), ("ROUND", (1.2345, -0.5), 1.0), ("ROUND", (1234.5, -1.5), 1230.0),
    ("ROUND", (1.5, 400.0), 1.5), ("ROUND", (1.5, -400.0), 0.0), ("ROUND", (1e308, -308.0), 1e308),
    ("ROUNDUP", (0.1 + 0.2, 1.0), 0.3), ("ROUNDUP", (-3.2, 0.0), -4.0), ("ROUNDDOWN", (-3.9, 0.0), -3.0),
    ("ROUNDUP", (2.0000000000000004, 0.0), 2.0), ("ROUNDDOWN", (2.9999999999999996, 0.0), 3.0),
    ("ROUNDUP", (1e-20, 0.0), 1.0), ("ROUNDDOWN", (0.1 + 0.2, 16.0), 0.3),
    ("INT", (-2.5,), -3.0), ("INT", (2.9999999999999996,), 3.0), ("INT", (-1e-300,), -1.0),
    ("MOD", (5.1, 1.0), 0.09999999999999964), ("MOD", (1e20, 3.0), 0.0), ("MOD", (3.0, 0.0), "#DIV/0!"),
    # Approximate equality, addition and subtraction; compensated sums.
    ("=", (1e15, 1e15 + 1), False), ("=", (0.1 + 0.2, 0.3), True), ("-", (8325863.0, 8325.863 * 1000), 0.0),
    ("+", (0.1, 0.2), 0.30000000000000004), ("-", (2.5, 2.4999999999999996), 0.0),
    ("SUM", (-18.81, 24.2, -5.39), 0.0), ("SUM", ([0.1] * 10,), 1.0),
    ("*", (1e308, 10.0), "#NUM!"), ("/", (1.0, 0.0), "#DIV/0!"),
    # Text as a number.
    ("+", ("1,234", 0.0), 1234.0), ("+", ("£5", 0.0), 5.0), ("+", ("12%", 0.0), 0.12),
    ("+", (" 12 ", 0.0), 12.0), ("+", ("(5)", 0.0), -5.0), ("+", (".5", 0.0), 0.5), ("+", ("5.", 0.0), 5.0),
    ("+", ("1e3", 0.0), 1000.0), ("+", ("2024-01-31", 0.0), 45322.0), ("+", ("1/2/2020", 0.0), 43862.0),
    ("+", ("12:30", 0.0), 0.5208333333333334),
    ("+", ("nan", 0.0), "#VALUE!"), ("+", ("inf", 0.0), "#VALUE!"), ("+", ("1_000", 0.0), "#VALUE!"),
    ("+", ("１２", 0.0), "#VALUE!"), ("+", ("", 0.0), "#VALUE!"), ("+", ("1 234", 0.0), "#VALUE!"),
    ("+", ("1,2", 0.0), "#VALUE!"), ("+", ("0x10", 0.0), "#VALUE!"), ("VALUE", (" ",), "#VALUE!"),
    # Numbers as text.
    ("&", (1e15, ""), "1000000000000000"), ("&", (1.5e15, ""), "1500000000000000"),
    ("&", (1 / 3, ""), "0.333333333333333"), ("&", (0.1 + 0.2, ""), "0.3"), ("&", (1e-5, ""), "0.00001"),
    ("&", (123456.7890123456, ""), "123456.789012346"), ("&", (100000000000000.5, ""), "100000000000001"),
    ("&", (999999999999999.9, ""), "1000000000000000"), ("&", (99999999999999.9, ""), "99999999999999.9"),
    ("&", (0.000123456789012345678, ""), "0.000123456789012346"), ("&", (-1.5, ""), "-1.5"),
    ("&", (5437.608592359305, ""), "5437.60859235931"), ("&", (1.1320596465314438e-11, ""),
                                                          "0.00000000001132059647"),
    # Text: one-to-one case, collation, functions.
    ("=", ("Straße", "STRASSE"), False), ("=", ("ǅ", "ǆ"), True), ("=", ("ß", "ẞ"), True),
    ("=", ("İ", "i"), False), ("=", ("ı", "I"), True), ("<", ("a", "B"), True), ("<", ("a-b", "ab"), True),
    ("<", ("é", "f"), True), ("<", ("e", "é"), True), ("<", ("1", "a"), True), ("<", ("10", "9"), True),
    ("<", ("A", "a"), False), ("<", ("a", "A"), False), ("<", ("_", "a"), True),
    ("UPPER", ("ß",), "ẞ"), ("UPPER", ("ǆ",), "Ǆ"), ("LOWER", ("İ",), "İ"),
    ("LEFT", ("abc", -1.0), "#VALUE!"), ("LEFT", ("abc", 1.9), "a"), ("MID", ("abcdef", 0.0, 2.0), "#VALUE!"),
    ("MID", ("abcdef", 2.0, 100.0), "bcdef"), ("RIGHT", ("abc", 5.0), "abc"), ("TRIM", ("  a   b  ",), "a b"),
    ("LEN", (123.5,), 5.0), ("CONCATENATE", ("a", 1.5), "a1.5"), ("N", ("12",), 0.0),
    ("VALUE", ("12%",), 0.12),
    # Dates from 1 March 1900 on.
    ("DATE", (2024.0, 2.0, 30.0), 45352.0), ("DATE", (50.0, 1.0, 1.0), 18264.0),
    ("DATE", (2024.0, -1.0, 1.0), 45231.0), ("DATE", (2024.0, 1.9, 1.9), 45292.0),
    ("EOMONTH", (45322.0, 1.0), 45351.0), ("EOMONTH", (45322.0, -1.5), 45291.0),
    ("EDATE", (45322.0, 1.0), 45351.0), ("EDATE", (45351.0, 12.0), 45716.0),
    ("YEAR", (2958465.0,), 9999.0), ("YEAR", ("2024-03-01",), 2024.0),
    # Criteria and lookups.
    ("COUNTIF", ([1.0, "1", 2.0, "abc", None, ""], "1"), 2.0),
    ("COUNTIF", ([None, "", "x", NA], "<>"), 3.0), ("COUNTIF", ([None, "", "x"], ""), 2.0),
    ("COUNTIF", ([None, "", "x"], "="), 1.0), ("COUNTIF", (["Straße", "STRASSE", "strasse"], "strasse"), 2.0),
    ("COUNTIF", (["a*c", "abc", "a~c"], "a~*c"), 1.0), ("COUNTIF", ([3.0, 3 + 4e-15, 2.0], 3.0), 2.0),
    ("MATCH", ("a*", [None, 3.0, "abc", True, 1.0, "b", "", False, 7.0, "ABC"], 0.0), 3.0),
    ("MATCH", (2.6, [-5.0, -1.5, 0.0, 0.3, 1.0, 2.5, 2.5, 7.0], 1.0), 7.0),
    ("MATCH", (3.0, [9.0, 7.5, 3.0, 3.0, 0.0, -2.0], -1.0), 4.0),
    ("MATCH", ("b", ["a", "ab", "abc", "b", "ba", "c"], 1.0), 4.0),
    ("SUMPRODUCT", ([3.0, 4.0, 8.0, 6.0, 1.0, 12.0], [4.0, 7.0, 6.0, 7.0, 5.0, 2.0]), 159.0),
]


@pytest.mark.parametrize(("name", "arguments", "expected"), LIBREOFFICE)
def test_values_libreoffice_computed(name, arguments, expected):
    check(name, arguments, expected)


# --- TREND: the template's projections -------------------------------------------------
# LibreOffice 7.4: TREND({4700,4600,4550,4500,4480,4470,4430},{1..7},x) and
# ROUND of it; the runtime follows its sums and order of operations.
TREND_Y = [4700.0, 4600.0, 4550.0, 4500.0, 4480.0, 4470.0, 4430.0]
TREND_X = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]


@pytest.mark.parametrize(("known_y", "known_x", "new_x", "expected"), [
    (TREND_Y, TREND_X, 8.0, 4370.000000000001), (TREND_Y, TREND_X, 9.0, 4329.285714285715),
    ([10.5, 11.5, 12.5, 13.5], [1.0, 2.0, 3.0, 4.0], 0.0, 9.5), ([76.9, 78.4, 80.1], [1.0, 2.0, 3.0], 4.0,
                                                                  81.66666666666666),
])
def test_trend_to_the_last_bit_libreoffice_computes(known_y, known_x, new_x, expected):
    assert call("TREND", known_y, known_x, new_x) == expected


def test_trend_at_a_list_of_points_gives_a_list_that_sum_adds():
    at = [8.0, 9.0]
    assert call("TREND", TREND_Y, TREND_X, at) == [4370.000000000001, 4329.285714285715]
    assert call("SUM", call("TREND", TREND_Y, TREND_X, at)) == 8699.285714285716


def test_trend_with_constant_x_is_the_mean_of_y_as_in_excel():
    assert call("TREND", [1.0, 2.0, 3.0], [5.0, 5.0, 5.0], 1.0) == 2.0


def test_trend_refuses_what_is_not_a_number():
    assert call("TREND", [1.0, None, 3.0], [1.0, 2.0, 3.0], 4.0) == "#VALUE!"
    assert call("TREND", [1.0, 2.0, 3.0], [1.0, 2.0], 4.0) == "#REF!"
    assert call("TREND", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0], "x") == "#VALUE!"


# --- the rules themselves ----------------------------------------------------------------

def test_approximate_equality_has_the_integer_rule():
    """rtl_math_approxEqual: 2^-48 relative, but distinct integers a double
    holds exactly never compare equal."""
    assert approx_equal(0.1 + 0.2, 0.3)
    assert not approx_equal(1e15, 1e15 + 1)
    assert approx_equal(1e17, 1e17 + 16)  # beyond 2^53 no longer integers held exactly
    assert not approx_equal(1.0, -1.0) and not approx_equal(0.0, 1e-300)


def test_approx_value_corrects_to_fifteen_significant_digits():
    assert approx_value(49451.99999999999) == 49452.0
    assert approx_value(0.1 + 0.2) == 0.3
    assert approx_value(2.0 ** 45 + 0.5) == 2.0 ** 45 + 0.5  # beyond 2^41 left alone


def test_rounding_modes_share_the_correction():
    assert round_to(4945.149999999999, 1, "half-up") == 4945.2
    assert round_to(2.9999999999999996, 0, "down") == 3.0
    assert round_to(2.0000000000000004, 0, "up") == 2.0


def test_kahan_sum_holds_back_the_last_value_and_snaps_opposites():
    assert kahan_sum([-18.81, 24.2, -5.39]) == 0.0
    assert kahan_sum([0.1] * 10) == 1.0
    assert not math.isfinite(kahan_sum([1e308, 1e308]))


def test_text_read_as_a_number():
    assert [number_from_text(text) for text in ("1,234", "£1,234.50", "-12%", "(1,000)", "1E3", "$5")] == [
        1234.0, 1234.5, -0.12, -1000.0, 1000.0, 5.0]
    assert [number_from_text(text) for text in ("1,23", "12,3456", "1e999", "--1", "+-1", "5-", "£")] == [
        None] * 7


def test_numbers_as_text_never_use_python_s_notation():
    assert [text_from_number(value) for value in (1e16, 1e-20, 2.0 ** 53, -0.0, 5e-324)] == [
        "1E+16", "1E-20", "9.00719925474099E+15", "0", "5E-324"]


# --- errors, blanks and logicals ---------------------------------------------------------

def test_errors_propagate_and_are_caught():
    assert call("+", NA, 1.0) == "#N/A"
    assert call("IFERROR", NA, 0.0) == 0.0
    assert call("IFNA", DIV0, 0.0) == "#DIV/0!"
    assert call("ISERR", DIV0) is True
    assert call("COUNT", [1.0, NA], DIV0) == 1.0
    assert call("COUNTA", [1.0, NA, None], DIV0) == 3.0
    assert call("SUM", [1.0, DIV0]) == "#DIV/0!"
    assert call("NA") == "#N/A"


def test_blanks_are_zero_or_empty_text():
    assert call("+", None, None) == 0.0
    assert call("&", None, "a") == "a"
    assert call("=", None, "") is True and call("=", None, 0.0) is True and call("=", None, False) is True
    assert call("ISBLANK", None) is True and call("ISBLANK", "") is False


def test_excel_orders_numbers_before_text_before_logicals():
    assert call("<", 1e308, "") is True
    assert call("<", "zzz", False) is True
    assert call("=", True, 1.0) is False


def test_aggregates_skip_logicals_and_text_in_ranges_but_read_direct_arguments():
    """Microsoft: SUM, COUNT: logical values and text in references are
    ignored; typed directly as arguments they are counted."""
    assert call("SUM", [True, "3", 2.0]) == 2.0
    assert call("SUM", True, "3", 2.0) == 6.0
    assert call("COUNT", [True, "3", 2.0]) == 1.0
    assert call("COUNT", True, "3", 2.0, "a") == 3.0
    assert call("AVERAGE", [True, None]) == "#DIV/0!"
    assert call("MAX", ["a"]) == 0.0
    assert call("SUM", "a") == "#VALUE!"
    # Microsoft: SUMPRODUCT "treats array entries that are not numeric as if they were zeros".
    assert call("SUMPRODUCT", [1.0, "2", True, None], [2.0, 2.0, 2.0, 2.0]) == 2.0


def test_powers_follow_excel():
    assert call("^", 0.0, 0.0) == "#NUM!"
    assert call("^", 0.0, -1.0) == "#DIV/0!"
    assert call("^", -8.0, 1 / 3) == "#NUM!"
    assert call("^", -2.0, 3.0) == -8.0
    assert call("^", 10.0, 400.0) == "#NUM!"


def test_excel_s_1900_date_system_has_the_29th_of_february_1900():
    assert [call("DATE", 1900.0, 1.0, day) for day in (1.0, 28.0)] == [1.0, 28.0]
    assert call("DATE", 1900.0, 2.0, 29.0) == 60.0
    assert call("DATE", 1900.0, 3.0, 1.0) == 61.0
    assert [call(name, 60.0) for name in ("YEAR", "MONTH", "DAY")] == [1900.0, 2.0, 29.0]
    assert [call(name, 0.0) for name in ("YEAR", "MONTH", "DAY")] == [1900.0, 1.0, 0.0]
    assert call("DATE", 10000.0, 1.0, 1.0) == "#NUM!" and call("YEAR", -1.0) == "#NUM!"
    assert call("DATE", 1899.0, 12.0, 31.0) == call("DATE", 3799.0, 12.0, 31.0)


def test_no_result_is_ever_infinite_or_not_a_number():
    assert call("+", 1e308, 1e308) == "#NUM!"
    assert call("SUM", [1e308, 1e308]) == "#NUM!"
    assert call("AVERAGE", [1e308, 1e308]) == "#NUM!"
    assert call("SUMPRODUCT", [1e200], [1e200]) == "#NUM!"
    assert call("ROUND", 1e308, -400.0) == 0.0


# --- the tables the compiler reads ---------------------------------------------------------

def test_every_function_has_an_arity_and_every_lazy_position_exists():
    assert set(runtime.ARITY) == set(runtime.FUNCTIONS)
    for name, positions in runtime.LAZY.items():
        most = runtime.ARITY[name][1]
        assert all(position < most for position in positions if position < 255), name
    assert runtime.AGGREGATES <= set(runtime.FUNCTIONS)


@pytest.mark.parametrize(("name", "literals", "reason"), [
    ("MATCH", (None, None, 2.0), "MATCH match_type 2.0 (argument 3) is not supported: use 1, 0 or -1"),
    ("COUNTIF", (None, ">1 Jan 2024"), "COUNTIF criterion '>1 Jan 2024' (argument 2): only dates written "
                                        "YYYY-MM-DD or DD/MM/YYYY are read in criteria"),
    ("op_add", ("31 Jan 2024", 1.0), "op_add argument 1 '31 Jan 2024': only dates written YYYY-MM-DD or "
                                     "DD/MM/YYYY and times hh:mm[:ss] are read as numbers"),
])
def test_calls_the_runtime_cannot_make_exact_are_refused_with_a_reason(name, literals, reason):
    assert runtime.REFUSE[name](literals) == reason


@pytest.mark.parametrize(("name", "literals"), [
    ("MATCH", (None, None, 0.0)), ("MATCH", (None, None, None)), ("MATCH", (None, None)),
    ("COUNTIF", (None, ">2024-01-31")), ("COUNTIF", (None, "a*")), ("SUMIFS", (None, None, "<>x")),
    ("op_add", ("1,234", None)), ("VALUE", ("31/01/2024",)),
])
def test_calls_the_runtime_evaluates_exactly_are_not_refused(name, literals):
    assert runtime.REFUSE[name](literals) is None
