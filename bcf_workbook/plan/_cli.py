"""The ``bcf-workbook plan`` commands; :func:`add_commands` hooks them into the
main command line (``bcf_workbook.cli``)."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import Any

from ..findings import Severity

EXIT_OK, EXIT_FINDINGS = 0, 1


def add_commands(subparsers: Any) -> None:
    """Add ``plan check``, ``plan template`` and ``plan export`` to the main parser's
    subcommands."""
    from . import FORMATS
    plan = subparsers.add_parser("plan", help="the BCF project plan (2017-2019): check, "
                                              "template, export")
    commands = plan.add_subparsers(required=True, metavar="COMMAND")

    checker = commands.add_parser(
        "check", help="report on a plan: findings, milestones as of a date, the High Impact "
                      "Changes, quantified benefits",
        description="Exit status: 0 when no finding is an error, 1 when one is, 2 when the file "
                    "cannot be read.")
    checker.add_argument("file", type=Path, metavar="FILE", help="a plan workbook (.xlsx) or its "
                                                                 "JSON export")
    checker.add_argument("--as-of", type=_date, metavar="DATE",
                         help="the status date, YYYY-MM-DD or DD/MM/YYYY (default: today)")
    checker.add_argument("--format", choices=FORMATS, default="text")
    checker.add_argument("-o", "--output", type=Path, metavar="OUT")
    checker.set_defaults(run=_check)

    template = commands.add_parser("template", help="write the blank plan workbook")
    template.add_argument("out", type=Path, metavar="OUT", help="the .xlsx file to write")
    template.set_defaults(run=_template)

    export = commands.add_parser("export", help="print a plan workbook as JSON")
    export.add_argument("file", type=Path, metavar="FILE", help="a plan workbook (.xlsx)")
    export.add_argument("-o", "--output", type=Path, metavar="OUT")
    export.set_defaults(run=_export)


def _date(text: str) -> datetime.date:
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD or DD/MM/YYYY, got {text!r}")


def _check(arguments: argparse.Namespace) -> int:
    from ..cli._options import emit
    from . import check, render
    report = check(arguments.file, arguments.as_of)
    emit(render(report, arguments.format), arguments.output, arguments.file)
    return EXIT_FINDINGS if report.reaches(Severity.ERROR) else EXIT_OK


def _template(arguments: argparse.Namespace) -> int:
    from . import template
    template(arguments.out)
    print(f"wrote {arguments.out}")
    return EXIT_OK


def _export(arguments: argparse.Namespace) -> int:
    from ..cli._options import emit
    from . import export
    emit(export(arguments.file), arguments.output, arguments.file)
    return EXIT_OK
