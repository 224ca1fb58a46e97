"""``bcf-workbook check``: cross-check workbooks and report what is wrong."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..batch import DEFAULT_TIMEOUT
from ..errors import BcfError
from ..reference import load_reference
from ..render import FILE_FORMATS, FORMATS
from ._exit import ExitStatus
from ._options import (
    add_as_of_option,
    add_output_options,
    add_reference_option,
    emit,
    output_format,
    positive,
    positive_seconds,
    refuse_inputs,
    tell_written,
    workbooks_in,
)

EXAMPLES = """examples:
  bcf-workbook check samples/                          text report on the terminal
  bcf-workbook check submissions/ -o report.html       HTML report (format from the suffix)
  bcf-workbook check submissions/ -o national.xlsx     the national workbook, with charts
  bcf-workbook check a.xlsx b.xlsx --format json       JSON on standard output
  bcf-workbook check submissions/ --fail-on warning    exit status 1 on warnings too

exit status: 0 nothing at or above --fail-on, 1 findings at or above it,
2 the command was misused, 3 a workbook could not be read (the others are
still reported)."""


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "check", help="cross-check workbooks and report what is wrong",
        description="Cross-check workbooks, or folders of them (searched recursively), against "
                    "every check of the specification, and report the findings.",
        epilog=EXAMPLES)
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="a workbook, or a folder searched for .xlsx/.xlsm (a .xls, .xlsb, .ods or "
                             ".csv there is reported as unreadable, with how to save it)")
    add_output_options(parser, FORMATS)
    parser.add_argument("--workers", type=positive, metavar="N",
                        help="processes to check with (default: one per core)")
    parser.add_argument("--fail-on", choices=["error", "warning"], default="error",
                        help="the least severe finding that makes the exit status 1 "
                             "(default: error)")
    parser.add_argument("--timeout", type=positive_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help="report a file that takes longer than this as taking too long, and go "
                             f"on with the others (default: {DEFAULT_TIMEOUT:g})")
    add_as_of_option(parser)
    add_reference_option(parser)
    parser.set_defaults(run=run)


def _write_workbook(batch: Any, output: Path, sources: list[Path]) -> None:
    """The national workbook (one row per HWB, totals, findings, charts)."""
    from ..national_workbook import write_national_workbook
    refuse_inputs(output, sources)
    write_national_workbook(batch, output)


def run(arguments: argparse.Namespace) -> int:
    from ..batch import check_many
    from ..findings import Severity
    from ..render import render
    from ._progress import progress_bar
    for path in arguments.paths:
        if not (path.exists() or path.is_symlink()):
            raise BcfError("no such file or folder", file=path)
    files = workbooks_in(arguments.paths)
    report_format = output_format(arguments, FORMATS)
    if report_format in FILE_FORMATS and arguments.output is None:
        raise BcfError(f"the {report_format} report is a file: give it with -o OUT")
    with progress_bar(len(files)) as progress:
        batch = check_many(files, workers=arguments.workers,
                           reference=load_reference(arguments.reference), progress=progress,
                           timeout=arguments.timeout, as_of=arguments.as_of)
    if report_format == "xlsx":
        _write_workbook(batch, arguments.output, files)
    else:
        emit(render(batch, report_format), arguments.output, *files, tell=False)
    if arguments.output is not None:
        tell_written(arguments.output, batch)
    if any(report.status != "checked" for report in batch.reports):
        return ExitStatus.UNREADABLE
    return ExitStatus.FINDINGS if batch.reaches(Severity(arguments.fail_on)) else ExitStatus.OK
