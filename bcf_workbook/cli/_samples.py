"""``bcf-workbook samples``: the bundled sample workbooks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..reference import load_reference
from ._exit import ExitStatus
from ._options import add_reference_option

EXAMPLES = """example:
  bcf-workbook samples my-samples/"""


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "samples", help="write the bundled sample workbooks",
        description="Write the bundled sample workbooks: Peterborough's submission as the "
                    "council sent it, a clean synthetic one, and the Peterborough & "
                    "Cambridgeshire project plan 2017-2019.",
        epilog=EXAMPLES)
    parser.add_argument("folder", type=Path, metavar="FOLDER",
                        help="the folder to write them to (created if missing)")
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ..samples import write_samples
    for path in write_samples(arguments.folder, load_reference(arguments.reference)):
        print(f"wrote {path}")
    return ExitStatus.OK
