"""Read a cell's value the way the person who typed it meant it."""

from __future__ import annotations

import re
from typing import Any

from ..formula.runtime import format_number
from ..layout import CellSpec, Type
from ..model import A_FORMULA, AN_ERROR, NOT_A_NUMBER, NOT_IN_LIST, Unreadable
from ..vocab import CHOICE_LISTS
from ..xlsx import RawCell, is_error

#: Text that people type to mean "nothing here".
BLANK_MARKERS = {"", "-", "–", "—", "n/a", "na", "n.a.", "n/a.", "none", "nil"}
_NUMBER = re.compile(r"""^(?P<open>\()?\s*(?P<sign>[-+−])?\s*£?\s*(?P<sign2>[-−])?\s*
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)?(?P<decimals>\.\d+)?\s*(?P<percent>%)?\s*(?P<close>\))?$""",
                     re.VERBOSE)


def is_blank_text(text: str) -> bool:
    return text.strip().casefold() in BLANK_MARKERS


def cell_leaf(raw: RawCell | None, spec: CellSpec) -> Any:
    """The model leaf for an input or pre-populated cell."""
    if raw is None:
        return None
    if raw.formula is not None and spec.formula is None:
        # A formula typed into an input is data: kept as its text, never run.
        value: Any = raw.formula
        if spec.type in (Type.TEXT,) or (spec.type is Type.CHOICE and spec.choices not in CHOICE_LISTS):
            return value
        return Unreadable(value, A_FORMULA)
    value = raw.value
    if spec.type is Type.CHOICE and spec.choices in CHOICE_LISTS:
        return choice(value, CHOICE_LISTS[spec.choices])
    if spec.is_number:
        return number(value)
    return text(value)


def number(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return Unreadable("TRUE" if value else "FALSE", NOT_A_NUMBER)
    if isinstance(value, (int, float)):
        return value
    text_value = str(value)
    if is_blank_text(text_value):
        return None
    if is_error(text_value):
        return Unreadable(text_value, AN_ERROR)
    parsed = parse_number(text_value)
    return Unreadable(text_value, NOT_A_NUMBER) if parsed is None else parsed


def parse_number(text_value: str) -> float | int | None:
    match = _NUMBER.match(text_value.strip())
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


def choice(value: Any, choices: Any) -> Any:
    if value is None:
        return None
    text_value = format_number(value) if isinstance(value, (int, float)) else str(value)
    if is_blank_text(text_value):
        return None
    member = choices.from_label(text_value)
    return member if member is not None else Unreadable(text_value, NOT_IN_LIST)


def text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value)
    text_value = str(value)
    return None if is_blank_text(text_value) else text_value
