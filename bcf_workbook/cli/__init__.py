"""The ``bcf-workbook`` command line: one module per command, assembled here.

Every error a user can cause is printed as one line, never a traceback; the
exit statuses are the contract of ``_exit``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .. import __version__
from ..errors import BcfError, NotThisDocumentError
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
        read = getattr(arguments, "input", None) or getattr(arguments, "file", None)
        return _fail(str(error) + _which_document(error), status_for(error, read))
    except BrokenPipeError:
        # The reader of the output has gone (`| head`): say nothing more, to anyone.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitStatus.PIPE_CLOSED
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", ExitStatus.USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted", ExitStatus.INTERRUPTED)


def _which_document(error: BcfError) -> str:
    """For a workbook given to the commands of the other document, which
    commands read it."""
    if not isinstance(error, NotThisDocumentError) or error.file is None:
        return ""
    from ..plan import read_workbook as read_plan
    from ..reader import read_workbook as read_part2
    for read, document, command in ((read_plan, "a BCF project plan", "bcf-workbook plan"),
                                    (read_part2, "a BCF Part 2 submission", "bcf-workbook check")):
        try:
            read(error.file)
        except Exception:  # noqa: BLE001, S112 - only a hint: whatever fails, give none
            continue
        return f" (it is {document}: see '{command} --help')"
    return ""


def _fail(message: str, status: ExitStatus) -> int:
    from ..render import printable
    print(f"bcf-workbook: error: {printable(message)}", file=sys.stderr)
    return status


class _CommandParser(argparse.ArgumentParser):
    """A command's parser: its epilog, a block of examples, is shown as
    written, and a mistake in the command line is one line (not the usage)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(formatter_class=argparse.RawDescriptionHelpFormatter, **options)

    def error(self, message: str) -> NoReturn:
        self.exit(ExitStatus.USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _CommandParser(
        prog="bcf-workbook",
        description="Read, recalculate, cross-check and write the Better Care Fund Part 2 "
                    "planning workbooks of Health and Wellbeing Boards, and an area's BCF "
                    "project plan (see 'bcf-workbook plan').",
        epilog="Run 'bcf-workbook COMMAND --help' for a command's options and examples.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_CommandParser)
    for command in COMMANDS:
        command.add_command(commands)
    add_plan_commands(commands)
    return parser
