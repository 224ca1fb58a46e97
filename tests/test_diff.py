"""Two versions of a submission compared, and two rounds of a collection."""

from __future__ import annotations

import dataclasses
import json
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
from bcf_workbook.diff import RoundDiff, SubmissionDiff, diff_reports
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
