"""Every operator and function of the runtime against LibreOffice, case by case.

In the style of the ``formulas`` package's tests, but generated: a workbook of
thousands of single-formula cases over a pool of awkward values (blanks,
empty text, logicals, errors, rounding ties, 1E15+1, 2^53, ±1E308, 5E-324,
text that looks like a number) is written with openpyxl, LibreOffice (en-GB)
recalculates it, and each case's value must equal the runtime's to the last
bit. The only exceptions are the known differences between LibreOffice and
Excel, where the runtime follows Excel. Each is listed in
``libreoffice_semantics.DIFFERENCES`` (and in docs/spreadsheet-semantics.md)
as a patch that makes the runtime compute as LibreOffice does: a case that
differs is explained only if, with one difference's patch (or two), the
runtime gives LibreOffice's value exactly. No tolerance anywhere, and every
listed difference must still occur.

All of the roughly 75,000 cases run by default (about 30 s, most of it
LibreOffice); ``BCF_DIFFERENTIAL_CASES=N`` runs a seeded sample of N instead
(small families and each difference's example whole), and
``BCF_DIFFERENTIAL_RANDOM=N`` (default 3,000) sets how many random nested
formulas over the pool are added; ``BCF_DIFFERENTIAL_SEED`` changes them.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import random
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT
from support.differential import (
    CASES_SHEET,
    Call,
    Cell,
    DataSheet,
    Lit,
    Node,
    Range,
    Ref,
    evaluate,
    formula_result,
    same,
    shown,
    write_workbook,
)
from support.libreoffice_exact import recalculate_exact
from support.libreoffice_semantics import DIFFERENCES, Difference, numbers_for_logicals

from bcf_workbook._formula import _criteria as criteria_module
from bcf_workbook._formula.runtime import NA, XLError

pytestmark = pytest.mark.libreoffice

SEED = int(os.environ.get("BCF_DIFFERENTIAL_SEED", "20240131"))
SAMPLE = int(os.environ.get("BCF_DIFFERENTIAL_CASES", "0"))
RANDOM_CASES = int(os.environ.get("BCF_DIFFERENTIAL_RANDOM", "3000"))
#: Families run whole even in a sample.
WHOLE = {"issue 11", "differences", "sums of decimals", "long sums", "numbers as text", "text order", "TREND",
         "random"}
SMALL_FAMILY = 60

# --- the pool -----------------------------------------------------------------------

POOL = [
    Cell(None, None, "blank"), Cell('=""', "", "empty text"),
    Cell(True, True), Cell(False, False), Cell("=NA()", NA), Cell("=1/0", XLError("#DIV/0!")),
    *(Cell(number, number) for number in (
        0.0, 1.0, -1.0, 3.0, 0.5, 2.5, -2.5, 0.285, 1.005, 4945.149999999999, 0.1, 0.2, 0.3,
        1e15, 1e15 + 1, 2.0 ** 53, 1e308, -1e308, 5e-324, 8325863.0, 8325.863, 2125.2, -18.81,
        24.2, -5.39, 123456.789, 45322.0, 60.0, 1e-300)),
    Cell("=7/3", 7 / 3), Cell("=0.1+0.2", 0.1 + 0.2), Cell("=2^53+2", 2.0 ** 53 + 2),
    *(Cell(words, words) for words in (
        "1,234", "$5", "£5", "12%", " 12 ", "nan", "inf", "1_000", "１２", "TRUE", "abc", "ABC",
        "Straße", "STRASSE", "a*", "a?c", "~*", "2024-01-31", "31/01/2024", "12:30", "(5)", "1e3",
        "é", "e", "a-b", "ab", "İ", "i", "ı", "I", " ", "3", "-0.5")),
]
NUMBERS = [cell for cell in POOL if isinstance(cell.value, float)]

#: Columns for criteria, lookups and regressions, each a list of cell values.
CRITERIA_COLUMN = [None, "", True, False, "=NA()", 1.0, 2.0, 3.0, Cell("=3+4E-15", 3 + 4e-15), -1.0, 0.0,
                   1e15 + 1, "1", "3", "abc", "ABC", "abd", "a*c", "Straße", "STRASSE", "x", "é", "e", " ",
                   "a b", 45322.0, "2024-01-31", "TRUE", Cell("=0.1+0.2", 0.1 + 0.2), 0.3]
SORTED_NUMBERS = [-5.0, -1.5, 0.0, 0.3, 1.0, 2.5, 2.5, 7.0, 1e15, 1e15 + 1]
SORTED_TEXT = ["a", "ab", "abc", "b", "ba", "c", "é", "f", "z"]
DESCENDING = [9.0, 7.5, 3.0, 3.0, 0.0, -2.0]
MIXED = [None, 3.0, "abc", True, 1.0, "b", "", False, 7.0, "ABC"]
REGRESSIONS = [
    ([4700.0, 4600.0, 4550.0, 4500.0, 4480.0, 4470.0, 4430.0], [1.0, 2, 3, 4, 5, 6, 7]),
    ([76.9, 78.4, 80.1], [1.0, 2.0, 3.0]),
    ([1.0, 2.0, 3.0], [5.0, 5.0, 5.0]),
    ([0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4]),
    ([1e15, 1e15 + 1, 1e15 + 2], [1.0, 2.0, 3.0]),
    ([10.5, 11.5, 12.5, 13.5], [1.0, 2.0, 3.0, 4.0]),
    ([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0], [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
]


FORMULAS = {"=NA()": NA, "=1/0": XLError("#DIV/0!"), "": ""}


def _cells(values: list[Any]) -> list[Cell]:
    """Data cells from values; errors and empty text written as the formulas that give them."""
    return [value if isinstance(value, Cell)
            else Cell('=""' if value == "" else value, FORMULAS[value])
            if isinstance(value, str) and value in FORMULAS
            else Cell(value, value) for value in values]


# --- the cases ----------------------------------------------------------------------

Families = dict[str, list[Node]]


def build() -> tuple[DataSheet, Families]:
    data = DataSheet()
    pool = data.refs(data.column(POOL))
    numbers = [ref for ref in pool if isinstance(ref.value(), float)]
    criteria = data.column(_cells(CRITERIA_COLUMN))
    families: Families = collections.defaultdict(list)
    _operators(families, pool)
    _functions_of_one(families, pool)
    _rounding(families, pool, numbers)
    _text_functions(families, pool)
    _dates(families, pool)
    _logic(families, pool)
    _aggregates(families, data, pool)
    _criteria(families, data, pool, criteria)
    _lookups(families, data, pool)
    _regressions(families, data)
    _long_sums(families, data)
    _numbers_as_text(families)
    _text_order(families)
    _random_formulas(families, pool)
    _differences(families, data, pool)
    families["issue 11"] = list(ISSUE_11)
    return data, families


def _operators(families: Families, pool: list[Ref]) -> None:
    for operator in ("+", "-", "*", "/", "^", "&", "=", "<>", "<", ">", "<=", ">="):
        families[operator] = [Call(operator, (a, b)) for a in pool for b in pool]
    families["sums of decimals"] = [
        Call("-", (Lit(a), Call("*", (Lit(b), Lit(c)))))
        for a, b, c in ((8325863, 8325.863, 1000), (0.3, 0.1, 3), (1.1, 0.1, 11), (100, 33.3, 3))] + [
        Call("+", (Call("+", (Lit(a), Lit(b))), Lit(c)))
        for a, b, c in ((0.1, 0.2, -0.3), (-18.81, 24.2, -5.39), (1e15, 1, -1e15), (0.7, 0.1, -0.8))]


def _functions_of_one(families: Families, pool: list[Ref]) -> None:
    for name in ("u-", "u+", "%", "INT", "ABS", "LEN", "TRIM", "UPPER", "LOWER", "VALUE", "N",
                 "ISERROR", "ISERR", "ISNA", "ISNUMBER", "ISTEXT", "ISBLANK", "NOT"):
        families[name] = [Call(name, (ref,)) for ref in pool]


def _rounding(families: Families, pool: list[Ref], numbers: list[Ref]) -> None:
    places = [Lit(value) for value in (-3, -1, 0, 1, 2, 3, 15, -0.5, 2.9, -1.5, 40, -400, 400)]
    for name in ("ROUND", "ROUNDUP", "ROUNDDOWN"):
        families[name] = ([Call(name, (ref, digits)) for ref in numbers for digits in places]
                          + [Call(name, (ref, Lit(1))) for ref in pool]
                          + [Call(name, (Lit(2.5), ref)) for ref in pool]
                          + [Call(name, (Call("*", (Lit(units), Lit(cost))), Lit(-3)))
                             for units in range(3700, 3800, 7) for cost in (2125.2, 1490.0, 0.285)])
    families["MOD"] = [Call("MOD", (a, Lit(b))) for a in pool for b in (2, -2, 0.1, 3, 0)]


def _text_functions(families: Families, pool: list[Ref]) -> None:
    counts = [Lit(value) for value in (0, 1, 2, 1.9, -1, 100)]
    families["LEFT"] = [Call("LEFT", (ref, count)) for ref in pool for count in counts]
    families["RIGHT"] = [Call("RIGHT", (ref, count)) for ref in pool for count in counts]
    families["MID"] = [Call("MID", (ref, start, count)) for ref in pool
                       for start in (Lit(0), Lit(1), Lit(2), Lit(2.7)) for count in counts[:3]]
    families["CONCATENATE"] = [Call("CONCATENATE", (a, Lit("|"), b)) for a in pool for b in pool[:12]]


def _dates(families: Families, pool: list[Ref]) -> None:
    years = (1900, 1899, 0, 20, 50, 2024, 9999, 10000, -1)
    months = (1, 2, 3, 13, 0, -1, 1.9)
    days = (1, 28, 29, 30, 0, -1, 31)
    families["DATE"] = [Call("DATE", (Lit(y), Lit(m), Lit(d))) for y in years for m in months for d in days]
    for name in ("YEAR", "MONTH", "DAY"):
        families[name] = [Call(name, (ref,)) for ref in pool] + [
            Call(name, (Lit(serial),)) for serial in (0, 1, 59, 60, 61, 366, 2958465, 2958466, -1, 0.5)]
    starts = [Lit(serial) for serial in (45322, 45351, 60, 59, 61, 31, 1, 2958465)]
    for name in ("EOMONTH", "EDATE"):
        families[name] = [Call(name, (start, Lit(months))) for start in starts
                          for months in (0, 1, -1, 1.5, -1.5, 12, -1200)] + [
            Call(name, (ref, Lit(1))) for ref in pool]


def _logic(families: Families, pool: list[Ref]) -> None:
    families["IF"] = [Call("IF", (ref, Lit("yes"), Lit("no"))) for ref in pool]
    families["IFERROR"] = [Call("IFERROR", (ref, Lit("error"))) for ref in pool] + [
        Call("IFERROR", (Call("/", (Lit(1), ref)), Lit("error"))) for ref in pool]
    families["IFNA"] = [Call("IFNA", (ref, Lit("n/a"))) for ref in pool]
    families["AND"] = [Call("AND", (ref,)) for ref in pool] + [Call("AND", (Lit(True), ref)) for ref in pool]
    families["OR"] = [Call("OR", (ref,)) for ref in pool] + [Call("OR", (Lit(False), ref)) for ref in pool]


def _windows(data: DataSheet, column: int, size: int) -> Iterator[Range]:
    length = len(data.columns[column - 1])
    for first in range(1, length - size + 2, max(1, size // 2)):
        yield data.range(column, first, size)


def _aggregates(families: Families, data: DataSheet, pool: list[Ref]) -> None:
    windows = [window for size in (1, 3, 5, 9) for window in _windows(data, 1, size)]
    literals = [Lit(value) for value in (3, "3", True, "abc", "", "1,234")]
    for name in ("SUM", "AVERAGE", "MAX", "MIN", "COUNT", "COUNTA"):
        families[name] = ([Call(name, (ref,)) for ref in pool]
                          + [Call(name, (window,)) for window in windows]
                          + [Call(name, (Lit(1), literal)) for literal in literals]
                          + [Call(name, (ref, Lit(2.5))) for ref in pool]
                          + [Call(name, (Call("/", (Lit(1), Lit(0))), Lit(1)))])
    decimals = data.column(_cells([0.1] * 10 + [-1.0, 0.7, 0.1, 0.2, -1.0, 24.2, -18.81, -5.39]))
    families["SUM"] += [Call("SUM", (window,)) for size in (2, 3, 4, 10, 11)
                        for window in _windows(data, decimals, size)]
    families["SUMPRODUCT"] = [Call("SUMPRODUCT", (a, b)) for a in windows[:20] for b in windows[:20]
                              if len(a.cells) == len(b.cells)]
    thirds = data.column(_cells([0.1, 0.7, 3.3, 1.1, 2.2, 0.3, 1.7, 5.9, 0.9]))
    families["SUMPRODUCT"] += [Call("SUMPRODUCT", (data.range(thirds, a, 2), data.range(thirds, b, 2),
                                                   data.range(thirds, c, 2)))
                               for a in range(1, 9) for b in range(1, 9) for c in range(1, 9)]


def _long_sums(families: Families, data: DataSheet) -> None:
    """Sums of long columns of amounts in pence, some cancelling to 0:
    LibreOffice adds eight or more constants at once (sc::op::sumArray)."""
    rng = random.Random(SEED)
    amounts = [round(rng.uniform(-5000, 5000), 2) for _ in range(40)]
    cancelling = [value for amount in amounts[:20] for value in (amount, -amount)]
    rng.shuffle(cancelling)
    for values in (amounts, cancelling, [0.1] * 30 + [-3.0], [2125.2] * 12 + [-25502.4]):
        column = data.column(_cells(values))
        families["long sums"] += [Call("SUM", (data.range(column, first, size),))
                                  for size in (7, 8, 9, 16, 17, len(values))
                                  for first in range(1, len(values) - size + 2, 5)]


def _numbers_as_text(families: Families) -> None:
    """Random numbers of every size joined to text, and numbers whose 16th
    significant digit decides how the 15th rounds."""
    rng = random.Random(SEED + 2)
    numbers = [rng.random() * 10.0 ** rng.randint(-22, 22) for _ in range(300)]
    numbers += [float(f"{rng.randint(10 ** 14, 10 ** 15 - 1)}{tail}") * 10.0 ** rng.randint(-20, 5)
                for tail in ("5", "49", "50", "51", "45") for _ in range(20)]
    families["numbers as text"] = [Call("&", (Lit(""), Lit(number))) for number in numbers]


#: Characters whose order the collator decides: ASCII punctuation and
#: symbols, digits, letters with and without accents and other alphabets.
ORDERED = [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ", "0", "9", "a", "A", "z", "é", "ß", "ı", "ñ", "α", "я",
           "東", "a b", "a-b", "ab", "a_b", "a1", "a.b", "co-op", "coop", "Zebra", "éclair", "eclair"]


def _text_order(families: Families) -> None:
    families["text order"] = [Call("<", (Lit(a), Lit(b))) for a in ORDERED for b in ORDERED if a != b]


#: What random formulas are made of: name and number of arguments.
_RANDOM_PARTS = [("+", 2), ("-", 2), ("*", 2), ("/", 2), ("&", 2), ("=", 2), ("<", 2), ("u-", 1),
                 ("ROUND", 2), ("INT", 1), ("ABS", 1), ("MOD", 2), ("IF", 3), ("IFERROR", 2),
                 ("SUM", 3), ("MAX", 2), ("MIN", 2), ("COUNT", 2), ("AND", 2), ("LEN", 1),
                 ("LEFT", 2), ("UPPER", 1), ("VALUE", 1), ("N", 1), ("ISNUMBER", 1), ("ROUNDUP", 2)]


def _random_formulas(families: Families, pool: list[Ref]) -> None:
    """Nested formulas of up to three levels over the pool and small literals."""
    rng = random.Random(SEED + 1)
    leaves: list[Node] = [*pool, *(Lit(value) for value in (0, 1, 2, -1, 0.5, 1000, "a", "1", True))]

    def formula(depth: int) -> Node:
        if depth == 0 or rng.random() < 0.3:
            return rng.choice(leaves)
        name, arity = rng.choice(_RANDOM_PARTS)
        return Call(name, tuple(formula(depth - 1) for _ in range(arity)))
    families["random"] = [Call(name, tuple(formula(2) for _ in range(arity)))
                          for name, arity in (rng.choice(_RANDOM_PARTS) for _ in range(RANDOM_CASES))]


def _criteria(families: Families, data: DataSheet, pool: list[Ref], column: int) -> None:
    values = data.range(column, 1, len(data.columns[column - 1]))
    sums = data.range(column, 1, len(data.columns[column - 1]))
    texts = ["", "=", "<>", "1", "3", "=3", "<>3", ">1", "<=3", ">=0", "<0", "abc", "=abc", "<>abc",
             "a*", "a?c", "*c", "~*", "a~*c", ">b", "<b", "<=abc", "TRUE", "true", "<>TRUE", "Straße",
             "strasse", "é", "E", " ", "a b", "1,234", "2024-01-31", "31/01/2024", ">45000", "0.3",
             "<>x", "=*", "?", "*"]
    criteria = [Lit(text) for text in texts] + [Lit(value) for value in (3, 0, 1e15 + 1, True, False)] + pool
    families["COUNTIF"] = [Call("COUNTIF", (values, criterion)) for criterion in criteria]
    families["SUMIF"] = [Call("SUMIF", (values, criterion, data.range(1, 1, len(values.cells))))
                         for criterion in criteria[:45]]
    families["AVERAGEIF"] = [Call("AVERAGEIF", (values, criterion, data.range(1, 1, len(values.cells))))
                             for criterion in criteria[:45]]
    families["SUMIFS"] = [Call("SUMIFS", (sums, values, a, values, b))
                          for a in criteria[:20:3] for b in criteria[:45:4]]
    families["COUNTIFS"] = [Call("COUNTIFS", (values, a, values, b))
                            for a in criteria[:20:3] for b in criteria[:45:4]]


def _lookups(families: Families, data: DataSheet, pool: list[Ref]) -> None:
    lists = {name: data.range(data.column(_cells(values)), 1, len(values))
             for name, values in (("numbers", SORTED_NUMBERS), ("text", SORTED_TEXT),
                                  ("descending", DESCENDING), ("mixed", MIXED))}
    wanted = pool + [Lit(value) for value in (2.5, 2.6, -10, 1e16, "abc", "a*", "b?", "zz", "é")]
    families["MATCH"] = (
        [Call("MATCH", (item, lists["mixed"], Lit(0))) for item in wanted]
        + [Call("MATCH", (item, lists["numbers"], Lit(kind))) for item in wanted for kind in (1, 0)]
        + [Call("MATCH", (item, lists["text"], Lit(kind))) for item in wanted for kind in (1, 0)]
        + [Call("MATCH", (item, lists["descending"], Lit(-1))) for item in wanted])
    families["INDEX"] = [Call("INDEX", (lists["mixed"], Lit(row))) for row in (0, 1, 2, 3, 4, 10, 11, 1.9)]


def _regressions(families: Families, data: DataSheet) -> None:
    cases = []
    for ys, xs in REGRESSIONS:
        y_range = data.range(data.column(_cells(ys)), 1, len(ys))
        x_range = data.range(data.column(_cells(xs)), 1, len(xs))
        for new_x in (0, 1, 8, 9, 10, 11.5, -3, 1e6, 2.5):
            trend = Call("TREND", (y_range, x_range, Lit(new_x)))
            cases += [trend, Call("ROUND", (trend, Lit(0))), Call("*", (Lit(3), trend))]
    families["TREND"] = cases


def _differences(families: Families, data: DataSheet, pool: list[Ref]) -> None:
    """One case for each known difference, so that a sample shows them all."""
    text = {ref.value(): ref for ref in pool if isinstance(ref.value(), str)}
    column = data.column(_cells([1.0, 2.0, 3.0, 5.0, 5.0, 5.0, "", "=NA()", "=1/0"]))
    numbers, constant = data.range(column, 1, 3), data.range(column, 4, 3)
    families["differences"] = [
        Call("+", (Lit(True), text["TRUE"])), Call("+", (Lit(1), text["$5"])),
        Call("NOT", (text["12%"],)), Call("&", (Lit("x"), Lit(1e16))),
        Call("^", (Lit(0), Lit(0))), Call("SUM", (Lit(1), Lit("3"))),
        Call("DATE", (Lit(1900), Lit(1), Lit(1))), Call("INDEX", (numbers, Lit(4))),
        Call("TREND", (numbers, constant, Lit(1))),
        Call("SUMPRODUCT", (data.range(column, 7, 1), data.range(column, 8, 1))),
        Call("ROUNDDOWN", (Lit(2.999999999999), Lit(0))),
        Call("COUNTIF", (numbers, Lit("?"))),
        Call("MATCH", (pool[0], data.range(column, 6, 2), Lit(0))),
        Call("SUMIF", (data.range(column, 7, 3), Lit("<>"), data.range(column, 7, 3))),
    ]


#: The differences issue 11 reported, with LibreOffice's values as the issue gives them.
ISSUE_11 = {
    Call("ROUND", (Lit(4945.149999999999), Lit(1))): 4945.2,
    Call("ROUND", (Call("*", (Lit(3750), Lit(2125.2))), Lit(-3))): 7970000.0,
    Call("=", (Lit(1e15), Call("+", (Lit(1e15), Lit(1))))): False,
    Call("MAX", (Lit(0), Call("-", (Lit(8325863), Call("*", (Lit(8325.863), Lit(1000))))))): 0.0,
    Call("SUM", (Lit(-18.81), Lit(24.2), Lit(-5.39))): 0.0,
    Call("=", (Lit("Straße"), Lit("STRASSE"))): False,
}


# --- the test -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    data, families = build()
    cases = _sample(families)
    folder = tmp_path_factory.mktemp("differential")
    write_workbook(folder / "cases.xlsx", data, cases)
    theirs = recalculate_exact([folder / "cases.xlsx"], folder / "recalculated")[0]
    found = []
    for row, case in enumerate(cases, 1):
        ours, value = formula_result(case), theirs.get((CASES_SHEET, f"A{row}"))
        found.append((case, ours, value, None if same(ours, value) else _explained_by(case, value)))
    return found


def _sample(families: Families) -> list[Node]:
    total = sum(len(family) for family in families.values())
    if not SAMPLE or total <= SAMPLE:
        return [case for family in families.values() for case in family]
    rng = random.Random(SEED)
    share = SAMPLE / total
    return [case for name, family in families.items()
            for case in (family if name in WHOLE or len(family) <= SMALL_FAMILY
                         else rng.sample(family, round(len(family) * share)))]


def _explained_by(case: Node, theirs: Any) -> str | None:
    """The known difference that explains why LibreOffice's value differs:
    the runtime, patched to act as LibreOffice there, gives LibreOffice's
    value, or both give an error and LibreOffice's is another of the errors
    that meet in the case. Two differences may meet in one case (TRUE&1E16)."""
    choices = [[], *([difference] for difference in DIFFERENCES),
               *(list(pair) for pair in itertools.combinations(DIFFERENCES, 2))]
    other_errors = []
    for differences in choices:
        agrees, another_error = _under(case, theirs, differences)
        names = [difference.name for difference in differences]
        if agrees:
            return " + ".join(names)
        if another_error:
            other_errors.append(" + ".join([*names, SEVERAL_ERRORS]))
    return other_errors[0] if other_errors else None


def _under(case: Node, theirs: Any, differences: list[Difference]) -> tuple[bool, bool]:
    """Whether the runtime with the differences' patches gives LibreOffice's
    value, and whether it gives an error where LibreOffice gives another that
    meets in the case."""
    with contextlib.ExitStack() as stack:
        stack.callback(criteria_module._text_criterion.cache_clear)
        criteria_module._text_criterion.cache_clear()
        for difference in differences:
            stack.enter_context(difference.patch())
            case = difference.rewrite(case)
        ours = formula_result(case)
        logical = (theirs is True or theirs is False) and any(
            difference.rewrite is numbers_for_logicals for difference in differences)
        if same(ours, theirs) or (logical and same(ours, float(theirs))):
            return True, False
        return False, _is_error(ours) and _is_error(theirs) and shown(theirs) in _errors_within(case)


#: Where several errors meet, LibreOffice may report another of them: it
#: reads a function's arguments from last to first (and checks the last ones
#: first) and lets an error read from a cell replace one already met. The
#: runtime reports the first error in reading order, as Excel does.
SEVERAL_ERRORS = "which error when several meet"


def _is_error(value: Any) -> bool:
    return str(shown(value)).startswith("#")


def _errors_within(node: Node) -> set[str]:
    """The errors that meet in a case: those of its cells and parts, #VALUE!
    when it holds text (reading text as a number may give it) and those the
    case gives when an argument that is an error is replaced by a plain value."""
    if isinstance(node, (Ref, Range)):
        found = {cell.value.code for cell in node.cells if isinstance(cell.value, XLError)}
        return found | ({"#VALUE!"} if any(isinstance(cell.value, str) for cell in node.cells) else set())
    if isinstance(node, Lit):
        return {"#VALUE!"} if isinstance(node.value, str) else set()
    found = set().union(*(_errors_within(argument) for argument in node.arguments))
    for position, argument in enumerate(node.arguments):
        if not _is_error(evaluate(argument)):
            continue
        found.add(str(shown(evaluate(argument))))
        for plain in (Lit(0.0), Lit(1.0), Lit("")):
            arguments = (*node.arguments[:position], plain, *node.arguments[position + 1:])
            replaced = evaluate(Call(node.name, arguments))
            if _is_error(replaced):
                found.add(str(shown(replaced)))
    return found


def test_runtime_agrees_with_libreoffice_case_by_case(outcomes):
    unexplained = [f"={case.excel()}: runtime {shown(ours)!r}, LibreOffice {shown(theirs)!r}"
                   for case, ours, theirs, why in outcomes if not same(ours, theirs) and why is None]
    assert len(outcomes) > 1000
    assert unexplained == [], f"{len(unexplained)} of {len(outcomes)} cases differ:\n" + "\n".join(
        unexplained[:60])


def test_every_known_difference_still_occurs(outcomes):
    seen = {name for *_, why in outcomes if why for name in why.split(" + ")}
    assert ({difference.name for difference in DIFFERENCES} | {SEVERAL_ERRORS}) - seen == set()


def test_the_examples_of_issue_11_are_exact(outcomes):
    found = {case: (ours, theirs) for case, ours, theirs, _ in outcomes if case in ISSUE_11}
    assert found == {case: (value, value) for case, value in ISSUE_11.items()}


def test_no_case_gives_a_value_that_is_not_finite(outcomes):
    assert [case.excel() for case, ours, *_ in outcomes if isinstance(ours, float) and ours - ours != 0] == []


def test_errors_inside_a_case_never_escape_as_python_exceptions():
    _, families = build()
    for family in families.values():
        for case in family:
            evaluate(case)


def test_the_docs_list_exactly_these_differences():
    table = (ROOT / "docs" / "spreadsheet-semantics.md").read_text(encoding="utf-8").split(
        "## Where LibreOffice and Excel differ")[1].split("## Limits")[0]
    rows = {line.split("|")[1].strip().lower() for line in table.splitlines()
            if line.startswith("| ") and not line.startswith("| Difference")}
    assert rows == {difference.name.lower() for difference in DIFFERENCES} | {SEVERAL_ERRORS}
