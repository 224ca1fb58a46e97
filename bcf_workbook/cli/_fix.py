"""``bcf-workbook fix``: a corrected copy of a council's workbook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._output import display_name, print_text
from ..findings import counted
from ..reference import load_reference
from ._exit import ExitStatus
from ._options import add_force_option, add_reference_option, workbook_target

EXAMPLES = """examples:
  bcf-workbook fix samples/peterborough-2014-16.xlsx peterborough-fixed.xlsx
  bcf-workbook fix council.xlsx corrected/council.xlsx --reference national-reference/"""


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "fix", help="write a corrected workbook: overrides removed, formulas restored, "
                    "findings listed on 'Checks'",
        description="Write a corrected copy of a council's workbook: every formula typed over "
                    "is restored and every finding is listed on the 'Checks' sheet. The input "
                    "is only read.",
        epilog=EXAMPLES)
    parser.add_argument("input", type=Path, metavar="IN", help="the council's .xlsx or .xlsm")
    parser.add_argument("output", type=Path, metavar="OUT",
                        help="the corrected .xlsx to write (never the input)")
    add_force_option(parser)
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._fix import fix
    fixed = fix(arguments.input, workbook_target(arguments.output, arguments.force),
                load_reference(arguments.reference))
    print_text(f"wrote {display_name(arguments.output)}: "
               f"{counted(len(fixed.restored), 'typed-over formula')} restored, "
               f"{counted(len(fixed.resolved), 'finding')} fixed, "
               f"{len(fixed.remaining)} still to fix by the council (listed on 'Checks')\n")
    return ExitStatus.OK
