"""What the writer puts in a workbook, as openpyxl (an independent reader) sees it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from xlsxwriter.utility import xl_rowcol_to_cell

from bcf_workbook import WorkbookError, write, write_template
from bcf_workbook.engine import table_sizes
from bcf_workbook.layout import SHEET_NAMES, Kind, Type, placement_for
from bcf_workbook.samples import PETERBOROUGH_OVERRIDES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def written(tmp_path_factory, peterborough_submission, reference):
    folder = tmp_path_factory.mktemp("writer")
    path = write(peterborough_submission, folder / "peterborough.xlsx", reference=reference)
    corrected = write(peterborough_submission, folder / "corrected.xlsx", corrected=True,
                      reference=reference)
    return path, corrected


@pytest.fixture(scope="module")
def workbook(written):
    return openpyxl.load_workbook(written[0])


@pytest.fixture(scope="module")
def placement(peterborough_submission):
    return placement_for(table_sizes(peterborough_submission))


def _cell(workbook, placement, key):
    cell = placement.cells[key]
    return workbook[cell.sheet].cell(cell.row + 1, cell.col + 1)


def test_all_twelve_sheets_in_order(workbook):
    assert workbook.sheetnames == list(SHEET_NAMES)
    assert len(SHEET_NAMES) == 12


def test_sheets_are_protected_without_password(workbook):
    for sheet in workbook.worksheets:
        assert sheet.protection.sheet
        assert not sheet.protection.password


def test_derived_cells_locked_and_inputs_unlocked(workbook, placement):
    derived = [c for c in placement if c.spec.kind is Kind.DERIVED]
    inputs = [c for c in placement if c.spec.kind is Kind.INPUT]
    assert all(workbook[c.sheet].cell(c.row + 1, c.col + 1).protection.locked for c in derived)
    assert not any(workbook[c.sheet].cell(c.row + 1, c.col + 1).protection.locked
                   for c in inputs)


def test_colour_key_fills_by_kind(workbook, placement):
    fills = {}
    for kind in (Kind.INPUT, Kind.PREPOPULATED, Kind.DERIVED):
        colours = {workbook[c.sheet].cell(c.row + 1, c.col + 1).fill.fgColor.rgb
                   for c in placement if c.spec.kind is kind}
        assert len(colours) == 1, kind
        fills[kind] = colours.pop()
    assert len(set(fills.values())) == 3


def test_dropdowns_point_at_reference_lists(workbook, placement):
    sheet = workbook["3. HWB Expenditure Plan"]
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    area = placement.cells["expenditure.0.area_of_spend"]
    address = xl_rowcol_to_cell(area.row, area.col)
    covering = [v for v in lists if address in v.sqref]
    assert len(covering) == 1
    assert covering[0].formula1.startswith("'Reference'!")
    hwb = workbook["1. HWB ID"].data_validations.dataValidation
    assert any(v.type == "list" for v in hwb)


def test_rating_cells_have_rag_conditional_formats(workbook, placement):
    ratings = [c for c in placement if c.spec.type is Type.RATING]
    assert len(ratings) >= 15
    for cell in ratings:
        ranges = workbook[cell.sheet].conditional_formatting
        address = xl_rowcol_to_cell(cell.row, cell.col)
        rules = [rule for rng in ranges if address in str(rng.sqref) for rule in rng.rules]
        assert {rule.formula[0] for rule in rules} == {'"Red"', '"Amber"', '"Green"'}


def test_overrides_written_as_constants_and_corrected_restores_formulas(written, placement):
    typed = openpyxl.load_workbook(written[0])
    corrected = openpyxl.load_workbook(written[1])
    for key, value in PETERBOROUGH_OVERRIDES.items():
        assert _cell(typed, placement, key).value == value
        assert str(_cell(corrected, placement, key).value).startswith("=")


def test_cached_values_are_visible_without_recalculation(written, placement):
    cached = openpyxl.load_workbook(written[0], data_only=True)
    assert _cell(cached, placement, "p4p.annual_saving").value == 249_000
    assert _cell(cached, placement, "p4p.rating").value == "Amber"
    assert _cell(cached, placement, "p4p.numerator.Q4 13/14").value == 4293


def test_text_that_looks_like_a_formula_stays_text(tmp_path, peterborough_submission, placement):
    import dataclasses
    hostile = dataclasses.replace(
        peterborough_submission,
        hwb_id=dataclasses.replace(peterborough_submission.hwb_id,
                                   contact_name="=cmd|' /C calc'!A0"))
    path = write(hostile, tmp_path / "hostile.xlsx")
    cell = placement.cells["hwb_id.contact_name"]
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>cmd" not in sheet
    assert _cell(openpyxl.load_workbook(path), placement, "hwb_id.contact_name").data_type == "s"
    assert cell.sheet == "1. HWB ID"


def test_write_to_a_missing_folder_is_a_clear_error(tmp_path, peterborough_submission):
    with pytest.raises(WorkbookError, match="folder does not exist"):
        write(peterborough_submission, tmp_path / "nowhere" / "out.xlsx")


def test_write_replaces_atomically_and_leaves_no_temporary_files(tmp_path, reference):
    target = tmp_path / "template.xlsx"
    target.write_bytes(b"old")
    write_template(target, reference=reference)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["template.xlsx"]


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name != "docProps/core.xml"}


def test_committed_template_matches_the_writer(tmp_path, reference):
    fresh = write_template(tmp_path / "template.xlsx", reference=reference)
    committed = ROOT / "templates" / "bcf-part2-template.xlsx"
    assert _parts(committed) == _parts(fresh), (
        "templates/ is stale: run `python scripts/regenerate.py`")


@pytest.mark.parametrize("name", ["peterborough-2014-16.xlsx", "synthetic-hwb-001-clean.xlsx",
                                  "peterborough-cambridgeshire-project-plan-2017-19.xlsx"])
def test_committed_samples_match_the_writer(tmp_path, reference, name):
    from bcf_workbook.samples import write_samples
    write_samples(tmp_path, reference)
    assert _parts(ROOT / "samples" / name) == _parts(tmp_path / name), (
        "samples/ is stale: run `python scripts/regenerate.py`")
