"""The ``bcf-workbook`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import BcfError
from .reference import load_reference
from .report import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except BcfError as error:
        print(f"bcf-workbook: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("bcf-workbook: interrupted", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bcf-workbook",
        description="Read, recalculate, cross-check and write the Better Care Fund Part 2 "
                    "planning workbook.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    template = commands.add_parser("template", help="write the blank template")
    template.add_argument("out", type=Path, metavar="OUT", help="the .xlsx file to write")
    template.add_argument("--hwb", metavar="NAME", help="pre-populate for this HWB")
    _reference_option(template)
    template.set_defaults(run=_template)

    export = commands.add_parser("export", help="print a workbook's submission as JSON")
    export.add_argument("file", type=Path, metavar="FILE", help="an .xlsx or .xlsm workbook")
    export.add_argument("--format", choices=["json"], default="json")
    export.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="write to this file instead of standard output")
    export.set_defaults(run=_export)

    checker = commands.add_parser(
        "check", help="cross-check workbooks and report what is wrong",
        description="Cross-check one workbook or folders of them. Exit status: 0 when no finding "
                    "reaches --fail-on, 1 when one does, 2 when a file could not be read.")
    checker.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                         help="a workbook, or a folder searched for .xlsx/.xlsm")
    checker.add_argument("--format", choices=FORMATS, default="text")
    checker.add_argument("-o", "--output", type=Path, metavar="OUT")
    checker.add_argument("--workers", type=_positive, metavar="N",
                         help="processes to check with (default: one per core)")
    checker.add_argument("--fail-on", choices=["error", "warning"], default="error")
    _reference_option(checker)
    checker.set_defaults(run=_check)

    fix = commands.add_parser("fix", help="write a corrected workbook: overrides removed, "
                                          "formulas restored, findings listed on 'Checks'")
    fix.add_argument("input", type=Path, metavar="IN")
    fix.add_argument("output", type=Path, metavar="OUT")
    _reference_option(fix)
    fix.set_defaults(run=_fix)

    samples = commands.add_parser("samples", help="write the bundled sample workbooks")
    samples.add_argument("folder", type=Path, metavar="FOLDER")
    _reference_option(samples)
    samples.set_defaults(run=_samples)
    from .plan._cli import add_commands as add_plan_commands
    add_plan_commands(commands)
    return parser


def _reference_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reference", type=Path, metavar="DIR",
                        help="a folder of reference data (hwbs/*.json and national.json) "
                             "instead of the data shipped with the package")


def _template(arguments: argparse.Namespace) -> int:
    from .writer import write_template
    write_template(arguments.out, hwb=arguments.hwb, reference=load_reference(arguments.reference))
    print(f"wrote {arguments.out}")
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number


def _check(arguments: argparse.Namespace) -> int:
    from .batch import check_many, terminal_progress, workbook_paths
    from .checks import Severity
    from .report import render
    files = workbook_paths(arguments.paths)
    if not files:
        raise BcfError("no .xlsx or .xlsm workbooks found in "
                       + ", ".join(str(path) for path in arguments.paths))
    progress = terminal_progress() if len(files) > 1 else None
    batch = check_many(files, workers=arguments.workers,
                       reference=load_reference(arguments.reference), progress=progress)
    _emit(render(batch, arguments.format), arguments.output, *files)
    if any(report.status != "checked" for report in batch.reports):
        return EXIT_ERROR
    return EXIT_FINDINGS if batch.reaches(Severity(arguments.fail_on)) else EXIT_OK


def _fix(arguments: argparse.Namespace) -> int:
    from .checks import check
    from .reader import read_workbook
    from .writer import write
    if _same_file(arguments.input, arguments.output):
        raise BcfError("refusing to write the corrected workbook over its input; "
                       "give another OUT", file=arguments.output)
    reference = load_reference(arguments.reference)
    workbook = read_workbook(arguments.input, reference)
    report = check(workbook, reference)
    submission = workbook.submission
    write(submission, arguments.output, corrected=True, reference=reference,
          findings=report.findings)
    print(f"wrote {arguments.output}: {len(submission.overrides)} overwritten formula(s) "
          f"restored; {len(report.findings)} finding(s) listed on 'Checks'")
    return EXIT_OK


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (second.exists() and first.samefile(second))
    except OSError:
        return False


def _export(arguments: argparse.Namespace) -> int:
    from .reader import read
    text = json.dumps(read(arguments.file).to_dict(), indent=2, ensure_ascii=False) + "\n"
    _emit(text, arguments.output, arguments.file)
    return EXIT_OK


def _emit(text: str, output: Path | None, *sources: Path) -> None:
    """Print ``text``, or write it to ``output``, never over an input file."""
    if output is None:
        sys.stdout.write(text)
        return
    if any(_same_file(source, output) for source in sources):
        raise BcfError("refusing to write over an input file", file=output)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise BcfError(f"cannot write: {error.strerror or error}", file=output) from None


def _samples(arguments: argparse.Namespace) -> int:
    from .samples import write_samples
    for path in write_samples(arguments.folder, load_reference(arguments.reference)):
        print(f"wrote {path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
