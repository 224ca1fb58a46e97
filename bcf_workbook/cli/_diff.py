"""``bcf-workbook diff``: two versions of a submission, or two rounds of a
collection, compared."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..reference import load_reference
from ._exit import EXIT_FINDINGS, EXIT_OK
from ._options import add_reference_option, emit


def add_command(commands: Any) -> None:
    from .._diff_render import FORMATS
    parser = commands.add_parser(
        "diff", help="compare two versions of a submission, or two folders (two rounds)",
        description="Compare two workbooks: inputs, derived figures and ratings changed, "
                    "typed-over formulas removed or added, findings new, resolved and unchanged. "
                    "Two folders are two rounds of a collection, matched by HWB (not file name). "
                    "Exit status: 0 when nothing changed, 1 when something did, 2 on an error.")
    parser.add_argument("old", type=Path, metavar="OLD", help="the earlier workbook or folder")
    parser.add_argument("new", type=Path, metavar="NEW", help="the later workbook or folder")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT")
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._diff_render import render_diff
    from ..diff import diff
    compared = diff(arguments.old, arguments.new, load_reference(arguments.reference))
    emit(render_diff(compared, arguments.format), arguments.output, arguments.old, arguments.new)
    return EXIT_FINDINGS if compared.changed else EXIT_OK
