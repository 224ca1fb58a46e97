"""The values a formula works with: error values and the signal that carries
an error up through a formula."""

from __future__ import annotations

from .._text import ERROR_CODES


class XLError:
    """An Excel error value such as ``#DIV/0!``."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __repr__(self) -> str:
        return self.code

    def __str__(self) -> str:
        return self.code

    def __eq__(self, other: object) -> bool:
        return isinstance(other, XLError) and other.code == self.code

    def __hash__(self) -> int:
        return hash(self.code)


DIV0 = XLError("#DIV/0!")
VALUE = XLError("#VALUE!")
NA = XLError("#N/A")
REF = XLError("#REF!")
NUM = XLError("#NUM!")
#: Every error value a cell can hold, by its code.
ERRORS = {error.code: error for error in (DIV0, VALUE, NA, REF, NUM)}
ERRORS.update((code, XLError(code)) for code in ERROR_CODES if code not in ERRORS)


class Raised(Exception):  # noqa: N818 - a signal, not a failure
    """Carries an error value up to the formula boundary or an IFERROR."""

    def __init__(self, error: XLError) -> None:
        super().__init__(error.code)
        self.error = error


def is_number(value: object) -> bool:
    """A number, as spreadsheets tell numbers from logicals."""
    return type(value) is float or type(value) is int  # bool is not int's type
