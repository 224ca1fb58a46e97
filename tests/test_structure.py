"""The package's floors, read from its imports (issue 14): data flows one way,
file -> reader -> model -> engine -> checks -> render / writer, and no two
parts of the package import each other (imports only for type checking do
not count: they run nowhere)."""

from __future__ import annotations

import ast
import collections
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bcf_workbook"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str:
    """The part of the package a module belongs to: ``bcf_workbook.reader``."""
    return ".".join(module.split(".")[:2])


def _imported(path: Path, modules: set[str]) -> set[str]:
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for_typing = {id(node) for test in ast.walk(tree) if isinstance(test, ast.If)
                  and getattr(test.test, "id", "") == "TYPE_CHECKING" for node in ast.walk(test)}
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or id(node) in for_typing:
            continue
        base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
        target = ".".join([*base, node.module] if node.module else base) if node.level else node.module
        found |= {name for name in (target, *(f"{target}.{alias.name}" for alias in node.names))
                  if name in modules}
    return found


@functools.cache
def _arrows() -> dict[str, set[str]]:
    paths = list(PACKAGE.rglob("*.py"))
    modules = {_module(path) for path in paths}
    arrows: dict[str, set[str]] = collections.defaultdict(set)
    for path in paths:
        source = _part(_module(path))
        arrows[source] |= {_part(target) for target in _imported(path, modules)
                           if _part(target) not in (source, "bcf_workbook")}
    return arrows


def test_no_two_parts_import_each_other():
    arrows = _arrows()
    assert sorted((a, b) for a in arrows for b in arrows[a] if a in arrows.get(b, ()) and a < b) == []


def test_the_parts_import_each_other_in_no_circle():
    arrows, order, visiting, done = _arrows(), [], set(), set()

    def visit(part, path):
        assert part not in visiting, " -> ".join((*path, part))
        if part in done:
            return
        visiting.add(part)
        for target in sorted(arrows.get(part, ())):
            visit(target, (*path, part))
        visiting.discard(part)
        done.add(part)
        order.append(part)

    for part in sorted(arrows):
        visit(part, ())
    assert len(order) == len(done)


@pytest.mark.parametrize(("lower", "higher"), [
    ("bcf_workbook.reader", "bcf_workbook.engine"), ("bcf_workbook.reader", "bcf_workbook._formula"),
    ("bcf_workbook.reader", "bcf_workbook.checks"), ("bcf_workbook.engine", "bcf_workbook.checks"),
    ("bcf_workbook.writer", "bcf_workbook.checks"), ("bcf_workbook.layout", "bcf_workbook.model"),
    ("bcf_workbook.layout", "bcf_workbook.engine"), ("bcf_workbook._formula", "bcf_workbook.layout"),
    ("bcf_workbook.checks", "bcf_workbook.render"), ("bcf_workbook.checks", "bcf_workbook.writer"),
    ("bcf_workbook.model", "bcf_workbook.reader"),
])
def test_no_arrow_from_a_lower_floor_to_a_higher_one(lower, higher):
    assert higher not in _arrows()[lower]
