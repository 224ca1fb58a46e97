"""``bcf-workbook samples``: the bundled sample workbooks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._output import display_name, print_text
from ..errors import BcfError
from ..reference import load_reference
from ._exit import ExitStatus
from ._options import add_force_option, add_reference_option, workbook_target

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
    add_force_option(parser)
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ..samples import PLAN_SAMPLE_FILE, SAMPLE_FILES, write_samples
    folder: Path = arguments.folder
    if folder.exists() and not folder.is_dir():
        raise BcfError("is a file, not a folder", file=display_name(folder))
    for name in (*SAMPLE_FILES, PLAN_SAMPLE_FILE):
        workbook_target(folder / name, arguments.force)
    for path in write_samples(folder, load_reference(arguments.reference)):
        print_text(f"wrote {display_name(path)}\n")
    return ExitStatus.OK
