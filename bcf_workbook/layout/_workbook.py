"""The whole workbook: the Cover, Checks and Reference sheets around the data
sheets, in the original's order, and the placement of all of them for a
submission's table sizes."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from .. import choices, periods
from .._addresses import column_letters
from ._elements import (
    Column,
    Derived,
    Field,
    Fixed,
    Header,
    Page,
    Reference,
    Sheet,
    Table,
    Text,
    Type,
    words,
)
from ._placement import Placement, compute_placement
from ._recipes import all_numbers, ref, refs, yes_no
from ._reference_fields import (
    CCG_NUMBER_FIELDS,
    CCG_TEXT_FIELDS,
    HWB_NUMBER_FIELDS,
    HWB_TEXT_FIELDS,
    NATIONAL_FIELDS,
)
from ._sheets import (
    BENEFITS,
    CHECKS,
    COVER,
    EXPENDITURE,
    FUNDING,
    HWB_ID,
    METRICS,
    P4P,
    REFERENCE,
    SUMMARY,
    TEMPLATE_VERSION,
    benefits_sheet,
    expenditure_sheet,
    funding_sheet,
    hwb_id_sheet,
    hwb_p4p_sheet,
    metrics_sheet,
    p4p_sheet,
    projections_sheet,
    summary_sheet,
)

# --- Cover -------------------------------------------------------------------

class ChecklistItem(NamedTuple):
    """An item of the Cover's completion checklist: Yes when ``condition`` holds."""

    item: str
    label: str
    condition: str
    #: One of the inputs it reads completes it ("at least one ..."), not all of them.
    any_one: bool = False


CHECKLIST: dict[str, tuple[ChecklistItem, ...]] = {
    HWB_ID: (
        ChecklistItem("hwb", "Health and Wellbeing Board selected",
                      f"COUNTA({ref('hwb_id.hwb')})>0"),
        ChecklistItem("contact_name", "Contact name given",
                      f"COUNTA({ref('hwb_id.contact_name')})>0"),
        ChecklistItem("contact_email", "Contact email given",
                      f"COUNTA({ref('hwb_id.contact_email')})>0"),
    ),
    FUNDING: (
        ChecklistItem("contributions", "At least one contribution entered",
                      "COUNT(" + refs(f"funding.{block}.*.amounts.{year}"
                                      for block in ("local_authority", "ccg_minimum", "additional_ccg")
                                      for year in periods.YEARS) + ")>0", any_one=True),
    ),
    EXPENDITURE: (
        ChecklistItem("schemes", "At least one scheme with expenditure",
                      "COUNT(" + refs(f"expenditure.*.expenditure.{year}" for year in periods.YEARS)
                      + ")>0", any_one=True),
    ),
    BENEFITS: (
        ChecklistItem("benefits", "At least one benefit entered",
                      "COUNTA(" + refs(f"benefits.{year}.*.benefit_type" for year in periods.YEARS)
                      + ")>0", any_one=True),
    ),
    P4P: (
        ChecklistItem("p4p_plan", "All five P4P plan numerators entered",
                      all_numbers(f"p4p.numerator.{q}" for q in periods.P4P_PLAN_QUARTERS)),
        ChecklistItem("p4p_rationale", "Rationale given for a red or amber P4P rating",
                      f'OR({ref("p4p.rating")}="Green",COUNTA({ref("p4p.rationale")})>0)'),
    ),
    METRICS: (
        ChecklistItem("residential_admissions", "Residential admissions numerators entered",
                      all_numbers(f"metrics.residential_admissions.numerator.{y}"
                                  for y in periods.METRIC_YEARS)),
        ChecklistItem("reablement", "Reablement numerators and denominators entered",
                      all_numbers(f"metrics.reablement.{part}.{y}" for part in ("numerator", "denominator")
                                  for y in periods.METRIC_YEARS)),
        ChecklistItem("delayed_transfers", "Delayed transfers numerators entered",
                      all_numbers(f"metrics.delayed_transfers.numerator.{q}" for q in periods.DTOC_QUARTERS)),
        ChecklistItem("patient_experience", "Patient experience metric given",
                      f"COUNTA({ref('metrics.patient_experience.name')})>0"),
    ),
    SUMMARY: (
        ChecklistItem("protection", "Protection of adult social care confirmed for both years",
                      all_numbers(f"summary.protection_of_adult_social_care.{y}" for y in periods.YEARS)),
    ),
}

