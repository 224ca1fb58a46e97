"""Files the library writes with xlsxwriter: exact numbers, and atomic saves.

Shared by the Part 2 writer and the project plan's writer.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from ..errors import WorkbookError


class ExactWorksheet(Worksheet):
    """A worksheet that writes numbers with all 17 significant digits.

    xlsxwriter writes 16, which changes some doubles (1450.9696000000004
    becomes 1450.9696); Excel's own files keep every digit, and so do we, so
    that a number read back is the number written.
    """

    def _xml_number_element(self, number: float, attributes: Any = ()) -> None:
        attr = "".join(f' {key}="{self._escape_attributes(value)}"' for key, value in attributes)
        self.fh.write(f"<c{attr}><v>{number!r}</v></c>")


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path``, renamed over it only when complete."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise WorkbookError("folder does not exist", file=directory)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as error:
        raise WorkbookError(f"cannot write: {error.strerror or error}", file=path) from None
    finally:
        temporary.unlink(missing_ok=True)
