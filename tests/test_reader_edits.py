"""Workbooks written by the library, then edited in LibreOffice the way
councils edit them, read back to the right values."""

from __future__ import annotations

import dataclasses
import hashlib
import zipfile

import pytest
from support.cached_values import same
from support.edit_in_libreoffice import edit, set_value

from bcf_workbook import calculate, read, read_workbook, write
from bcf_workbook.choices import AreaOfSpend
from bcf_workbook.engine import table_sizes
from bcf_workbook.layout import placement_for
from bcf_workbook.model import NOT_A_NUMBER, Unreadable
from bcf_workbook.samples import synthetic

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def base(reference):
    return synthetic(11, "Synthetic HWB 004", schemes=50, reference=reference)


@pytest.fixture(scope="module")
def edited(tmp_path_factory, base, peterborough_submission, reference):
    folder = tmp_path_factory.mktemp("edits")
    source = write(base, folder / "base.xlsx", reference=reference)
    peterborough = write(peterborough_submission, folder / "peterborough.xlsx", reference=reference)
    placement = placement_for(table_sizes(base))
    pb_placement = placement_for(table_sizes(peterborough_submission))
    jobs = {name: (source, operations) for name, operations in _operations(placement, base).items()}
    jobs["typed_shown"] = (peterborough, _typed_shown(pb_placement))
    jobs["resaved"] = (peterborough, [])
    edit([{"source": path, "target": folder / f"{name}.xlsx", "operations": operations}
          for name, (path, operations) in jobs.items()])
    return {name: folder / f"{name}.xlsx" for name in jobs}


def _table(placement, key):
    return placement.tables[key]


def _operations(placement, base):
    expenditure = _table(placement, "expenditure")
    funding = _table(placement, "funding.ccg_minimum")
    benefits_2015 = _table(placement, "benefits.2015/16")
    benefits_2014 = _table(placement, "benefits.2014/15")
    middle = expenditure.first_row + 10
    return {
        "more_rows": [
            {"op": "insert_rows", "sheet": expenditure.sheet, "row": middle, "count": 70},
            *({"op": "copy_row", "sheet": expenditure.sheet, "from": middle - 1, "to": middle + i}
              for i in range(70)),
            {"op": "insert_rows", "sheet": benefits_2015.sheet, "row": benefits_2015.first_row + 1,
             "count": 10},
            *({"op": "copy_row", "sheet": benefits_2015.sheet, "from": benefits_2015.first_row,
               "to": benefits_2015.first_row + 1 + i} for i in range(10)),
        ],
        "ccg_rows": [
            {"op": "insert_rows", "sheet": funding.sheet, "row": funding.first_row + 1, "count": 3},
            *({"op": "set", "sheet": funding.sheet, "cell": f"B{funding.first_row + 2 + i}",
               "value": f"NHS Extra CCG {i}"} for i in range(3)),
            *({"op": "set", "sheet": funding.sheet, "cell": f"D{funding.first_row + 2 + i}",
               "value": 100 + i} for i in range(3)),
        ],
        "blank_rows_and_moved_tables": [
            {"op": "delete_rows", "sheet": benefits_2015.sheet, "row": benefits_2015.first_row + 5,
             "count": 10},
            {"op": "insert_rows", "sheet": benefits_2014.sheet, "row": benefits_2014.first_row + 1,
             "count": 2},
            {"op": "insert_rows", "sheet": "5. HWB P4P metric", "row": 1, "count": 5},
            {"op": "insert_rows", "sheet": "2. HWB Funding Sources", "row": 0, "count": 3},
        ],
        "tabs_and_columns": [
            {"op": "rename", "sheet": "1. HWB ID", "to": "HWB ID"},
            {"op": "rename", "sheet": "2. HWB Funding Sources", "to": "2. hwb funding sources  "},
            {"op": "move", "sheet": "Summary", "to": 0},
            {"op": "hide", "sheet": "Reference"},
            {"op": "hide", "sheet": "7. Projections"},
            {"op": "add_sheet", "name": "Council notes", "at": 0},
            {"op": "add_sheet", "name": "Workings", "at": 5},
            {"op": "width", "sheet": expenditure.sheet, "column": 1, "width": 12000},
            {"op": "hide_column", "sheet": "4. HWB Benefits Plan", "column": 2},
            {"op": "group_columns", "sheet": "6. HWB Supporting Metrics", "first": 3, "last": 5},
            {"op": "merge", "sheet": "4. HWB Benefits Plan", "range": "B4:D4"},
            {"op": "merge", "sheet": "Cover", "range": "B1:C1"},
            {"op": "comment", "sheet": expenditure.sheet, "cell": "B4", "text": "Checked by DoF"},
            {"op": "comment", "sheet": "HWB ID", "cell": "C4", "text": "Lead officer"},
            {"op": "rename", "sheet": "6. HWB Supporting Metrics", "to": "Supporting metrics"},
        ],
    }


