"""Read a cell's value the way the person who typed it meant it."""

from __future__ import annotations

import re
from typing import Any

from .._text import format_number, is_blank_text, parse_number
from ..choices import CHOICE_LISTS
from ..layout import CellSpec, Type
from ..model import A_FORMULA, AN_ERROR, NOT_A_NUMBER, NOT_IN_LIST, Unreadable
from ._xlsx import RawCell, is_error

_PLACEHOLDER = re.compile(r"^\s*<\s*please\s+(select|enter|choose)\b[^<>]*>\s*$", re.IGNORECASE)


def is_placeholder(text: str) -> bool:
    """True for the original's dropdown prompts ('<Please select Local
    Authority>'): a blank that shows what to choose."""
    return bool(_PLACEHOLDER.match(text))


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


def choice(value: Any, choices: Any) -> Any:
    if value is None:
        return None
    text_value = format_number(value) if isinstance(value, (int, float)) else str(value)
    if is_blank_text(text_value) or is_placeholder(text_value):
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
    return None if is_blank_text(text_value) or is_placeholder(text_value) else text_value
