"""Two versions of a submission compared, or two rounds of a collection.

A HWB resubmits after the national team's queries; the team wants to know
what changed: inputs (by label and cell), derived figures (as submitted and
as the template intends), ratings, typed-over formulas removed or added, and
which findings are new, resolved or unchanged. Two folders are two rounds of
a collection: files are matched by HWB, not by name, and the comparison says
which HWBs resubmitted, what changed, which problems were resolved and which
HWBs are missing from the new round.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._text import is_number
from .batch import BatchReport, check_many, workbook_paths
from .checks import PART2, Report, check
from .errors import BcfError
from .findings import Finding
from .layout import Kind, Type, describe
from .layout._figures import FigureFacts, figure_facts, table_sizes_of
from .layout._units import ROUNDING
from .national import Duplicate, collect
from .reference import ReferenceData, load_reference


@dataclasses.dataclass(frozen=True)
class Change:
    """One figure that differs between the two versions."""

    key: str
    sheet: str
    cell: str
    label: str
    unit: str | None
    old: Any
    new: Any
    old_intended: Any = None
    new_intended: Any = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class SubmissionDiff:
    """What changed from one version of a submission to the next."""

    hwb: str | None
    old_file: str | None
    new_file: str | None
    inputs: tuple[Change, ...]
    derived: tuple[Change, ...]
    ratings: tuple[Change, ...]
    #: Derived cells the old version typed over (or calculated its own way) and the new does not.
    overrides_removed: tuple[Change, ...]
    overrides_added: tuple[Change, ...]
    findings_new: tuple[Finding, ...]
    findings_resolved: tuple[Finding, ...]
    findings_unchanged: tuple[Finding, ...]
    #: The old file's HWB when it is not the new one's (two HWBs' files compared).
    old_hwb: str | None = None

    @property
    def changed(self) -> bool:
        return any((self.inputs, self.derived, self.ratings, self.overrides_removed,
                    self.overrides_added, self.findings_new, self.findings_resolved))

    def to_dict(self) -> dict[str, Any]:
        changes = {name: [change.to_dict() for change in getattr(self, name)]
                   for name in ("inputs", "derived", "ratings", "overrides_removed",
                                "overrides_added")}
        findings = {f"findings_{name}": [finding.to_dict() for finding in getattr(self, f"findings_{name}")]
                    for name in ("new", "resolved", "unchanged")}
        return {"hwb": self.hwb, "old_hwb": self.old_hwb, "old_file": self.old_file,
                "new_file": self.new_file, "changed": self.changed, **changes, **findings}


@dataclasses.dataclass(frozen=True)
class RoundDiff:
    """Two rounds of a collection, matched by HWB."""

    #: The HWBs in both rounds whose submission changed, and how.
    resubmitted: tuple[SubmissionDiff, ...]
    #: HWBs in both rounds with nothing changed.
    unchanged: tuple[str, ...]
    #: (HWB, file) of submissions only in the new round.
    added: tuple[tuple[str, str], ...]
    #: (HWB, file) of submissions in the old round with none in the new.
    missing: tuple[tuple[str, str], ...]
    #: HWBs that sent more than one file in the new round, and which counts.
    duplicates: tuple[Duplicate, ...]
    #: Files of the new round that could not be read, and blank templates.
    unreadable: tuple[str, ...]
    blank: tuple[str, ...]
    #: Files of the new round that are not Part 2 submissions (project plans): not compared.
    left_out: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.resubmitted or self.added or self.missing)

    def to_dict(self) -> dict[str, Any]:
        return {"changed": self.changed,
                "resubmitted": [diff.to_dict() for diff in self.resubmitted],
                "unchanged": list(self.unchanged),
                "added": [{"hwb": hwb, "file": file} for hwb, file in self.added],
                "missing": [{"hwb": hwb, "file": file} for hwb, file in self.missing],
                "duplicates": [duplicate.to_dict() for duplicate in self.duplicates],
                "unreadable": list(self.unreadable), "blank": list(self.blank),
                "left_out": list(self.left_out),
                "findings_resolved": sum(len(diff.findings_resolved) for diff in self.resubmitted),
                "findings_new": sum(len(diff.findings_new) for diff in self.resubmitted),
                "rounding": ROUNDING}


def diff(old: str | Path, new: str | Path, reference: ReferenceData | None = None
         ) -> SubmissionDiff | RoundDiff:
    """Compare two workbooks, or two folders of them (two rounds)."""
    old, new = Path(old), Path(new)
    for path in (old, new):
        if not path.exists():
            raise BcfError("no such file or folder", file=path)
    if old.is_dir() != new.is_dir():
        raise BcfError("compare a workbook with a workbook, or a folder with a folder",
                       file=new if old.is_dir() else old)
    reference = reference or load_reference()
    if old.is_dir():
        return diff_rounds(_round(old, reference), _round(new, reference))
    return diff_reports(check(old, reference), check(new, reference))


def _round(folder: Path, reference: ReferenceData) -> BatchReport:
    files = workbook_paths([folder])
    if not files:
        raise BcfError("no .xlsx or .xlsm workbooks found", file=folder)
    return check_many(files, reference=reference)


def diff_reports(old: Report, new: Report) -> SubmissionDiff:
    """What changed from the ``old`` report's submission to the ``new`` one's."""
    old_facts = figure_facts(table_sizes_of(old.values))
    new_facts = figure_facts(table_sizes_of(new.values))
    facts = {**old_facts, **new_facts}
    changes = [_change(key, facts[key], old, new) for key in facts]
    changed = [change for change in changes if change is not None]

    def of(*kinds: Kind, rating: bool = False) -> tuple[Change, ...]:
        return tuple(change for change in changed if facts[change.key].kind in kinds
                     and (facts[change.key].spec.type is Type.RATING) == rating)

    old_findings, new_findings = _by_identity(old.findings), _by_identity(new.findings)
    return SubmissionDiff(
        new.hwb or old.hwb, old.file, new.file,
        inputs=of(Kind.INPUT, Kind.PREPOPULATED), derived=of(Kind.DERIVED),
        ratings=of(Kind.DERIVED, rating=True),
        overrides_removed=_overrides(set(old.overridden) - set(new.overridden), facts, old, new),
        overrides_added=_overrides(set(new.overridden) - set(old.overridden), facts, old, new),
        findings_new=tuple(f for key, f in new_findings.items() if key not in old_findings),
        findings_resolved=tuple(f for key, f in old_findings.items() if key not in new_findings),
        findings_unchanged=tuple(f for key, f in new_findings.items() if key in old_findings),
        old_hwb=old.hwb if old.hwb and new.hwb and old.hwb.casefold() != new.hwb.casefold() else None)


def _change(key: str, fact: FigureFacts, old: Report, new: Report, always: bool = False
            ) -> Change | None:
    before, after = old.values.get(key), new.values.get(key)
    before_meant, after_meant = old.values_intended.get(key), new.values_intended.get(key)
    derived = fact.kind is Kind.DERIVED
    if not always and _same(before, after) and (not derived or _same(before_meant, after_meant)):
        return None
    return Change(key, fact.sheet, new.moved.get(key, old.moved.get(key, fact.cell)), describe(key),
                  fact.unit, before, after, *((before_meant, after_meant) if derived else ()))


def _overrides(keys: set[str], facts: dict[str, FigureFacts], old: Report, new: Report
               ) -> tuple[Change, ...]:
    found = (_change(key, facts[key], old, new, always=True) for key in sorted(keys) if key in facts)
    return tuple(change for change in found if change is not None)


def _same(first: Any, second: Any) -> bool:
    """Equal values; a whole float equals the same int (a file may hold either)."""
    if is_number(first) and is_number(second):
        return float(first) == float(second)
    return type(first) is type(second) and first == second


def _by_identity(findings: Iterable[Finding]) -> dict[tuple[Any, ...], Finding]:
    """Findings by what they are about: their code and keys (the cells where
    they have no keys), so that a finding whose figures changed is the same
    finding."""
    return {(finding.code, finding.keys or (finding.sheet, finding.cells)): finding
            for finding in findings}


def diff_rounds(old: BatchReport, new: BatchReport) -> RoundDiff:
    """Two rounds of a collection compared HWB by HWB (the file that counts of each)."""
    before, after = collect(old.reports, old.expected_hwbs), collect(new.reports, new.expected_hwbs)
    old_by_hwb = {_hwb_key(report): report for report in before.counted}
    new_by_hwb = {_hwb_key(report): report for report in after.counted}
    compared = [diff_reports(old_by_hwb[hwb], report) for hwb, report in new_by_hwb.items()
                if hwb in old_by_hwb]
    return RoundDiff(
        resubmitted=tuple(item for item in compared if item.changed),
        unchanged=tuple(item.hwb or "" for item in compared if not item.changed),
        added=tuple((r.hwb or "", r.file or "") for h, r in new_by_hwb.items() if h not in old_by_hwb),
        missing=tuple((r.hwb or "", r.file or "") for h, r in old_by_hwb.items() if h not in new_by_hwb),
        duplicates=after.duplicates,
        unreadable=tuple(report.file or "" for report in after.unreadable),
        blank=tuple(report.file or "" for report in after.blank),
        left_out=tuple(report.file or "" for report in new.reports
                       if report.status == "checked" and report.document != PART2))


def _hwb_key(report: Report) -> str:
    return (report.hwb or f"\0{report.file}").casefold()
