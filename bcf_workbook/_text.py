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

#: The error values a cell can hold, as spreadsheets write them (Excel 365's
#: #SPILL! and #CALC! included): read from a file, computed, written back.
ERROR_CODES = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA",
               "#SPILL!", "#CALC!")

#: Text that people type to mean "nothing here".
BLANK_MARKERS = frozenset({"", "-", "–", "—", "n/a", "na", "n.a.", "n/a.", "none", "nil"})

#: Digits beyond which text is not read as a number: a double holds about 308
#: (and Python refuses to convert more than 4,300 without being asked).
MAX_NUMBER_DIGITS = 300
_MINUS = "-−"
_SIGNS = "+" + _MINUS
# Runs of one class of character: matched once from a position, never backtracking.
_SPACES = re.compile(r"\s*")
_DIGITS = re.compile(r"\d*")
_DIGITS_AND_COMMAS = re.compile(r"[\d,]*")


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
    '12.5%', '−3', ' 12 '), or None when it is not one (also when it has more
    than ``MAX_NUMBER_DIGITS`` digits). Linear in the length of the text."""
    scanner = _Scanner(text.strip())
    opened = scanner.take("(")
    sign = scanner.take(_SIGNS)
    scanner.take("£")
    second_sign = scanner.take(_MINUS)
    digits, decimals = scanner.whole_digits(), scanner.decimals()
    percent = scanner.take("%")
    closed = scanner.take(")")
    if not scanner.at_end() or not (digits or decimals) or bool(opened) != bool(closed) \
            or (sign and second_sign):
        return None
    if len(digits) - digits.count(",") + max(len(decimals) - 1, 0) > MAX_NUMBER_DIGITS:
        return None
    number = (digits or "0").replace(",", "") + decimals
    result: float | int = float(number) if decimals or percent else int(number)
    if percent:
        result = result / 100
    negative = bool(opened or second_sign) or sign in ("-", "−")
    return -result if negative else result


class _Scanner:
    """Reads a number's parts left to right, skipping spaces between them, never
    going back (so that no text, however long, takes more than one pass)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def _skip_spaces(self) -> None:
        self.at = _SPACES.match(self.text, self.at).end()  # type: ignore[union-attr]

    def take(self, characters: str) -> str:
        """The next character if it is one of ``characters`` (then spaces after it skipped)."""
        if self.at < len(self.text) and self.text[self.at] in characters:
            taken = self.text[self.at]
            self.at += 1
            self._skip_spaces()
            return taken
        return ""

    def _run(self, pattern: re.Pattern[str]) -> str:
        start = self.at
        self.at = pattern.match(self.text, self.at).end()  # type: ignore[union-attr]
        return self.text[start:self.at]

    def whole_digits(self) -> str:
        """Digits, grouped by commas in threes ('1,234') or not at all ('1234')."""
        start = self.at
        run = self._run(_DIGITS_AND_COMMAS)
        groups = run.split(",")
        if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            self.at = start + len(groups[0]) if groups[0] else start
            return groups[0]
        return run

    def decimals(self) -> str:
        """A decimal point and the digits after it ('.5'), or nothing."""
        if self.at + 1 < len(self.text) and self.text[self.at] == "." and self.text[self.at + 1].isdecimal():
            self.at += 1
            digits = "." + self._run(_DIGITS)
            self._skip_spaces()
            return digits
        self._skip_spaces()
        return ""

    def at_end(self) -> bool:
        return self.at == len(self.text)


def looks_like_email(text: str) -> bool:
    """True for text shaped like an email address: no spaces, one '@' with
    something before it, and a dot inside what follows it. Linear, unlike the
    pattern ``^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$`` it replaces, which it matches exactly."""
    text = text.strip()
    local, at, domain = text.partition("@")
    if not local or not at or "@" in domain or any(character.isspace() for character in text):
        return False
    return "." in domain[1:-1]


def format_number(value: float) -> str:
    """A number as a spreadsheet's General format shows it in text."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g")
