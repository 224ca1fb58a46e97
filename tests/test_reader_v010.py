"""Files written by version 0.1.0 of this library (its own layout, 'bcf_workbook layout 1')
keep reading, also after a council edits them in LibreOffice.

The fixtures in tests/fixtures/v0.1.0 are the template and samples 0.1.0 committed. Expected
figures are the published ones (spec sections 2.5-2.9 and 5)."""

from __future__ import annotations

import pytest
from conftest import ROOT
from support.edit_in_libreoffice import edit

from bcf_workbook import calculate, check, read, read_workbook
from bcf_workbook.layout._editions import v0_1_0
from bcf_workbook.layout._elements import position
from bcf_workbook.periods import P4P_BASELINE_QUARTERS
from bcf_workbook.samples import PETERBOROUGH_OVERRIDES, published, sample

FIXTURES = ROOT / "tests" / "fixtures" / "v0.1.0"
PETERBOROUGH = FIXTURES / "peterborough-2014-16.xlsx"


def _inputs_as_published(submission):
    data = published()["submission"]
    assert submission.hwb_id.contact_name == data["hwb_id"]["contact_name"]
    assert submission.p4p.numerator == data["p4p_metric"]["plan_numerators"]
    metrics = data["supporting_metrics"]
    assert submission.metrics.reablement.numerator == metrics["reablement"]["numerators"]
    assert submission.metrics.delayed_transfers.numerator == \
        metrics["delayed_transfers"]["numerators"]
    assert [scheme.expenditure["2015/16"] for scheme in submission.expenditure] == [
        row["2015/16"] for row in data["expenditure_plan"]]
    assert [row.change for row in submission.benefits["2015/16"]] == [
        row["change"] for row in data["benefits_plan"]["2015/16"]]


def test_the_010_peterborough_sample_reads_as_it_was_written():
    workbook = read_workbook(PETERBOROUGH)
    assert workbook.edition == v0_1_0().name
    assert workbook.missing == ()
    submission = workbook.submission
    _inputs_as_published(submission)
    typed = {o.key: o.value for o in submission.overrides if o.formula is None}
    assert typed == PETERBOROUGH_OVERRIDES
    assert submission.stray == {"benefits.2015/16.total_row.how": 9770401500}


def test_the_010_sample_still_gives_the_published_figures():
    values = calculate(read(PETERBOROUGH)).submitted
    assert [values[f"p4p.numerator.{q}"] for q in P4P_BASELINE_QUARTERS] == [4293, 4038, 4099, 4322]
    assert values["p4p.annual_saving"] == 249_000
    assert values["hwb_p4p.ringfenced_fund"] == 2_856_780
    assert values["summary.expenditure.total.2015/16"] == 10_746


def test_its_old_cumulative_percentage_is_reported_as_a_formula_of_its_own():
    # 0.1.0 divided the cumulative change by the cumulative baseline; the published file (spec
    # 2.9 as corrected) divides by the annual baseline: -43 / 16,752 is -0.3%, not -1.0%.
    [first] = [f for f in check(PETERBOROUGH).findings if f.code == "derived-formula-changed"
               and f.keys == ("hwb_p4p.cumulative_change_pct.Q4 14/15",)]
    assert round(first.expected, 3) == -0.003 and round(first.actual, 3) == -0.010


def test_the_010_clean_sample_and_template_read(reference):
    clean = read(FIXTURES / "synthetic-hwb-001-clean.xlsx").to_dict()
    expected = sample("clean", reference).to_dict()
    for data in (clean, expected):
        # Cells 0.1.0 did not have: the Projections sheet's own populations.
        data["projections"]["non_elective"].pop("denominator")
        data["projections"]["delayed_transfers"].pop("denominator")
        data.pop("overrides")
        data.pop("referenced")
    assert clean == expected
    blank = read(FIXTURES / "bcf-part2-template.xlsx")
    assert blank.hwb is None and blank.expenditure == ()


def _address(key: str) -> tuple[str, str]:
    """Where the 0.1.0 layout put a cell."""
    for layout in v0_1_0().sheets:
        for item in layout.items:
            if getattr(getattr(item, "cell", None), "key", None) == key:
                return layout.name, item.at  # type: ignore[union-attr]
    raise KeyError(key)


@pytest.mark.libreoffice
def test_a_010_file_edited_in_libreoffice_reads_the_same(tmp_path):
    row_of_first_scheme = next(item.first_row for layout in v0_1_0().sheets for item in layout.items
                               if getattr(item, "key", None) == "expenditure")
    target = tmp_path / "edited.xlsx"
    _, cell = _address("hwb_id.contact_name")
    edit([{"source": PETERBOROUGH, "target": target, "operations": [
        {"op": "insert_rows", "sheet": "3. HWB Expenditure Plan", "row": row_of_first_scheme,
         "count": 4},
        {"op": "insert_rows", "sheet": "5. HWB P4P metric", "row": 0, "count": 3},
        {"op": "insert_rows", "sheet": "1. HWB ID", "row": position(cell)[0], "count": 2},
        {"op": "rename", "sheet": "6. HWB Supporting Metrics", "to": "Supporting metrics"},
        {"op": "move", "sheet": "Summary", "to": 1},
    ]}])
    before, after = read(PETERBOROUGH), read(target)
    assert _typed(after) == _typed(before)
    # LibreOffice rewrote the moved formulas' addresses: they still mean the same cells.
    assert _translations(after) == _translations(before)


def _typed(submission):
    data = submission.to_dict()
    data["overrides"] = [o for o in data["overrides"] if o["formula"] is None]
    data.pop("referenced")
    return data


def _translations(submission):
    return {o.key: o.translated for o in submission.overrides if o.formula is not None}


@pytest.mark.libreoffice
def test_a_010_file_with_blank_rows_moved_tables_and_renamed_tabs_reads_the_same(tmp_path):
    from test_reader_edits import _operations

    from bcf_workbook.engine import table_sizes
    from bcf_workbook.layout._placement import compute_placement
    source = FIXTURES / "synthetic-hwb-001-clean.xlsx"
    before = read(source)
    placement = compute_placement(v0_1_0().sheets, table_sizes(before))
    operations = _operations(placement, before)
    jobs = [{"source": source, "target": tmp_path / f"{name}.xlsx", "operations": operations[name]}
            for name in ("blank_rows_and_moved_tables", "tabs_and_columns")]
    edit(jobs)
    for job in jobs:
        assert _typed(read(job["target"])) == _typed(before), job["target"].name
