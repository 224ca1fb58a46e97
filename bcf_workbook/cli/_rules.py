"""``bcf-workbook rules``: the catalogue of check codes, or one code explained."""

from __future__ import annotations

import argparse
import difflib
import textwrap
from typing import Any

from ..checks import catalogue
from ..errors import BcfError
from ..findings import Rule
from ._exit import ExitStatus

EXAMPLES = """examples:
  bcf-workbook rules                        list every code with its severity and title
  bcf-workbook rules derived-overwritten    what the code means and how to fix it"""


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "rules", help="list the check codes, or explain one",
        description="List the codes a check can report, or explain one: what it means, how to "
                    "fix it and the section of the specification it comes from.",
        epilog=EXAMPLES)
    parser.add_argument("code", nargs="?", metavar="CODE",
                        help="a code as reports show it, e.g. rate-not-ratio (default: list all)")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    if arguments.code is None:
        width = max(map(len, catalogue()))
        print("\n".join(f"{rule.code:<{width}}  {rule.severity.value:<7}  {rule.title}"
                        for rule in catalogue().values()))
    else:
        print(explain(_rule(arguments.code)), end="")
    return ExitStatus.OK


def _rule(code: str) -> Rule:
    if code.lower() in catalogue():
        return catalogue()[code.lower()]
    close = difflib.get_close_matches(code, catalogue(), n=1)
    hint = f"; did you mean {close[0]}?" if close else "; 'bcf-workbook rules' lists them"
    raise BcfError(f"no check has the code {code!r}{hint}")


def explain(rule: Rule) -> str:
    """A rule as ``bcf-workbook rules CODE`` prints it."""
    def paragraph(heading: str, text: str) -> str:
        return f"{heading}\n" + textwrap.fill(text, 78, initial_indent="  ", subsequent_indent="  ")
    return "\n\n".join((f"{rule.code} ({rule.severity.value}): {rule.title}",
                        paragraph("What it means:", rule.meaning),
                        paragraph("How to fix it:", rule.fix),
                        f"Specification: {specification(rule.spec)}")) + "\n"


#: How a rule of the project plan gives its sections ('plan 4'); a Part 2
#: rule gives them bare ('4.8, 2.7'), as docs/checks.md says.
PLAN_SECTIONS = "plan "


def specification(spec: str) -> str:
    """The document and sections of a rule's ``spec``: '4.6' -> 'Part 2 spec
    (part2-template.md), section 4.6'; 'plan 2, 4' -> 'project plan spec
    (project-plan-2017-19.md), sections 2, 4'."""
    plan = spec.startswith(PLAN_SECTIONS)
    document = "project plan spec (project-plan-2017-19.md)" if plan else "Part 2 spec (part2-template.md)"
    sections = spec.removeprefix(PLAN_SECTIONS)
    return f"{document}, section{'s' if ',' in sections else ''} {sections}"
