"""The national picture of a collection of submissions: which file counts for
each HWB, the roll-up of the files that count, and the outliers among them.

A national team receives the workbooks by email, several rounds a quarter:
a HWB may send two files (the later counts), a blank template may be sent
by mistake, a file may not open, and some HWBs have sent nothing yet. Each
of these is reported and counted apart, and only the files that count are
totalled.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import os
import statistics
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any
from xml.parsers import expat

from . import periods
from ._text import as_number
from .checks import PART2, Report
from .choices import AreaOfSpend, BenefitType
from .layout import Kind, keys
from .layout._figures import kind_of, unit_of
from .layout._units import POUNDS, ROUNDING, UNITS, in_pounds, rounded
from .layout.keys import HWB

#: A value is an outlier when it is this many robust standard deviations from the median.
OUTLIER_DISTANCE = 3.5

#: How the file that counts was told from the others of its HWB.
BY_SAVED_DATE = "the date the workbook was last saved (docProps/core.xml)"
BY_FILE_TIME = "the file's modification time"
BY_ORDER = "the order the files were given in (their dates are equal)"

_CORE_PART = "docProps/core.xml"
_CORE_LIMIT = 64 * 1024


@dataclasses.dataclass(frozen=True)
class Duplicate:
    """Two or more files for one HWB, and the one that counts."""

    hwb: str
    counted: str
    superseded: tuple[str, ...]
    basis: str
    dates: dict[str, str | None]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"superseded": list(self.superseded)}


@dataclasses.dataclass(frozen=True)
class Collection:
    """The files of a batch sorted as a national team counts them."""

    #: One submission per HWB (and each submission without a HWB chosen).
    counted: tuple[Report, ...]
    duplicates: tuple[Duplicate, ...]
    #: Templates with no input at all, the HWB's choice aside.
    blank: tuple[Report, ...]
    unreadable: tuple[Report, ...]
    #: HWBs of the reference list with no submission in the batch.
    missing: tuple[str, ...]
    expected: int

    def counts(self, report: Report) -> bool:
        return any(report is counted for counted in self.counted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "counted": len(self.counted), "expected_hwbs": self.expected,
            "missing": list(self.missing),
            "duplicates": [duplicate.to_dict() for duplicate in self.duplicates],
            "superseded": sum(len(duplicate.superseded) for duplicate in self.duplicates),
            "blank": [report.file for report in self.blank],
            "unreadable": [report.file for report in self.unreadable],
            "without_hwb": [report.file for report in self.counted if not report.hwb],
        }


def collect(reports: Iterable[Report], expected_hwbs: Sequence[str] | None = None) -> Collection:
    """Sort a batch's reports: which count, which are superseded, blank or
    unreadable, and which HWBs of ``expected_hwbs`` (default: the packaged
    reference list) sent nothing."""
    if expected_hwbs is None:
        from .reference import load_reference
        expected_hwbs = load_reference().hwb_names
    reports = list(reports)
    unreadable = [report for report in reports if report.status != "checked"]
    part2 = [report for report in reports if report.status == "checked" and report.document == PART2]
    blank = [report for report in part2 if is_blank(report)]
    by_hwb: dict[str, list[Report]] = {}
    for report in part2:
        if not any(report is empty for empty in blank):
            by_hwb.setdefault((report.hwb or f"\0{id(report)}").casefold(), []).append(report)
    latest = [_latest(group) for group in by_hwb.values()]
    counted = [report for report, _ in latest]
    duplicates = [duplicate for _, duplicate in latest if duplicate is not None]
    sent = {report.hwb.casefold() for report in part2 if report.hwb}
    missing = tuple(name for name in expected_hwbs if name.casefold() not in sent)
    return Collection(tuple(counted), tuple(duplicates), tuple(blank), tuple(unreadable), missing,
                      len(expected_hwbs))


def is_blank(report: Report) -> bool:
    """True for a template with no input at all (a HWB chosen aside)."""
    return not any(value is not None and key != HWB and kind_of(key) is Kind.INPUT
                   for key, value in report.values.items())


def _latest(group: list[Report]) -> tuple[Report, Duplicate | None]:
    """The file of one HWB that counts: the later, by the workbooks' own
    saved dates where every file has one, else by the files' modification
    times; and the duplicate to report when the HWB sent more than one."""
    if len(group) == 1:
        return group[0], None
    files = [report.file or "" for report in group]
    levels = [(basis, dates) for basis, dates in
              ((BY_SAVED_DATE, [saved_date(file) for file in files]),
               (BY_FILE_TIME, [modified_time(file) for file in files]))
              if all(date is not None for date in dates)]
    order = sorted(range(len(group)), key=lambda i: (*(dates[i] for _, dates in levels), i))
    latest, runner_up = order[-1], order[-2]
    basis = next((basis for basis, dates in levels if dates[latest] != dates[runner_up]), BY_ORDER)
    shown = next((dates for name, dates in levels if name == basis), [None] * len(group))
    return group[latest], Duplicate(
        group[latest].hwb or "", files[latest], tuple(files[i] for i in order[:-1]), basis,
        {file: date.isoformat() if date else None for file, date in zip(files, shown)})


def saved_date(path: str) -> datetime.datetime | None:
    """When the workbook says it was last saved (its core properties), or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CORE_PART)
            if info.file_size > _CORE_LIMIT:
                return None
            data = archive.read(info)
    except (OSError, KeyError, ValueError, RuntimeError, zipfile.BadZipFile, EOFError):
        return None
    return _modified(data)


