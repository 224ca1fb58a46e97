"""``bcf-workbook template``: the blank template, or one pre-populated for a HWB."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._output import display_name, print_text
from ..reference import load_reference
from ._exit import ExitStatus
from ._options import add_force_option, add_reference_option, workbook_target

EXAMPLES = """examples:
  bcf-workbook template template.xlsx
  bcf-workbook template peterborough.xlsx --hwb Peterborough"""


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "template", help="write the blank template",
        description="Write the blank Part 2 template, or one pre-populated with a HWB's "
                    "reference figures.",
        epilog=EXAMPLES)
    parser.add_argument("out", type=Path, metavar="OUT", help="the .xlsx file to write")
    parser.add_argument("--hwb", metavar="NAME", help="pre-populate for this HWB")
    add_force_option(parser)
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ..writer import write_template
    target = workbook_target(arguments.out, arguments.force)
    write_template(target, hwb=arguments.hwb, reference=load_reference(arguments.reference))
    print_text(f"wrote {display_name(arguments.out)}\n")
    return ExitStatus.OK
