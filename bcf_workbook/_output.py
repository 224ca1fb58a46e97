"""Every write the library does, and text from files made safe to show.

Files are written to a new temporary file beside the target and renamed into
place when complete, so that a reader never sees half a file and a failure
leaves the previous file as it was. The rename replaces the target's name, so
nothing is ever written through an existing hard link; a target that is a
symbolic link, a device, a FIFO or a socket is refused, never opened. Output
paths are checked against the inputs, so no command writes over a file it reads.

Text that came from a file or a file name is shown through :func:`terminal_safe`
(or :func:`display_name`), so that it cannot move the cursor, recolour,
reorder or break the lines of a terminal report.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import stat
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import BcfError


def same_file(first: str | Path, second: str | Path) -> bool:
    """True when both paths name the same file (also through links)."""
    first, second = Path(first), Path(second)
    try:
        return first.resolve() == second.resolve() or (second.exists() and first.samefile(second))
    except OSError:
        return False


# --- text from files, for a terminal -------------------------------------------------------

#: Control characters (ESC, CR, LF, C1), format characters (bidirectional
#: overrides and isolates, zero-width marks), line and paragraph separators,
#: surrogates (the undecodable bytes of a file name) and private-use or
#: unassigned code points.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_PRINTABLE_ASCII = re.compile(r"[ -~]*")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Python decodes a file name's undecodable byte B as the lone surrogate U+DC00 + B.
_SURROGATE_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def terminal_safe(text: object) -> str:
    """``text`` with every character that a terminal would act on instead of
    showing, or that could forge or hide output, written as a visible escape
    (``\\x1b``, ``\\n``, ``\\u202e``): control characters (CR and LF included,
    so one value cannot forge a line), ESC, C1 controls, bidirectional
    overrides, line separators; a byte of a file name that is not UTF-8 is
    shown as ``\\xNN``."""
    text = str(text)
    if _PRINTABLE_ASCII.fullmatch(text):
        return text
    return "".join(_visible(character) for character in text)


def _visible(character: str) -> str:
    if unicodedata.category(character) not in _UNSAFE_CATEGORIES:
        return character
    code = ord(character)
    if code in _SURROGATE_ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def display_name(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name of any bytes as text that is safe everywhere (terminal,
    JSON, CSV, HTML): undecodable bytes and control characters escaped."""
    return terminal_safe(os.fsdecode(path))


def encodable(text: str, encoding: str | None) -> str:
    """``text`` as a stream of ``encoding`` can take it: what it cannot encode escaped."""
    encoding = encoding or "utf-8"
    return text.encode(encoding, "backslashreplace").decode(encoding)


def print_text(text: str) -> None:
    """Write a report to standard output, whatever its characters."""
    sys.stdout.write(encodable(text, sys.stdout.encoding))
    sys.stdout.flush()


# --- strict JSON -----------------------------------------------------------------------------

#: What JSON shows for a number no JSON parser accepts (infinite, or not a
#: number): the error a spreadsheet shows for the same result.
NOT_FINITE = "#NUM!"


_SURROGATE = re.compile("[\ud800-\udfff]")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet will show, not run: text that begins with
    = + - @ (or a tab or carriage return) is prefixed with an apostrophe;
    control characters and the bytes of a file name that is not UTF-8 are
    written as visible escapes."""
    if not isinstance(value, str):
        return value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return terminal_safe(value)


def strict_json(data: Any, **options: Any) -> str:
    """JSON that every strict parser accepts: an infinite or NaN number is
    written as the string ``"#NUM!"`` (never the bare ``Infinity`` or ``NaN``
    that Python would write), and text is valid Unicode (the undecodable
    bytes of a file name escaped as ``\\xe9``)."""
    return json.dumps(_strict(data), allow_nan=False, **options)


def _strict(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return NOT_FINITE
    if isinstance(value, str):
        return _SURROGATE.sub(lambda found: terminal_safe(found.group()), value)
    if isinstance(value, dict):
        return {_strict(key): _strict(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(item) for item in value]
    return value


# --- writing files -------------------------------------------------------------------------

@contextmanager
def replacing(target: Path, error: type[BcfError] = BcfError) -> Iterator[Path]:
    """A new, empty temporary file beside ``target`` to write; renamed over
    ``target`` when the block completes, removed if it fails. Every failure is
    one ``error`` naming the target."""
    _refuse_unsafe_target(target, error)
    temporary = _new_temporary(target, error)
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as failure:
        raise error(f"cannot write: {failure.strerror or failure}", file=display_name(target)) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(target: Path, data: bytes, error: type[BcfError] = BcfError) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place."""
    with replacing(target, error) as temporary, temporary.open("wb") as handle:
        handle.write(data)


def _refuse_unsafe_target(target: Path, error: type[BcfError]) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise error("folder does not exist", file=display_name(folder))
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as failure:
        raise error(f"cannot write: {failure.strerror or failure}", file=display_name(target)) from None
    if stat.S_ISLNK(mode):
        raise error("is a symbolic link: refusing to write through it (name the file itself, or "
                    "remove the link)", file=display_name(target))
    if not stat.S_ISREG(mode):
        raise error("exists and is not a regular file (a folder, device, FIFO or socket): "
                    "refusing to replace it", file=display_name(target))


def _new_temporary(target: Path, error: type[BcfError]) -> Path:
    """A new file of our own beside ``target`` (never an existing one: O_EXCL,
    no link followed), with the permissions a new file normally gets."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    temporary = target.parent / f".{target.name[:100]}.{secrets.token_hex(6)}.tmp"
    try:
        os.close(os.open(temporary, flags, 0o666))
    except OSError as failure:
        raise error(f"cannot create a temporary file in {display_name(target.parent)!r} to write "
                    f"to ({failure.strerror or failure})", file=display_name(target)) from None
    return temporary
