"""Options several commands share."""

from __future__ import annotations

import argparse
import datetime
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._output import display_name, print_text, same_file, write_atomic
from ..errors import BcfError

if TYPE_CHECKING:
    from ..batch import BatchReport


def add_reference_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reference", type=Path, metavar="DIR",
                        help="a folder of reference data (hwbs/*.json and national.json) "
                             "instead of the data shipped with the package")


#: The format an output file gets from its suffix when --format is not given.
_SUFFIX_FORMATS = {".txt": "text", ".json": "json", ".csv": "csv", ".md": "markdown",
                   ".markdown": "markdown", ".html": "html", ".htm": "html", ".xlsx": "xlsx",
                   ".parquet": "parquet"}


def add_output_options(parser: argparse.ArgumentParser, formats: Sequence[str],
                       default: str = "text", what: str = "the report") -> None:
    """``--format`` (from the suffix of ``-o`` when not given) and ``-o``."""
    suffixes = ", ".join(suffix for suffix, chosen in _SUFFIX_FORMATS.items() if chosen in formats)
    parser.add_argument("--format", choices=formats,
                        help=f"{', '.join(formats)} (default: from the suffix of -o: {suffixes}; "
                             f"otherwise {default})")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help=f"write {what} to this file instead of standard output")


def output_format(arguments: argparse.Namespace, formats: Sequence[str],
                  default: str = "text") -> str:
    """The --format asked for, or the one -o's suffix names (``default`` for
    standard output or a suffix of no known format, ``.log``); one error for a
    suffix naming a format the command does not write."""
    if arguments.format:
        return str(arguments.format)
    output: Path | None = arguments.output
    chosen = _SUFFIX_FORMATS.get(output.suffix.lower(), default) if output else default
    if output is not None and chosen not in formats:
        # A file named for a format this command does not write would hold something else.
        raise BcfError(f"this command does not write {chosen}: name the file for one of "
                       f"{', '.join(formats)}, or give --format", file=display_name(output))
    return chosen


def add_force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace a workbook that is already there")


def workbook_target(path: Path, force: bool) -> Path:
    """Where a command writes a workbook: a file named .xlsx (what it holds), and
    not a workbook already there (a council's submission, perhaps) unless
    --force says to replace it."""
    if path.suffix.lower() != ".xlsx":
        raise BcfError("a workbook is written as .xlsx: give the file that suffix",
                       file=display_name(path))
    if not force and (path.exists() or path.is_symlink()):
        raise BcfError("is already there: give --force to replace it", file=display_name(path))
    return path


def add_as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_date, metavar="DATE",
                        help="a project plan's status date, YYYY-MM-DD or DD/MM/YYYY "
                             "(default: today)")


def _date(text: str) -> datetime.date:
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD or DD/MM/YYYY, got {text!r}")


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


def emit(text: str, output: Path | None, *sources: Path, tell: bool = True) -> None:
    """Print ``text``, or write it to ``output`` (atomically, never through a
    link, never over an input file) and say so unless ``tell`` is false (the
    caller says more)."""
    if output is None:
        print_text(text)
        return
    refuse_inputs(output, sources)
    write_atomic(output, text.encode("utf-8", "backslashreplace"))
    if tell:
        print_text(f"wrote {display_name(output)}\n")


def refuse_inputs(output: Path, sources: Sequence[Path]) -> None:
    """One error when ``output`` names one of the files a command reads."""
    if any(same_file(source, output) for source in sources):
        raise BcfError("refusing to write over an input file", file=display_name(output))


def tell_written(output: Path, batch: BatchReport, holds: str | None = None) -> None:
    """One line on what a file now holds (by default the batch's summary),
    naming the files that could not be read (their reasons are in the file)."""
    from ..render import summary_line
    unreadable = [report.file or "?" for report in batch.reports if report.status != "checked"]
    named = (f" (unreadable: {', '.join(unreadable[:3])}{', ...' if len(unreadable) > 3 else ''})"
             if unreadable else "")
    print_text(f"wrote {display_name(output)}: {holds or summary_line(batch)}{named}\n")
