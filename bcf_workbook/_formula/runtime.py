"""Excel semantics of the operators and functions that compiled formulas call.

The compiler turns each formula into a Python expression over these helpers
once per process; evaluating a workbook is then plain Python calls. The
contract with the compiler:

* operators are called by the names in :data:`OPERATORS`, functions by their
  Excel names in :data:`FUNCTIONS`;
* arguments listed in :data:`LAZY` (by position) arrive as zero-argument
  thunks, so that an unchosen branch or a guarded error never escapes;
* a range arrives as a flat list of cell values (row by row, as the cells
  are read); a reference to one cell given to a function in
  :data:`AGGREGATES` arrives as a one-element list, and so does one in a
  branch of a function in :data:`PASS_THROUGH` given to an aggregate;
* an operator given a range or an array is applied by :func:`elementwise`;
* values are None (blank), float or int, str, bool or :class:`XLError`;
  inside a formula an error travels as the exception :class:`Raised`;
* :data:`ARITY` gives each function's least and most arguments and
  :data:`REFUSE` the reason to refuse a call whose literal arguments the
  runtime cannot evaluate exactly.

The arithmetic is LibreOffice's, ported in :mod:`._rtl_math`: comparisons to
15 significant digits, sums and differences of nearly opposite values
snapped to 0, rounding after the 15-digit correction, compensated sums.
Where LibreOffice and Excel differ the runtime follows Excel; every such
difference is listed in ``docs/spreadsheet-semantics.md``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from . import _dates, _text
from ._compare import compare, equal
from ._criteria import matcher
from ._lookup import match
from ._refuse import REFUSE
from ._rtl_math import (
    approx_ceil,
    approx_equal,
    approx_floor,
    approx_sub,
    kahan_sum,
    round_half_away,
    round_to,
)
from ._values import DIV0, ERRORS, NA, NUM, REF, VALUE, Raised, XLError, is_number

__all__ = ["AGGREGATES", "ARITY", "ERRORS", "FUNCTIONS", "LAZY", "OPERATORS", "PASS_THROUGH", "RANGES",
           "REFUSE", "Raised", "XLError", "elementwise", "format_number", "number", "text", "truth"]

Thunk = Callable[[], Any]
_SMALLEST_NORMAL = 2.2250738585072014e-308
_E44 = 2.0 ** -44

# --- coercions ----------------------------------------------------------------


def number(value: Any) -> float:
    """A value where a number is needed: a logical is 1 or 0, a blank 0,
    text is read as a spreadsheet reads it (#VALUE! when it holds no number)."""
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is bool:
        return float(value)
    if kind is int:
        return _finite(float(value)) if abs(value) < 2 ** 1024 else _finite(math.inf)
    if value is None:
        return 0.0
    if kind is str:
        found = _text.number_from_text(value)
        if found is None:
            raise Raised(VALUE)
        return found
    if kind is XLError:
        raise Raised(value)
    raise Raised(VALUE)


def text(value: Any) -> str:
    """A value where text is needed: a number as the General format shows it."""
    if type(value) is str:
        return value  # type: ignore[no-any-return]
    if value is None:
        return ""
    if value is True or value is False:
        return "TRUE" if value else "FALSE"
    if is_number(value):
        return format_number(number(value))
    if type(value) is XLError:
        raise Raised(value)
    raise Raised(VALUE)


format_number = _text.text_from_number


def truth(value: Any) -> bool:
    """A value where a logical is needed: a number is TRUE unless 0; text
    only when it reads TRUE or FALSE."""
    if value is True or value is False:
        return value  # type: ignore[no-any-return]
    if is_number(value):
        return value != 0
    if value is None:
        return False
    if type(value) is str:
        upper = value.upper()
        if upper in ("TRUE", "FALSE"):
            return upper == "TRUE"
    if type(value) is XLError:
        raise Raised(value)
    raise Raised(VALUE)


def _finite(value: float) -> float:
    """A result too large for a double, or no number at all, is #NUM!."""
    if value - value != 0.0:
        raise Raised(NUM)
    return value


def _raise_errors(values: Iterable[Any]) -> None:
    for value in values:
        if type(value) is XLError:
            raise Raised(value)


def _as_list(values: Any) -> list[Any]:
    return values if type(values) is list else [values]


# --- operators ------------------------------------------------------------------
# LibreOffice: ScInterpreter::CalculateAddSub uses approxAdd/approxSub,
# ScMul a plain product, ScDiv #DIV/0! for a zero divisor
# (sc/source/core/tool/interpr5.cxx, interpr4.cxx).

def op_add(a: Any, b: Any) -> float:
    if type(a) is not float or type(b) is not float:
        a, b = number(a), number(b)
    result = a + b
    if ((a < 0.0 < b) or (b < 0.0 < a)) and _nearly_cancelled(result, a) and approx_equal(a, -b):
        return 0.0
    return _finite(result)


def op_sub(a: Any, b: Any) -> float:
    if type(a) is not float or type(b) is not float:
        a, b = number(a), number(b)
    result = a - b
    same_sign = (a < 0.0 and b < 0.0) or (a > 0.0 and b > 0.0)
    if same_sign and _nearly_cancelled(result, a) and approx_equal(a, b):
        return 0.0
    return _finite(result)


def _nearly_cancelled(result: float, operand: float) -> bool:
    """A cheap first look before approxEqual: the result is small beside the
    operand (approxEqual needs it below 2^-44 of both)."""
    return (result if result >= 0.0 else -result) <= (operand if operand >= 0.0 else -operand) * _E44


def op_mul(a: Any, b: Any) -> float:
    if type(a) is not float or type(b) is not float:
        a, b = number(a), number(b)
    return _finite(a * b)


def op_div(a: Any, b: Any) -> float:
    numerator, denominator = number(a), number(b)
    if denominator == 0:
        raise Raised(DIV0)
    return _finite(numerator / denominator)


def op_pow(a: Any, b: Any) -> float:
    """Excel's ^: 0^0 and a negative base to a fractional power are #NUM!,
    0 to a negative power #DIV/0! (LibreOffice gives 1, the odd root and
    #NUM!: see the docs' table of differences)."""
    base, exponent = number(a), number(b)
    if base == 0 and exponent == 0:
        raise Raised(NUM)
    if base == 0 and exponent < 0:
        raise Raised(DIV0)
    try:
        result = math.pow(base, exponent)
    except (OverflowError, ValueError):
        raise Raised(NUM) from None
    if abs(result) < _SMALLEST_NORMAL and base != 0:
        # Too small for a normal double: LibreOffice's #NUM! (it checks for underflow).
        raise Raised(NUM)
    return _finite(result)


def op_neg(a: Any) -> float:
    return -number(a)


def op_pos(a: Any) -> Any:
    return a


def op_pct(a: Any) -> float:
    return number(a) / 100


def op_concat(a: Any, b: Any) -> str:
    # LibreOffice's ScAmpersand reads the right operand first: of two errors it gives the right one.
    right = text(b)
    return text(a) + right


def op_eq(a: Any, b: Any) -> bool:
    return equal(a, b)


def op_ne(a: Any, b: Any) -> bool:
    return not equal(a, b)


def op_lt(a: Any, b: Any) -> bool:
    return compare(a, b) < 0


def op_gt(a: Any, b: Any) -> bool:
    return compare(a, b) > 0


def op_le(a: Any, b: Any) -> bool:
    return compare(a, b) <= 0


def op_ge(a: Any, b: Any) -> bool:
    return compare(a, b) >= 0


def elementwise(operator: Callable[..., Any], *operands: Any) -> list[Any]:
    """An operator applied item by item where an operand is a list (a range
    or an array), as inside SUMPRODUCT: ``(A1:A9="CCG")*B1:B9``. A single
    value goes with every item, a shorter list gives #N/A past its end, and
    an item's error stays in its place rather than failing the whole. A
    list of one item goes with every item too, as a single value does."""
    length = max(len(operand) for operand in operands if type(operand) is list)
    columns = [_stretched(operand, length) for operand in operands]
    found: list[Any] = []
    for position in range(length):
        try:
            items = [column[position] if position < len(column) else NA for column in columns]
            found.append(operator(*items))
        except Raised as raised:
            found.append(raised.error)
    return found


def _stretched(operand: Any, length: int) -> list[Any]:
    if type(operand) is not list:
        return [operand] * length
    return operand * length if len(operand) == 1 else operand


# --- logical and information functions -----------------------------------------

def IF(condition: Any, when_true: Thunk, when_false: Thunk | None = None) -> Any:
    if truth(condition):
        return when_true()
    return when_false() if when_false is not None else False


def _error_of(value: Thunk) -> XLError | None:
    """The error a lazily evaluated argument gives, or None."""
    return _error_in(_value_or_error(value))


def _value_or_error(value: Thunk) -> Any:
    try:
        return value()
    except Raised as raised:
        return raised.error


def _error_in(result: Any) -> XLError | None:
    """The error a result is: an error value, or a reference to one cell (a
    one-element list, as an aggregate's argument) that holds one."""
    if type(result) is list and len(result) == 1:
        result = result[0]
    return result if type(result) is XLError else None


# IF, IFERROR and IFNA give back what they chose as it came: a reference
# chosen inside SUM and its kin stays a reference (a one-element list), whose
# text and logicals SUM skips, as spreadsheets pass references through them.

def IFERROR(value: Thunk, fallback: Thunk) -> Any:
    result = _value_or_error(value)
    return fallback() if _error_in(result) is not None else result


def IFNA(value: Thunk, fallback: Thunk) -> Any:
    result = _value_or_error(value)
    error = _error_in(result)
    if error == NA:
        return fallback()
    if error is not None:
        raise Raised(error)
    return result


def ISERROR(value: Thunk) -> bool:
    return _error_of(value) is not None


def ISERR(value: Thunk) -> bool:
    error = _error_of(value)
    return error is not None and error != NA


def ISNA(value: Thunk) -> bool:
    return _error_of(value) == NA


def NA_() -> Any:
    raise Raised(NA)


def ISNUMBER(value: Thunk) -> bool:
    return is_number(_value_or_error(value))


def ISBLANK(value: Thunk) -> bool:
    return _value_or_error(value) is None


def ISTEXT(value: Thunk) -> bool:
    return type(_value_or_error(value)) is str


def TRUE() -> bool:
    return True


def FALSE() -> bool:
    return False


def AND(*args: Any) -> bool:
    return all(_logicals(args))


def OR(*args: Any) -> bool:
    return any(_logicals(args))


def NOT(value: Any) -> bool:
    return not truth(value)


def _logicals(args: tuple[Any, ...]) -> list[bool]:
    """Logicals of AND and OR: a range gives its logicals and numbers (text
    and blanks skipped), a direct argument must be one."""
    found: list[bool] = []
    for arg in args:
        if type(arg) is list:
            _raise_errors(arg)
            found.extend(bool(item) for item in arg if item is True or item is False or is_number(item))
        else:
            found.append(truth(arg))
    if not found:
        raise Raised(VALUE)
    return found


# --- aggregates -----------------------------------------------------------------

def _numbers(args: tuple[Any, ...]) -> list[float]:
    """The numbers of SUM and its kin, in the order LibreOffice adds them:
    the arguments from last to first (its interpreter pops them off a
    stack), each range in order. A range gives its numbers only (Excel skips
    logicals and text in ranges); a direct argument is converted, so that
    SUM("3", TRUE) is 4 (Microsoft: SUM function)."""
    found: list[float] = []
    append = found.append
    for arg in reversed(args):
        if type(arg) is list:
            for item in arg:
                kind = type(item)
                if kind is float:
                    append(item)
                elif kind is int:
                    append(float(item))
                elif kind is XLError:
                    raise Raised(item)
        else:
            append(number(arg))
    return found


def SUM(*args: Any) -> float:
    return _finite(kahan_sum(_numbers(args)))


def AVERAGE(*args: Any) -> float:
    found = _numbers(args)
    if not found:
        raise Raised(DIV0)
    return _finite(kahan_sum(found) / len(found))


def MAX(*args: Any) -> float:
    found = _numbers(args)
    return max(found) if found else 0.0


def MIN(*args: Any) -> float:
    found = _numbers(args)
    return min(found) if found else 0.0


def COUNT(*args: Thunk) -> float:
    """Numbers in ranges; direct arguments that are numbers, logicals or text
    that reads as a number. Errors are not counted, nor raised."""
    total = 0
    for arg in args:
        value = _value_or_error(arg)
        if type(value) is list:
            total += sum(1 for item in value if is_number(item))
        elif is_number(value) or value is True or value is False:
            total += 1
        elif type(value) is str:
            total += _text.number_from_text(value) is not None
    return float(total)


def COUNTA(*args: Thunk) -> float:
    """Everything that is not a blank cell, errors and empty text included."""
    total = 0
    for arg in args:
        value = _value_or_error(arg)
        if type(value) is list:
            total += sum(1 for item in value if item is not None)
        else:
            total += 1
    return float(total)


def SUMPRODUCT(*arrays: Any) -> float:
    """The sum of the products of corresponding items of equally long lists;
    an item that is not a number counts as 0 (Microsoft: SUMPRODUCT). The
    products are taken from the last list to the first, a*(b*c), as
    LibreOffice's ScSumProduct multiplies its matrices."""
    columns = [_as_list(array) for array in arrays]
    length = len(columns[0])
    if any(len(column) != length for column in columns):
        raise Raised(VALUE)
    for column in columns:
        _raise_errors(column)
    products = []
    for row in zip(*columns):
        product = 1.0
        for item in reversed(row):
            product = (float(item) if is_number(item) else 0.0) * product
        products.append(product)
    return _finite(kahan_sum(products))


# --- criteria -------------------------------------------------------------------

def _pairs(args: tuple[Any, ...], length: int) -> list[bool]:
    """Which positions every (range, criterion) pair accepts."""
    keep = [True] * length
    for values, criterion in zip(args[::2], args[1::2]):
        items = _as_list(values)
        if len(items) != length:
            raise Raised(VALUE)
        matches = matcher(criterion)
        keep = [kept and matches(item) for kept, item in zip(keep, items)]
    return keep


def _chosen_numbers(values: Any, keep: list[bool]) -> list[float]:
    items = _as_list(values)
    if len(items) != len(keep):
        raise Raised(VALUE)
    chosen = [item for kept, item in zip(keep, items) if kept]
    _raise_errors(chosen)
    return [float(item) for item in chosen if is_number(item)]


def COUNTIF(values: Any, criterion: Any) -> float:
    return COUNTIFS(values, criterion)


def COUNTIFS(*pairs: Any) -> float:
    return float(sum(_pairs(pairs, len(_as_list(pairs[0])))))


def SUMIFS(sum_range: Any, *pairs: Any) -> float:
    keep = _pairs(pairs, len(_as_list(sum_range)))
    return _finite(kahan_sum(_chosen_numbers(sum_range, keep)))


def SUMIF(values: Any, criterion: Any, sum_range: Any = None) -> float:
    return SUMIFS(values if sum_range is None else sum_range, values, criterion)


def AVERAGEIF(values: Any, criterion: Any, average_range: Any = None) -> float:
    target = values if average_range is None else average_range
    found = _chosen_numbers(target, _pairs((values, criterion), len(_as_list(target))))
    if not found:
        raise Raised(DIV0)
    return _finite(kahan_sum(found) / len(found))


# --- maths ----------------------------------------------------------------------

def _places(digits: Any) -> int:
    """ScInterpreter::GetInt16: toward zero after the 15-digit correction;
    beyond a 16-bit integer the argument is illegal."""
    if type(digits) is float and digits.is_integer() and -32768 <= digits <= 32767:
        return int(digits)
    value = number(digits)
    truncated = approx_floor(value) if value > 0 else approx_ceil(value)
    if not -32768 <= truncated <= 32767:
        raise Raised(VALUE)
    return int(truncated)


def ROUND(value: Any, digits: Any = 0.0) -> float:
    if digits == 0.0 and type(value) is float:
        return _finite(round_half_away(value))
    return _finite(round_to(number(value), _places(digits), "half-up"))


def ROUNDUP(value: Any, digits: Any = 0.0) -> float:
    return _round_away_or_toward(value, digits, "up")


def ROUNDDOWN(value: Any, digits: Any = 0.0) -> float:
    return _round_away_or_toward(value, digits, "down")


def _round_away_or_toward(value: Any, digits: Any, mode: str) -> float:
    return _finite(round_to(number(value), _places(digits), mode))


def INT(value: Any) -> float:
    """ScInterpreter::ScInt: approxFloor."""
    return _finite(approx_floor(number(value)))


def MOD(value: Any, divisor: Any) -> float:
    """ScInterpreter::ScMod: value - approxFloor(value / divisor) * divisor
    with approxSub; a result outside [0, divisor) is an error."""
    denominator = number(divisor)
    if denominator == 0:
        raise Raised(DIV0)
    numerator = number(value)
    quotient = numerator / denominator
    if quotient - quotient != 0.0:
        raise Raised(VALUE)
    result = approx_sub(numerator, approx_floor(quotient) * denominator)
    if (denominator > 0 and 0 <= result < denominator) or (denominator < 0 and denominator < result <= 0):
        return result
    raise Raised(VALUE)


def ABS(value: Any) -> float:
    return abs(number(value))


# --- lookup and regression ------------------------------------------------------

def INDEX(values: Any, row: Any) -> Any:
    """The row-th value of a list; 0 (the whole list) is #VALUE! in one cell,
    beyond the list #REF! (Microsoft: INDEX function)."""
    items = _as_list(values)
    position = int(approx_floor(number(row)))
    if position == 0:
        raise Raised(VALUE)
    if position < 0 or position > len(items):
        raise Raised(REF)
    found = items[position - 1]
    if type(found) is XLError:
        raise Raised(found)
    return found


def MATCH(wanted: Any, values: Any, match_type: Any = 1.0) -> float:
    return match(wanted, _as_list(values), number(match_type))


def TREND(known_y: Any, known_x: Any = None, new_x: Any = None) -> float | list[float]:
    """A straight line's value at ``new_x`` (or at each of a list of them, as
    ``SUM(TREND(..., {45,46,47}))`` asks), computed as LibreOffice computes it
    (ScInterpreter::CalculateTrendGrowth, simple regression): means by
    compensated sums, deviations by approxSub, slope = Σx'y' / Σx'x',
    result = new_x * slope + (mean_y - slope * mean_x). Constant x gives the
    mean of y, as Excel does (LibreOffice: an error)."""
    ys = _series(known_y)
    xs = _series(known_x) if known_x is not None else [float(n) for n in range(1, len(ys) + 1)]
    if len(ys) != len(xs):
        raise Raised(REF)
    at = [xs[-1]] if new_x is None else _series(new_x) if type(new_x) is list else [_regressor(new_x)]
    mean_y = kahan_sum(ys) / len(ys)
    mean_x = kahan_sum(xs) / len(xs)
    ys_centred = [approx_sub(y, mean_y) for y in ys]
    xs_centred = [approx_sub(x, mean_x) for x in xs]
    spread = kahan_sum(x * x for x in xs_centred)
    slope = 0.0 if spread == 0.0 else kahan_sum(x * y for x, y in zip(xs_centred, ys_centred)) / spread
    intercept = mean_y - slope * mean_x
    found = [_finite(x * slope + intercept) for x in at]
    return found if type(new_x) is list else found[0]


def _series(values: Any) -> list[float]:
    items = _as_list(values)
    _raise_errors(items)
    if not items or not all(is_number(item) for item in items):
        raise Raised(VALUE)
    return [float(item) for item in items]


def _regressor(value: Any) -> float:
    if type(value) is XLError:
        raise Raised(value)
    if not is_number(value):
        raise Raised(VALUE)
    return float(value)


# --- text -----------------------------------------------------------------------

def LEN(value: Any) -> float:
    return float(len(text(value)))


_MAX_POSITION = 2 ** 31 - 1


def _count(value: Any) -> int:
    """A count or position of characters (ScInterpreter::
    GetStringPositionArgument): toward zero; negative or beyond a 32-bit
    integer is #VALUE!."""
    found = approx_floor(number(value))
    if not 0 <= found <= _MAX_POSITION:
        raise Raised(VALUE)
    return int(found)


# LEFT and RIGHT check the count before they read the text (a negative
# count is #VALUE! even beside an error); MID reads all three arguments, last
# first, before it checks them (LibreOffice: ScLeft, ScRight, ScMid).

def LEFT(value: Any, count: Any = 1.0) -> str:
    characters = _count(count)
    return text(value)[:characters]


def RIGHT(value: Any, count: Any = 1.0) -> str:
    characters = _count(count)
    whole = text(value)
    return whole[len(whole) - characters:] if characters < len(whole) else whole


def MID(value: Any, start: Any, count: Any) -> str:
    characters, first, whole = number(count), number(start), text(value)
    begin, length = _count(first), _count(characters)
    if begin < 1:
        raise Raised(VALUE)
    return whole[begin - 1:begin - 1 + length]


def TRIM(value: Any) -> str:
    """Spaces (U+0020 only) at both ends removed, runs of them inside made one."""
    return " ".join(part for part in text(value).split(" ") if part)


def UPPER(value: Any) -> str:
    return _text.upper(text(value))


def LOWER(value: Any) -> str:
    return _text.lower(text(value))


def CONCATENATE(*values: Any) -> str:
    return "".join(text(value) for value in values)


def VALUE_(value: Any) -> float:
    """Text read as a number; a number stays; a logical is #VALUE!."""
    if value is True or value is False:
        raise Raised(VALUE)
    if type(value) is str and _text.number_from_text(value) is None:
        raise Raised(VALUE)
    return number(value)


def N(value: Any) -> float:
    """A number as itself, a logical as 1 or 0, anything else as 0."""
    if type(value) is XLError:
        raise Raised(value)
    if is_number(value) or value is True or value is False:
        return float(value)
    return 0.0


# --- dates ----------------------------------------------------------------------

def _whole(value: Any) -> int:
    """An integer argument, toward zero after the 15-digit correction."""
    found = _finite(number(value))
    return int(approx_floor(found) if found >= 0 else approx_ceil(found))


def _checked_serial(year: int, month: int, day: int) -> float:
    found = _dates.serial(year, month, day)
    if not 0 <= found <= _dates.LAST_SERIAL:
        raise Raised(NUM)
    return float(found)


def DATE(year: Any, month: Any, day: Any) -> float:
    """Microsoft: DATE function: a year from 0 to 1899 is that many years
    after 1900; a month or day outside its range carries into the next unit."""
    whole_year = _whole(year)
    if not 0 <= whole_year <= 9999:
        raise Raised(NUM)
    if whole_year < 1900:
        whole_year += 1900
    return _checked_serial(whole_year, _whole(month), _whole(day))


def _day_of(serial: Any) -> tuple[int, int, int]:
    found = _finite(number(serial))
    if not 0 <= found <= _dates.LAST_SERIAL + 1 or approx_floor(found) > _dates.LAST_SERIAL:
        raise Raised(NUM)
    return _dates.year_month_day(int(approx_floor(found)))


def YEAR(serial: Any) -> float:
    return float(_day_of(serial)[0])


def MONTH(serial: Any) -> float:
    return float(_day_of(serial)[1])


def DAY(serial: Any) -> float:
    return float(_day_of(serial)[2])


def _months_later(start: Any, months: Any) -> tuple[int, int, int]:
    year, month, day = _day_of(start)
    total = year * 12 + month - 1 + _whole(months)
    return total // 12, total % 12 + 1, day


def EOMONTH(start: Any, months: Any) -> float:
    year, month, _ = _months_later(start, months)
    if not 1900 <= year <= 9999:
        raise Raised(NUM)
    return _checked_serial(year, month + 1, 0)


def EDATE(start: Any, months: Any) -> float:
    year, month, day = _months_later(start, months)
    if not 1900 <= year <= 9999:
        raise Raised(NUM)
    return _checked_serial(year, month, min(day, _dates.days_in_month(year, month)))


# --- the tables the compiler reads ----------------------------------------------

#: Excel allows at most 255 arguments: every position of a variadic function.
_ALL = frozenset(range(255))
_UNLIMITED = 255

#: Functions that read a reference to one cell as a one-cell range.
AGGREGATES = {"SUM", "AVERAGE", "MAX", "MIN", "COUNT", "COUNTA", "AND", "OR", "SUMPRODUCT"}
#: Functions that hand a chosen branch straight on: given to an aggregate,
#: a lone reference in a branch arrives as a one-element list too.
PASS_THROUGH = {"IF", "IFERROR", "IFNA"}
#: Arguments that take a range or an array, by function and position; an
#: array anywhere else would make an array formula, which is refused.
RANGES: dict[str, frozenset[int] | range] = {
    **{name: _ALL for name in AGGREGATES},
    "COUNTIF": frozenset({0}), "COUNTIFS": range(0, 255, 2), "SUMIF": frozenset({0, 2}),
    "SUMIFS": frozenset({0, *range(1, 255, 2)}), "AVERAGEIF": frozenset({0, 2}),
    "INDEX": frozenset({0}), "MATCH": frozenset({1}), "TREND": frozenset({0, 1, 2}),
}
#: Functions that receive some arguments as thunks, by argument position.
LAZY: dict[str, frozenset[int] | set[int]] = {
    "IF": {1, 2}, "IFERROR": {0, 1}, "IFNA": {0, 1}, "ISERROR": {0}, "ISERR": {0}, "ISNA": {0},
    "ISNUMBER": {0}, "ISBLANK": {0}, "ISTEXT": {0}, "COUNT": _ALL, "COUNTA": _ALL,
}
FUNCTIONS: dict[str, Callable[..., Any]] = {
    **{name: globals()[name] for name in (
        "IF", "IFERROR", "IFNA", "ISERROR", "ISERR", "ISNA", "ISNUMBER", "ISBLANK", "ISTEXT",
        "TRUE", "FALSE", "AND", "OR", "NOT",
        "SUM", "AVERAGE", "MAX", "MIN", "COUNT", "COUNTA", "SUMPRODUCT",
        "COUNTIF", "COUNTIFS", "SUMIF", "SUMIFS", "AVERAGEIF",
        "ROUND", "ROUNDUP", "ROUNDDOWN", "INT", "MOD", "ABS",
        "INDEX", "MATCH", "TREND",
        "LEN", "LEFT", "RIGHT", "MID", "TRIM", "UPPER", "LOWER", "CONCATENATE", "N",
        "DATE", "YEAR", "MONTH", "DAY", "EOMONTH", "EDATE")},
    "NA": NA_, "VALUE": VALUE_,
}
#: Each function's least and most number of arguments.
ARITY: dict[str, tuple[int, int]] = {
    "IF": (2, 3), "IFERROR": (2, 2), "IFNA": (2, 2), "ISERROR": (1, 1), "ISERR": (1, 1),
    "ISNA": (1, 1), "ISNUMBER": (1, 1), "ISBLANK": (1, 1), "ISTEXT": (1, 1), "NA": (0, 0),
    "TRUE": (0, 0), "FALSE": (0, 0), "AND": (1, _UNLIMITED), "OR": (1, _UNLIMITED), "NOT": (1, 1),
    "SUM": (1, _UNLIMITED), "AVERAGE": (1, _UNLIMITED), "MAX": (1, _UNLIMITED),
    "MIN": (1, _UNLIMITED), "COUNT": (1, _UNLIMITED), "COUNTA": (1, _UNLIMITED),
    "SUMPRODUCT": (1, _UNLIMITED), "COUNTIF": (2, 2), "COUNTIFS": (2, _UNLIMITED),
    "SUMIF": (2, 3), "SUMIFS": (3, _UNLIMITED), "AVERAGEIF": (2, 3),
    "ROUND": (2, 2), "ROUNDUP": (2, 2), "ROUNDDOWN": (2, 2), "INT": (1, 1), "MOD": (2, 2),
    "ABS": (1, 1), "INDEX": (2, 2), "MATCH": (2, 3), "TREND": (1, 3),
    "LEN": (1, 1), "LEFT": (1, 2), "RIGHT": (1, 2), "MID": (3, 3), "TRIM": (1, 1),
    "UPPER": (1, 1), "LOWER": (1, 1), "CONCATENATE": (1, _UNLIMITED), "VALUE": (1, 1),
    "N": (1, 1), "DATE": (3, 3), "YEAR": (1, 1), "MONTH": (1, 1), "DAY": (1, 1),
    "EOMONTH": (2, 2), "EDATE": (2, 2),
}
OPERATORS = {
    "+": "op_add", "-": "op_sub", "*": "op_mul", "/": "op_div", "^": "op_pow",
    "&": "op_concat", "=": "op_eq", "<>": "op_ne", "<": "op_lt", ">": "op_gt",
    "<=": "op_le", ">=": "op_ge", "u-": "op_neg", "u+": "op_pos", "%": "op_pct",
}

