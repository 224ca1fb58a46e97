"""The ``bcf-workbook`` command line: one module per command, assembled here.

Every error a user can cause is printed as one line and exits with status 2;
see ``_exit`` for the contract of exit statuses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import BcfError
from ..plan._cli import add_commands as add_plan_commands
from . import _check, _diff, _export, _fix, _samples, _template
from ._exit import EXIT_ERROR

COMMANDS = (_template, _export, _check, _fix, _samples, _diff)


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
    for command in COMMANDS:
        command.add_command(commands)
    add_plan_commands(commands)
    return parser


