"""Cell text, read and written one way everywhere: labels compared, blanks
recognised, numbers read the way the person who typed them meant them and
shown the way a spreadsheet shows them.

A leaf module: it imports nothing of the package, so the reader, the checks,
the batch and the samples all share it without depending on each other.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

#: Text that people type to mean "nothing here".
BLANK_MARKERS = frozenset({"", "-", "–", "—", "n/a", "na", "n.a.", "n/a.", "none", "nil"})

_NUMBER = re.compile(r"""^(?P<open>\()?\s*(?P<sign>[-+−])?\s*£?\s*(?P<sign2>[-−])?\s*
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)?(?P<decimals>\.\d+)?\s*(?P<percent>%)?\s*(?P<close>\))?$""",
                     re.VERBOSE)


@functools.lru_cache(maxsize=8192)
def normalise(text: object) -> str:
    """Text as labels compare: case and runs of spaces ignored (cached: the
    same labels recur in every file)."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def is_blank_text(text: str) -> bool:
    return text.strip().casefold() in BLANK_MARKERS


def is_number(value: Any) -> bool:
    """True for an int or float cell value (a boolean is not a number)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_number(value: Any) -> float | None:
    """A finite number as a float, or None for anything else."""
    if not is_number(value):
        return None
    return float(value) if math.isfinite(value) else None


def parse_number(text: str) -> float | int | None:
    """The number in text as people type it ('1,234', '£5,000', '(1,234)',
    '12.5%', '−3'), or None when it is not one."""
    match = _NUMBER.match(text.strip())
    if match is None or not (match["digits"] or match["decimals"]):
        return None
    if bool(match["open"]) != bool(match["close"]):
        return None
    if match["sign"] and match["sign2"]:
        return None
    digits = (match["digits"] or "0").replace(",", "") + (match["decimals"] or "")
    result: float | int = float(digits) if match["decimals"] or match["percent"] else int(digits)
    if match["percent"]:
        result = result / 100
    negative = bool(match["open"]) or match["sign"] in ("-", "−") or match["sign2"] is not None
    return -result if negative else result


def format_number(value: float) -> str:
    """A number as a spreadsheet's General format shows it in text."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g")
