"""``bcf-workbook check``: cross-check workbooks and report what is wrong."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..batch import DEFAULT_TIMEOUT
from ..errors import BcfError
from ..reference import load_reference
from ..render import FORMATS
from ._exit import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from ._options import add_reference_option, emit, positive, positive_seconds


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "check", help="cross-check workbooks and report what is wrong",
        description="Cross-check one workbook or folders of them. Exit status: 0 when no finding "
                    "reaches --fail-on, 1 when one does, 2 when a file could not be read.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="a workbook, or a folder searched for .xlsx/.xlsm")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT")
    parser.add_argument("--workers", type=positive, metavar="N",
                        help="processes to check with (default: one per core)")
    parser.add_argument("--fail-on", choices=["error", "warning"], default="error")
    parser.add_argument("--timeout", type=positive_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help="report a file that takes longer than this as taking too long, and go "
                             f"on with the others (default: {DEFAULT_TIMEOUT:g})")
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ..batch import check_many, terminal_progress, workbook_paths
    from ..findings import Severity
    from ..render import render
    files = workbook_paths(arguments.paths)
    if not files:
        raise BcfError("no .xlsx or .xlsm workbooks found in "
                       + ", ".join(str(path) for path in arguments.paths))
    progress = terminal_progress() if len(files) > 1 else None
    batch = check_many(files, workers=arguments.workers,
                       reference=load_reference(arguments.reference), progress=progress,
                       timeout=arguments.timeout)
    emit(render(batch, arguments.format), arguments.output, *files)
    if any(report.status != "checked" for report in batch.reports):
        return EXIT_ERROR
    return EXIT_FINDINGS if batch.reaches(Severity(arguments.fail_on)) else EXIT_OK