def _typed_shown(placement):
    return [
        set_value(placement, "expenditure.0.expenditure.2015/16", "6,011"),
        set_value(placement, "expenditure.1.expenditure.2015/16", "£480"),
        set_value(placement, "expenditure.2.expenditure.2015/16", "(356)"),
        set_value(placement, "expenditure.3.expenditure.2015/16", " 150 "),
        set_value(placement, "expenditure.4.share_nhs", "12.5%"),
        set_value(placement, "expenditure.4.expenditure.2014/15", "-"),
        set_value(placement, "expenditure.3.expenditure.2014/15", "n/a"),
        set_value(placement, "expenditure.0.area_of_spend", "  social   CARE "),
        set_value(placement, "p4p.numerator.Q4 14/15", "4,250"),
        set_value(placement, "benefits.2015/16.0.change", "about 300"),
        set_value(placement, "hwb_id.hwb", "peterborough"),
    ]


def _lo_agrees_with_engine(path):
    """LibreOffice's cached values in the edited file equal the engine's."""
    workbook = read_workbook(path)
    values = calculate(workbook.submission).cells_submitted
    return {key: (cached, values.get(key)) for key, cached in workbook.cached.items()
            if not same(cached, values.get(key))}


def test_inserted_rows_are_read(edited, base):
    submission = read(edited["more_rows"])
    schemes = list(base.expenditure)
    expected = schemes[:10] + [schemes[9]] * 70 + schemes[10:]
    assert len(submission.expenditure) == 120
    assert submission.expenditure == tuple(expected)
    benefits = base.benefits["2015/16"]
    assert submission.benefits["2015/16"] == (benefits[0],) * 11 + benefits[1:]
    assert submission.overrides == ()
    assert _lo_agrees_with_engine(edited["more_rows"]) == {}


def test_nine_ccg_contribution_rows(edited, base):
    submission = read(edited["ccg_rows"])
    rows = submission.funding.ccg_minimum
    assert len(rows) == len(base.funding.ccg_minimum) + 3
    assert [row.name for row in rows[1:4]] == ["NHS Extra CCG 0", "NHS Extra CCG 1",
                                               "NHS Extra CCG 2"]
    assert [row.amounts["2015/16"] for row in rows[1:4]] == [100, 101, 102]
    assert _lo_agrees_with_engine(edited["ccg_rows"]) == {}


def test_blank_rows_and_moved_tables(edited, base):
    submission = read(edited["blank_rows_and_moved_tables"])
    assert submission == base
    assert _lo_agrees_with_engine(edited["blank_rows_and_moved_tables"]) == {}


def test_renamed_reordered_hidden_tabs_extra_sheets_columns_merges_comments(edited, base):
    assert read(edited["tabs_and_columns"]) == base


def test_libreoffice_resaved_file_reads_back_identical(edited, peterborough_submission):
    assert read(edited["resaved"]) == peterborough_submission


def test_numbers_typed_shown_read_as_meant(edited, peterborough_submission):
    submission = read(edited["typed_shown"])
    schemes = submission.expenditure
    assert [s.expenditure["2015/16"] for s in schemes[:4]] == [6011, 480, -356, 150]
    assert schemes[4].share_nhs == 0.125
    assert schemes[4].expenditure["2014/15"] is None
    assert schemes[3].expenditure["2014/15"] is None
    assert schemes[0].area_of_spend is AreaOfSpend.SOCIAL_CARE
    assert submission.p4p.numerator["Q4 14/15"] == 4250
    assert submission.benefits["2015/16"][0].change == Unreadable("about 300", NOT_A_NUMBER)
    assert submission.hwb == "Peterborough"


def test_macro_enabled_workbook(tmp_path, peterborough_submission):
    xlsx = write(peterborough_submission, tmp_path / "p.xlsx")
    xlsm = tmp_path / "p.xlsm"
    with zipfile.ZipFile(xlsx) as source, zipfile.ZipFile(xlsm, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
            target.writestr(item, data)
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a macro")
    before = hashlib.sha256(xlsm.read_bytes()).hexdigest()
    assert read(xlsm) == peterborough_submission
    assert hashlib.sha256(xlsm.read_bytes()).hexdigest() == before


def test_export_is_stable_through_write_and_read(edited, tmp_path):
    for name in ("more_rows", "tabs_and_columns", "typed_shown"):
        first = read(edited[name])
        again = read(write(first, tmp_path / f"{name}.xlsx"))
        assert again.to_dict() == first.to_dict(), name
        assert dataclasses.asdict(again) == dataclasses.asdict(first)
