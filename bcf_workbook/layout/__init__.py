"""The declarative layout of the template: one description that the reader,
the writer and the engine all read."""

from ._elements import CellSpec, Kind, Table, Type
from ._placement import PlacedCell, Placement
from ._workbook import DATA_TABLES, SHEET_NAMES, SHEETS, describe, placement_for

__all__ = ["CellSpec", "DATA_TABLES", "Kind", "PlacedCell", "Placement", "SHEETS", "SHEET_NAMES",
           "Table", "Type", "describe", "placement_for"]
