"""The template's dropdown values and ratings.

Every dropdown of the template is an enum here; its ``value`` is the text the
template shows, so the same string feeds the workbook's lists, the reader's
matching and the JSON export.
"""

from __future__ import annotations

import enum

from ._text import normalise


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
        wanted = normalise(text)
        for member in cls:
            if normalise(member.value) == wanted:
                return member
        return None


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
