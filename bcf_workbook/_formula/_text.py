"""Text as spreadsheets treat it: reading a number from text, writing a
number as text, case mapping, ordering and wildcard patterns."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from . import _dates

# --- text to number -------------------------------------------------------------
# What a spreadsheet accepts where a number is needed ("1,234" + 1): the
# number formats its number scanner recognises for an English (UK) locale:
# ASCII digits with thousands separators in groups of three, a decimal point,
# an exponent, a leading sign or brackets for a negative, a pound or dollar
# sign, a trailing percent sign; ISO 8601 dates, day/month/year dates and
# times. LibreOffice: svl/source/numbers/zforfind.cxx (ImpSvNumberInputScan);
# Microsoft: VALUE function ("text can be in any of the constant number, date,
# or time formats recognized by Microsoft Excel"). Anything else, including
# "nan", "inf", "1_000" and fullwidth digits that Python's float() accepts,
# is not a number.

_NUMBER = re.compile(r"""
    (?P<open>\()?
    (?P<sign>[-+])?
    (?P<currency>[£$])?
    (?P<sign_after_currency>[-+])?
    (?P<mantissa>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)
    (?P<exponent>[eE][-+]?[0-9]+)?
    (?P<percent>%)?
    (?P<close>\))?
    """, re.VERBOSE | re.ASCII)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", re.ASCII)
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})", re.ASCII)
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]+)?))?", re.ASCII)
#: The space characters a spreadsheet skips around a number.
_SPACES = " \t\n\r\u00a0"


@lru_cache(maxsize=4096)
def number_from_text(text: str) -> float | None:
    """The number a spreadsheet reads in ``text``, or None when it reads none."""
    stripped = text.strip(_SPACES)
    return _plain_number(stripped) if stripped else None


def _plain_number(text: str) -> float | None:
    match = _NUMBER.fullmatch(text)
    if match is None:
        return _date_or_time(text)
    if bool(match["open"]) != bool(match["close"]):
        return None
    if match["sign"] and match["sign_after_currency"]:
        return None
    if match["open"] and (match["sign"] or match["sign_after_currency"]):
        return None
    value = float(match["mantissa"].replace(",", "") + (match["exponent"] or ""))
    if value == math.inf:
        return None
    if match["percent"]:
        value /= 100
    negative = bool(match["open"]) or "-" in (match["sign"], match["sign_after_currency"])
    return -value if negative else value


def _date_or_time(text: str) -> float | None:
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        return _valid_date(int(iso[1]), int(iso[2]), int(iso[3]))
    uk = _UK_DATE.fullmatch(text)
    if uk:
        year = int(uk[3])
        if len(uk[3]) == 2:
            # Two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999.
            year += 2000 if year < 30 else 1900
        return _valid_date(year, int(uk[2]), int(uk[1]))
    time = _TIME.fullmatch(text)
    if time:
        hours, minutes, seconds = int(time[1]), int(time[2]), float(time[3] or 0)
        if minutes < 60 and seconds < 60:
            return (hours * 3600 + minutes * 60 + seconds) / 86400
    return None


def _valid_date(year: int, month: int, day: int) -> float | None:
    if not 1 <= month <= 12 or not 1 <= day <= _dates.days_in_month(year, month):
        return None
    if not 1900 <= year <= 9999:
        return None
    return float(_dates.serial(year, month, day))


# --- number to text -------------------------------------------------------------

_MAX_EXACT_INTEGER = 2 ** 53 - 1


def text_from_number(value: float) -> str:
    """A number as text in the General format, as ``&`` joins it, the way
    LibreOffice writes it (rtl_math_doubleToUString with
    rtl_math_StringFormat_Automatic and rtl_math_DecimalPlaces_Max): integers a
    double holds exactly in full; other numbers from their shortest decimal
    digits, rounded half up to 15 significant digits, positional when the
    decimal exponent is from -14 to 14 (with at most 20 decimals) and with an
    exponent beyond. The exponent has two digits at least, as Excel writes it
    (LibreOffice writes three: 1E+016)."""
    if value == 0:
        return "0"
    absolute = abs(value)
    sign = "-" if value < 0 else ""
    if absolute <= _MAX_EXACT_INTEGER and absolute == int(absolute):
        return sign + str(int(absolute))
    digits, exponent = _shortest_digits(absolute)
    positional = -15 < exponent < 15
    # 15 significant digits, and positional ones no further than 20 decimals.
    significant = min(15, 21 + exponent) if positional else 15
    digits, carried = _round_half_up(digits, significant)
    if positional:
        return sign + _positional(digits, exponent + carried)
    exponent += carried
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{mantissa}E{'-' if exponent < 0 else '+'}{abs(exponent):02d}"


def _shortest_digits(absolute: float) -> tuple[str, int]:
    """The shortest significant digits that read back as the number (Python's
    repr, like LibreOffice's dtoa) and the decimal exponent of the first."""
    mantissa, _, exponent = f"{absolute!r}".partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    leading_zeros = len(whole + fraction) - len(digits)
    return digits.rstrip("0") or "0", int(exponent or 0) + len(whole) - 1 - leading_zeros


def _round_half_up(digits: str, significant: int) -> tuple[str, int]:
    """The digits rounded half up to ``significant`` digits, trailing zeros
    dropped, and 1 when rounding carried into a new leading digit."""
    if len(digits) <= significant:
        return digits, 0
    kept = digits[:significant]
    if digits[significant] < "5":
        return kept.rstrip("0") or "0", 0
    rounded = str(int(kept) + 1)
    return rounded.rstrip("0") or "0", len(rounded) - len(kept)


def _positional(digits: str, exponent: int) -> str:
    if exponent < 0:
        return "0." + "0" * (-exponent - 1) + digits
    whole = digits[:exponent + 1].ljust(exponent + 1, "0")
    decimals = digits[exponent + 1:]
    return f"{whole}.{decimals}" if decimals else whole


# --- case and order -------------------------------------------------------------
# Spreadsheets change case one character for one character: "ß" stays one
# character (LibreOffice's UPPER gives "ẞ"), so "Straße" never equals
# "STRASSE" as it would under Unicode case folding. LibreOffice:
# unotools CharClass::uppercase, used by svl::SharedString's case-insensitive
# form; i18npool's one-to-one toUpper/toLower transliterations.

_UPPER_EXCEPTIONS = {"ß": "ẞ"}


@lru_cache(maxsize=8192)
def upper(text: str) -> str:
    return "".join(_UPPER_EXCEPTIONS.get(char) or _one_to_one(char.upper(), char) for char in text)


@lru_cache(maxsize=8192)
def lower(text: str) -> str:
    return "".join(_one_to_one(char.lower(), char) for char in text)


def _one_to_one(mapped: str, char: str) -> str:
    return mapped if len(mapped) == 1 else char


# Order of texts: LibreOffice compares with its collator (ICU's root
# collation for English, ignoring case): whitespace, then punctuation and
# symbols in the collation's own order, then digits, then letters, each
# letter first by its base letter and only then by its accents.
# LibreOffice: sc/source/core/tool/compare.cxx CompareFunc with
# ScGlobal::GetCollator(); CLDR root collation order (unicode.org/charts/collation).
_PUNCTUATION_ORDER = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
_SPACE, _PUNCTUATION, _SYMBOL, _DIGIT, _LETTER = range(5)
_SHARP_S = "ßẞ"


@lru_cache(maxsize=8192)
def collation_key(text: str) -> tuple[tuple[tuple[int, int, int], ...], tuple[str, ...]]:
    """A key that orders texts as the spreadsheet's collator does: first by
    base characters ignoring case, then by accents."""
    primary: list[tuple[int, int, int]] = []
    secondary: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if secondary:
                secondary[-1] += char
            continue
        # Sharp s sorts as "ss", after it only by its secondary difference.
        for base, mark in (("s", char), ("s", "")) if char in _SHARP_S else ((char, ""),):
            primary.append(_primary_weight(base))
            secondary.append(mark)
    return tuple(primary), tuple(secondary)


def _primary_weight(char: str) -> tuple[int, int, int]:
    """(class, weight, variant): a letter that is another letter's variant in
    one case only (dotless ı upper-cases to I) sorts just after that letter."""
    if char.isspace():
        return _SPACE, ord(char), 0
    position = _PUNCTUATION_ORDER.find(char)
    if position >= 0:
        return _PUNCTUATION, position, 0
    if char.isdigit():
        return _DIGIT, unicodedata.digit(char, ord(char)), 0
    if char.isalpha():
        base = lower(upper(char))
        return _LETTER, ord(base), 0 if base == lower(char) else ord(char)
    return _SYMBOL, ord(char), 0


# --- wildcards ------------------------------------------------------------------

def has_wildcards(pattern: str) -> bool:
    return "*" in pattern or "?" in pattern or "~" in pattern


@lru_cache(maxsize=1024)
def wildcard_matcher(pattern: str) -> re.Pattern[str]:
    """The regular expression of a spreadsheet pattern: ``*`` any run of
    characters, ``?`` any one character, ``~`` takes the next character
    literally; case is ignored (the pattern and the texts it is matched with
    are both upper-cased). Microsoft: "Using wildcard characters in
    searches"; LibreOffice: utl::WildCard via ScQueryEvaluator."""
    parts: list[str] = []
    escaped = False
    for char in upper(pattern):
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "~":
            escaped = True
        elif char == "*":
            parts.append(".*")
        elif char == "?":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    if escaped:
        parts.append(re.escape("~"))
    return re.compile("".join(parts), re.DOTALL)
