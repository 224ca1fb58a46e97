"""The sheets of the Part 2 template as NHS England published it, declared once.

Every label, key, dropdown list and formula of the template is written in
these modules and nowhere else; the writer, the engine and the reader all
read them. The Cover, Checks and Reference sheets are in ``..workbook``.
"""

from .benefits import benefits_sheet
from .expenditure import expenditure_sheet
from .funding import funding_sheet
from .hwb_id import hwb_id_sheet
from .hwb_p4p import hwb_p4p_sheet
from .metrics import metrics_sheet
from .names import (
    BENEFITS,
    CHECKS,
    COVER,
    EXPENDITURE,
    FUNDING,
    HWB_ID,
    HWB_P4P,
    METRICS,
    P4P,
    PROJECTIONS,
    RED_AMBER_THRESHOLD,
    REFERENCE,
    SCALE_PERCENT,
    SCALE_RATE,
    SUMMARY,
    TEMPLATE_VERSION,
)
from .p4p import p4p_sheet
from .projections import projections_sheet
from .summary import summary_sheet

__all__ = [
    "BENEFITS", "CHECKS", "COVER", "EXPENDITURE", "FUNDING", "HWB_ID", "HWB_P4P", "METRICS", "P4P",
    "PROJECTIONS", "RED_AMBER_THRESHOLD", "REFERENCE", "SCALE_PERCENT", "SCALE_RATE", "SUMMARY",
    "TEMPLATE_VERSION", "benefits_sheet", "expenditure_sheet", "funding_sheet", "hwb_id_sheet",
    "hwb_p4p_sheet", "metrics_sheet", "p4p_sheet", "projections_sheet", "summary_sheet",
]
