"""Formula patterns the layout uses many times, written once here.

Every pattern yields a blank ("") rather than an error when its inputs are
missing or not numbers, so a half-filled template never shows #VALUE!.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..choices import Rating


def ref(key: str) -> str:
    return "{" + key + "}"


def refs(keys: Iterable[str]) -> str:
    return ",".join(ref(key) for key in keys)


def text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def when_numbers(keys: Iterable[str], expression: str) -> str:
    """``expression`` when every key holds a number, else blank."""
    listed = list(keys)
    return f'IF(COUNT({refs(listed)})<{len(listed)},"",{expression})'


def ratio(numerator: str, denominator: str, scale: int | None = None) -> str:
    """numerator / denominator (× scale), blank when either is missing or the
    denominator is zero."""
    scaled = f"{ref(numerator)}/{ref(denominator)}" + (f"*{scale}" if scale else "")
    return when_numbers((numerator, denominator), f'IF({ref(denominator)}=0,"",{scaled})')


def change(current: str, previous: str) -> str:
    return when_numbers((current, previous), f"{ref(current)}-{ref(previous)}")


def sum_when_complete(keys: Iterable[str]) -> str:
    listed = list(keys)
    return when_numbers(listed, f"SUM({refs(listed)})")


def sum_of_range(placeholder: str) -> str:
    """SUM over a range, blank when the range holds no number at all."""
    return f'IF(COUNT({ref(placeholder)})=0,"",SUM({ref(placeholder)}))'


def rating(valid: str, red_when: str, amber_when: str | None = None) -> str:
    """Red when ``valid`` is false or ``red_when`` holds; else amber when
    ``amber_when`` holds; else green."""
    best = text(Rating.GREEN.value)
    if amber_when is not None:
        best = f"IF({amber_when},{text(Rating.AMBER.value)},{best})"
    red = text(Rating.RED.value)
    return f"IF({valid},IF({red_when},{red},{best}),{red})"


def all_numbers(keys: Iterable[str]) -> str:
    listed = list(keys)
    return f"COUNT({refs(listed)})={len(listed)}"


def non_negative(keys: Iterable[str]) -> str:
    return f"MIN({refs(keys)})>=0"


def yes_no(condition: str) -> str:
    return f'IF({condition},"Yes","No")'
