"""How reports show figures: numbers with thousands separators and units,
ratings by name, counts in words, cell references as a spreadsheet user
writes them."""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..layout import keys
from ..layout._units import number

#: The key figures shown for each HWB: heading, key and unit. Money is in the
#: unit of the tab it comes from: £000 on the finance tabs, £ on HWB P4P.
KEY_FIGURES = (
    ("Contributions 2015/16", keys.FUNDING_TOTAL("2015/16"), "£000"),
    ("Spend 2015/16", keys.EXPENDITURE_TOTAL("2015/16"), "£000"),
    ("P4P change", keys.P4P_CHANGE_PCT, "%"),
    ("P4P saving", keys.P4P_SAVING, "£"),
    ("Shortfall", keys.SHORTFALL, "£"),
)
#: The ratings shown for each HWB: heading and key.
RATINGS = (("P4P", keys.P4P_RATING),
           ("Residential 15/16", keys.METRIC_RATING("residential_admissions", "2015/16")),
           ("Reablement 15/16", keys.METRIC_RATING("reablement", "2015/16")),
           ("Delayed transfers 15/16", keys.METRIC_RATING("delayed_transfers", "2015/16")))
RAG = ("red", "amber", "green")



def finding_figure(finding: Finding, value: Any) -> str:
    """An expected or submitted figure of a finding, as a percentage when the
    finding is about a % change."""
    percent = bool(finding.keys) and "_pct" in finding.keys[0]
    return number(value, "%" if percent else "")
