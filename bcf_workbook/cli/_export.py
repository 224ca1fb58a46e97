"""``bcf-workbook export``: the submission in a workbook, as JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._output import strict_json
from ._exit import EXIT_OK
from ._options import emit


def add_command(commands: Any) -> None:
    parser = commands.add_parser("export", help="print a workbook's submission as JSON")
    parser.add_argument("file", type=Path, metavar="FILE", help="an .xlsx or .xlsm workbook")
    parser.add_argument("--format", choices=["json"], default="json")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write to this file instead of standard output")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ..reader import read
    text = strict_json(read(arguments.file).to_dict(), indent=2, ensure_ascii=False) + "\n"
    emit(text, arguments.output, arguments.file)
    return EXIT_OK
