"""``bcf-workbook diff``: two versions of a submission, or two rounds of a
collection, compared."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import WorkbookError
from ..reference import load_reference
from ._exit import ExitStatus
from ._options import add_output_options, add_reference_option, emit, output_format

EXAMPLES = """examples:
  bcf-workbook diff council-v1.xlsx council-v2.xlsx
  bcf-workbook diff round-1/ round-2/ --format html -o changes.html

exit status: 0 nothing changed, 1 something changed, 2 the command was misused,
3 a workbook could not be read (of two rounds: one of the new round's files;
the comparison is still reported)."""


def add_command(commands: Any) -> None:
    from .._diff_render import FORMATS
    parser = commands.add_parser(
        "diff", help="compare two versions of a submission, or two folders (two rounds)",
        description="Compare two workbooks: inputs, derived figures and ratings changed, "
                    "typed-over formulas removed or added, findings new, resolved and unchanged. "
                    "Two folders are two rounds of a collection, matched by HWB (not file name).",
        epilog=EXAMPLES)
    parser.add_argument("old", type=Path, metavar="OLD", help="the earlier workbook or folder")
    parser.add_argument("new", type=Path, metavar="NEW", help="the later workbook or folder")
    add_output_options(parser, FORMATS, what="the comparison")
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._diff_render import FORMATS, render_diff
    from ..diff import RoundDiff, diff
    try:
        compared = diff(arguments.old, arguments.new, load_reference(arguments.reference))
    except WorkbookError as error:
        # The workbook that could not be read: the exit status is 3.
        arguments.input = Path(error.file) if error.file else None
        raise
    emit(render_diff(compared, output_format(arguments, FORMATS)), arguments.output, arguments.old,
         arguments.new)
    if isinstance(compared, RoundDiff) and compared.unreadable:
        return ExitStatus.UNREADABLE
    return ExitStatus.FINDINGS if compared.changed else ExitStatus.OK
