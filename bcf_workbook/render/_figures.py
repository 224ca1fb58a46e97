"""What the tables of a report show for each HWB."""

from __future__ import annotations

from ..checks import Report

#: The key figures shown for each HWB in tables.
KEY_FIGURES = (
    ("Contributions 2015/16 (£000)", "funding.total.2015/16"),
    ("Spend 2015/16 (£000)", "expenditure.total.2015/16"),
    ("P4P change", "p4p.annual_change_pct"),
    ("P4P saving (£)", "p4p.annual_saving"),
    ("Shortfall (£)", "hwb_p4p.shortfall"),
)
RATINGS = (("P4P", "p4p.rating"),
           ("Residential 15/16", "metrics.residential_admissions.rating.2015/16"),
           ("Reablement 15/16", "metrics.reablement.rating.2015/16"),
           ("Delayed transfers 15/16", "metrics.delayed_transfers.rating.2015/16"))


def figure(report: Report, key: str) -> str:
    value = report.values.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    return f"{value:.1%}" if key.endswith("_pct") else f"{value:,.0f}"
