"""The template's periods: financial years, quarters and months, spelled as
the dotted keys spell them ('2014/15', 'Q4 13/14', 'Aug-10')."""

from __future__ import annotations

YEARS = ("2014/15", "2015/16")
BASELINE_YEAR = "2013/14"
METRIC_YEARS = (BASELINE_YEAR, *YEARS)

P4P_BASELINE_QUARTERS = ("Q4 13/14", "Q1 14/15", "Q2 14/15", "Q3 14/15")
P4P_PLAN_QUARTERS = ("Q4 14/15", "Q1 15/16", "Q2 15/16", "Q3 15/16", "Q4 15/16")
P4P_QUARTERS = P4P_BASELINE_QUARTERS + P4P_PLAN_QUARTERS
#: The plan quarters that count towards the payment year (Q4 15/16 does not).
P4P_PAYMENT_QUARTERS = P4P_PLAN_QUARTERS[:4]

DTOC_QUARTERS = tuple(
    f"Q{q} {year[2:]}" for year in METRIC_YEARS for q in (1, 2, 3, 4)
)
NON_ELECTIVE_HISTORY_QUARTERS = ("Q1 13/14", "Q2 13/14", "Q3 13/14")
PROJECTION_QUARTERS = P4P_PLAN_QUARTERS
HISTORY_YEARS = ("2011/12", "2012/13")
DTOC_PROJECTED_QUARTERS = DTOC_QUARTERS[4:]

POPULATION_ALL_AGE_YEARS = ("2014", "2015", "2016")
POPULATION_18_PLUS_YEARS = ("2013", "2014", "2015", "2016")
POPULATION_65_PLUS_YEARS = ("2011", "2012", "2013", "2014", "2015")

FIRST_HISTORY_MONTH = (2010, 8)
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def quarter_calendar_year(quarter: str) -> str:
    """The calendar year a financial quarter falls in: 'Q4 13/14' -> '2014'."""
    number, year = quarter.split()
    start = 2000 + int(year[:2])
    return str(start + 1 if number == "Q4" else start)


def quarter_first_month(quarter: str) -> tuple[int, int]:
    """(year, month) of the first month of a financial quarter."""
    number, year = quarter.split()
    start = 2000 + int(year[:2])
    index = int(number[1])
    return (start + 1, 1) if index == 4 else (start, 1 + 3 * index)


def month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]}-{year % 100:02d}"


def month_position(year: int, month: int) -> int:
    """1 for the first month of the delayed-transfers history, counting on."""
    first_year, first_month = FIRST_HISTORY_MONTH
    return (year - first_year) * 12 + (month - first_month) + 1


def quarter_months(quarter: str) -> tuple[tuple[int, int], ...]:
    year, month = quarter_first_month(quarter)
    return tuple((year, month + offset) for offset in range(3))


DTOC_HISTORY_LENGTH = 10


def dtoc_history_months(count: int = DTOC_HISTORY_LENGTH) -> tuple[str, ...]:
    """Labels of the first ``count`` months of delayed-transfers history (the
    template holds 10 and heads 12)."""
    year, month = FIRST_HISTORY_MONTH
    labels = []
    for offset in range(count):
        absolute = month - 1 + offset
        labels.append(month_label(year + absolute // 12, absolute % 12 + 1))
    return tuple(labels)


DTOC_HISTORY_MONTHS = dtoc_history_months()


def quarter_heading(quarter: str) -> str:
    """A quarter as the original template heads it: 'Q4 13/14' -> 'Q4 (Jan 14 - Mar 14)'."""
    (first_year, first), _, (last_year, last) = quarter_months(quarter)
    return (f"{quarter.split()[0]} ({MONTH_NAMES[first - 1]} {first_year % 100:02d} - "
            f"{MONTH_NAMES[last - 1]} {last_year % 100:02d})")


def year_heading(year: str, separator: str = "-") -> str:
    """A financial year spelled with another separator: '2014/15' -> '2014-15'."""
    return year.replace("/", separator)
