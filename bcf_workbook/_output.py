"""Where the library writes: output paths checked against the inputs, so that
no command ever writes over a file it reads."""

from __future__ import annotations

from pathlib import Path


def same_file(first: str | Path, second: str | Path) -> bool:
    """True when both paths name the same file (also through links)."""
    first, second = Path(first), Path(second)
    try:
        return first.resolve() == second.resolve() or (second.exists() and first.samefile(second))
    except OSError:
        return False
