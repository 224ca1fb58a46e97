"""Where LibreOffice departs from Excel, LibreOffice's way, as patches of the
runtime: with a patch on, the runtime must give exactly LibreOffice's value,
which is how the differential test tells a documented difference from a bug.

Each entry of DIFFERENCES names one row of the table of differences in
docs/spreadsheet-semantics.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

from bcf_workbook._formula import _criteria, _text, runtime
from bcf_workbook._formula._rtl_math import approx_ceil, approx_floor, kahan_sum, round_half_away, round_to
from bcf_workbook._formula._values import NA, NUM, VALUE, Raised, XLError, is_number
from support.differential import Call, Cell, Lit, Node, Range, Ref


@dataclasses.dataclass(frozen=True)
class Difference:
    """One way LibreOffice differs: a patch making the runtime compute as
    LibreOffice does, and a rewrite of the case's values it needs."""

    name: str
    patch: Callable[[], contextlib.AbstractContextManager[Any]]
    rewrite: Callable[[Node], Node] = lambda node: node


# --- logicals are numbers ---------------------------------------------------------

def _as_number(value: Any) -> Any:
    return float(value) if value is True or value is False else value


def numbers_for_logicals(node: Node) -> Node:
    """The case with every logical value made 1 or 0, as LibreOffice stores them."""
    if isinstance(node, (Ref, Range)):
        cells = tuple(Cell(cell.content, _as_number(cell.value), cell.label) for cell in node.cells)
        return dataclasses.replace(node, cells=cells)
    if isinstance(node, Lit):
        return Lit(_as_number(node.value))
    return Call(node.name, tuple(numbers_for_logicals(argument) for argument in node.arguments))


def _reading(change: Callable[[str, float | None], float | None]) -> Callable[[], Any]:
    """A patch of how text is read as a number."""
    @contextlib.contextmanager
    def patch() -> Iterator[None]:
        original = _text.number_from_text
        with mock.patch.object(_text, "number_from_text", lambda text: change(text, original(text))):
            yield
    return patch


def _numeric_results(function: Callable[..., Any]) -> Callable[..., Any]:
    def numeric(*args: Any) -> Any:
        result = function(*args)
        return float(result) if result is True or result is False else result
    return numeric


@contextlib.contextmanager
def _logicals_as_numbers() -> Iterator[None]:
    """Every logical a function or comparison gives is 1 or 0, and the text
    TRUE or FALSE reads as one."""
    operators = {name: _numeric_results(getattr(runtime, name)) for name in runtime.OPERATORS.values()}
    functions = {name: _numeric_results(function) for name, function in runtime.FUNCTIONS.items()}
    with _reading(_true_false_as_numbers)(), mock.patch.dict(runtime.FUNCTIONS, functions), \
            mock.patch.multiple(runtime, **operators):
        yield


def _true_false_as_numbers(text: str, found: float | None) -> float | None:
    word = text.strip().upper()
    return float(word == "TRUE") if word in ("TRUE", "FALSE") else found


def _without_dollar(text: str, found: float | None) -> float | None:
    return None if "$" in text else found


# --- text read as a logical --------------------------------------------------------

@contextlib.contextmanager
def _numeric_text_as_logical() -> Iterator[None]:
    original = runtime.truth

    def truth(value: Any) -> bool:
        if type(value) is str and _text.number_from_text(value) is not None:
            return _text.number_from_text(value) != 0
        return original(value)
    with mock.patch.object(runtime, "truth", truth):
        yield


# --- three-digit exponents ---------------------------------------------------------

def _three_digit_exponent(value: float) -> str:
    written = _text.text_from_number(value)
    mantissa, marker, exponent = written.partition("E")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):03d}" if marker else written


# --- powers ------------------------------------------------------------------------

def _libreoffice_power(a: Any, b: Any) -> float:
    """sc::power: 0^0 is 1, 0 to a negative power #NUM!, a negative base
    takes odd roots (1/b an odd integer)."""
    base, exponent = runtime.number(a), runtime.number(b)
    if base < 0 and exponent != math.floor(exponent):
        inverse = 1.0 / exponent
        odd = round(inverse)
        if odd % 2 == 1 and inverse == odd:
            return -math.pow(-base, exponent)
        raise Raised(NUM)
    try:
        result = math.pow(base, exponent)
    except (OverflowError, ValueError, ZeroDivisionError):
        raise Raised(NUM) from None
    if not math.isfinite(result) or (abs(result) < 2.2250738585072014e-308 and base != 0):
        raise Raised(NUM)
    return result


