"""Sheet names and the template's fixed numbers, shared by every sheet."""

from __future__ import annotations

from .._elements import Derived, Field, Type

TEMPLATE_VERSION = "BCF Part 2 planning template 2014/15-2015/16, bcf_workbook layout 2"
SCALE_RATE = 100_000
SCALE_PERCENT = 100
RED_AMBER_THRESHOLD = -0.035

COVER = "Cover"
HWB_ID = "1. HWB ID"
FUNDING = "2. HWB Funding Sources"
EXPENDITURE = "3. HWB Expenditure Plan"
BENEFITS = "4. HWB Benefits Plan"
P4P = "5. HWB P4P metric"
METRICS = "6. HWB Supporting Metrics"
PROJECTIONS = "7. Projections"
SUMMARY = "Summary"
HWB_P4P = "HWB P4P"
CHECKS = "Checks"
REFERENCE = "Reference"


def hwb_name(at: str, prefix: str) -> Field:
    """The HWB's name echoed under a sheet's title, as the original shows it."""
    return Field(at, Derived("{hwb_id.hwb}&\"\"", Type.TEXT, f"{prefix}.hwb_name"))
