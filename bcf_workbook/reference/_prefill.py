"""Pre-populated values: what the reference data puts in a HWB's template."""

from __future__ import annotations

from typing import Any

from ..layout import DATA_TABLES, Kind, keys, placement_for
from ..model import Submission, from_flat
from . import HwbReference, ReferenceData


def prepopulated_value(source: str, hwb: HwbReference | None, reference: ReferenceData,
                       row: int | None) -> Any:
    """The value a pre-populated cell's lookup gives, or None where the lookup
    finds nothing (no HWB chosen, or fewer CCGs than rows)."""
    scope, _, field = source.partition(".")
    if scope == "national":
        return reference.national[field]
    if hwb is None:
        return None
    if scope == "hwb":
        return hwb.values[field]
    if row is None or row >= len(hwb.ccgs):
        return None
    return hwb.ccgs[row][field]


def blank_submission(reference: ReferenceData, hwb_name: str | None = None) -> Submission:
    """The template for one HWB (or none): pre-populated cells filled, inputs blank."""
    hwb = reference.get(hwb_name) if hwb_name is not None else None
    sizes = {table.key: len(hwb.ccgs) if hwb is not None else 0 for table in DATA_TABLES}
    values: dict[str, Any] = {keys.HWB: hwb.name if hwb is not None else None}
    for cell in placement_for(sizes):
        if cell.spec.kind is not Kind.PREPOPULATED or cell.spec.source is None:
            continue
        if cell.table is not None and (hwb is None or (cell.index or 0) >= len(hwb.ccgs)):
            continue
        values[cell.key] = prepopulated_value(cell.spec.source, hwb, reference, cell.index)
    return from_flat(values)
