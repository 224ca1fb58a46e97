"""Options several commands share."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from .._output import display_name, print_text, same_file, write_atomic
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


def positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < math.inf:
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {text!r}")
    return seconds


def workbooks_in(paths: list[Path]) -> list[Path]:
    """The workbooks ``paths`` name (folders searched at any depth), or one
    error naming the paths when there are none."""
    from ..batch import workbook_paths
    files = workbook_paths(paths)
    if not files:
        raise BcfError("no .xlsx or .xlsm workbooks found in "
                       + ", ".join(display_name(path) for path in paths))
    return files


def emit(text: str, output: Path | None, *sources: Path) -> None:
    """Print ``text``, or write it to ``output`` (atomically, never through a
    link), never over an input file."""
    if output is None:
        print_text(text)
        return
    if any(same_file(source, output) for source in sources):
        raise BcfError("refusing to write over an input file", file=display_name(output))
    write_atomic(output, text.encode("utf-8", "backslashreplace"))
