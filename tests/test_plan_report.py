"""The plan's status report in every format, the HTML rendered by headless
Chromium, and the `plan` commands."""

from __future__ import annotations

import datetime
import html
import json
import os
import re
import shutil
import subprocess
from xml.etree import ElementTree

import openpyxl
import pytest
from conftest import ROOT
from test_plan_workbook import SAMPLE

from bcf_workbook.checks import check as check_part2
from bcf_workbook.cli import main
from bcf_workbook.plan import check, export, published_plan, read, render

AS_OF = datetime.date(2018, 1, 1)
SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report():
    return check(SAMPLE, AS_OF)


def _svg(html):
    return ElementTree.fromstring(re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0))


def test_html_is_self_contained_with_the_timeline_inline(report):
    html = render(report, "html")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", html)
    assert "<script" not in html and "@import" not in html
    drawing = _svg(html)
    marks = drawing.findall(f"{SVG}rect[{SVG}title]") + drawing.findall(f"{SVG}polygon")
    dated = [item for item in report.milestones if item.milestone.dated]
    assert len(marks) == len(dated) == 48
    overdue = [mark for mark in marks if mark.get("fill") == "#C00000"]
    assert len(overdue) == 28  # the published plan's overdue milestones on 1/1/2018 (test_plan_checks)
    assert "Status date 01/01/2018" in ElementTree.tostring(drawing, encoding="unicode")


def test_html_escapes_the_plan_text(tmp_path):
    from bcf_workbook.plan import FocusArea, KeyArea, Milestone, ProjectPlan
    plan = ProjectPlan("<b>Area</b>", 2017, 2019, (FocusArea(1, "F", (KeyArea(
        "<script>alert(1)</script>", milestones=(Milestone("a & b", end=AS_OF),)),)),))
    html = render(check(plan, AS_OF), "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    _svg(html)  # still well-formed


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="Chromium is not installed")
def test_chromium_renders_the_html_report(report, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    picture = tmp_path / "report.png"
    subprocess.run([CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    f"--screenshot={picture}", "--window-size=1400,1000", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    header = picture.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (1400, 1000)
    assert picture.stat().st_size > 50_000  # a page of text and bars, not a blank screen


def test_json_report_is_the_stable_contract(report):
    data = json.loads(render(report, "json"))
    assert list(data) == ["file", "title", "as_of", "period", "summary", "high_impact_changes", "milestones",
                          "benefits", "findings"]
    assert data["as_of"] == "2018-01-01" and data["period"] == {"start": "2017-04-01", "end": "2019-03-31"}
    assert data["summary"]["findings"] == {"error": 9, "warning": 32, "info": 20}
    assert data["summary"]["milestones"]["Overdue"] == 28
    falls = next(item for item in data["benefits"] if item["text"].startswith("5%-10%"))
    assert falls["figures"] == [{"value": 5.0, "high": 10.0, "unit": "%", "text": "5%-10%"}]


def test_markdown_report(report):
    markdown = render(report, "markdown")
    assert markdown.startswith("# Peterborough & Cambridgeshire 2017 - 2019 BCF Project Plan\n")
    assert "## High Impact Changes: 8 of 8 listed" in markdown
    assert "| Trusted assessors | 6. Trusted Assessors |" in markdown
    assert "| error | plan-accountable-missing | 'Project Plan'!E13 |" in markdown


def test_cells_are_written_as_a_spreadsheet_user_writes_them(report):
    """'Project Plan' (spec plan 3) has a space: a spreadsheet quotes it. The
    reference points at the accountability of the key area the finding names."""
    sheet = openpyxl.load_workbook(SAMPLE)["Project Plan"]
    for format in ("text", "markdown", "html"):
        page = html.unescape(render(report, format))
        assert "'Project Plan'!E13" in page and not re.search(r"(?<!')Project Plan!", page), format
    finding = next(f for f in report.findings if f.code == "plan-accountable-missing")
    assert finding.cells == ("E13",) and sheet["E3"].value == "Accountability"
    assert sheet["A13"].value in finding.message and not str(sheet["E13"].value or "").isalpha()


def test_counts_and_messages_read_as_the_part2_reports_do(report):
    text = render(report, "text")
    # The severities are named as `check` names them: error, warning, info (README, JSON contract).
    assert text.splitlines()[0].endswith(": 9 errors, 32 warnings, 20 info")
    assert "notes" not in render(report, "markdown") and "note" not in text.splitlines()[0]
    # Part 2 messages are sentences; so are the plan's.
    part2 = check_part2(ROOT / "samples" / "peterborough-2014-16.xlsx")
    assert all(finding.message.endswith(".") for finding in part2.findings)
    assert report.findings and all(finding.message.endswith(".") for finding in report.findings)


def test_plan_template_and_export_commands(tmp_path, capsys):
    out = tmp_path / "blank.xlsx"
    assert main(["plan", "template", str(out)]) == 0
    # Nothing typed yet: information only, as for a blank Part 2 template.
    assert main(["plan", "check", str(out), "--format", "markdown", "-o", str(tmp_path / "r.md")]) == 0
    assert "does not list" not in (tmp_path / "r.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["plan", "export", str(SAMPLE)]) == 0
    exported = capsys.readouterr().out
    assert exported == export(SAMPLE) and json.loads(exported) == read(SAMPLE).to_dict()
    (tmp_path / "plan.json").write_text(exported, encoding="utf-8")
    assert main(["plan", "check", str(tmp_path / "plan.json"), "--as-of", "2018-01-01", "--format",
                 "json"]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["milestones"]["Overdue"] == 28


def test_command_errors_are_one_line(tmp_path, capsys):
    assert main(["plan", "check", str(tmp_path / "missing.xlsx")]) == 2
    assert capsys.readouterr().err.strip().endswith("missing.xlsx: no such file or folder")
    bad = tmp_path / "plan.json"
    bad.write_text('{"area": 1}', encoding="utf-8")
    assert main(["plan", "check", str(bad)]) == 2
    assert "plan.json: not a project plan" in capsys.readouterr().err
    assert main(["plan", "export", str(SAMPLE), "-o", str(SAMPLE)]) == 2
    assert "refusing to write over an input file" in capsys.readouterr().err


def test_published_plan_report_as_text():
    text = render(check(published_plan(), AS_OF), "text")
    assert text.startswith("Peterborough & Cambridgeshire 2017 - 2019 BCF Project Plan as of 01/01/2018: "
                           "9 errors, 32 warnings, 20 info\n")
    assert "  ✓ Trusted assessors: 6. Trusted Assessors" in text
    assert "Ageing Well: Atrial Fibrillation: 381 patients, 10 strokes, 1 stroke, 25 patients" in text
