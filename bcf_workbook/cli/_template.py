"""``bcf-workbook template``: the blank template, or one pre-populated for a HWB."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..reference import load_reference
from ._exit import ExitStatus
from ._options import add_reference_option

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
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ..writer import write_template
    write_template(arguments.out, hwb=arguments.hwb, reference=load_reference(arguments.reference))
    print(f"wrote {arguments.out}")
    return ExitStatus.OK
