"""Labels as the reader compares them.

Councils retype labels: other case and spacing, a trailing colon, a footnote
mark (¹), "Non - Elective" for "Non-Elective", words in another order
("Expenditure 2014/15 (£000)"). Two labels match when they have the same
words, whatever their case, punctuation and order.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .._text import parse_number
from ..layout._elements import Header, Words
from ..periods import month_label

_FOOTNOTES = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+")
_DASHES = re.compile(r"[–—−]")
_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_EDGE_PUNCTUATION = "()[]{}:;,.'\"!?"
HWB = "{hwb}"


@functools.lru_cache(maxsize=16384)
def tokens(text: str) -> tuple[str, ...]:
    """The words of a label, sorted: case, footnote marks, dashes between
    letters and punctuation at the edges of words ignored."""
    text = _FOOTNOTES.sub(" ", str(text)).casefold()
    text = _BETWEEN_LETTERS.sub(" ", _DASHES.sub("-", text))
    found = (_word(word) for word in text.split())
    return tuple(sorted(word for word in found if word))


def _word(word: str) -> str:
    """A word without the punctuation around it; a minus sign before a figure stays."""
    word = word.strip(_EDGE_PUNCTUATION).rstrip("-")
    return word if word[1:2].isdigit() or word[1:2] == "." else word.lstrip("-")


def label_key(text: str) -> str:
    return " ".join(tokens(text))


def wordings(words: Words | None, hwb: str | None) -> Iterator[str]:
    """The label keys a label may have in a file: each wording, with the
    HWB's name for ``{hwb}``."""
    if words is None:
        return
    for text in words:
        if HWB in text:
            if hwb is None:
                continue
            text = text.replace(HWB, hwb)
        if text:
            yield label_key(text)


def header_forms(header: Header | None, hwb: str | None) -> tuple[set[str], set[str]]:
    """The keys a column header may have: in one cell, and as a sub-header
    (under its group)."""
    if header is None:
        return set(), set()
    one_cell = {label_key(form) for form in header.one_cell_forms() if form and HWB not in form}
    return one_cell, set(wordings(header.words, hwb))


def cell_labels(value: Any) -> Iterable[str]:
    """The label keys a cell value offers: its text; a date, as a month
    heading ('Aug-10') when it is the first of a month."""
    if isinstance(value, str):
        yield label_key(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        month = _month(value)
        if month is not None:
            yield label_key(month)


def _month(serial: float) -> str | None:
    """A spreadsheet date serial of a month's first day, as 'Aug-10'."""
    if not 36526 <= serial <= 47848 or serial != int(serial):
        return None
    day = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(serial))
    return month_label(day.year, day.month) if day.day == 1 else None


def embedded_number(text: str, label: str) -> float | int | None:
    """The number in a cell that holds a label and its figure together
    ('P4P annual change in admissions -167', '£1,490 National average cost
    ...'), or None."""
    wanted = list(tokens(label))
    rest = list(tokens(text))
    for word in wanted:
        if word not in rest:
            return None
        rest.remove(word)
    return parse_number(rest[0]) if len(rest) == 1 else None
