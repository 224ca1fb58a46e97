"""The placeholder syntax of the layout's formulas, parsed and rendered in one
place.

A layout formula is Excel text whose references are placeholders in braces:

- ``{key}``: one cell, by its dotted key;
- ``{table.*.column}``: a table column (a range, in row order);
- ``{first:last}``: the cells from ``first`` to ``last`` along one row;
- ``{@column}``: the same row of the formula's own table;
- ``{#}``: the formula's row ordinal in its table (1, 2, ...);
- ``{k1|k2|k3}``: a range listed cell by cell (a council's own formula,
  translated); an empty item is a blank cell, ``#1.5`` a number.

A leaf module: it imports nothing of the package, so the layout, the formula
compiler and the reader all share it without depending on each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

#: A placeholder; braces around constants ({1,2,3}) are an array, not a placeholder.
PLACEHOLDER = re.compile(r"\{(?![-+.\d\"])([^{}]+)\}")


def placeholders(template: str) -> tuple[str, ...]:
    """The distinct placeholders of a template, in order of first use."""
    return tuple(dict.fromkeys(PLACEHOLDER.findall(template)))


def is_range(placeholder: str) -> bool:
    """True when the placeholder stands for several cells."""
    return "*" in placeholder.split(".") or ":" in placeholder or "|" in placeholder


def render(template: str, address: Callable[[str], str]) -> str:
    """The formula text with each placeholder replaced by ``address(it)``."""
    return PLACEHOLDER.sub(lambda match: address(match.group(1)), template)


def listed(items: Sequence[str | float | None]) -> str:
    """A list placeholder's text for keys, numbers (``#n``) and blanks (None)."""
    def item(value: str | float | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return f"#{value!r}"
    return "{" + "|".join(item(value) for value in items) + "}"


def list_items(placeholder: str) -> list[str | float | None]:
    """The items of a list placeholder: keys, numbers and blanks (None)."""
    items: list[str | float | None] = []
    for item in placeholder.split("|"):
        if not item:
            items.append(None)
        elif item.startswith("#") and len(item) > 1:
            items.append(float(item[1:]))
        else:
            items.append(item)
    return items
