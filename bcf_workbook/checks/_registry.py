"""The registry of checks: each check module declares the rules it can raise
next to the function that raises them, and registers the function here. The
catalogue of codes (``docs/checks.md``, ``bcf-workbook rules``) is generated
from what registered."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..findings import Finding, Rule

if TYPE_CHECKING:
    from ._context import Context

CheckFunction = Callable[["Context"], Iterator[Finding]]


@dataclasses.dataclass(frozen=True)
class Check:
    function: CheckFunction
    rules: tuple[Rule, ...]


#: Every check, in the order its module registered it.
CHECKS: list[Check] = []
#: Every rule a check can raise, by code.
RULES: dict[str, Rule] = {}


def raises(*rules: Rule) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check and the rules it may raise (a rule may be shared by
    several checks; its code is declared once)."""
    def register(function: CheckFunction) -> CheckFunction:
        for rule in rules:
            known = RULES.setdefault(rule.code, rule)
            if known is not rule:
                raise ValueError(f"two rules declare the code {rule.code!r}")
        CHECKS.append(Check(function, rules))
        return function
    return register


def catalogue() -> dict[str, Rule]:
    """Every rule of every document, by code: the Part 2 checks' and the
    project plan's (``plan-*``)."""
    from ..plan import RULES as PLAN_RULES
    return {**RULES, **{rule.code: rule for rule in PLAN_RULES}}


def catalogue_markdown() -> str:
    """docs/checks.md: the catalogue as published, generated from the checks."""
    lines = ["# Check codes", "",
             "Generated from the checks (`bcf_workbook/checks/`, `bcf_workbook/plan/_checks.py`) by",
             "`python scripts/regenerate.py`; a test fails when this page and the code disagree.",
             "Codes are stable: a code is never reused for another meaning. Spec sections refer to",
             "`part2-template.md`, and 'plan n' to section n of `project-plan-2017-19.md`.", "",
             "| Code | Severity | Finding | What it means | How to fix it | Spec |",
             "|---|---|---|---|---|---|"]
    for item in catalogue().values():
        lines.append(f"| `{item.code}` | {item.severity.value} | {item.title} | {item.meaning} | "
                     f"{item.fix} | {item.spec} |")
    return "\n".join(lines) + "\n"
