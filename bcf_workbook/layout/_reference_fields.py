"""What the reference data holds for each HWB, CCG and the nation: the fields
the Reference sheet shows and the pre-populated cells look up, as dotted paths
into the reference JSON files. The loader in ``reference`` validates files
against these lists."""

from __future__ import annotations

from .. import periods

#: Every field of one HWB's reference row, as dotted paths into its JSON file.
HWB_TEXT_FIELDS = ("name", "ons_code", "local_authority")
HWB_NUMBER_FIELDS = (
    *(f"population_all_age.{year}" for year in periods.POPULATION_ALL_AGE_YEARS),
    *(f"population_18_plus.{year}" for year in periods.POPULATION_18_PLUS_YEARS),
    *(f"population_65_plus.{year}" for year in periods.POPULATION_65_PLUS_YEARS),
    "combined_performance_and_ringfenced_fund_gbp",
    *(f"minimum_pooled_budget_gbp.{year}" for year in periods.YEARS),
    *(f"projection_history.non_elective.{quarter}"
      for quarter in periods.NON_ELECTIVE_HISTORY_QUARTERS),
    *(f"projection_history.{metric}.{year}.{part}"
      for metric in ("residential_admissions", "reablement")
      for year in periods.HISTORY_YEARS
      for part in ("value", "numerator", "denominator")),
    *(f"projection_history.delayed_transfers_monthly.{month}"
      for month in periods.DTOC_HISTORY_MONTHS),
)
CCG_TEXT_FIELDS = ("name",)
CCG_NUMBER_FIELDS = (
    "share_of_ccg_population_in_hwb",
    "share_of_hwb_population_in_ccg",
    *(f"baseline_non_elective_activity.{quarter}" for quarter in periods.P4P_BASELINE_QUARTERS),
)
NATIONAL_FIELDS = ("national_average_cost_of_non_elective_admission_gbp",)
