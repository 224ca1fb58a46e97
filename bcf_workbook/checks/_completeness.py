"""Section 4.9: completeness, values that cannot be read, labels not found."""

from __future__ import annotations

from collections.abc import Iterator

from .. import periods
from .._text import as_number
from ..choices import AreaOfSpend, BenefitType, Commissioner
from ..findings import ERROR, WARNING, Finding, Rule
from ..layout.workbook import CHECKLIST
from ..model import A_FORMULA, Unreadable
from ._context import Context, described
from ._registry import raises

REQUIRED_INPUT_MISSING = Rule(
    "required-input-missing", ERROR, "A required input is missing",
    "An item of the Cover's completion checklist is not complete.",
    "Complete the input named in the message.", "4.9, 2.10")
OTHER_NOT_SPECIFIED = Rule(
    "other-not-specified", ERROR, "'Other' chosen without saying what",
    "'Other' is chosen in a dropdown and the column that says what it is is empty.",
    "Say what 'Other' is.", "4.9")
JOINT_SHARES_MISSING = Rule(
    "joint-shares-missing", ERROR, "Joint commissioning without the NHS and LA shares",
    "A scheme is jointly commissioned but its % NHS or % LA is missing.", "Give both shares.", "4.9")
JOINT_SHARES_NOT_100 = Rule(
    "joint-shares-not-100", ERROR, "Joint shares do not add up to 100%",
    "A jointly commissioned scheme's % NHS and % LA do not add up to 100%.", "Correct the shares.",
    "2.3")
UNREADABLE_VALUE = Rule(
    "unreadable-value", ERROR, "A value that is not understood",
    "A cell holds text that is not a number, or not one of its dropdown's values.",
    "Type a number, or choose from the dropdown.", "4.9")
FORMULA_IN_INPUT = Rule(
    "formula-in-input", ERROR, "A formula in an input cell",
    "An input cell holds a formula. It is read as text and never run; in the council's file it "
    "may run, or link elsewhere.", "Type the value itself.", "4.9")
LABEL_NOT_FOUND = Rule(
    "label-not-found", WARNING, "A label of the template was not found",
    "A label the reader looks for is not in the file, so the cells beside it were read as blank.",
    "Restore the template's label.", "2")

#: Checklist items that a more specific rule reports.
COVERED_ELSEWHERE = {"p4p_rationale", "patient_experience"}
SHARE_TOLERANCE = 0.0005


@raises(REQUIRED_INPUT_MISSING, OTHER_NOT_SPECIFIED, JOINT_SHARES_MISSING, JOINT_SHARES_NOT_100)
def completeness(ctx: Context) -> Iterator[Finding]:
    for checks in CHECKLIST.values():
        for item, label, _ in checks:
            key = f"cover.checklist.{item}"
            if item not in COVERED_ELSEWHERE and ctx.values.get(key) == "No":
                yield ctx.finding(REQUIRED_INPUT_MISSING, [key], f"Not complete: {label}.")
    for index, scheme in enumerate(ctx.submission.expenditure):
        key = f"expenditure.{index}"
        name = f"Scheme {index + 1} ({scheme.name or 'unnamed'})"
        if scheme.area_of_spend is AreaOfSpend.OTHER and not scheme.area_other:
            yield ctx.finding(OTHER_NOT_SPECIFIED, [f"{key}.area_other"],
                              f"{name}: the area of spend is 'Other' but what it is is not said.")
        if scheme.commissioner is Commissioner.JOINT:
            nhs, la = as_number(scheme.share_nhs), as_number(scheme.share_la)
            if nhs is None or la is None:
                yield ctx.finding(JOINT_SHARES_MISSING, [f"{key}.share_nhs", f"{key}.share_la"],
                                  f"{name} is jointly commissioned but its % NHS or % LA is "
                                  "missing.")
            elif abs(nhs + la - 1) > SHARE_TOLERANCE:
                yield ctx.finding(JOINT_SHARES_NOT_100, [f"{key}.share_nhs", f"{key}.share_la"],
                                  f"{name}: % NHS and % LA add up to {nhs + la:.1%}, not 100%.",
                                  1, nhs + la)
    for year in periods.YEARS:
        for index, row in enumerate(ctx.submission.benefits[year]):
            if row.benefit_type is BenefitType.OTHER and not row.other:
                yield ctx.finding(OTHER_NOT_SPECIFIED, [f"benefits.{year}.{index}.other"],
                                  f"{year} benefit {index + 1} is 'Other' but what it is is not "
                                  "said.")


@raises(UNREADABLE_VALUE, FORMULA_IN_INPUT)
def unreadable_values(ctx: Context) -> Iterator[Finding]:
    for key, leaf in ctx.leaves.items():
        if isinstance(leaf, Unreadable):
            rule = FORMULA_IN_INPUT if leaf.reason == A_FORMULA else UNREADABLE_VALUE
            yield ctx.finding(rule, [key], f"{described(key)} holds '{leaf.text[:80]}': "
                                           f"{leaf.reason}.", actual=leaf.text)
        elif isinstance(leaf, str) and leaf.startswith("=") and _looks_like_formula(leaf):
            yield ctx.finding(FORMULA_IN_INPUT, [key], f"{described(key)} holds the formula "
                                                       f"'{leaf[:80]}', read as text.", actual=leaf)


def _looks_like_formula(text: str) -> bool:
    return len(text) > 1 and not text[1:2].isspace()


@raises(LABEL_NOT_FOUND)
def missing_labels(ctx: Context) -> Iterator[Finding]:
    for label in ctx.missing_labels:
        sheet = label.split(":", 1)[0]
        yield ctx.finding_at(LABEL_NOT_FOUND, ctx.sheet_name(sheet), (), (),
                             f"{label} was not found; the cells beside it were read as blank.")
