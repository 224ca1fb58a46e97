"""A self-contained HTML report: no external assets, readable on screen and in print."""

from __future__ import annotations

from typing import Any

import jinja2

from ..batch import BatchReport
from ..findings import Severity
from ._figures import KEY_FIGURES, RATINGS, figure

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("bcf_workbook.render", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
    undefined=jinja2.StrictUndefined)


def render_html(batch: BatchReport) -> str:
    template = _ENVIRONMENT.get_template("report.html.j2")
    return template.render(batch=batch, summary=batch.summary, severities=list(Severity),
                           key_figures=KEY_FIGURES, ratings=RATINGS, figure=figure,
                           title=_title(batch))


def _title(batch: BatchReport) -> Any:
    if len(batch.reports) == 1:
        report = batch.reports[0]
        return f"BCF Part 2 checks: {report.hwb or report.file}"
    return f"BCF Part 2 checks: {len(batch.reports)} submissions"
