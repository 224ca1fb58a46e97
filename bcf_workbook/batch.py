"""Check many workbooks: in parallel, one unreadable file never stops the
batch, and a national roll-up over every submission checked."""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import datetime
import functools
import gc
import math
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

try:
    import resource
except ImportError:  # not on Windows: no bound on a worker's memory there
    resource = None  # type: ignore[assignment]

from ._output import display_name, terminal_safe
from .checks import PROJECT_PLAN, Report, check
from .errors import BcfError, NotThisDocumentError
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
#: Seconds one file may take in ``check_many`` before it is reported as taking too long.
DEFAULT_TIMEOUT = 60.0
#: Address space a worker process may add for one file, beyond what it has
#: when forked (see the README's section on hostile files for what the
#: limits let a file take).
MEMORY_PER_FILE = 640 * 2**20


def workbook_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every .xlsx/.xlsm (and other spreadsheet) under
    each folder, in a stable order; each file once however it is named (twice,
    as a file and within its folder, through links)."""
    found: list[Path] = []
    seen: set[object] = set()
    for path in map(Path, paths):
        for candidate in _walk(path) if path.is_dir() else [path]:
            identity = _identity(candidate)
            if identity not in seen:
                seen.add(identity)
                found.append(candidate)
    return found


def _identity(path: Path) -> object:
    """What makes two names one file: its device and inode (the name itself
    when it cannot be looked at, so that the reader says why)."""
    try:
        status = os.stat(path)
    except OSError:
        return str(path)
    return status.st_dev, status.st_ino


def _walk(folder: Path) -> list[Path]:
    """The spreadsheets under ``folder``, at any depth (no recursion: a
    folder thousands deep is fine), following links to folders but never one
    already walked (so a link back up is no loop). FIFOs, devices and sockets
    named like workbooks are listed too, so that they are reported, not skipped."""
    found: list[Path] = []
    pending, walked = [folder], set()
    while pending:
        current = pending.pop()
        try:
            status = os.stat(current)
            if (status.st_dev, status.st_ino) in walked:
                continue
            walked.add((status.st_dev, status.st_ino))
            entries = list(os.scandir(current))
        except OSError:
            continue  # unreadable, or gone: nothing in it to check
        for entry in entries:
            if _is_folder(entry):
                pending.append(Path(entry.path))
            elif entry.name.lower().endswith(WORKBOOK_SUFFIXES + OTHER_SPREADSHEET_SUFFIXES) \
                    and not entry.name.startswith(("~$", ".")):
                found.append(Path(entry.path))
    return sorted(found)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def check_file(path: str | Path, reference: ReferenceData | None = None,
               limits: Limits = DEFAULT_LIMITS, as_of: datetime.date | None = None) -> Report:
    """Check one file (a Part 2 submission, or an area's project plan, its
    milestones as of ``as_of``, default today);
    whatever goes wrong becomes an 'unreadable' report. The file's name, and
    any error, are shown escaped (see ``display_name``)."""
    name = display_name(path)
    try:
        report = _check_either(path, reference, limits, as_of)
    except BcfError as error:
        return Report(name, None, "unreadable", error=terminal_safe(str(error)))
    except MemoryError:
        return Report(name, None, "unreadable", error=f"{name}: ran out of memory while being checked")
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a batch
        return Report(name, None, "unreadable",
                      error=f"{name}: internal error while checking ({type(error).__name__}: "
                            f"{terminal_safe(str(error)[:200])})")
    return dataclasses.replace(report, file=name)


def _check_either(path: str | Path, reference: ReferenceData | None, limits: Limits,
                  as_of: datetime.date | None) -> Report:
    """The Part 2 checks, or a project plan's when the file is a workbook of
    no Part 2 template but reads as a plan (the Part 2 error stands otherwise)."""
    try:
        return check(path, reference, limits)
    except NotThisDocumentError as not_part2:
        from . import plan
        try:
            checked = plan.check(plan.read_workbook(path, limits), as_of)
        except NotThisDocumentError:
            raise not_part2 from None
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
               limits: Limits = DEFAULT_LIMITS, timeout: float = DEFAULT_TIMEOUT,
               memory_per_file: int | None = MEMORY_PER_FILE,
               as_of: datetime.date | None = None) -> BatchReport:
    """Check every workbook (folders are searched at any depth); a project
    plan's milestones as of ``as_of`` (default: today).

    ``executor`` may be any ``concurrent.futures.Executor`` (a Dask
    distributed client's, for instance); otherwise ``workers`` processes are
    used (default: one per core), or none for a single file or ``workers=1``.

    A file that takes more than ``timeout`` seconds is reported as having
    taken too long and the batch goes on. In worker processes (the default
    for more than one file) the worker is stopped at the limit whatever it is
    doing, and may use at most ``memory_per_file`` bytes (None: no bound), so
    a batch takes at most about workers x ``memory_per_file``. In this process,
    or with an executor of your own, the limit interrupts the check where it
    runs on a process's main thread (a Dask worker's threads are not interrupted).
    """
    files = workbook_paths(paths)
    reference = reference or load_reference()
    task = functools.partial(check_file, reference=reference, limits=limits, as_of=as_of)
    reports = _run(files, workers, executor, task, progress or (lambda done, total: None), timeout,
                   memory_per_file)
    return BatchReport(tuple(reports), reference.hwb_names)


#: What tidy tables are made from: a batch, reports, or workbooks and folders to check.
Source = Union[BatchReport, Report, str, Path, Iterable[Report], Iterable[Union[str, Path]]]


def as_batch(source: Source) -> BatchReport:
    """A batch from a batch, reports, or workbook paths and folders (checked here)."""
    if isinstance(source, BatchReport):
        return source
    if isinstance(source, Report):
        return BatchReport((source,))
    items = [source] if isinstance(source, (str, Path)) else list(source)
    if all(isinstance(item, Report) for item in items):
        return BatchReport(tuple(items))  # type: ignore[arg-type]
    return check_many(items)  # type: ignore[arg-type]


def figures(source: Source) -> pandas.DataFrame:
    """Every figure of every submission, one row per HWB, file and key (see
    :mod:`bcf_workbook.tidy`): ``source`` is a batch, reports, or workbooks
    and folders to check. Needs the ``tidy`` extra (pandas)."""
    return as_batch(source).figures()


def _run(files: list[Path], workers: int | None, executor: Executor | None,
         task: Callable[[str], Report], progress: Callable[[int, int], None],
         timeout: float = DEFAULT_TIMEOUT, memory: int | None = MEMORY_PER_FILE) -> list[Report]:
    workers = workers or os.cpu_count() or 1
    limited = functools.partial(_limited, task, timeout)
    if executor is not None:
        return _on_executor(files, executor, limited, progress)
    if workers == 1 or len(files) <= 1:
        reports = []
        for done, path in enumerate(files, 1):
            reports.append(limited(str(path)))
            progress(done, len(files))
        return reports
    warm_up()
    return _WorkerPool(task, min(workers, len(files)), timeout, memory).run(files, progress)


def warm_up() -> None:
    """Compile the layout's formulas in this process, so that worker processes
    forked from it start with them compiled."""
    from .engine import calculate
    from .model import Submission
    calculate(Submission())
    # What the workers inherit is never garbage: kept out of their collections,
    # it is neither scanned again nor copied page by page into each of them.
    gc.freeze()


def _on_executor(files: list[Path], executor: Executor, task: Callable[[str], Report],
                 progress: Callable[[int, int], None]) -> list[Report]:
    futures = [executor.submit(task, str(path)) for path in files]
    for done, _ in enumerate(concurrent.futures.as_completed(futures), 1):
        progress(done, len(files))
    return [_result(future, path) for future, path in zip(futures, files)]


def _result(future: concurrent.futures.Future[Report], path: Path) -> Report:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a dead worker is reported for its file
        return _failed(path, f"the process checking this file died ({type(error).__name__}: "
                             f"{terminal_safe(str(error)[:200])})")


def _failed(path: str | Path, reason: str) -> Report:
    name = display_name(path)
    return Report(name, None, "unreadable", error=f"{name}: {reason}")


def _took_too_long(path: str | Path, timeout: float) -> Report:
    return _failed(path, f"took too long: stopped after {timeout:g} s (the limit can be raised, "
                         f"e.g. --timeout {max(2 * timeout, 120):g})")


class _TookTooLong(BaseException):
    """Raised in a check when its time is up; a BaseException, so that no
    handler of ordinary errors inside the check swallows it."""


def _limited(task: Callable[[str], Report], timeout: float, path: str) -> Report:
    """``task(path)``, interrupted after ``timeout`` seconds where a timer can
    interrupt it (on a process's main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return task(path)

    def interrupt(*_: object) -> None:
        raise _TookTooLong
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return task(path)
    except _TookTooLong:
        return _took_too_long(path, timeout)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _serve(task: Callable[[str], Report], connection: Connection, memory: int | None) -> None:
    """A worker process: check each path it is sent, within ``memory`` bytes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if memory is not None and resource is not None:
        # Beyond what the worker has from its parent when forked (a notebook
        # with pandas loaded starts far above a bare interpreter).
        limit = _address_space() + memory
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY
                                                else min(limit, hard), hard))
    while True:
        try:
            path = connection.recv()
        except EOFError:
            return
        try:
            report = task(path)
        except MemoryError:  # what failed to be allocated is not held: the worker goes on
            report = _failed(path, f"needs more memory than one file may use in a batch "
                                   f"({(memory or 0) // 2**20:,} MB)")
        connection.send(report)


def _address_space() -> int:
    """The bytes of address space this process uses now (0 where the system does not say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _Worker:
    """One worker process and the file it is checking."""

    def __init__(self, task: Callable[[str], Report], memory: int | None) -> None:
        self.connection, theirs = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_serve, args=(task, theirs, memory), daemon=True)
        self.process.start()
        theirs.close()
        self.index: int | None = None
        self.path = ""
        self.deadline = math.inf

    def give(self, index: int, path: Path, timeout: float) -> None:
        self.index, self.path, self.deadline = index, str(path), time.monotonic() + timeout
        try:
            self.connection.send(self.path)
        except OSError:
            pass  # the worker died while idle: its outcome says so, and it is replaced

    def outcome(self, timeout: float) -> Report | None:
        """The report once there is one (also when the file killed the worker
        or ran out of time); None while the check goes on."""
        if self.connection.poll():
            try:
                report: Report = self.connection.recv()
                return report
            except (EOFError, OSError):
                pass
        if not self.process.is_alive():
            return _failed(self.path, f"the process checking this file died (exit status "
                                      f"{self.process.exitcode})")
        if time.monotonic() >= self.deadline:
            self.stop()
            return _took_too_long(self.path, timeout)
        return None

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class _WorkerPool:
    """Worker processes forked once and given one file at a time; a worker
    that dies or runs out of time is replaced, and only its file is affected."""

    def __init__(self, task: Callable[[str], Report], size: int, timeout: float,
                 memory: int | None) -> None:
        self.task = task
        self.timeout = timeout
        self.memory = memory
        self.workers = [_Worker(task, memory) for _ in range(size)]

    def run(self, files: list[Path], progress: Callable[[int, int], None]) -> list[Report]:
        reports: list[Report | None] = [None] * len(files)
        waiting = collections.deque(range(len(files)))
        done = 0
        try:
            while waiting or any(worker.index is not None for worker in self.workers):
                self._give(waiting, files)
                self._wait()
                for position, worker in enumerate(self.workers):
                    report = worker.outcome(self.timeout) if worker.index is not None else None
                    if report is None:
                        continue
                    assert worker.index is not None
                    reports[worker.index] = report
                    worker.index = None
                    done += 1
                    progress(done, len(files))
                    if not worker.process.is_alive() or worker.connection.closed:
                        worker.stop()
                        self.workers[position] = _Worker(self.task, self.memory)
        finally:
            for worker in self.workers:
                worker.stop()
        return [report for report in reports if report is not None]

    def _give(self, waiting: collections.deque[int], files: list[Path]) -> None:
        for worker in self.workers:
            if worker.index is None and waiting:
                index = waiting.popleft()
                worker.give(index, files[index], self.timeout)

    def _wait(self) -> None:
        busy = [worker for worker in self.workers if worker.index is not None]
        soonest = min(worker.deadline for worker in busy)
        multiprocessing.connection.wait([worker.connection for worker in busy]
                                        + [worker.process.sentinel for worker in busy],
                                        timeout=max(0.0, soonest - time.monotonic()))
