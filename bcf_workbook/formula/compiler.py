"""Compile layout formulas to Python, once per process.

A layout formula is Excel text whose references are placeholders (see
:mod:`bcf_workbook._placeholders`). :mod:`._syntax` parses it; this module
turns the syntax tree into one Python expression over :mod:`runtime`,
compiled with ``eval`` and cached by the formula text, so evaluating a
workbook costs plain function calls rather than a dispatch through a graph
per cell. A council's own formula, translated by the reader into the same
placeholders, is compiled the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .._formula_text import FormulaSyntaxError, Node, parse
from .._placeholders import is_range, placeholders
from . import runtime


@dataclasses.dataclass(frozen=True)
class CompiledFormula:
    template: str
    arguments: tuple[str, ...]
    function: Callable[[tuple[Any, ...]], Any]
    source: str

    def __call__(self, values: tuple[Any, ...]) -> Any:
        """The formula's value; spreadsheet errors come back as ``XLError``
        values and a bare reference to a blank cell as 0, as in a spreadsheet."""
        try:
            result = self.function(values)
        except runtime.Raised as raised:
            return raised.error
        return 0.0 if result is None else result


class FormulaCompileError(ValueError):
    """A formula this engine cannot evaluate: the message names the function,
    reference or text that it cannot."""


@lru_cache(maxsize=4096)
def compile_formula(template: str) -> CompiledFormula:
    """The formula as a Python function of its placeholders' values."""
    source = translate(template)
    function = eval(f"lambda a: {source}", dict(_NAMESPACE))  # noqa: S307 - our own translation
    return CompiledFormula(template, placeholders(template), function, source)


def translate(template: str) -> str:
    """The Python source of a formula over the runtime, its placeholders
    numbered in order of first use (``a[0]``, ``a[1]``, ...)."""
    try:
        tree = parse(template)
    except FormulaSyntaxError as error:
        raise FormulaCompileError(f"cannot read the formula: {error}") from None
    numbers = {name: index for index, name in enumerate(placeholders(template))}
    return _Translator(numbers).python(tree)


class _Translator:
    def __init__(self, numbers: dict[str, int]) -> None:
        self.numbers = numbers

    def python(self, node: Node) -> str:
        kind = node[0]
        if kind == "number":
            return repr(float(node[1]))
        if kind == "string":
            return repr(node[1])
        if kind == "boolean":
            return repr(bool(node[1]))
        if kind == "error":
            # #REF! stands where a reference was deleted: the formula fails, as in
            # a spreadsheet; other error literals are values (COUNTA counts them).
            return "_broken_reference()" if node[1] == "#REF!" else f"_errors[{node[1]!r}]"
        if kind == "missing":
            return "None"
        if kind == "array":
            return repr(list(node[1]))
        if kind == "placeholder":
            return f"a[{self.numbers[node[1]]}]"
        if kind == "unary":
            return f"{runtime.OPERATORS['u' + node[1] if node[1] != '%' else '%']}({self.python(node[2])})"
        if kind == "binary":
            return f"{runtime.OPERATORS[node[1]]}({self.python(node[2])}, {self.python(node[3])})"
        if kind == "function":
            return self.function(node[1], node[2])
        if kind == "reference":
            raise FormulaCompileError(f"refers to {node[1]}, a cell outside the template")
        raise FormulaCompileError(f"refers to the name {node[1]!r}, which the template does not define")

    def function(self, name: str, arguments: list[Node]) -> str:
        if name not in runtime.FUNCTIONS:
            raise FormulaCompileError(f"uses the function {name}, which this engine does not evaluate")
        translated = [self.python(argument) for argument in arguments]
        if name in runtime.AGGREGATES:
            # A reference to one cell is a one-cell range to SUM and its kin:
            # text in it is skipped, not coerced.
            translated = [f"[{text}]" if _is_one_cell(argument) else text
                          for argument, text in zip(arguments, translated)]
        lazy = runtime.LAZY.get(name, set())
        translated = [f"lambda: {text}" if position in lazy else text
                      for position, text in enumerate(translated)]
        return f"{name}({', '.join(translated)})"


def _is_one_cell(node: Node) -> bool:
    return node[0] == "placeholder" and not is_range(node[1])


def _broken_reference() -> Any:
    raise runtime.Raised(runtime.REF)


_NAMESPACE: dict[str, Any] = {
    **runtime.FUNCTIONS,
    **{name: getattr(runtime, name) for name in runtime.OPERATORS.values()},
    "_errors": runtime.ERRORS,
    "_broken_reference": _broken_reference,
}
