"""Spreadsheet errors, copied tabs and values typed on unused rows, done in LibreOffice
the way a council does them: the engine's "as submitted" equals LibreOffice's own
recalculation cell for cell, and the findings name the cells (issue 10)."""

from __future__ import annotations

import pytest
from support.edit_in_libreoffice import address, edit

from bcf_workbook import calculate, check, read_workbook, write
from bcf_workbook.engine import table_sizes
from bcf_workbook.layout import placement_for
from bcf_workbook.samples import sample

pytestmark = pytest.mark.libreoffice

BENEFITS = "4. HWB Benefits Plan"


@pytest.fixture(scope="module")
def edited(tmp_path_factory, reference):
    folder = tmp_path_factory.mktemp("errors")
    clean = sample("clean", reference)
    source = write(clean, folder / "clean.xlsx", reference=reference)
    placement = placement_for(table_sizes(clean))
    spend_sheet, spend_cell = address(placement, "expenditure.0.expenditure.2015/16")
    _, unit_price_cell = address(placement, "benefits.2014/15.1.unit_price")
    unused = placement.tables["benefits.2015/16"]
    total_column = unused.columns["total"]
    unused_total = f"{chr(ord('A') + total_column)}{unused.first_row + 15 + 1}"
    target = folder / "edited.xlsx"
    edit([{"source": source, "target": target, "operations": [
        {"op": "set", "sheet": spend_sheet, "cell": spend_cell, "formula": "=NA()"},
        {"op": "set", "sheet": BENEFITS, "cell": unit_price_cell, "formula": "=1/0"},
        {"op": "set", "sheet": BENEFITS, "cell": unused_total, "value": 12345},
        {"op": "copy_sheet", "sheet": BENEFITS, "to": f"{BENEFITS} (2)"},
        {"op": "remove_sheet", "sheet": BENEFITS},
    ]}])
    return target, spend_cell, unused_total


def test_as_submitted_equals_libreoffices_recalculation_cell_for_cell(edited):
    workbook = read_workbook(edited[0])
    calculation = calculate(workbook.submission)
    shown = calculation.cells_submitted        # what each cell shows, errors as errors
    differing = {key: (cached, shown.get(key)) for key, cached in workbook.cached.items()
                 if not _same(cached, shown.get(key))}
    assert differing == {}
    # The deleted sheet's references break the Summary's benefits and the Cover, as in
    # LibreOffice; the error typed into the spend spreads to the totals.
    assert calculation.submitted["summary.benefits.total.2014/15"] == "#REF!"
    assert calculation.submitted["expenditure.total.2015/16"] == "#N/A"
    assert calculation.submitted["summary.expenditure.total.2015/16"] == "#N/A"


def _same(cached, ours):
    if isinstance(cached, (int, float)) and isinstance(ours, (int, float)):
        return abs(cached - ours) <= 1e-9 * max(1.0, abs(cached))
    return (cached in ("", None) and ours in ("", None)) or str(cached) == str(ours)


def test_the_findings_name_the_cells_that_hold_the_errors(edited):
    path, spend_cell, unused_total = edited
    findings = check(path).findings
    errors = {finding.cells[0]: finding for finding in findings if finding.code == "error-value"}
    assert spend_cell in errors and "#N/A" in errors[spend_cell].message
    assert "Expenditure (£000) 2015/16" in errors[spend_cell].message
    assert any("#DIV/0!" in finding.message for finding in errors.values())
    typed = [f for f in findings if f.code in ("derived-overwritten", "benefit-total-not-product")
             and f.cells == (unused_total,)]
    assert typed and typed[0].actual == 12345
    assert {f.sheet for f in typed} == {f"{BENEFITS} (2)"}
    # Totals that show an error are not compared with other figures: the error says it.
    assert "spend-not-funding" not in {f.code for f in findings if "2015/16" in f.message}
