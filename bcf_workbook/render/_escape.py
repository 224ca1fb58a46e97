"""Text from a file, made safe to show: a workbook's cells and a file's name
are written by strangers, so nothing in them may move the cursor, recolour a
terminal, reverse the reading order or start a new line in a report."""

from __future__ import annotations

import re
import unicodedata

#: Control characters (ESC, CR, LF, C1), format characters (bidirectional
#: overrides and isolates, zero-width marks), line and paragraph separators,
#: surrogates (the undecodable bytes of a file name) and private-use or
#: unassigned code points.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_PRINTABLE_ASCII = re.compile(r"[ -~]*")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Python decodes a file name's undecodable byte B as the lone surrogate U+DC00 + B.
_SURROGATE_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def printable(text: object) -> str:
    """``text`` with every character that could forge or hide output written
    as a visible escape (``\\x1b``, ``\\n``, ``\\u202e``); a byte of a file
    name that is not UTF-8 is shown as ``\\xNN``."""
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


#: Characters that mean something to Markdown (or to the HTML inside it) in a
#: table cell or a heading. With brackets escaped, '!' and '(' cannot make a
#: link or an image; '#' would close a heading.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")


def markdown_text(text: object) -> str:
    """Text for a Markdown table cell or heading: printable, and every
    character Markdown would act on escaped with a backslash."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable("" if text is None else text))
