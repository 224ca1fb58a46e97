"""``bcf-workbook plan``: check, template and export an area's project plan."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._output import display_name, print_text
from ..findings import Severity
from ._exit import ExitStatus
from ._options import add_as_of_option, add_force_option, add_output_options, workbook_target

SAMPLE = "samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx"
EXAMPLES = {
    "plan": f"""examples:
  bcf-workbook plan check {SAMPLE} --as-of 2018-01-01
  bcf-workbook plan template plan.xlsx
  bcf-workbook plan export {SAMPLE}""",
    "check": f"""examples:
  bcf-workbook plan check {SAMPLE} --as-of 2018-01-01
  bcf-workbook plan check {SAMPLE} -o status.html      the report as a web page""",
    "template": """examples:
  bcf-workbook plan template plan.xlsx""",
    "export": f"""examples:
  bcf-workbook plan export {SAMPLE} -o plan.json""",
}


def add_commands(subparsers: Any) -> None:
    """Add ``plan check``, ``plan template`` and ``plan export`` to the main parser's
    subcommands."""
    from ..plan import FORMATS
    plan = subparsers.add_parser("plan", help="the BCF project plan (2017-2019): check, "
                                              "template, export", epilog=EXAMPLES["plan"])
    commands = plan.add_subparsers(required=True, metavar="COMMAND", help="what to do with a plan")

    checker = commands.add_parser(
        "check", help="report on a plan: findings, milestones as of a date, the High Impact "
                      "Changes, quantified benefits",
        description="Report on an area's BCF project plan: the checks of its specification, "
                    "each milestone's status on the status date, which of the eight High "
                    "Impact Changes it covers, and the benefits it quantifies. Exit status: 0 "
                    "when no finding is an error, 1 when one is, 2 when the command is "
                    "misused, 3 when the file cannot be read.",
        epilog=EXAMPLES["check"])
    checker.add_argument("file", type=Path, metavar="FILE", help="a plan workbook (.xlsx) or its "
                                                                 "JSON export")
    add_as_of_option(checker)
    add_output_options(checker, FORMATS)
    checker.set_defaults(run=_check)

    template = commands.add_parser(
        "template", help="write the blank plan workbook",
        description="Write the blank project plan workbook: the eight High Impact Changes as "
                    "key areas, milestones whose status follows the status date.",
        epilog=EXAMPLES["template"])
    template.add_argument("out", type=Path, metavar="OUT", help="the .xlsx file to write")
    add_force_option(template)
    template.set_defaults(run=_template)

    export = commands.add_parser(
        "export", help="print a plan workbook as JSON",
        description="The plan as JSON (ProjectPlan.to_dict()): focus areas, key areas, "
                    "milestones with their dates as read and the text they were read from. "
                    "'plan check' reads it back.",
        epilog=EXAMPLES["export"])
    export.add_argument("file", type=Path, metavar="FILE", help="a plan workbook (.xlsx)")
    export.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write the JSON to this file instead of standard output")
    export.set_defaults(run=_export)


def _check(arguments: argparse.Namespace) -> int:
    from ..plan import FORMATS, check, render
    from ._options import emit, output_format
    report = check(arguments.file, arguments.as_of)
    emit(render(report, output_format(arguments, FORMATS)), arguments.output, arguments.file)
    return ExitStatus.FINDINGS if report.reaches(Severity.ERROR) else ExitStatus.OK


def _template(arguments: argparse.Namespace) -> int:
    from ..plan import template
    template(workbook_target(arguments.out, arguments.force))
    print_text(f"wrote {display_name(arguments.out)}\n")
    return ExitStatus.OK


def _export(arguments: argparse.Namespace) -> int:
    from ..plan import export
    from ._options import emit
    emit(export(arguments.file), arguments.output, arguments.file)
    return ExitStatus.OK
