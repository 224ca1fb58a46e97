"""Check many workbooks: in parallel, one unreadable file never stops the
batch, and a national roll-up over every submission checked."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import PROJECT_PLAN, Report, check
from .errors import BcfError
from .findings import Severity
from .national import national_rollup
from .reader import DEFAULT_LIMITS, Limits
from .reference import ReferenceData, load_reference

if TYPE_CHECKING:
    import pandas

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Found in folders too, so that a council's file in another format is
#: reported as unreadable rather than skipped without a word.
OTHER_SPREADSHEET_SUFFIXES = (".xls", ".xlsb", ".ods", ".csv")


def workbook_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every .xlsx/.xlsm under each folder, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in WORKBOOK_SUFFIXES + OTHER_SPREADSHEET_SUFFIXES
                and p.is_file() and not p.name.startswith(("~$", "."))))
        else:
            found.append(path)
    return found


def check_file(path: str | Path, reference: ReferenceData | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Report:
    """Check one file (a Part 2 submission, or an area's project plan);
    whatever goes wrong becomes an 'unreadable' report."""
    try:
        return check(path, reference, limits)
    except BcfError as error:
        return _project_plan(path) or Report(str(path), None, "unreadable", error=str(error))
    except (Exception, RecursionError, MemoryError) as error:  # noqa: BLE001 - one bad file must not stop a batch
        return Report(str(path), None, "unreadable",
                      error=f"{path}: internal error while checking ({type(error).__name__}: "
                            f"{str(error)[:200]})")


def _project_plan(path: str | Path) -> Report | None:
    """The checks of a file that is a project plan rather than a Part 2
    submission, or None when it is not one either."""
    from . import plan
    try:
        checked = plan.check(path)
    except BcfError:
        return None
    return Report(str(path), checked.plan.title, "checked", checked.findings, document=PROJECT_PLAN)


@dataclasses.dataclass(frozen=True)
class BatchReport:
    """The reports of a batch of files, in the order the files were given, and
    their summary with the national roll-up."""

    reports: tuple[Report, ...]
    #: The HWBs a complete collection has (default: the packaged reference list).
    expected_hwbs: tuple[str, ...] | None = None

    @functools.cached_property
    def summary(self) -> dict[str, Any]:
        """Counts of files and findings, and the national roll-up of the
        submissions that count, one per HWB (worked out once)."""
        checked = [report for report in self.reports if report.status == "checked"]
        return {
            "files": len(self.reports),
            "checked": len(checked),
            "unreadable": len(self.reports) - len(checked),
            "findings": {severity.value: sum(report.count(severity) for report in checked)
                         for severity in Severity},
            "national": national_rollup(self.reports, self.expected_hwbs),
        }

    def reaches(self, severity: Severity) -> bool:
        """True when a finding of any file is at least as severe as ``severity``."""
        return any(report.reaches(severity) for report in self.reports)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (a stable contract, see the README)."""
        return {"submissions": [report.to_dict() for report in self.reports],
                "summary": self.summary}

    def figures(self) -> pandas.DataFrame:
        """Every figure of every submission, one row each (see :func:`bcf_workbook.tidy.figures`)."""
        from .tidy import figures
        return figures(self)

    def findings(self) -> pandas.DataFrame:
        """Every finding, one row each (see :func:`bcf_workbook.tidy.findings`)."""
        from .tidy import findings
        return findings(self)


def check_many(paths: Iterable[str | Path], workers: int | None = None,
               executor: Executor | None = None, reference: ReferenceData | None = None,
               progress: Callable[[int, int], None] | None = None,
               limits: Limits = DEFAULT_LIMITS) -> BatchReport:
    """Check every workbook (folders are searched recursively).

    ``executor`` may be any ``concurrent.futures.Executor`` (a Dask
    distributed client's, for instance); otherwise ``workers`` processes are
    used (default: one per core), or none for a single file or ``workers=1``.
    """
    files = workbook_paths(paths)
    reference = reference or load_reference()
    task = functools.partial(check_file, reference=reference, limits=limits)
    reports = list(_run(files, workers, executor, task, progress or (lambda done, total: None)))
    return BatchReport(tuple(reports), reference.hwb_names)


def _run(files: list[Path], workers: int | None, executor: Executor | None,
         task: Callable[[str], Report], progress: Callable[[int, int], None]) -> Iterator[Report]:
    workers = workers or os.cpu_count() or 1
    if executor is None and (workers == 1 or len(files) <= 1):
        for done, path in enumerate(files, 1):
            yield task(str(path))
            progress(done, len(files))
        return
    owned = executor is None
    if owned:
        warm_up()
    pool = executor or ProcessPoolExecutor(max_workers=min(workers, len(files)))
    try:
        futures = [pool.submit(task, str(path)) for path in files]
        for done, _ in enumerate(concurrent.futures.as_completed(futures), 1):
            progress(done, len(files))
        results = [_result(future) for future in futures]
    finally:
        if owned:
            pool.shutdown(cancel_futures=True)
    for path, result in zip(files, results):
        yield result if result is not None else _alone(path, task)


def warm_up() -> None:
    """Compile the layout's formulas in this process, so that worker processes
    forked from it start with them compiled."""
    from .engine import calculate
    from .model import Submission
    calculate(Submission())


def _result(future: concurrent.futures.Future[Report]) -> Report | None:
    """The report, or None when the worker process died (the pool is broken
    for every file it held, not only the one that killed it)."""
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - BrokenProcessPool and its kin: retried alone
        return None


def _alone(path: Path, task: Callable[[str], Report]) -> Report:
    """Check one file in a process of its own; if that dies too, say so."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(task, str(path)).result()
        except Exception as error:  # noqa: BLE001 - a dead worker is reported for its file
            return Report(str(path), None, "unreadable",
                          error=f"{path}: the process checking this file died "
                                f"({type(error).__name__}: {error})")
