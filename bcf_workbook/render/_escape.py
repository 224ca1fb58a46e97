"""Text from a file, made safe to show: a workbook's cells and a file's name
are written by strangers, so nothing in them may move the cursor, recolour a
terminal, reverse the reading order or start a new line in a report
(``printable`` is :func:`bcf_workbook._output.terminal_safe`), nor act as
Markdown."""

from __future__ import annotations

import re

from .._output import terminal_safe as printable

#: Characters that mean something to Markdown (or to the HTML inside it) in a
#: table cell or a heading. With brackets escaped, '!' and '(' cannot make a
#: link or an image; '#' would close a heading.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")


def markdown_text(text: object) -> str:
    """Text for a Markdown table cell or heading: printable, and every
    character Markdown would act on escaped with a backslash."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable("" if text is None else text))
