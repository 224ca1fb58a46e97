"""The HTML report without a browser: one self-contained page, the national
overview first, HWBs with errors first, published figures formatted with
their units, findings grouped by code, references as spreadsheets write them.
(tests/test_browser.py renders it in Chromium.)"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT
from support.html_tables import Page

from bcf_workbook.batch import check_many
from bcf_workbook.render import render

SAMPLES = ROOT / "samples"
CATALOGUE = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("round")
    for sample in SAMPLES.glob("*.xlsx"):
        shutil.copy(sample, folder / sample.name)
    (folder / "attachment.xlsx").write_bytes(b"PK\x03\x04 truncated")
    return check_many([folder], workers=1)


@pytest.fixture(scope="module")
def html(batch):
    return render(batch, "html")


@pytest.fixture(scope="module")
def page(html):
    return Page(html)


def test_self_contained(html):
    for external in ("src=", "<link", "@import", "url(", "http://", "https://"):
        assert external not in html
    assert "@page { size: A4 landscape" in html and "@media print" in html


def test_national_overview_comes_first_then_hwbs_then_findings(page):
    order = [page.ids.index(section) for section in ("national", "hwbs", "codes", "details")]
    assert order == sorted(order)


def test_every_money_heading_says_its_unit(page):
    hwb_headings = page.tables["hwb-table"][0]
    for heading in hwb_headings:
        if any(word in heading for word in ("Contributions", "Spend", "saving", "Shortfall")):
            assert re.search(r"\((£|£000)\)", heading), heading
    assert any("(%)" in heading for heading in hwb_headings)
    captions_and_headings = str(page.tables)
    assert "2015/16 (£000)" in captions_and_headings


def test_hwbs_with_errors_first_and_published_figures_formatted(page, batch):
    rows = page.tables["hwb-table"][1:]
    names = [row[0] for row in rows]
    assert names[0].startswith("attachment.xlsx") and "unreadable" in rows[0][2]
    # Then Peterborough's submission (14 errors), the clean submission; the project plan is no HWB.
    assert names[1:] == ["Peterborough", "Synthetic HWB 001"]
    headings = page.tables["hwb-table"][0]
    peterborough = dict(zip(headings, rows[1]))
    # The published Part 2 (spec/published/peterborough-part2-2014.txt): total
    # contribution 10,390, spend 10,746 (£000), P4P change -1.0%, saving 249,000 (£).
    assert peterborough["Contributions 2015/16 (£000)"] == "10,390"
    assert peterborough["Spend 2015/16 (£000)"] == "10,746"
    assert peterborough["P4P change (%)"] == "-1.0%"
    assert peterborough["P4P saving (£)"] == "249,000"
    assert peterborough["P4P"] == "Amber"


def test_findings_grouped_by_code_with_counts(page, html):
    table = page.tables["code-table"]
    assert table[0] == ["Severity", "Code", "What it means", "Findings", "Files"]
    codes = {row[1]: row for row in table[1:]}
    # Spec section 5: Peterborough typed over six derived rates.
    assert int(codes["rate-not-ratio"][3]) + int(codes["derived-overwritten-same"][3]) == 6
    groups = re.findall(r"<code>([a-z0-9-]+)</code>: [^<]* \((\d+) findings?\)", html)
    for code, count in groups:
        assert int(count) == int(codes[code][3])
    assert sum(int(row[3]) for row in codes.values()) == sum(int(c) for _, c in groups)


def test_every_code_is_explained_as_the_catalogue_does(page):
    """The project plan's codes too: docs/checks.md, the published catalogue, gives the titles."""
    catalogue = dict(re.findall(r"^\| `([a-z0-9-]+)` \| \w+ \| ([^|]+) \|", CATALOGUE, re.M))
    rows = page.tables["code-table"][1:]
    assert any(row[1].startswith("plan-") for row in rows)
    for row in rows:
        assert row[2] == catalogue[row[1]].strip() != row[1], row


def test_the_title_counts_the_files_as_the_overview_does(html, page, batch):
    files = len(batch.reports)  # the three samples and the attachment copied into the folder
    assert files == len(list(SAMPLES.glob("*.xlsx"))) + 1
    assert re.search(r"<title>BCF checks: (\d+) files</title>", html)[1] == str(files)
    assert re.search(r"(\d+) files: \d+ checked", html)[1] == str(files)


def test_the_project_plan_has_a_section_of_its_own(page, html):
    # The published plan's title (spec/published/peterborough-cambridgeshire-project-plan-2017-19.txt).
    title = "Peterborough & Cambridgeshire 2017 - 2019 BCF Project Plan"
    assert all(title not in row[0] for row in page.tables["hwb-table"])
    [heading, plan] = page.tables["plan-table"]
    assert heading == ["Plan", "File", "Errors", "Warnings", "Info"]
    assert plan[:2] == [title, "peterborough-cambridgeshire-project-plan-2017-19.xlsx"]
    # Its counts are those of the findings listed in its own section.
    anchor = re.search(r'<a href="#(hwb-\d+)">' + re.escape(title.replace("&", "&amp;")), html)[1]
    section = html[html.index(f'<article id="{anchor}">'):]
    section = section[:section.index("</article>")]
    listed = re.findall(r'<tr class="group"><th colspan="4"><span class="badge (\w+)">.*?\((\d+) findings?\)',
                        section)
    for severity, shown in zip(("error", "warning", "info"), plan[2:]):
        assert int(shown) == sum(int(count) for badge, count in listed if badge == severity) > 0


def test_an_unreadable_file_is_named_once_in_its_section(html):
    section = html[html.index("<h3>attachment.xlsx</h3>"):]
    section = section[:section.index("</article>")]
    assert section.count("attachment.xlsx") == 1 and "unreadable</span> " in section


def test_figures_of_findings_are_formatted(html):
    # The stray number of spec section 5, with thousands separators.
    assert "9,770,401,500" in html and "9770401500" not in html
    assert "596.612779060816" not in html and "596.61" in html


def test_cell_references_as_a_spreadsheet_user_writes_them(html):
    # (tests/test_render.py checks with openpyxl that such references point at the right cells)
    assert re.search(r"&#39;6\. HWB Supporting Metrics&#39;![A-Z]{1,3}[0-9]+", html)
    assert not re.search(r"(?<!&#39;)6\. HWB Supporting Metrics!", html)


def test_a_file_cannot_inject_markup(tmp_path):
    from bcf_workbook.batch import BatchReport
    from bcf_workbook.checks import Report
    batch = BatchReport((Report("<img src=x onerror=alert(1)>.xlsx", "<script>alert(1)</script>",
                                "unreadable", error="\u202e</td><script>"),))
    html = render(batch, "html")
    assert "<script>alert" not in html and "<img" not in html and "</td><script>" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html
    assert "\u202e" not in html and "\\u202e" in html
