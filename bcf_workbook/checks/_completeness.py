"""Section 4.9: completeness, values that cannot be read, labels not found."""

from __future__ import annotations

from collections.abc import Iterator

from .. import periods
from .._formula.runtime import XLError
from .._text import as_number
from ..choices import AreaOfSpend, BenefitType, Commissioner
from ..engine import dependents, precedents
from ..findings import ERROR, INFO, WARNING, Finding, Rule
from ..layout import keys
from ..layout._workbook import CHECKLIST
from ..model import A_FORMULA, AN_ERROR, Unreadable
from ._context import Context, described, figure
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
ERROR_VALUE = Rule(
    "error-value", ERROR, "A spreadsheet error in a cell",
    "A cell holds an error value (#N/A, #DIV/0!, #REF!, #VALUE!, ...). In the workbook every figure "
    "that reads it shows the error too.",
    "Type the value the error stands for, or correct the formula that gives it.", "4.9")
NUMBER_STORED_AS_TEXT = Rule(
    "number-stored-as-text", WARNING, "A number stored as text",
    "A figure is typed as text ('10,390' with its comma, or an apostrophe before it). The checks "
    "read it as the number meant, but the workbook's own totals skip text and count it as "
    "nothing.", "Type the number again as a number (or use Excel's 'Convert to Number').", "4.9")
DATE_IN_FIGURE = Rule(
    "date-in-figure", WARNING, "A date where a figure belongs",
    "A figure's cell holds a date, or is formatted as one: the workbook counts it as the date's "
    "serial number (12/03/2015 is 42,075) in its totals.",
    "Type the figure as a number, and format the cell as a number.", "4.9")
SHARE_AS_WHOLE_NUMBER = Rule(
    "share-as-whole-number", ERROR, "A percentage typed as a whole number",
    "A share that the template expects as a percentage (50%) is typed as a whole number (50), "
    "which the workbook reads as 5,000%.", "Type the share with its % sign, or as a fraction.",
    "2.3, 4.9")
TAB_COPIED = Rule(
    "tab-copied", WARNING, "A tab of the template is there twice",
    "The workbook holds a tab and a copy of it ('4. HWB Benefits Plan (2)'). The one holding the "
    "template's labels was read; the other was not.",
    "Delete the copy you do not mean to submit.", "2")
SHEET_NOT_STARTED = Rule(
    "sheet-not-started", INFO, "A sheet not started",
    "Nothing has been typed on the sheet yet; its other findings are left out until it is.",
    "Complete the sheet.", "4.9, 2.10")
LABEL_NOT_FOUND = Rule(
    "label-not-found", WARNING, "A label of the template was not found",
    "A label the reader looks for is not in the file, so the cells beside it were read as blank.",
    "Restore the template's label.", "2")

#: Checklist items that a more specific rule reports.
COVERED_ELSEWHERE = {"p4p_rationale", "patient_experience"}
SHARE_TOLERANCE = 0.0005


@raises(REQUIRED_INPUT_MISSING, OTHER_NOT_SPECIFIED, JOINT_SHARES_MISSING, JOINT_SHARES_NOT_100)
def completeness(ctx: Context) -> Iterator[Finding]:
    for sheet, checks in CHECKLIST.items():
        if sheet in ctx.not_started:
            continue
        for item, label, _, any_one in checks:
            key = keys.CHECKLIST(item)
            if item not in COVERED_ELSEWHERE and ctx.values.get(key) == "No":
                yield ctx.finding(REQUIRED_INPUT_MISSING, _inputs_to_complete(ctx, key, any_one),
                                  f"The Cover's checklist item '{label}' is No: complete it here.")
    for index, scheme in enumerate(ctx.submission.expenditure):
        def cell(column: str, index: int = index) -> str:
            return keys.table_cell("expenditure", index, column)
        name = f"Scheme {index + 1} ({scheme.name or 'unnamed'})"
        if scheme.area_of_spend is AreaOfSpend.OTHER and not scheme.area_other:
            yield ctx.finding(OTHER_NOT_SPECIFIED, [cell("area_other")],
                              f"{name}: the area of spend is 'Other' but what it is is not said.")
        if scheme.commissioner is Commissioner.JOINT:
            nhs, la = as_number(scheme.share_nhs), as_number(scheme.share_la)
            if nhs is None or la is None:
                yield ctx.finding(JOINT_SHARES_MISSING, [cell("share_nhs"), cell("share_la")],
                                  f"{name} is jointly commissioned but its % NHS or % LA is "
                                  "missing.")
            elif abs(nhs + la - 1) > SHARE_TOLERANCE:
                yield ctx.finding(JOINT_SHARES_NOT_100, [cell("share_nhs"), cell("share_la")],
                                  f"{name}: % NHS and % LA add up to {nhs + la:.1%}, not 100%.",
                                  1, nhs + la)
    for year in periods.YEARS:
        for index, row in enumerate(ctx.submission.benefits[year]):
            if row.benefit_type is BenefitType.OTHER and not row.other:
                yield ctx.finding(OTHER_NOT_SPECIFIED, [keys.table_cell(f"benefits.{year}", index, "other")],
                                  f"{year} benefit {index + 1} is 'Other' but what it is is not "
                                  "said.")


