"""``bcf-workbook export``: the submission in a workbook, as JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ._exit import ExitStatus
from ._options import emit

EXAMPLES = """examples:
  bcf-workbook export samples/peterborough-2014-16.xlsx
  bcf-workbook export council.xlsx -o council.json"""


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help="print a workbook's submission as JSON",
        description="Read a council's workbook and print its submission as JSON "
                    "(Submission.to_dict()): every input, override and stray value.",
        epilog=EXAMPLES)
    parser.add_argument("input", type=Path, metavar="FILE", help="an .xlsx or .xlsm workbook")
    parser.add_argument("--format", choices=["json"], default="json",
                        help="output format (only json for now)")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write to this file instead of standard output")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ..reader import read
    text = json.dumps(read(arguments.input).to_dict(), indent=2, ensure_ascii=False) + "\n"
    emit(text, arguments.output, arguments.input)
    return ExitStatus.OK
