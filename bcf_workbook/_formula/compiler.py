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
        if type(result) is list:
            # A cell shows one value: a one-item array is that item; a longer
            # one would spill in Excel 365 and is #VALUE! in older versions.
            result = result[0] if len(result) == 1 else runtime.ERRORS["#VALUE!"]
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

    def python(self, node: Node, aggregate: bool = False) -> str:
        """The node's Python source; ``aggregate`` when the value goes straight
        to SUM and its kin, which read a lone reference as a one-cell range."""
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
            return "[" + ", ".join(f"_errors[{item[1]!r}]" if type(item) is tuple else repr(item)
                                   for item in node[1]) + "]"
        if kind == "placeholder":
            cell = f"a[{self.numbers[node[1]]}]"
            return f"[{cell}]" if aggregate and not is_range(node[1]) else cell
        if kind == "unary":
            return self.operator("u" + node[1] if node[1] != "%" else "%", node[2:])
        if kind == "binary":
            return self.operator(node[1], node[2:])
        if kind == "function":
            return self.function(node[1], node[2], aggregate)
        if kind == "reference":
            raise FormulaCompileError(f"refers to {node[1]}, a cell outside the template")
        raise FormulaCompileError(f"refers to the name {node[1]!r}, which the template does not define")

    def operator(self, symbol: str, operands: tuple[Node, ...]) -> str:
        name = runtime.OPERATORS[symbol]
        _refuse(name, symbol, operands)
        translated = ", ".join(self.python(operand) for operand in operands)
        if any(_is_array(operand) for operand in operands):
            return f"_elementwise({name}, {translated})"
        return f"{name}({translated})"

    def function(self, name: str, arguments: list[Node], aggregate: bool) -> str:
        if name not in runtime.FUNCTIONS:
            raise FormulaCompileError(f"uses the function {name}, which this engine does not evaluate")
        least, most = runtime.ARITY[name]
        if not least <= len(arguments) <= most:
            expected = str(least) if least == most else f"{least} to {most}"
            raise FormulaCompileError(f"gives {name} {len(arguments)} arguments; it takes {expected}")
        _refuse(name, name, arguments)
        takes_ranges = runtime.RANGES.get(name, ())
        for position, argument in enumerate(arguments):
            if _is_array(argument) and position not in takes_ranges:
                raise FormulaCompileError(
                    f"gives {name} a range or an array as argument {position + 1}, where it takes one "
                    f"value: an array formula, which this engine does not evaluate")
        every = name in runtime.AGGREGATES
        # IF and its kin hand their chosen branch straight on: inside SUM a
        # lone reference in a branch is a one-cell range as well.
        branches = every or (aggregate and name in runtime.PASS_THROUGH)
        lazy = runtime.LAZY.get(name, set())
        translated = [f"lambda: {self.python(argument, branches)}"
                      if position in lazy and not (every and _is_deleted_reference(argument))
                      else self.python(argument, every)
                      for position, argument in enumerate(arguments)]
        return f"{name}({', '.join(translated)})"


def _is_deleted_reference(node: Node) -> bool:
    """``#REF!`` where a reference was: given to COUNTA and its kin it fails
    the formula, as in a spreadsheet, rather than being counted as an error
    value (so it is not passed lazily)."""
    return node[0] == "error" and node[1] == "#REF!"


def _is_array(node: Node) -> bool:
    """Whether the node's value is a list: a range, an array constant, or an
    operator applied to one (decided when compiling, so that arithmetic on
    single values pays nothing for arrays)."""
    if node[0] == "placeholder":
        return is_range(node[1])
    if node[0] == "array":
        return True
    if node[0] == "unary":
        return _is_array(node[2])
    if node[0] == "binary":
        return _is_array(node[2]) or _is_array(node[3])
    return False


def _refuse(name: str, shown_as: str, arguments: tuple[Node, ...] | list[Node]) -> None:
    """Refuse a call the runtime cannot evaluate exactly (a date written in a
    form it does not read, a MATCH type it does not know) when compiled."""
    refusal = runtime.REFUSE.get(name)
    reason = refusal(tuple(_literal(argument) for argument in arguments)) if refusal else None
    if reason is not None:
        raise FormulaCompileError(f"cannot evaluate {shown_as}: {reason.replace(name, shown_as, 1)}")


def _literal(node: Node) -> Any:
    if node[0] == "number":
        return float(node[1])
    if node[0] in ("string", "boolean"):
        return node[1]
    return None


def _broken_reference() -> Any:
    raise runtime.Raised(runtime.REF)


_NAMESPACE: dict[str, Any] = {
    **runtime.FUNCTIONS,
    **{name: getattr(runtime, name) for name in runtime.OPERATORS.values()},
    "_errors": runtime.ERRORS,
    "_elementwise": runtime.elementwise,
    "_broken_reference": _broken_reference,
}
