"""Compile template formulas to Python, once per process.

A template formula is Excel text whose references are placeholders in braces:
``{key}`` for one cell, ``{table.*.column}`` for a table column (a range),
``{@column}`` for the same row of the table and ``{#}`` for the row's
ordinal. The ``formulas`` package parses the Excel text (placeholders stand
in as dummy references); this module turns its syntax tree into one Python
expression over :mod:`runtime`, compiled with ``eval`` and cached by the
template text, so evaluating a workbook costs plain function calls rather
than a dispatch through a graph per cell.

The translations of the layout's own formulas ship in ``compiled.json``
(written by ``scripts/regenerate.py``; a test checks it against a fresh
parse), so a process that only checks workbooks never pays for importing
and running the parser.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from . import runtime

PACKAGED_TRANSLATIONS = Path(__file__).with_name("compiled.json")

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def placeholders(template: str) -> tuple[str, ...]:
    """The distinct placeholders of a template, in order of first use."""
    return tuple(dict.fromkeys(PLACEHOLDER.findall(template)))


def is_range(placeholder: str) -> bool:
    return "*" in placeholder.split(".") or ":" in placeholder


def render(template: str, address: Callable[[str], str]) -> str:
    """The Excel formula text, each placeholder replaced by ``address(it)``."""
    return "=" + PLACEHOLDER.sub(lambda match: address(match.group(1)), template)


@dataclasses.dataclass(frozen=True)
class CompiledFormula:
    template: str
    arguments: tuple[str, ...]
    function: Callable[[tuple[Any, ...]], Any]
    source: str

    def __call__(self, values: tuple[Any, ...]) -> Any:
        """The formula's value; Excel errors come back as ``XLError`` values
        and a bare reference to a blank cell as 0, as in a spreadsheet."""
        try:
            result = self.function(values)
        except runtime.Raised as raised:
            return raised.error
        return 0.0 if result is None else result


class FormulaCompileError(ValueError):
    """A template formula that this engine cannot compile: a bug in the layout."""


@cache
def compile_formula(template: str) -> CompiledFormula:
    """The template's formula as a Python function of its placeholders' values."""
    source = _packaged_translations().get(template) or translate(template)
    function = eval(f"lambda a: {source}", dict(_NAMESPACE))  # noqa: S307 - our own translation
    return CompiledFormula(template, placeholders(template), function, source)


@cache
def _packaged_translations() -> dict[str, str]:
    try:
        return dict(json.loads(PACKAGED_TRANSLATIONS.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def translate(template: str) -> str:
    """Parse the template with ``formulas`` and translate it to Python source."""
    import formulas
    arguments = placeholders(template)
    dummies = {argument: _dummy(index, argument) for index, argument in enumerate(arguments)}
    excel = render(template, dummies.__getitem__)
    by_name = {dummy.upper(): index for index, dummy in enumerate(dummies.values())}
    try:
        root = _parse(excel)
    except formulas.errors.FormulaError as error:
        raise FormulaCompileError(f"cannot parse {template!r}: {error}") from None
    return _python(root, by_name)


def _dummy(index: int, argument: str) -> str:
    column = f"ZZ{index + 1}"
    return f"{column}:ZZ{index + 1001}" if is_range(argument) else column


@cache
def _parser() -> Any:
    """A ``formulas`` parser whose builder records each operator's or
    function's operand tokens, giving the syntax tree."""
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
        return _reference(token, by_name)
    if kind == "number":
        return repr(float(token.attr["name"]))
    if kind == "string":
        return repr(token.attr["name"])
    arguments = [_python(child, by_name) for child in node.children]
    if kind == "function" and token.name.upper() in runtime.AGGREGATES:
        # A reference to one cell is a one-cell range to SUM and its kin: text
        # in it is skipped, not coerced.
        arguments = [f"[{argument}]" if _is_cell_reference(child) else argument
                     for child, argument in zip(node.children, arguments)]
    if kind == "operator":
        return f"{runtime.OPERATORS[token.name]}({', '.join(arguments)})"
    if kind == "function":
        name = token.name.upper()
        if name not in runtime.FUNCTIONS:
            raise FormulaCompileError(f"function {name} is not supported")
        lazy = runtime.LAZY.get(name, set())
        arguments = [f"lambda: {argument}" if position in lazy else argument
                     for position, argument in enumerate(arguments)]
        return f"{name}({', '.join(arguments)})"
    raise FormulaCompileError(f"unsupported token {token!r}")


def _reference(token: Any, by_name: dict[str, int]) -> str:
    name = token.attr["name"].upper()
    if name not in by_name:
        raise FormulaCompileError(f"unexpected reference {name}")
    return f"a[{by_name[name]}]"


def _is_cell_reference(node: _Node) -> bool:
    return _kind(node.token) == "range" and ":" not in node.token.attr["name"]


_NAMESPACE = {**runtime.FUNCTIONS,
              **{name: getattr(runtime, name) for name in runtime.OPERATORS.values()}}


def layout_translations() -> dict[str, str]:
    """Every formula of the layout, freshly parsed and translated: the content
    of ``compiled.json``."""
    from ..layout import placement_for
    templates = {cell.spec.formula for cell in placement_for({}) if cell.spec.formula}
    return {template: translate(template) for template in sorted(templates)}
