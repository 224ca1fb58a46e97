"""The ``bcf-workbook`` command line: one module per command, assembled here.

Every error a user can cause is printed as one line, never a traceback; the
exit statuses are the contract of ``_exit``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..errors import BcfError
from . import _check, _diff, _export, _fix, _rules, _samples, _template
from ._exit import ExitStatus, status_for
from ._plan import add_commands as add_plan_commands

COMMANDS = (_check, _fix, _export, _template, _samples, _rules, _diff)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``bcf-workbook`` with ``argv`` (default: the process's arguments)
    and return its exit status."""
    arguments = _parser().parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except BcfError as error:
        return _fail(str(error), status_for(error, getattr(arguments, "input", None)))
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", ExitStatus.USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted", ExitStatus.INTERRUPTED)


def _fail(message: str, status: ExitStatus) -> int:
    from ..render import printable
    print(f"bcf-workbook: error: {printable(message)}", file=sys.stderr)
    return status


class _CommandParser(argparse.ArgumentParser):
    """A command's parser: its epilog, a block of examples, is shown as written."""

    def __init__(self, **options: Any) -> None:
        super().__init__(formatter_class=argparse.RawDescriptionHelpFormatter, **options)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bcf-workbook",
        description="Read, recalculate, cross-check and write the Better Care Fund Part 2 "
                    "planning workbook.",
        epilog="Run 'bcf-workbook COMMAND --help' for a command's options and examples.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_CommandParser)
    for command in COMMANDS:
        command.add_command(commands)
    add_plan_commands(commands)
    return parser
