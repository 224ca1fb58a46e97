"""Two versions of a submission compared, and two rounds of a collection."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from support.collection import (
    changed_plan,
    national_reference,
    set_saved_date,
    submission,
    synthetic_names,
    write_round,
)

from bcf_workbook import check, diff, fix, samples, write
from bcf_workbook._diff_render import render_diff
from bcf_workbook._diff_render import where as _where
from bcf_workbook.diff import Change, RoundDiff, SubmissionDiff, diff_reports
from bcf_workbook.national import BY_SAVED_DATE

PETERBOROUGH = ROOT / "samples" / "peterborough-2014-16.xlsx"

#: Spec section 5: the derived cells the council typed over, and what it typed.
TYPED_OVER = {"metrics.residential_admissions.rate.2013/14": 592.8,
              "metrics.reablement.percent.2013/14": 73.8,
              "metrics.delayed_transfers.rate.Q1 15/16": 1033.3,
              "metrics.delayed_transfers.rate.Q2 15/16": 916.6,
              "metrics.delayed_transfers.rate.Q3 15/16": 813.0,
              "metrics.delayed_transfers.rate.Q4 15/16": 711.7}
#: The published file's own quirk (README, "The template"): its 2014/15 protection total left blank.
LEFT_BLANK = {"summary.protection_total.2014/15": None}


def _cli(*arguments):
    return subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "diff", *map(str, arguments)],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    path = tmp_path_factory.mktemp("fixed") / "peterborough-fixed.xlsx"
    fix(PETERBOROUGH, path)
    return path


def test_the_fixed_file_lists_exactly_the_removed_overrides(fixed):
    compared = diff(PETERBOROUGH, fixed)
    assert isinstance(compared, SubmissionDiff) and compared.changed
    removed = {change.key: change for change in compared.overrides_removed}
    assert {key: change.old for key, change in removed.items()} == TYPED_OVER | LEFT_BLANK
    # What the template's formulas give from the published inputs (spec 2.6, 2.8).
    assert removed["metrics.reablement.percent.2013/14"].new == pytest.approx(50 / 65 * 100)
    assert removed["metrics.residential_admissions.rate.2013/14"].new == pytest.approx(
        155 / 25980 * 100_000)
    assert removed["summary.protection_total.2014/15"].new == 661
    assert removed["metrics.reablement.percent.2013/14"].cell == "D22"
    assert compared.overrides_added == () and compared.inputs == () and compared.findings_new == ()
    assert {finding.keys[0] for finding in compared.findings_resolved} == set(removed)
    # Only derived figures downstream of the removed overrides changed.
    assert set(removed) <= {change.key for change in compared.derived}
    assert all(change.key.startswith(("metrics.", "projections.", "summary.protection_total"))
               for change in compared.derived)


#: A reference as a spreadsheet writes it: a sheet name quoted (quotes doubled
#: inside) or bare, then the cell.
REFERENCE = re.compile(r"('(?:[^']|'')+'|[A-Za-z_][\w.]*)!([A-Z]{1,3}[0-9]+)")


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_cells_are_written_as_a_spreadsheet_user_writes_them(fixed, format):
    """Every reference names a sheet of the file, quoted where its name has
    spaces; those of the removed overrides hold what the council typed (spec 5)."""
    compared = diff(PETERBOROUGH, fixed)
    page = html.unescape(render_diff(compared, format)).replace("\\", "")
    book = openpyxl.load_workbook(PETERBOROUGH)
    references = REFERENCE.findall(page)
    assert len(references) >= len(compared.overrides_removed) + len(compared.derived) + len(
        compared.findings_resolved)
    for sheet, _ in references:
        name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        assert name in book.sheetnames and (" " not in name or sheet.startswith("'")), sheet
    assert "6. HWB Supporting Metrics!" not in page.replace("'6. HWB Supporting Metrics'!", "")
    typed = {}
    for change in compared.overrides_removed:
        [(sheet, cell)] = REFERENCE.findall(_where(change))
        typed[change.key] = book[sheet.strip("'")][cell].value
    assert typed == TYPED_OVER | LEFT_BLANK


def test_figures_as_the_check_report_shows_them(fixed):
    text = render_diff(diff(PETERBOROUGH, fixed), "text")
    # Spec 2.6 and 5: typed 592.8 over 155 / 25,980 x 100,000; 73.8 over 50 / 65 x 100.
    assert f"592.80 per 100,000 (as intended {155 / 25980 * 100_000:,.2f} per 100,000)" in text
    assert f"73.8% (as intended {50 / 65:.1%})" in text
    # Spec 5: the 2014/15 protection total left blank; the template gives 661 (£000).
    assert "blank (as intended 661 (£000)) -> 661 (£000)" in text
    assert not re.search(r"\d\.\d{4}", text), "no figure to more decimals than the check report shows"
    assert "rate per 100,000" not in text and " count" not in text


def test_a_change_that_rounding_would_hide_is_shown_in_full():
    change = Change("projections.reablement.percent.2014/15", "7. Projections", "G40", "Reablement",
                    "%", 69.5, 69.4974359, 69.4974359, 69.4974359)
    compared = SubmissionDiff("Peterborough", "old.xlsx", "new.xlsx", (), (change,), (), (), (), (), (),
                              ())
    text = render_diff(compared, "text")
    assert "69.5% (as intended 69.4974359%) -> 69.4974359%" in text


def test_a_file_against_itself_has_no_change(fixed):
    result = _cli(fixed, fixed)
    assert result.returncode == 0 and "no change" in result.stdout
    result = _cli(PETERBOROUGH, fixed, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert len(data["overrides_removed"]) == 7 and data["changed"] is True


def test_inputs_changed_by_label_and_cell(reference, tmp_path):
    base = samples.sample("clean", reference)
    name = "<img src=x onerror=alert(1)>"
    scheme = dataclasses.replace(base.expenditure[1], name=name)
    changed = write(dataclasses.replace(base, expenditure=(base.expenditure[0], scheme,
                                                           *base.expenditure[2:])),
                    tmp_path / "changed.xlsx", reference=reference)
    compared = diff_reports(check(base, reference), check(changed, reference))
    [change] = compared.inputs
    assert (change.key, change.old, change.new) == ("expenditure.1.name", base.expenditure[1].name,
                                                    name)
    assert change.label == "Scheme row 2, Scheme name"
    assert openpyxl.load_workbook(changed)[change.sheet][change.cell].value == name
    page = render_diff(compared, "html")
    assert "&lt;img src=x" in page and "<img src=x" not in page
    assert "\\<img" in render_diff(compared, "markdown")


def test_a_file_and_a_folder_are_not_compared(tmp_path):
    result = _cli(PETERBOROUGH, tmp_path)
    assert result.returncode == 2 and "folder" in result.stderr and "Traceback" not in result.stderr


def test_a_path_that_does_not_exist_is_named(tmp_path):
    for old, new in ((ROOT / "samples", tmp_path / "missing"), (tmp_path / "gone.xlsx", PETERBOROUGH)):
        result = _cli(old, new)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        missing = old if old.name == "gone.xlsx" else new
        assert result.stderr.strip().endswith(f"{missing}: no such file or folder"), result.stderr


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """Round 1: ten HWBs. Round 2, files named otherwise: five changed their
    plans, one sent nothing, one sent a draft and then its final file, the
    rest sent the same again."""
    folder = tmp_path_factory.mktemp("rounds")
    reference = national_reference(folder / "reference", count=11)
    names = synthetic_names(reference)[:10]
    first = {name: submission(reference, name) for name in names}
    write_round(folder / "round-1", reference, {f"r1-{name[-3:]}": s for name, s in first.items()})
    changed, removed, duplicated = names[:5], names[5], names[6]
    second = {f"second-{name[-3:]}": changed_plan(s, 0.97) if name in changed else s
              for name, s in first.items() if name != removed}
    second[f"draft-{duplicated[-3:]}"] = changed_plan(first[duplicated], 1.2)
    write_round(folder / "round-2", reference, second)
    set_saved_date(folder / "round-2" / f"second-{duplicated[-3:]}.xlsx", "2014-09-19T16:00:00Z")
    set_saved_date(folder / "round-2" / f"draft-{duplicated[-3:]}.xlsx", "2014-09-10T16:00:00Z")
    return folder, reference, names, changed, removed, duplicated


def test_a_second_round_reported_as_such(rounds):
    folder, reference, names, changed, removed, duplicated = rounds
    compared = diff(folder / "round-1", folder / "round-2", reference)
    assert isinstance(compared, RoundDiff) and compared.changed
    assert sorted(item.hwb for item in compared.resubmitted) == changed
    assert [hwb for hwb, _ in compared.missing] == [removed]
    assert sorted(compared.unchanged) == sorted(set(names) - set(changed) - {removed})
    assert compared.added == ()
    [duplicate] = compared.duplicates
    assert duplicate.hwb == duplicated and duplicate.basis == BY_SAVED_DATE
    assert duplicate.counted.endswith(f"second-{duplicated[-3:]}.xlsx")
    for item in compared.resubmitted:
        assert {change.key for change in item.inputs} == {
            f"p4p.numerator.{quarter}" for quarter in
            ("Q4 14/15", "Q1 15/16", "Q2 15/16", "Q3 15/16", "Q4 15/16")}
        assert Path(item.old_file).parent.name == "round-1"


def test_the_rounds_in_every_format(rounds, tmp_path):
    folder, reference, _, changed, removed, _ = rounds
    result = _cli(folder / "round-1", folder / "round-2", "--reference", folder / "reference",
                  "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert [item["hwb"] for item in data["missing"]] == [removed]
    assert sorted(item["hwb"] for item in data["resubmitted"]) == changed
    for format in ("text", "markdown", "html"):
        page = _cli(folder / "round-1", folder / "round-2", "--reference", folder / "reference",
                    "--format", format).stdout
        assert removed in page and all(name in page for name in changed)
    same = _cli(folder / "round-1", folder / "round-1", "--reference", folder / "reference")
    assert same.returncode == 0


def test_a_resubmission_that_resolves_a_problem(reference, tmp_path):
    old = samples.sample("peterborough", reference)
    resubmitted = dataclasses.replace(old, p4p=dataclasses.replace(
        old.p4p, rationale="Plans agreed with the CCGs; see the narrative."))
    compared = diff(write(old, tmp_path / "old.xlsx", reference=reference),
                    write(resubmitted, tmp_path / "new.xlsx", reference=reference), reference)
    assert [change.key for change in compared.inputs] == ["p4p.rationale"]
    assert [finding.code for finding in compared.findings_resolved] == ["rationale-missing"]
    assert "rationale-missing" in render_diff(compared, "text")


def test_two_hwbs_files_compared_say_so_in_every_format():
    compared = diff(PETERBOROUGH, ROOT / "samples" / "synthetic-hwb-001-clean.xlsx")
    assert (compared.old_hwb, compared.hwb) == ("Peterborough", "Synthetic HWB 001")
    for report_format in ("text", "markdown", "html"):
        assert "two HWBs' files compared (Peterborough before" in html.unescape(
            render_diff(compared, report_format)), report_format
    assert json.loads(render_diff(compared, "json"))["old_hwb"] == "Peterborough"
    assert diff(PETERBOROUGH, PETERBOROUGH).old_hwb is None


def test_a_round_names_the_project_plans_it_does_not_compare(tmp_path):
    for round_ in ("one", "two"):
        (tmp_path / round_).mkdir()
        for sample in ("peterborough-2014-16.xlsx", "peterborough-cambridgeshire-project-plan-2017-19.xlsx"):
            (tmp_path / round_ / sample).write_bytes((ROOT / "samples" / sample).read_bytes())
    compared = diff(tmp_path / "one", tmp_path / "two")
    assert [Path(file).name for file in compared.left_out] == [
        "peterborough-cambridgeshire-project-plan-2017-19.xlsx"]
    assert compared.unchanged == ("Peterborough",) and not compared.changed
    assert "plan check" in render_diff(compared, "text")
