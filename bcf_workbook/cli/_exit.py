"""Exit statuses of every command: the contract scripts rely on.

======  =====================================================================
status  meaning
======  =====================================================================
0       done; for ``check``, no finding at or above ``--fail-on``; for ``diff``,
        nothing changed
1       ``check`` found something at or above ``--fail-on`` (``error`` by default);
        ``diff`` found a change
2       the command was misused or could not run: an unknown option, a path that
        does not exist, no workbooks in a folder, an unknown HWB or rule,
        unreadable reference data, an output that cannot be written or would
        overwrite an input
3       a workbook could not be read: ``check``, ``export`` of several files and
        ``diff`` of two folders still report every other file and say why for
        this one; ``export`` of one file, ``fix`` and ``diff`` of two files stop
130     interrupted (Ctrl+C)
141     the output's reader stopped reading (a pipe closed early, as ``head``
        closes it): nothing more is written and no error is shown
======  =====================================================================

A run that is both 1 and 3 exits with 3: a file that was not checked at all
matters more than what the others contain.
"""

from __future__ import annotations

import enum
from pathlib import Path

from ..errors import BcfError, WorkbookError


class ExitStatus(enum.IntEnum):
    """The statuses of the table above."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    UNREADABLE = 3
    INTERRUPTED = 130
    PIPE_CLOSED = 141


def status_for(error: BcfError, input: Path | None) -> ExitStatus:
    """UNREADABLE when the workbook a command was given to read could not be
    read; USAGE for every other error, a path that does not exist among them."""
    if error.file is not None and not _exists(Path(error.file)):
        return ExitStatus.USAGE
    if isinstance(error, WorkbookError) and input is not None and error.file == str(input):
        return ExitStatus.UNREADABLE
    return ExitStatus.USAGE


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()
