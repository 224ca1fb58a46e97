"""The template's vocabulary: dropdown values, periods and units.

Every dropdown of the template is an enum here; its ``value`` is the text the
template shows, so the same string feeds the workbook's lists, the reader's
matching and the JSON export.
"""

from __future__ import annotations

import enum
import re


class Choice(enum.Enum):
    """A dropdown value: ``value`` is the label, ``slug`` the dotted-key form."""

    @property
    def slug(self) -> str:
        return self.name.lower()

    @classmethod
    def labels(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def from_label(cls, text: str) -> Choice | None:
        """The member whose label matches ``text`` ignoring case and spacing."""
        wanted = _normalise_label(text)
        for member in cls:
            if _normalise_label(member.value) == wanted:
                return member
        return None


def _normalise_label(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


class AreaOfSpend(Choice):
    ACUTE = "Acute"
    MENTAL_HEALTH = "Mental Health"
    COMMUNITY_HEALTH = "Community Health"
    CONTINUING_CARE = "Continuing Care"
    PRIMARY_CARE = "Primary Care"
    SOCIAL_CARE = "Social Care"
    OTHER = "Other"


class Commissioner(Choice):
    CCG = "CCG"
    LOCAL_AUTHORITY = "Local Authority"
    JOINT = "Joint"


class Provider(Choice):
    NHS_ACUTE = "NHS Acute Provider"
    NHS_COMMUNITY = "NHS Community Provider"
    NHS_MENTAL_HEALTH = "NHS Mental Health Provider"
    LOCAL_AUTHORITY = "Local Authority"
    PRIVATE_SECTOR = "Private Sector"
    CHARITY_VOLUNTARY = "Charity/Voluntary Sector"
    OTHER = "Other"


class FundingSource(Choice):
    CCG_MINIMUM = "CCG Minimum Contribution"
    ADDITIONAL_CCG = "Additional CCG Contribution"
    LOCAL_AUTHORITY = "Local Authority Social Services"
    OTHER = "Other"


class NewOrExisting(Choice):
    NEW = "New"
    EXISTING = "Existing"


class BenefitType(Choice):
    RESIDENTIAL_ADMISSIONS = "Reduction in permanent residential admissions"
    REABLEMENT = "Increased effectiveness of reablement"
    DELAYED_TRANSFERS = "Reduction in delayed transfers of care"
    NON_ELECTIVE = "Reduction in non-elective (general + acute only)"
    OTHER = "Other"


class Organisation(Choice):
    LOCAL_AUTHORITY = "Local Authority"
    NHS_COMMISSIONER = "NHS Commissioner"
    NHS_PROVIDER = "NHS Provider"
    OTHER = "Other"


class Direction(Choice):
    HIGHER_IS_BETTER = "Higher is better"
    LOWER_IS_BETTER = "Lower is better"


class Rating(Choice):
    """A red/amber/green rating; the cell shows the capitalised label."""

    RED = "Red"
    AMBER = "Amber"
    GREEN = "Green"


RATING_DESCRIPTIONS = {
    Rating.RED: "Planned deterioration on baseline (or validity issue)",
    Rating.AMBER: "Planned improvement on baseline of less than 3.5%",
    Rating.GREEN: "Planned improvement on baseline of 3.5% or more",
}
SUPPORTING_GREEN_DESCRIPTION = "Planned improvement on baseline"

#: Every dropdown list of the template, by the name the Reference sheet uses.
CHOICE_LISTS: dict[str, type[Choice]] = {
    "areas_of_spend": AreaOfSpend,
    "commissioners": Commissioner,
    "providers": Provider,
    "funding_sources": FundingSource,
    "new_or_existing": NewOrExisting,
    "benefit_types": BenefitType,
    "organisations": Organisation,
    "directions": Direction,
}

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


def dtoc_history_months() -> tuple[str, ...]:
    """Labels of the months of delayed-transfers history the template holds."""
    year, month = FIRST_HISTORY_MONTH
    labels = []
    for offset in range(DTOC_HISTORY_LENGTH):
        absolute = month - 1 + offset
        labels.append(month_label(year + absolute // 12, absolute % 12 + 1))
    return tuple(labels)


DTOC_HISTORY_MONTHS = dtoc_history_months()