# --- text among SUM's arguments ----------------------------------------------------

@contextlib.contextmanager
def _text_arguments_refused() -> Iterator[None]:
    original = runtime._numbers

    def numbers(args: tuple[Any, ...]) -> list[float]:
        if any(type(arg) is str for arg in args):
            raise Raised(VALUE)
        return original(args)
    with mock.patch.object(runtime, "_numbers", numbers):
        yield


# --- dates -------------------------------------------------------------------------
# LibreOffice counts days from 30 December 1899 in the real calendar, before
# and after 1900, and reads years 0-99 in a 1930-2029 window.

def _lo_days(year: int, month: int, day: int) -> int:
    from bcf_workbook._formula._dates import _days
    months = year * 12 + month - 1
    return _days(months // 12, months % 12 + 1, 1) + day - 1 - _days(1899, 12, 30)


def _lo_day(serial: Any) -> tuple[int, int, int]:
    """ScInterpreter::GetInt32: toward zero, beyond a 32-bit integer #VALUE!."""
    from bcf_workbook._formula._dates import _civil, _days
    whole = _whole(serial)
    if not -2 ** 31 <= whole < 2 ** 31:
        raise Raised(VALUE)
    return _civil(_days(1899, 12, 30) + whole)


def _whole(value: Any) -> int:
    found = runtime.number(value)
    if not math.isfinite(found) or abs(found) > 2 ** 62:
        raise Raised(VALUE)
    return int(approx_floor(found) if found >= 0 else approx_ceil(found))


def _lo_date(year: Any, month: Any, day: Any) -> float:
    whole_year = _whole(year)
    if whole_year < 0:
        raise Raised(VALUE)
    if 0 <= whole_year < 100:
        whole_year += 2000 if whole_year < 30 else 1900
    if not -32768 <= whole_year <= 32767:
        raise Raised(VALUE)
    return float(_lo_days(whole_year, _whole(month), _whole(day)))


def _lo_months_later(start: Any, months: Any, last_day: bool) -> float:
    year, month, day = _lo_day(start)
    total = year * 12 + month - 1 + _whole(months)
    year, month = total // 12, total % 12 + 1
    length = _lo_days(year, month + 1, 1) - _lo_days(year, month, 1)
    return float(_lo_days(year, month, length if last_day else min(day, length)))


_LO_DATES = {
    "DATE": _lo_date,
    "YEAR": lambda serial: float(_lo_day(serial)[0]),
    "MONTH": lambda serial: float(_lo_day(serial)[1]),
    "DAY": lambda serial: float(_lo_day(serial)[2]),
    "EOMONTH": lambda start, months: _lo_months_later(start, months, True),
    "EDATE": lambda start, months: _lo_months_later(start, months, False),
}


# --- INDEX, TREND, SUMPRODUCT, ROUNDUP --------------------------------------------

def _index_beyond_is_value(values: Any, row: Any) -> Any:
    try:
        return runtime.INDEX(values, row)
    except Raised as raised:
        if raised.error.code == "#REF!":
            raise Raised(VALUE) from None
        raise


def _trend_constant_x_is_error(known_y: Any, known_x: Any = None, new_x: Any = None) -> float:
    xs = known_x if type(known_x) is list else [known_x]
    if all(is_number(x) for x in xs) and len(set(xs)) == 1 and len(xs) > 1:
        raise Raised(VALUE)
    return runtime.TREND(known_y, known_x, new_x)


def _libreoffice_sumproduct(*arrays: Any) -> float:
    """ScMatrix's element-wise product: text or a blank beside an error gives
    no number (not the error); of two errors the later argument's wins."""
    columns = [array if type(array) is list else [array] for array in arrays]
    if any(len(column) != len(columns[0]) for column in columns):
        raise Raised(VALUE)
    products = []
    for row in zip(*columns):
        if any(not is_number(item) and type(item) is not XLError for item in row):
            continue
        errors = [item for item in row if type(item) is XLError]
        if errors:
            raise Raised(errors[-1])
        products.append(math.prod(float(item) for item in row))
    return kahan_sum(products)


def _libreoffice_round_away_or_toward(value: Any, digits: Any, mode: str) -> float:
    """ScInterpreter::RoundNumber (tdf#124286): a number that is not an integer
    is first rounded to 12 significant digits (ScInterpreter::RoundSignificant)
    when rounding up or down to fewer than 12 decimals; the powers of ten in
    that step overflow below about 1E-297, giving #NUM!."""
    x, places = runtime.number(value), runtime._places(digits)
    if places < 12 and x != math.floor(x):
        exponent = approx_floor(math.log10(abs(x))) + 1.0 - 12
        scale = 10.0 ** -exponent if -exponent < 309 else math.inf
        x = math.copysign(round_half_away(scale * abs(x)) * 10.0 ** exponent, x)
        if not math.isfinite(x):
            raise Raised(NUM)
    return runtime._finite(round_to(x, places, mode))


# --- text criteria and lookups -----------------------------------------------------

def _displayed(item: Any) -> str | None:
    """The text LibreOffice matches a text pattern with: numbers as shown."""
    if type(item) is str:
        return item
    if item is True or item is False:
        return "TRUE" if item else "FALSE"
    if is_number(item):
        return _three_digit_exponent(float(item))
    return None


@contextlib.contextmanager
def _patterns_match_numbers() -> Iterator[None]:
    """Text criteria with = and <> and MATCH's text lookups compare with
    what numbers show; wildcards work in approximate MATCH too."""
    original = _criteria._string_test

    def string_test(operator: str, wanted: str) -> Callable[[Any], bool]:
        test = original(operator, wanted)
        if operator not in ("=", "<>"):
            return test
        return lambda item: test(_displayed(item)) if _displayed(item) is not None else test(item)

    def match(wanted: Any, items: list[Any], match_type: float) -> float:
        if type(wanted) is not str:
            return original_match(wanted, items, match_type)
        if match_type == 0 or _text.has_wildcards(wanted):
            pattern = _text.wildcard_matcher(wanted) if _text.has_wildcards(wanted) else None
            found = [position for position, item in enumerate(items, 1) if _displayed(item) is not None
                     and (pattern.fullmatch(_text.upper(_displayed(item))) if pattern
                          else _text.upper(_displayed(item)) == _text.upper(wanted))]
            if found:
                return float(found[0] if match_type == 0 else found[-1])
            raise Raised(NA)
        return original_match(wanted, items, match_type)
    def matcher(criterion: Any) -> Callable[[Any], bool]:
        accepts = original_matcher(criterion)
        if not (type(criterion) is str and _text.has_wildcards(criterion)
                and not criterion.startswith(("<", ">"))):
            return accepts
        pattern = _text.wildcard_matcher(criterion.removeprefix("="))
        return lambda item: (pattern.fullmatch(item.code) is not None if type(item) is XLError
                             else accepts(item))
    original_match, original_matcher = runtime.match, runtime.matcher
    with mock.patch.object(_criteria, "_string_test", string_test), \
            mock.patch.object(runtime, "match", match), mock.patch.object(runtime, "matcher", matcher):
        yield


@contextlib.contextmanager
def _blank_lookup_finds_empty_text() -> Iterator[None]:
    original = runtime.match

    def match(wanted: Any, items: list[Any], match_type: float) -> float:
        return original("" if wanted is None else wanted, items, match_type)
    with mock.patch.object(runtime, "match", match):
        yield


def _patch_functions(**replacements: Callable[..., Any]) -> Callable[[], Any]:
    return lambda: mock.patch.dict(runtime.FUNCTIONS, replacements)


DIFFERENCES = [
    Difference("logicals are numbers", _logicals_as_numbers, numbers_for_logicals),
    Difference("currency signs other than £", _reading(_without_dollar)),
    Difference("numeric text as a logical", _numeric_text_as_logical),
    Difference("three-digit exponents", lambda: mock.patch.object(runtime, "format_number",
                                                                  _three_digit_exponent)),
    Difference("powers of 0 and of negative numbers", lambda: mock.patch.object(runtime, "op_pow",
                                                                               _libreoffice_power)),
    Difference("text among SUM's arguments", _text_arguments_refused),
    Difference("dates before March 1900 and two-digit years", _patch_functions(**_LO_DATES)),
    Difference("INDEX beyond the range", _patch_functions(INDEX=_index_beyond_is_value)),
    Difference("TREND with constant x", _patch_functions(TREND=_trend_constant_x_is_error)),
    Difference("SUMPRODUCT with errors", _patch_functions(SUMPRODUCT=_libreoffice_sumproduct)),
    Difference("ROUNDUP and ROUNDDOWN to 12 significant digits", lambda: mock.patch.object(
        runtime, "_round_away_or_toward", _libreoffice_round_away_or_toward)),
    Difference("text matches what numbers show", _patterns_match_numbers),
    Difference("MATCH with a blank lookup value", _blank_lookup_finds_empty_text),
]