def _modified(core_xml: bytes) -> datetime.datetime | None:
    text: list[str] = []
    inside = [False]
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse(*_: Any) -> None:
        raise ValueError("a document type in core properties")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = lambda tag, _: inside.__setitem__(0, tag.endswith(" modified"))
    parser.EndElementHandler = lambda tag: inside.__setitem__(0, False)
    parser.CharacterDataHandler = lambda data: text.append(data) if inside[0] else None
    try:
        parser.Parse(core_xml, True)
        moment = datetime.datetime.fromisoformat("".join(text).strip().replace("Z", "+00:00"))
    except (ValueError, expat.ExpatError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def modified_time(path: str) -> datetime.datetime | None:
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return None
    return datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc)


# --- the roll-up -----------------------------------------------------------------------

#: What the roll-up totals, in the order of its JSON: a key, or keys by year,
#: area of spend or benefit type.
TOTALS: dict[str, Any] = {
    "contributions": {year: keys.FUNDING_TOTAL(year) for year in periods.YEARS},
    "spend_by_area": {area.slug: {year: keys.SUMMARY_SPEND(area.slug, year)
                                  for year in periods.YEARS} for area in AreaOfSpend},
    "nhs_out_of_hospital": {year: keys.SUMMARY_OUT_OF_HOSPITAL("total", year)
                            for year in periods.YEARS},
    "non_elective": {"baseline": keys.P4P_BASELINE, "plan": keys.P4P_PLAN,
                     "planned_change": keys.P4P_CHANGE},
    "performance_fund": keys.PERFORMANCE_FUND,
    "ringfenced_fund": keys.RINGFENCED_FUND,
    "savings_by_benefit": {benefit.slug: {year: keys.SUMMARY_BENEFITS(benefit.slug, year)
                                          for year in periods.YEARS} for benefit in BenefitType},
}
MONEY = ("contributions", "spend_by_area", "nhs_out_of_hospital", "performance_fund",
         "ringfenced_fund", "savings_by_benefit")


def national_rollup(reports: Iterable[Report], expected_hwbs: Sequence[str] | None = None
                    ) -> dict[str, Any]:
    """Totals over the submissions that count (see :func:`collect`), red,
    amber and green counts per rating, and the outliers. Money stays in its
    tab's unit under the original names and is also given in £ under names
    ending ``_gbp``; ``units`` says which is which, ``rounding`` how totals
    are rounded, ``collection`` which files count."""
    collection = collect(reports, expected_hwbs)
    counted = list(collection.counted)
    totals = _Totals(counted)
    rating_keys = sorted({key for report in counted for key in report.ratings})
    return {
        "submissions": len(counted),
        **{name: totals.of(keys) for name, keys in TOTALS.items()},
        "ratings": {key: {rating: sum(report.ratings.get(key) == rating for report in counted)
                          for rating in ("red", "amber", "green")} for key in rating_keys},
        "outliers": outliers(counted),
        **{f"{name}_gbp": totals.of(TOTALS[name], in_gbp=True) for name in MONEY},
        "units": {**{name: _unit(keys) for name, keys in TOTALS.items()},
                  **{f"{name}_gbp": POUNDS for name in MONEY}},
        "rounding": ROUNDING,
        "collection": collection.to_dict(),
    }


Keys = str | dict[str, Any]


def _unit(keys: Keys) -> str | None:
    """The one unit of the figures under ``keys``."""
    found = {unit_of(key) for key in _leaves(keys)}
    assert len(found) == 1 and found <= set(UNITS), f"figures of several units: {found}"
    return found.pop()


def _leaves(keys: Keys) -> list[str]:
    return [keys] if isinstance(keys, str) else [key for value in keys.values() for key in _leaves(value)]


class _Totals:
    def __init__(self, reports: list[Report]) -> None:
        self.values = [report.values for report in reports]

    def of(self, keys: Keys, in_gbp: bool = False) -> Any:
        """The totals of ``keys`` (a key, or a nested mapping of keys), in the
        same shape, rounded as :data:`ROUNDING` says."""
        if not isinstance(keys, str):
            return {name: self.of(value, in_gbp) for name, value in keys.items()}
        total = math.fsum(as_number(values.get(keys)) or 0.0 for values in self.values)
        unit = unit_of(keys) or ""
        return rounded(in_pounds(total, unit), POUNDS) if in_gbp else rounded(total, unit)


def outliers(reports: list[Report]) -> list[dict[str, Any]]:
    """Unit prices and % changes far from those of the other submissions."""
    series: dict[str, list[tuple[Report, str, float]]] = {}
    for report in reports:
        for key, value in report.values.items():
            number = as_number(value)
            if number is None:
                continue
            if key.endswith(".unit_price") and key.startswith("benefits."):
                benefit = report.values.get(key.rsplit(".", 1)[0] + ".benefit_type")
                series.setdefault(f"unit price: {benefit}", []).append((report, key, number))
            elif key == keys.P4P_CHANGE_PCT or ".change_pct." in key:
                series.setdefault(f"% change: {_without_period(key)}", []).append(
                    (report, key, number))
    found = []
    for measure, points in sorted(series.items()):
        numbers = [value for _, _, value in points]
        if len(numbers) < 5:
            continue
        median = statistics.median(numbers)
        spread = 1.4826 * statistics.median(abs(value - median) for value in numbers)
        if spread == 0:
            continue
        for report, key, value in points:
            distance = abs(value - median) / spread
            if distance > OUTLIER_DISTANCE:
                found.append({"measure": measure, "file": report.file, "hwb": report.hwb,
                              "key": key, "value": value, "median": median,
                              "distance": round(distance, 1)})
    return found


def _without_period(key: str) -> str:
    parts = key.split(".")
    return ".".join(parts[:-1]) if parts[-1][:1].isdigit() else key
