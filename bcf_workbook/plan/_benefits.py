"""Figures stated in a benefit's text, with their units (spec section 4):
'5%-10% reduction ...' is 5 to 10 %, 'Gross savings of £1.05M' is £1,050,000,
'381 additional patients' is 381 patients."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
#: Things a benefit counts; other words after a number (years, domains) are not units.
_COUNTED = (r"patients?|people|persons?|strokes?|admissions?|residents?|beds?|fractures?|falls|"
            r"referrals?|carers?|clients?|visits?|days|hours")
_FIGURES = re.compile(
    rf"(?P<money>£\s?(?P<pounds>{_NUMBER})\s*(?P<scale>k|m|million|bn|billion)?\b)"
    rf"|(?P<percent_range>(?P<low>{_NUMBER})\s*%\s*(?:-|–|to)\s*(?P<high>{_NUMBER})\s*%)"
    rf"|(?P<percent>(?P<share>{_NUMBER})\s*%)"
    rf"|(?P<count>\b(?P<how_many>{_NUMBER})\s+(?:(?:additional|fewer|more|extra|less)\s+)?"
    rf"(?P<what>{_COUNTED})\b)",
    re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Figure:
    """A quantity a benefit states: ``value`` (to ``high`` for a range) in ``unit``
    ('£', '%' or what is counted), and the words it was read from."""

    value: float
    unit: str
    text: str
    high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "high": self.high, "unit": self.unit, "text": self.text}

    def __str__(self) -> str:
        amount = _show(self.value) + (f"–{_show(self.high)}" if self.high is not None else "")
        if self.unit == "£":
            return f"£{amount}"
        if self.unit == "%":
            return f"{amount}%"
        one = self.value == 1 and self.high is None and self.unit != "people"
        return f"{amount} {self.unit[:-1] if one else self.unit}"


def figures(text: str) -> tuple[Figure, ...]:
    return tuple(_figure(match) for match in _FIGURES.finditer(text))


def _figure(match: re.Match[str]) -> Figure:
    text = match.group(0).strip()
    if match["money"]:
        scale = _SCALES.get((match["scale"] or "").casefold(), 1)
        return Figure(_number(match["pounds"]) * scale, "£", text)
    if match["percent_range"]:
        return Figure(_number(match["low"]), "%", text, _number(match["high"]))
    if match["percent"]:
        return Figure(_number(match["share"]), "%", text)
    return Figure(_number(match["how_many"]), _plural(match["what"].casefold()), text)


def _plural(noun: str) -> str:
    """Units are named in the plural, whatever the number: '1 stroke' is in strokes."""
    return noun if noun.endswith("s") or noun == "people" else noun + "s"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _show(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
