"""A/B micro-benchmark of the formula runtime's common cases (plain floats).

Compares an older ``runtime.py`` that stands alone (such as the one before
issue 11: ``git show cbeafec:bcf_workbook/formula/runtime.py > /tmp/old.py``)
with the installed one, interleaved in one process so that the load of a
shared machine falls on both alike; prints the best of seven runs per call.

    python benchmarks/runtime_ab.py /tmp/old.py
"""

from __future__ import annotations

import importlib.util
import sys
import timeit
from collections.abc import Callable
from types import ModuleType
from typing import Any

from bcf_workbook._formula import runtime

CALLS = 50_000
ROUNDS = 7
NINE = [1.5, 2.25, 3.0, 4.75, 5.5, 6.0, 7.25, 8.5, 9.0]
CASES: list[tuple[str, Callable[[Any], Callable[[], Any]]]] = [
    ("op_add(1234.5, 678.25)", lambda r: lambda: r.op_add(1234.5, 678.25)),
    ("op_sub(1234.5, 678.25)", lambda r: lambda: r.op_sub(1234.5, 678.25)),
    ("op_mul(1234.5, 678.25)", lambda r: lambda: r.op_mul(1234.5, 678.25)),
    ("SUM(range of 9 floats)", lambda r: lambda: r.SUM(NINE)),
    ("SUM([a], [b], [c])", lambda r: lambda: r.SUM([1.5], [2.25], [3.0])),
    ("ROUND(7971134.9, -3)", lambda r: lambda: r.ROUND(7971134.9, -3.0)),
    ("ROUND(4372.5, 0)", lambda r: lambda: r.ROUND(4372.5, 0.0)),
    ("op_lt(1234.5, 678.25)", lambda r: lambda: r.op_lt(1234.5, 678.25)),
    ("op_eq('Yes', 'Yes')", lambda r: lambda: r.op_eq("Yes", "Yes")),
]


def load(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("older_runtime", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(older_path: str) -> None:
    older = load(older_path)
    print(f"{'call':26s} {'before':>9s} {'after':>9s}")
    for name, make in CASES:
        best = {"before": float("inf"), "after": float("inf")}
        for _ in range(ROUNDS):
            for label, module in (("before", older), ("after", runtime)):
                seconds = timeit.timeit(make(module), number=CALLS)
                best[label] = min(best[label], seconds / CALLS * 1e9)
        print(f"{name:26s} {best['before']:7.0f}ns {best['after']:7.0f}ns")


if __name__ == "__main__":
    main(sys.argv[1])
