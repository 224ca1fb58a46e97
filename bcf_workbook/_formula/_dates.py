"""Dates as serial numbers in Excel's 1900 date system.

Serial 1 is 1 January 1900. Excel, for compatibility with Lotus 1-2-3,
counts a 29 February 1900 that never was: serial 60 is that day and every
serial from 61 (1 March 1900) on is one more than the days since 31 December
1899 (Microsoft: "Excel incorrectly assumes that the year 1900 is a leap
year", learn.microsoft.com/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year).
Serial 0 shows as 0 January 1900. LibreOffice numbers days from 30 December
1899 without the fictitious day, so the two agree from 1 March 1900 on only;
the runtime follows Excel.
"""

from __future__ import annotations

#: The last day Excel knows: 31 December 9999.
LAST_SERIAL = 2958465
_FIRST_MARCH_1900 = 61


def serial(year: int, month: int, day: int) -> int:
    """The serial of a day given as year, month (any integer: 13 is January of
    the next year) and day (any integer: 0 is the month's eve), counted in
    Excel's calendar where February 1900 has 29 days."""
    months = year * 12 + (month - 1)
    year, month = divmod(months, 12)
    return _first_of_month(year, month + 1) + day - 1


def _first_of_month(year: int, month: int) -> int:
    if (year, month) <= (1900, 2):
        # January 1900 starts at 1 and February at 32, before the fictitious day.
        return _days(year, month, 1) - _days(1899, 12, 31)
    return _days(year, month, 1) - _days(1899, 12, 30)


def _days(year: int, month: int, day: int) -> int:
    """Days since 1 March of year 0 in the proleptic Gregorian calendar, for
    any year (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms")."""
    year -= month <= 2
    era, year_of_era = divmod(year, 400)
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era


def _civil(days: int) -> tuple[int, int, int]:
    """The inverse of _days."""
    era, day_of_era = divmod(days, 146097)
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + (3 if shifted_month < 10 else -9)
    return era * 400 + year_of_era + (month <= 2), month, day


def year_month_day(number: int) -> tuple[int, int, int]:
    """The (year, month, day) Excel shows for a serial in [0, LAST_SERIAL]."""
    if number == 0:
        return 1900, 1, 0
    if number == 60:
        return 1900, 2, 29
    if number < _FIRST_MARCH_1900:
        return _civil(_days(1899, 12, 31) + number)
    return _civil(_days(1899, 12, 30) + number)


def days_in_month(year: int, month: int) -> int:
    """Days of the month in Excel's calendar (29 in February 1900)."""
    return serial(year, month + 1, 1) - serial(year, month, 1)
