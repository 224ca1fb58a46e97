"""The ``formulas`` package as an independent parser of the layout's formulas.

The library parses formula text with its own parser (``bcf_workbook._formula_text``)
so that checking never imports ``formulas``. This module parses the same text
with ``formulas`` and translates its syntax tree into the runtime's calls the
same way, so that a test can compare the two translations formula by formula.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from bcf_workbook._formula import runtime
from bcf_workbook._placeholders import is_range, placeholders, render


def translate(template: str) -> str:
    """Parse a layout formula with ``formulas`` and translate it to Python source."""
    arguments = placeholders(template)
    dummies = {argument: _dummy(index, argument) for index, argument in enumerate(arguments)}
    excel = "=" + render(template, dummies.__getitem__)
    by_name = {dummy.upper(): index for index, dummy in enumerate(dummies.values())}
    return _python(_parse(excel), by_name)


def _dummy(index: int, argument: str) -> str:
    column = f"ZZ{index + 1}"
    return f"{column}:ZZ{index + 1001}" if is_range(argument) else column


@cache
def _parser() -> Any:
    """A ``formulas`` parser whose builder records each operator's or function's
    operand tokens, giving the syntax tree."""
    import formulas
    from formulas.builder import AstBuilder

    class TreeBuilder(AstBuilder):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.children: dict[int, list[Any]] = {}

        def append(self, token: Any) -> None:
            if _kind(token) in ("operator", "function"):
                count = token.get_n_args
                queue = list(self._deque)
                self.children[id(token)] = queue[len(queue) - count:] if count else []
            super().append(token)

    class Parser(formulas.Parser):  # type: ignore[misc]
        ast_builder = TreeBuilder

    return Parser


@dataclasses.dataclass
class _Node:
    token: Any
    children: list[_Node]


def _parse(excel: str) -> _Node:
    _, builder = _parser()().ast(excel)
    tree = builder.children

    def node(token: Any) -> _Node:
        return _Node(token, [node(child) for child in tree.get(id(token), [])])
    return node(builder[0])


def _kind(token: Any) -> str:
    from formulas.tokens.function import Function
    from formulas.tokens.operand import Number, Range, String
    from formulas.tokens.operator import Operator
    for kind, cls in (("range", Range), ("number", Number), ("string", String),
                      ("operator", Operator), ("function", Function)):
        if isinstance(token, cls):
            return kind
    return "other"


def _python(node: _Node, by_name: dict[str, int]) -> str:
    token = node.token
    kind = _kind(token)
    if kind == "range":
        return f"a[{by_name[token.attr['name'].upper()]}]"
    if kind == "number":
        return repr(float(token.attr["name"]))
    if kind == "string":
        return repr(token.attr["name"])
    if kind == "function" and token.name.upper() == "ARRAY":
        return repr([float(leaf.token.attr["name"]) for row in node.children for leaf in row.children])
    arguments = [_python(child, by_name) for child in node.children]
    if kind == "function" and token.name.upper() in runtime.AGGREGATES:
        arguments = [f"[{argument}]" if _is_cell_reference(child) else argument
                     for child, argument in zip(node.children, arguments)]
    if kind == "operator":
        return f"{runtime.OPERATORS[token.name]}({', '.join(arguments)})"
    name = token.name.upper()
    lazy = runtime.LAZY.get(name, set())
    arguments = [f"lambda: {argument}" if position in lazy else argument
                 for position, argument in enumerate(arguments)]
    return f"{name}({', '.join(arguments)})"


def _is_cell_reference(node: _Node) -> bool:
    return _kind(node.token) == "range" and ":" not in node.token.attr["name"]
