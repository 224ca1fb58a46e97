"""LibreOffice, a real spreadsheet application, recalculates what we write
and must find the values we cached, with no formula errors."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, require_libreoffice
from support.cached_values import mismatches, values
from support.random_submissions import random_submission
from support.recalculate import recalculate

from bcf_workbook import write, write_template
from bcf_workbook.cli import main
from bcf_workbook.layout import placement_for
from bcf_workbook.samples import sample

RANDOM_SUBMISSIONS = 20
pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, reference):
    """Every file written once, recalculated by LibreOffice in one call."""
    require_libreoffice()
    folder = tmp_path_factory.mktemp("written")
    written = [write_template(folder / "template-blank.xlsx", reference=reference),
               write_template(folder / "template-peterborough.xlsx", "Peterborough", reference),
               write(sample("peterborough", reference), folder / "peterborough.xlsx",
                     reference=reference),
               write(sample("clean", reference), folder / "clean.xlsx", reference=reference),
               write(sample("peterborough", reference), folder / "peterborough-corrected.xlsx",
                     corrected=True, reference=reference)]
    assert main(["fix", str(ROOT / "samples" / "peterborough-2014-16.xlsx"),
                 str(folder / "peterborough-fixed.xlsx")]) == 0
    written.append(folder / "peterborough-fixed.xlsx")
    rng = random.Random(20141231)
    for number in range(RANDOM_SUBMISSIONS):
        written.append(write(random_submission(rng, reference), folder / f"random-{number}.xlsx",
                             reference=reference))
    written.append(_choose_hwb(folder, reference))
    saved = recalculate(written, tmp_path_factory.mktemp("libreoffice"))
    return dict(zip((path.stem for path in written), zip(written, saved)))


def _choose_hwb(folder: Path, reference) -> Path:
    """The blank template with 'Peterborough' chosen, as a user would in a spreadsheet."""
    blank = folder / "template-blank.xlsx"
    chosen = folder / "template-chosen.xlsx"
    shutil.copy(blank, chosen)
    placement = placement_for({})
    cell = placement.cells["hwb_id.hwb"]
    workbook = openpyxl.load_workbook(chosen)
    workbook[cell.sheet].cell(cell.row + 1, cell.col + 1, "Peterborough")
    workbook.save(chosen)
    return chosen


@pytest.mark.parametrize("name", ["template-blank", "template-peterborough", "peterborough",
                                  "clean", "peterborough-corrected", "peterborough-fixed"])
def test_samples_and_templates_recalculate_to_cached_values(recalculated, name):
    written, saved = recalculated[name]
    assert mismatches(written, saved) == []


def test_random_submissions_recalculate_to_cached_values(recalculated):
    problems = {name: mismatches(*files)[:3] for name, files in recalculated.items()
                if name.startswith("random-")}
    assert len(problems) == RANDOM_SUBMISSIONS
    assert {name: found for name, found in problems.items() if found} == {}


def test_choosing_the_hwb_fills_its_reference_figures(recalculated, reference):
    _, saved = recalculated["template-chosen"]
    _, expected = recalculated["template-peterborough"]
    chosen, wanted = values(saved), values(expected)
    placement = placement_for({})
    prepopulated = [cell for cell in placement if cell.spec.kind.value == "pre-populated"]
    assert len(prepopulated) > 50
    from xlsxwriter.utility import xl_rowcol_to_cell
    for cell in prepopulated:
        at = (cell.sheet, xl_rowcol_to_cell(cell.row, cell.col))
        assert chosen[at] == wanted[at], at
    denominator = placement.cells["p4p.denominator.Q4 15/16"]
    at = (denominator.sheet, xl_rowcol_to_cell(denominator.row, denominator.col))
    assert chosen[at] == reference.get("Peterborough").values["population_all_age.2016"]


def test_the_comparison_notices_a_difference(recalculated):
    written, _ = recalculated["peterborough"]
    _, other = recalculated["clean"]
    assert mismatches(written, other)
