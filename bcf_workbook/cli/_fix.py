"""``bcf-workbook fix``: a corrected copy of a council's workbook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..reference import load_reference
from ._exit import EXIT_OK
from ._options import add_reference_option


def add_command(commands: Any) -> None:
    parser = commands.add_parser("fix", help="write a corrected workbook: overrides removed, "
                                             "formulas restored, findings listed on 'Checks'")
    parser.add_argument("input", type=Path, metavar="IN")
    parser.add_argument("output", type=Path, metavar="OUT")
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from .._fix import fix
    fixed = fix(arguments.input, arguments.output, load_reference(arguments.reference))
    print(f"wrote {arguments.output}: {len(fixed.restored)} overwritten formula(s) restored; "
          f"{len(fixed.report.findings)} finding(s) listed on 'Checks'")
    return EXIT_OK
