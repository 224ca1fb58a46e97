"""The ``bcf-workbook`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import BcfError
from .reference import load_reference

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

    samples = commands.add_parser("samples", help="write the bundled sample workbooks")
    samples.add_argument("folder", type=Path, metavar="FOLDER")
    _reference_option(samples)
    samples.set_defaults(run=_samples)
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


def _export(arguments: argparse.Namespace) -> int:
    from .reader import read
    text = json.dumps(read(arguments.file).to_dict(), indent=2, ensure_ascii=False) + "\n"
    _emit(text, arguments.output, arguments.file)
    return EXIT_OK


def _emit(text: str, output: Path | None, source: Path) -> None:
    """Print ``text``, or write it to ``output``, never over the input file."""
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and source.exists() and output.resolve() == source.resolve():
        raise BcfError("refusing to write over the input file", file=output)
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
