"""Options several commands share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._output import same_file
from ..errors import BcfError


def add_reference_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reference", type=Path, metavar="DIR",
                        help="a folder of reference data (hwbs/*.json and national.json) "
                             "instead of the data shipped with the package")


def positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number


def emit(text: str, output: Path | None, *sources: Path) -> None:
    """Print ``text``, or write it to ``output``, never over an input file."""
    if output is None:
        sys.stdout.write(text)
        return
    if any(same_file(source, output) for source in sources):
        raise BcfError("refusing to write over an input file", file=output)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise BcfError(f"cannot write: {error.strerror or error}", file=output) from None
