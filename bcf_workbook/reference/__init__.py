"""Reference data: the HWBs, their populations, CCG splits and history.

Shipped as plain JSON files in ``reference/data`` (one file per HWB under
``hwbs/`` and ``national.json``); a user passes a folder of the same shape to
use the full national list without changing code.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ReferenceDataError, UnknownHwbError
from ..layout._reference_fields import (
    CCG_NUMBER_FIELDS,
    CCG_TEXT_FIELDS,
    HWB_NUMBER_FIELDS,
    HWB_TEXT_FIELDS,
    NATIONAL_FIELDS,
)

PACKAGED = Path(__file__).with_name("data")

@dataclasses.dataclass(frozen=True)
class HwbReference:
    """One HWB's reference row: ``values`` by dotted path, and its CCG rows."""

    values: dict[str, Any]
    ccgs: tuple[dict[str, Any], ...]
    synthetic: bool
    source: str

    @property
    def name(self) -> str:
        return str(self.values["name"])


@dataclasses.dataclass(frozen=True)
class ReferenceData:
    """Every HWB's reference data and the national constants, from one folder."""

    hwbs: tuple[HwbReference, ...]
    national: dict[str, Any]
    source: str

    @property
    def hwb_names(self) -> tuple[str, ...]:
        return tuple(hwb.name for hwb in self.hwbs)

    @property
    def local_authorities(self) -> tuple[str, ...]:
        return tuple(sorted({str(hwb.values["local_authority"]) for hwb in self.hwbs}))

    @property
    def ccg_names(self) -> tuple[str, ...]:
        return tuple(sorted({str(ccg["name"]) for hwb in self.hwbs for ccg in hwb.ccgs}))

    @property
    def unit_cost_non_elective(self) -> float:
        return self.national["national_average_cost_of_non_elective_admission_gbp"]

    def find(self, name: str | None) -> HwbReference | None:
        """The HWB called ``name`` (ignoring case and outer spaces), or None."""
        if name is None:
            return None
        wanted = name.strip().casefold()
        return next((hwb for hwb in self.hwbs if hwb.name.casefold() == wanted), None)

    def get(self, name: str) -> HwbReference:
        """The HWB called ``name``; UnknownHwbError when there is none."""
        found = self.find(name)
        if found is None:
            raise UnknownHwbError(
                f"no Health and Wellbeing Board called {name!r} in the reference data "
                f"({self.source}); known: {', '.join(self.hwb_names[:5])}, ...")
        return found


def load_reference(folder: str | Path | None = None) -> ReferenceData:
    """Reference data from ``folder`` (``hwbs/*.json`` and ``national.json``),
    or the data shipped with the package."""
    if folder is None:
        return _packaged()
    return _load(Path(folder))


@cache
def _packaged() -> ReferenceData:
    return _load(PACKAGED)


def _load(folder: Path) -> ReferenceData:
    if not folder.is_dir():
        raise ReferenceDataError("reference data folder not found", file=folder)
    national_file = folder / "national.json"
    national = _read_json(national_file)
    _require(national, NATIONAL_FIELDS, (), national_file)
    files = sorted((folder / "hwbs").glob("*.json"))
    if not files:
        raise ReferenceDataError("no HWB files in hwbs/", file=folder)
    hwbs = tuple(_hwb(path) for path in files)
    _refuse_duplicates((hwb.name for hwb in hwbs), folder)
    return ReferenceData(hwbs=hwbs, national=national, source=str(folder))


def _hwb(path: Path) -> HwbReference:
    data = _read_json(path)
    values = _require(data, HWB_NUMBER_FIELDS, HWB_TEXT_FIELDS, path)
    ccgs = data.get("ccgs")
    if not isinstance(ccgs, list) or not ccgs:
        raise ReferenceDataError("'ccgs' must list at least one CCG", file=path)
    ccg_rows = tuple(_require(ccg, CCG_NUMBER_FIELDS, CCG_TEXT_FIELDS, path) for ccg in ccgs)
    return HwbReference(values=values, ccgs=ccg_rows,
                        synthetic=bool(data.get("synthetic", False)), source=str(path))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferenceDataError("no such file or folder", file=path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReferenceDataError(f"not readable JSON ({error})", file=path) from None


def _require(data: Any, numbers: Iterable[str], texts: Iterable[str],
             path: Path) -> dict[str, Any]:
    """The listed fields of ``data`` by dotted path; each must be present."""
    values: dict[str, Any] = {}
    for field in texts:
        value = _dig(data, field)
        if not isinstance(value, str) or not value.strip():
            raise ReferenceDataError(f"field {field!r} must be non-empty text", file=path)
        values[field] = value
    for field in numbers:
        value = _dig(data, field)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ReferenceDataError(f"field {field!r} must be a number", file=path)
        values[field] = value
    return values


def _dig(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _refuse_duplicates(names: Iterable[str], folder: Path) -> None:
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise ReferenceDataError(f"HWB {name!r} appears twice", file=folder)
        seen.add(name.casefold())


# Pre-populated values need the layout, which needs nothing from here: imported
# last so that the layout and this module stay independent.
from ._prefill import blank_submission, prepopulated_value  # noqa: E402

__all__ = ["HwbReference", "ReferenceData", "blank_submission", "load_reference",
           "prepopulated_value"]
