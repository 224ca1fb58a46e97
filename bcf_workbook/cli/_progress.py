"""The progress bar of a batch: on a terminal only, with the elapsed time,
the rate and an estimate of the time left (tqdm's standard bar)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import IO

from tqdm import tqdm


@contextlib.contextmanager
def progress_bar(total: int, stream: IO[str] | None = None) -> Iterator[Callable[[int, int], None]]:
    """A callback for ``check_many(progress=...)``. It draws nothing for a
    single file or when ``stream`` (standard error) is not a terminal, so
    logs and pipes stay clean."""
    with tqdm(total=total, unit="file", file=stream or sys.stderr, dynamic_ncols=True,
              disable=None if total > 1 else True) as bar:
        yield lambda done, _total: bar.update(done - bar.n)