def _inputs_to_complete(ctx: Context, item: str, any_one: bool) -> list[str]:
    """Where to type what a checklist item lacks: the inputs it reads that are
    blank or not understood (only the first for an item that one input
    satisfies, "at least one ..."); the checklist's own cell when none is."""
    lacking = [key for key in precedents(ctx.submission, item)
               if key in ctx.leaves and (ctx.leaves[key] is None or isinstance(ctx.leaves[key], Unreadable))]
    return (lacking[:1] if any_one else lacking) or [item]


@raises(UNREADABLE_VALUE, FORMULA_IN_INPUT)
def unreadable_values(ctx: Context) -> Iterator[Finding]:
    for key, leaf in ctx.leaves.items():
        if isinstance(leaf, Unreadable) and leaf.reason != AN_ERROR:
            rule = FORMULA_IN_INPUT if leaf.reason == A_FORMULA else UNREADABLE_VALUE
            yield ctx.finding(rule, [key], f"{described(key)} holds '{leaf.text[:80]}': "
                                           f"{leaf.reason}.", actual=leaf.text)
        elif isinstance(leaf, str) and leaf.startswith("=") and _looks_like_formula(leaf):
            yield ctx.finding(FORMULA_IN_INPUT, [key], f"{described(key)} holds the formula "
                                                       f"'{leaf[:80]}', read as text.", actual=leaf)


@raises(ERROR_VALUE)
def error_values(ctx: Context) -> Iterator[Finding]:
    """Each cell holding an error, and what it breaks."""
    submitted = ctx.calculation.cells_submitted
    sources = [key for key in ctx.leaves if isinstance(submitted.get(key), XLError)]
    sources += [override.key for override in ctx.submission.overrides if override.formula is None
                and isinstance(submitted.get(override.key), XLError)]
    for key in sources:
        code = str(submitted[key])
        broken = [other for other in dependents(ctx.submission, [key])
                  if isinstance(submitted.get(other), XLError)]
        what = _what_it_breaks(broken)
        yield ctx.finding(ERROR_VALUE, [key], f"{described(key)} holds {code}{what}.",
                          actual=code)


def _what_it_breaks(broken: list[str]) -> str:
    if not broken:
        return ""
    named = ", ".join(described(key) for key in broken[:2])
    more = f" and {len(broken) - 2} other figures" if len(broken) > 2 else ""
    return f", so {named}{more} show an error too"


@raises(NUMBER_STORED_AS_TEXT)
def numbers_stored_shown(ctx: Context) -> Iterator[Finding]:
    for key, text in ctx.submission.shown.items():
        if not isinstance(text, str) or not isinstance(ctx.leaves.get(key), (int, float)):
            continue
        yield ctx.finding(NUMBER_STORED_AS_TEXT, [key],
                          f"{described(key)} holds the text '{text[:40]}': the workbook's totals "
                          f"count it as nothing; read as {figure(ctx.leaves.get(key))}.",
                          ctx.leaves.get(key), text)


@raises(DATE_IN_FIGURE)
def dates_in_figures(ctx: Context) -> Iterator[Finding]:
    for key, day in ctx.submission.dates.items():
        value = ctx.leaves.get(key)
        if not isinstance(value, (int, float)):
            continue  # a formula or text in the cell: reported as such
        yield ctx.finding(DATE_IN_FIGURE, [key],
                          f"{described(key)} shows the date {_day_shown(day)}: the workbook counts "
                          f"it as {figure(value)}.", value, day)


def _day_shown(day: str) -> str:
    year, month, date = day.split("-")
    return f"{date}/{month}/{year}"


@raises(SHARE_AS_WHOLE_NUMBER)
def shares_as_whole_numbers(ctx: Context) -> Iterator[Finding]:
    for index, scheme in enumerate(ctx.submission.expenditure):
        for column in ("share_nhs", "share_la"):
            share = as_number(getattr(scheme, column))
            if share is not None and 1 < share <= 100:
                key = keys.table_cell("expenditure", index, column)
                yield ctx.finding(SHARE_AS_WHOLE_NUMBER, [key],
                                  f"{described(key)} is {figure(share)}: the workbook reads it as "
                                  f"{share:,.0%}; {figure(share)}% is meant?", share / 100, share)


@raises(TAB_COPIED)
def copied_tabs(ctx: Context) -> Iterator[Finding]:
    for layout, others in ctx.copies.items():
        read = ctx.sheet_name(layout)
        named = ", ".join(f"'{other}'" for other in others)
        yield ctx.finding_at(TAB_COPIED, read, (), (),
                             f"The workbook has the tab '{read}' and a copy of it ({named}); "
                             f"'{read}' was read, as it holds the template's labels.")


def _looks_like_formula(text: str) -> bool:
    return len(text) > 1 and not text[1:2].isspace()


@raises(SHEET_NOT_STARTED)
def not_started(ctx: Context) -> Iterator[Finding]:
    for sheet in sorted(ctx.not_started):
        yield ctx.finding_at(SHEET_NOT_STARTED, ctx.sheet_name(sheet), (), (),
                             f"Nothing has been entered on '{ctx.sheet_name(sheet)}' yet.")


@raises(LABEL_NOT_FOUND)
def missing_labels(ctx: Context) -> Iterator[Finding]:
    for label in ctx.missing_labels:
        sheet = label.split(":", 1)[0]
        yield ctx.finding_at(LABEL_NOT_FOUND, ctx.sheet_name(sheet), (), (),
                             f"{label} was not found; the cells beside it were read as blank.")
