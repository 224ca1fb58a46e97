"""``bcf-workbook export``: one workbook's submission as JSON, or the figures of
workbooks and folders as one tidy table (CSV, Parquet or JSON)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._output import strict_json
from ..errors import BcfError
from ..findings import counted
from ..reference import load_reference
from ._exit import ExitStatus
from ._options import (
    add_output_options,
    add_reference_option,
    emit,
    output_format,
    refuse_inputs,
    tell_written,
    workbooks_in,
)

EXPORT_FORMATS = ("json", "csv", "parquet")
EXAMPLES = """examples:
  bcf-workbook export samples/peterborough-2014-16.xlsx
  bcf-workbook export council.xlsx -o council.json
  bcf-workbook export submissions/ --format csv -o figures.csv
  bcf-workbook export submissions/ --format parquet -o figures.parquet"""


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "export", help="export a workbook's submission, or the figures of many, as data",
        description="One workbook with --format json (the default): its submission as JSON "
                    "(Submission.to_dict()): every input, override and stray value. Several "
                    "workbooks, a folder, or --format csv or parquet: every figure of every "
                    "submission, one row per HWB, file and key, with its tab, cell, block, row, "
                    "period, unit and kind.",
        epilog=EXAMPLES)
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE",
                        help="an .xlsx or .xlsm workbook, or a folder searched for them")
    add_output_options(parser, EXPORT_FORMATS, default="json",
                       what="the data (required for parquet)")
    add_reference_option(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    paths: list[Path] = arguments.paths
    chosen = output_format(arguments, EXPORT_FORMATS, default="json")
    if chosen == "json" and len(paths) == 1 and not paths[0].is_dir():
        from ..reader import read
        # The one workbook read: the exit status is 3 when it cannot be.
        arguments.input = paths[0]
        submission = read(paths[0], load_reference(arguments.reference))
        emit(strict_json(submission.to_dict(), indent=2, ensure_ascii=False) + "\n",
             arguments.output, paths[0])
        return ExitStatus.OK
    return _export_figures(arguments, chosen)


def _export_figures(arguments: argparse.Namespace, chosen: str) -> int:
    from ..batch import check_many
    from ..tidy import figures, figures_text, write_figures
    files = workbooks_in(arguments.paths)
    output: Path | None = arguments.output
    if output is None and chosen == "parquet":
        raise BcfError("parquet is binary: give a file to write it to with -o OUT")
    if output is not None:
        refuse_inputs(output, files)
    batch = check_many(files, reference=load_reference(arguments.reference))
    table = figures(batch)
    if output is None:
        emit(figures_text(table, chosen), None)
    else:
        write_figures(table, output, chosen)
        tell_written(output, batch, _holds(table, batch))
    unreadable = any(report.status != "checked" for report in batch.reports)
    return ExitStatus.UNREADABLE if unreadable else ExitStatus.OK


def _holds(table: Any, batch: Any) -> str:
    """What a figures file holds, and which files it leaves out (figures are
    Part 2's: a project plan has none)."""
    from ..checks import PROJECT_PLAN
    submissions = table["file"].nunique() if len(table) else 0
    plans = sum(report.document == PROJECT_PLAN for report in batch.reports)
    left_out = f"; {counted(plans, 'project plan')} left out (see 'plan export')" if plans else ""
    return f"{len(table):,} figures of {counted(submissions, 'submission')}{left_out}"