COLOUR_KEY = (("Input: typed by the HWB", "input"),
              ("Pre-populated: from reference data", "prepopulated"),
              ("Derived: calculated by the template", "derived"),
              ("Red rating", "red"), ("Amber rating", "amber"), ("Green rating", "green"))


def _sheet_slug(sheet: str) -> str:
    return sheet.split(". ")[-1].lower().replace(" ", "_")


def cover_sheet() -> Sheet:
    key_first = 6
    checklist_first = key_first + len(COLOUR_KEY) + 2
    items = [(label, Derived(yes_no(condition), Type.FLAG, f"cover.checklist.{key}"))
             for checks in CHECKLIST.values() for key, label, condition, _ in checks]
    complete_first = checklist_first + len(items) + 2
    complete = [(f"{sheet} complete", Derived(
        yes_no("AND(" + ",".join(f'{ref(f"cover.checklist.{key}")}="Yes"'
                                 for key, *_ in checks) + ")"),
        Type.FLAG, f"cover.complete.{_sheet_slug(sheet)}")) for sheet, checks in CHECKLIST.items()]
    return Sheet(COVER, (
        Text("B1", words("Better Care Fund planning template: Part 2"), "title"),
        Field("C3", Fixed(TEMPLATE_VERSION, Type.TEXT, "cover.template_version"),
              words("Template version"), "B3", added=True),
        Text(f"B{key_first - 1}", words("Colour key"), "heading"),
        *(Text(f"B{key_first + index}", words(text), style)
          for index, (text, style) in enumerate(COLOUR_KEY)),
        Text(f"B{checklist_first - 1}", words("Completion checklist"), "heading"),
        *(Field(f"C{checklist_first + index}", cell, words(label), f"B{checklist_first + index}",
                added=True) for index, (label, cell) in enumerate(items)),
        Text(f"B{complete_first - 1}", words("Sheets complete"), "heading"),
        *(Field(f"C{complete_first + index}", cell, words(label), f"B{complete_first + index}",
                added=True) for index, (label, cell) in enumerate(complete)),
    ), widths=(2, 56, 30), page=Page(freeze="A2"))


# --- Checks --------------------------------------------------------------------

CHECK_COLUMNS = (("code", "Code"), ("severity", "Severity"), ("sheet", "Sheet"),
                 ("cells", "Cells"), ("message", "Finding"),
                 ("expected", "Expected (as corrected)"), ("actual", "As submitted"),
                 ("status", "Status"))


def checks_sheet() -> Sheet:
    columns = tuple(Column(key, chr(ord("B") + index), Header(words(label)), Fixed(None, Type.TEXT))
                    for index, (key, label) in enumerate(CHECK_COLUMNS))
    return Sheet(CHECKS, (
        Text("B1", words("Checks: findings of the cross-checks"), "title"),
        Text("B3", words("Written by bcf_workbook: every finding of the cross-checks of this "
                         "submission, and whether it is still to fix."), "note", span=5),
        Table("checks", 6, columns, min_rows=1, header_row=5, description="Finding"),
    ), widths=(2, 24, 9, 20, 13, 62, 13, 13, 24), page=Page(freeze="A6", repeat_rows=(5, 5)))


# --- Reference ---------------------------------------------------------------------

REFERENCE_LISTS = {"hwbs": "Health and Wellbeing Boards", "local_authorities": "Local authorities",
                   "ccgs": "Clinical Commissioning Groups",
                   **{name: name.replace("_", " ").capitalize() for name in choices.CHOICE_LISTS}}


