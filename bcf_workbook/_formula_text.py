"""Excel formula text: tokens and a syntax tree.

Two spellings of a formula are read here: a workbook's own text, whose
references are A1 addresses (``'3. HWB Expenditure Plan'!$C$5:$C$54``), and the
layout's text, whose references are placeholders (``{expenditure.*.area}``,
see :mod:`bcf_workbook._placeholders`). The tokenizer scans each character a
bounded number of times (no pattern can backtrack over a long run), so a
hostile 32,000-character formula costs milliseconds.

The grammar is Excel's, with its precedences: reference operators, then
negation (so ``-2^2`` is 4), percent, ``^`` (left-associative), ``* /``,
``+ -``, ``&``, and the comparisons.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any


class FormulaSyntaxError(ValueError):
    """Formula text that is not a formula this module understands."""


@dataclasses.dataclass(frozen=True)
class Token:
    kind: str
    value: Any
    start: int
    end: int


_SHEET = (r"(?:'(?:[^']|'')+'"                       # 'quoted name' with '' for '
          r"|\[\d+\][^\s!'\"(),;{}\[\]]*"             # [1]External
          r"|[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*)!")
_CELL = r"\$?[A-Za-z]{1,3}\$?\d{1,7}"
_REFERENCE = re.compile(
    rf"(?:{_SHEET})?(?:{_CELL}(?::{_CELL})?|\$?[A-Za-z]{{1,3}}:\$?[A-Za-z]{{1,3}}|\$?\d{{1,7}}:\$?\d{{1,7}})"
    r"(?![\w(])")
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_STRING = re.compile(r'"(?:[^"]|"")*"')
_ERROR = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA)", re.IGNORECASE)
_FUNCTION = re.compile(r"(?:_xlfn\.|_xlws\.)?([A-Za-z][A-Za-z0-9_.]*)\s*\(", re.IGNORECASE)
_BOOLEAN = re.compile(r"(TRUE|FALSE)(?![\w(.])", re.IGNORECASE)
_NAME = re.compile(r"[A-Za-z_\\][\w.\\]*")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_ARRAY_START = re.compile(r"\s*[-+.\d\"]")
_SPACE = re.compile(r"\s+")
_OPERATORS = ("<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%", "(", ")",
              ",", ";", ":", "{", "}")


def tokenize(text: str, placeholders: bool) -> list[Token]:
    """The tokens of a formula (without its leading '='). With
    ``placeholders``, braces hold layout placeholders; otherwise they hold
    array constants and references are A1 addresses."""
    tokens: list[Token] = []
    position = 0
    length = len(text)
    while position < length:
        token = _next(text, position, placeholders)
        if token.kind != "space":
            tokens.append(token)
        position = token.end
    return tokens


def _next(text: str, position: int, placeholders: bool) -> Token:
    character = text[position]
    match = _SPACE.match(text, position)
    if match:
        return Token("space", None, position, match.end())
    if character == '"':
        match = _STRING.match(text, position)
        if match is None:
            raise FormulaSyntaxError("a text in quotes is not closed")
        return Token("string", match.group()[1:-1].replace('""', '"'), position, match.end())
    if character == "{" and placeholders and not _ARRAY_START.match(text, position + 1):
        match = _PLACEHOLDER.match(text, position)
        if match is None:
            raise FormulaSyntaxError("a placeholder is not closed")
        return Token("placeholder", match.group()[1:-1], position, match.end())
    if character == "#":
        match = _ERROR.match(text, position)
        if match is None:
            raise FormulaSyntaxError(f"unknown error value at {text[position:position + 12]!r}")
        return Token("error", match.group().upper(), position, match.end())
    if not placeholders:
        match = _REFERENCE.match(text, position)
        if match:
            return Token("reference", match.group(), position, match.end())
    match = _NUMBER.match(text, position)
    if match:
        return Token("number", float(match.group()), position, match.end())
    match = _FUNCTION.match(text, position)
    if match:
        return Token("function", match.group(1).upper(), position, match.end())
    match = _BOOLEAN.match(text, position)
    if match:
        return Token("boolean", match.group(1).upper() == "TRUE", position, match.end())
    for operator in _OPERATORS:
        if text.startswith(operator, position):
            return Token("operator", operator, position, position + len(operator))
    match = _NAME.match(text, position)
    if match:
        return Token("name", match.group(), position, match.end())
    raise FormulaSyntaxError(f"unexpected {character!r}")


# --- syntax tree ----------------------------------------------------------------
# Nodes are tuples: ("number", 1.0), ("string", "x"), ("boolean", True),
# ("error", "#N/A"), ("placeholder", "key"), ("reference", "A1"), ("name", "X"),
# ("missing",), ("array", [values: numbers, text, logicals, ("error", "#N/A")]), ("function", NAME, [nodes]),
# ("binary", operator, left, right), ("unary", operator, operand).

Node = tuple[Any, ...]

_BINARY = {"=": 10, "<>": 10, "<": 10, ">": 10, "<=": 10, ">=": 10, "&": 20, "+": 30, "-": 30,
           "*": 40, "/": 40, "^": 50}
_PREFIX = 60
_PERCENT = 70


def parse(text: str, placeholders: bool = True) -> Node:
    """The syntax tree of a formula (a leading '=' is allowed)."""
    body = text[1:] if text.startswith("=") else text
    parser = _Parser(tokenize(body, placeholders))
    node = parser.expression(0)
    if parser.position != len(parser.tokens):
        raise FormulaSyntaxError(f"unexpected {parser.tokens[parser.position].value!r}")
    return node


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise FormulaSyntaxError("the formula ends too early")
        self.position += 1
        return token

    def expect(self, operator: str) -> None:
        token = self.take()
        if token.kind != "operator" or token.value != operator:
            raise FormulaSyntaxError(f"expected {operator!r}, found {token.value!r}")

    def expression(self, floor: int) -> Node:
        left = self.prefix()
        while True:
            token = self.peek()
            if token is None or token.kind != "operator":
                return left
            if token.value == "%":
                self.take()
                left = ("unary", "%", left)
                continue
            power = _BINARY.get(token.value)
            if power is None or power <= floor:
                return left
            self.take()
            left = ("binary", token.value, left, self.expression(power))

    def prefix(self) -> Node:
        token = self.take()
        kind, value = token.kind, token.value
        if kind == "operator" and value in ("-", "+"):
            operand = self.expression(_PREFIX)
            return ("unary", value, operand)
        if kind == "operator" and value == "(":
            inner = self.expression(0)
            self.expect(")")
            return inner
        if kind == "operator" and value == "{":
            return self.array()
        if kind == "function":
            return ("function", value, self.arguments())
        if kind in ("number", "string", "boolean", "error", "placeholder", "reference", "name"):
            return (kind, value)
        raise FormulaSyntaxError(f"unexpected {value!r}")

    def arguments(self) -> list[Node]:
        found: list[Node] = []
        token = self.peek()
        if token is not None and token.kind == "operator" and token.value == ")":
            self.take()
            return found
        while True:
            token = self.peek()
            if token is not None and token.kind == "operator" and token.value in (",", ";", ")"):
                found.append(("missing",))
            else:
                found.append(self.expression(0))
            separator = self.take()
            if separator.kind != "operator" or separator.value not in (",", ";", ")"):
                raise FormulaSyntaxError(f"expected ',' or ')', found {separator.value!r}")
            if separator.value == ")":
                return found

    def array(self) -> Node:
        values: list[Any] = []
        while True:
            token = self.take()
            sign = 1.0
            if token.kind == "operator" and token.value == "-":
                sign, token = -1.0, self.take()
            if token.kind == "number":
                values.append(sign * token.value)
            elif token.kind in ("string", "boolean") and sign == 1.0:
                values.append(token.value)
            elif token.kind == "error" and sign == 1.0:
                values.append(("error", token.value))
            else:
                raise FormulaSyntaxError("an array holds something other than constants")
            separator = self.take()
            if separator.kind == "operator" and separator.value == "}":
                return ("array", values)
            if separator.kind != "operator" or separator.value not in (",", ";"):
                raise FormulaSyntaxError("an array is not closed")
