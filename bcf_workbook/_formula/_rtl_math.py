"""LibreOffice's floating-point helpers, ported line by line.

Spreadsheets do not calculate with bare IEEE doubles: LibreOffice (like
Excel) treats two numbers as equal when they agree to about 15 significant
digits, snaps a sum of nearly opposite values to 0 and rounds after
correcting the value to 15 significant digits. These are the rules that
make ``ROUND(4945.149999999999,1)`` 4945.2 and ``0.1+0.2-0.3`` 0 in a
spreadsheet. Sources, LibreOffice core (MPL 2.0):

* ``sal/rtl/math.cxx``: ``rtl_math_round``, ``rtl_math_approxValue``,
  ``rtl_math_approxEqual``, ``isRepresentableInteger``, ``getBitsInFracPart``;
* ``include/rtl/math.hxx``: ``approxAdd``, ``approxSub``, ``approxFloor``,
  ``approxCeil``;
* ``sc/inc/kahan.hxx``: ``KahanSum``, the compensated sum behind SUM.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

#: 2^-48 and 2^-44: the relative tolerances of rtl_math_approxEqual.
_E48 = 1.0 / (16777216.0 * 16777216.0)
_E44 = _E48 * 16.0
_MAX_EXACT_INTEGER = float(2 ** 53 - 1)
_TWO_POW_41 = float(2 ** 41)
_TWO_POW_52 = float(2 ** 52)
#: rtl/math.cxx getN10Exp: powers of ten in [-16, 16] from a table of exact literals.
_POWERS_OF_TEN = {exponent: float(f"1e{exponent}") for exponent in range(-16, 17)}


def power_of_ten(exponent: int) -> float:
    """getN10Exp: 10^exponent, exact literals near 0, ``pow`` beyond."""
    found = _POWERS_OF_TEN.get(exponent)
    if found is not None:
        return found
    try:
        return math.pow(10.0, exponent)
    except OverflowError:
        return math.inf


def is_representable_integer(absolute: float) -> bool:
    """isRepresentableInteger: an integer whose neighbours are integers too."""
    return absolute <= _MAX_EXACT_INTEGER and absolute == int(absolute)


def approx_value(value: float) -> float:
    """rtl_math_approxValue: the value rounded to 15 significant digits, unless
    it is an integer or so coarse that the rounding cannot matter."""
    if value == 0.0 or not math.isfinite(value) or value > _TWO_POW_41:
        return value
    absolute = abs(value)
    # An integer, or a number with at most 11 binary digits after the point
    # (isRepresentableInteger, getBitsInFracPart): exact once scaled by 2^11.
    if (absolute * 2048.0).is_integer():
        return value
    exponent = 14 - math.floor(math.log10(absolute))
    factor = power_of_ten(abs(exponent))
    scaled = absolute / factor if exponent < 0 else absolute * factor
    if not math.isfinite(scaled):
        return value
    # std::round; scaled has 15 digits before the point, so adding 0.5 is exact.
    rounded = float(math.floor(scaled + 0.5))
    result = rounded * factor if exponent < 0 else rounded / factor
    if not math.isfinite(result):
        return value
    return -result if value < 0 else result


def round_half_away(value: float) -> float:
    """C's std::round: to the nearest integer, halves away from zero."""
    if value - value != 0.0:
        return value
    floor = math.floor(value)
    difference = value - floor
    if difference > 0.5 or (difference == 0.5 and value > 0):
        return float(floor + 1)
    if value < 0 and difference == 0.5:
        return float(floor)
    return float(floor) if difference < 0.5 else float(floor + 1)


def approx_floor(value: float) -> float:
    if value - value != 0.0:
        return value
    return float(math.floor(approx_value(value)))


def approx_ceil(value: float) -> float:
    if value - value != 0.0:
        return value
    return float(math.ceil(approx_value(value)))


def approx_equal(a: float, b: float) -> bool:
    """rtl_math_approxEqual: equal to within 2^-48 relative, except that two
    different integers that a double holds exactly are never equal."""
    if a == b:
        return True
    if a == 0.0 or b == 0.0:
        return False
    difference = abs(a - b)
    if not math.isfinite(difference):
        return False
    a, b = abs(a), abs(b)
    if difference > a * _E44 or difference > b * _E44:
        return False
    if (is_representable_integer(difference) and is_representable_integer(a)
            and is_representable_integer(b)):
        return False
    return difference < a * _E48 and difference < b * _E48


def approx_add(a: float, b: float) -> float:
    """approxAdd: a + b, but 0 when they are opposites to 15 digits."""
    if ((a < 0.0 < b) or (b < 0.0 < a)) and approx_equal(a, -b):
        return 0.0
    return a + b


def approx_sub(a: float, b: float) -> float:
    """approxSub: a - b, but 0 when they are equal to 15 digits."""
    if ((a < 0.0 and b < 0.0) or (a > 0.0 and b > 0.0)) and approx_equal(a, b):
        return 0.0
    return a - b


def round_to(value: float, places: int, mode: str) -> float:
    """rtl_math_round for the modes ROUND ("half-up", Corrected), ROUNDDOWN
    ("down") and ROUNDUP ("up") use: scale by a power of ten, round the
    scaled value after approxValue's 15-digit correction, scale back."""
    if not math.isfinite(value) or value == 0.0:
        return value
    if places == 0 and mode == "half-up":
        return round_half_away(value)
    absolute = abs(value)
    # Rounding an integer, or a number beyond 2^52, to decimals changes nothing.
    if places >= 0 and (absolute >= _TWO_POW_52 or is_representable_integer(absolute)):
        return value
    factor = 0.0
    if places != 0:
        if places > 0:
            # No more decimals than the double's precision holds.
            places = min(places, 52 - math.frexp(absolute)[1] + 1)
        factor = power_of_ten(abs(places))
        if factor == 0.0 or (places < 0 and math.isinf(factor)):
            return 0.0
        if math.isinf(factor):
            return value
        absolute = absolute / factor if places < 0 else absolute * factor
        if not math.isfinite(absolute):
            return value
    if absolute < _TWO_POW_52:
        absolute = _ROUNDERS[mode](absolute)
    if places != 0:
        absolute = absolute * factor if places < 0 else absolute / factor
    if not math.isfinite(absolute):
        return value
    return -absolute if value < 0 else absolute


_ROUNDERS = {
    "half-up": lambda scaled: approx_floor(scaled + 0.5),
    "down": approx_floor,
    "up": approx_ceil,
}


def kahan_sum(values: Iterable[float]) -> float:
    """KahanSum: Neumaier's compensated sum in the order given, the most
    recent non-zero value held back and added last as approxAdd would, so
    that values cancelling to 15 digits give exactly 0. (The step of
    KahanSum::sumNeumaierNormal is written out inline: this is the hot path
    of every SUM.)"""
    total = error = held = 0.0
    for value in values:
        if not value:
            continue
        if held:
            step = total + held
            if (total if total >= 0.0 else -total) >= (held if held >= 0.0 else -held):
                error += (total - step) + held
            else:
                error += (held - step) + total
            total = step
        held = value
    if not held:
        return total + error
    rest = total + error
    if ((held < 0.0 < rest) or (rest < 0.0 < held)) and approx_equal(held, -rest):
        return 0.0
    step = total + held
    if abs(total) >= abs(held):
        error += (total - step) + held
    else:
        error += (held - step) + total
    return step + error