def _reference_table(key: str, first_row: int, title: str,
                     fields: tuple[tuple[str, Type], ...]) -> Table:
    columns = tuple(Column(field, column_letters(index + 1), Header(words(field)), Reference(kind))
                    for index, (field, kind) in enumerate(fields))
    return Table(key, first_row, columns, min_rows=1, header_row=first_row - 1,
                 title=Text(f"B{first_row - 2}", words(title), "heading"), description=title)


def reference_sheet() -> Sheet:
    national_first = 5
    tables_first = national_first + len(NATIONAL_FIELDS) + 3
    lists = [_reference_table(f"reference.lists.{name}", tables_first + 4 * index, label,
                              (("value", Type.TEXT),))
             for index, (name, label) in enumerate(REFERENCE_LISTS.items())]
    after_lists = tables_first + 4 * len(lists)
    hwb_fields = tuple((field, Type.TEXT if field in HWB_TEXT_FIELDS else Type.NUMBER)
                       for field in (*HWB_TEXT_FIELDS, *HWB_NUMBER_FIELDS))
    ccg_fields = tuple((field, Type.TEXT if field in CCG_TEXT_FIELDS else Type.NUMBER)
                       for field in ("key", "hwb", *CCG_TEXT_FIELDS, *CCG_NUMBER_FIELDS))
    return Sheet(REFERENCE, (
        Text("B1", words("Reference data"), "title"),
        Text("B2", words("Dropdown lists and reference data. Formulas refer to these cells."), "note"),
        Text(f"B{national_first - 1}", words("National constants"), "heading"),
        *(Field(f"C{national_first + index}", Reference(Type.MONEY).keyed(f"reference.national.{field}"),
                words(field), f"B{national_first + index}", added=True)
          for index, field in enumerate(NATIONAL_FIELDS)),
        *lists,
        _reference_table("reference.hwbs", after_lists, "Health and Wellbeing Boards (reference data)",
                         hwb_fields),
        _reference_table("reference.ccgs", after_lists + 4, "CCG split of each HWB (key is HWB#n)",
                         ccg_fields),
    ), widths=(2, 52, *(16,) * 60), protected=True, money_unit="£",
        # Hidden (formulas read it, people need not), readable when shown:
        # printed at full size across as many pages as its tables take.
        page=Page(freeze="A3", fit_width=False, hidden=True))


SHEETS: tuple[Sheet, ...] = (
    cover_sheet(), hwb_id_sheet(), hwb_p4p_sheet(), funding_sheet(), summary_sheet(),
    expenditure_sheet(), benefits_sheet(), p4p_sheet(), metrics_sheet(), projections_sheet(),
    checks_sheet(), reference_sheet(),
)
SHEET_NAMES = tuple(sheet.name for sheet in SHEETS)
DATA_TABLES = tuple(table for sheet in SHEETS if sheet.name not in (REFERENCE, CHECKS)
                    for table in sheet.tables())


def describe(key: str) -> str:
    """What the cell at ``key`` is, in the template's own words."""
    descriptions = placement_for({}).descriptions
    if key in descriptions:
        return descriptions[key]
    for table in DATA_TABLES:
        prefix = table.key + "."
        index, _, column = key.removeprefix(prefix).partition(".")
        if key.startswith(prefix) and index.isdigit():
            pattern = descriptions.get(table.cell_key(0, column), key)
            return pattern.replace(" row 1,", f" row {int(index) + 1},", 1)
    return key


_MIN_ROWS = {table.key: table.min_rows for sheet in SHEETS for table in sheet.tables()}


def placement_for(sizes: Mapping[str, int]) -> Placement:
    """The placement for tables of these sizes; tables shorter than their
    template's rows share the template's placement."""
    effective = {key: max(rows, _MIN_ROWS.get(key, 0)) for key, rows in sizes.items()
                 if rows > _MIN_ROWS.get(key, 0)}
    return _placement(tuple(sorted(effective.items())))


@lru_cache(maxsize=64)
def _placement(sizes: tuple[tuple[str, int], ...]) -> Placement:
    return compute_placement(SHEETS, dict(sizes))
