"""The BCF project plan (2017-2019): read, write, check and track its milestones.

    from bcf_workbook import plan
    project = plan.read("samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx")
    report = plan.check(project, as_of=datetime.date(2018, 1, 1))
    print(plan.render(report, "text"))           # or json, markdown, html
    print(plan.export(project))                  # the plan as JSON
    plan.write(project, "plan.xlsx")                 # status date: today
    plan.template("blank-plan.xlsx")

Specified in ``project-plan-2017-19.md``; the objects are in :mod:`._model`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .._output import strict_json
from ..model import Unreadable
from ._benefits import Figure, figures
from ._checks import HIGH_IMPACT_CHANGES, RULES, Coverage
from ._milestones import read_timescale, with_milestones
from ._model import FocusArea, KeyArea, Milestone, Phase, ProjectPlan, Status
from ._reader import PlanWorkbook, read, read_workbook
from ._report import FORMATS, PlanReport, check, render
from ._sample import published_plan
from ._status import status
from ._writer import write

#: The plan round the template is for.
TEMPLATE_YEARS = (2017, 2019)
HIC_FOCUS_NAME = "8 HIGH IMPACT CHANGES FOR MANAGING TRANSFERS OF CARE"


def blank_plan(first_year: int = TEMPLATE_YEARS[0], last_year: int = TEMPLATE_YEARS[1]) -> ProjectPlan:
    """A plan to fill in: no area yet, and the focus area of the eight High
    Impact Changes with a key area for each (the national conditions)."""
    changes = tuple(KeyArea(f"{number}. {change}")
                    for number, (change, _) in enumerate(HIGH_IMPACT_CHANGES, start=1))
    return ProjectPlan(None, first_year, last_year, (FocusArea(1, HIC_FOCUS_NAME, changes),))


def export(plan_or_path: ProjectPlan | str | Path) -> str:
    """The plan (or the plan in the workbook at a path) as JSON text:
    ``ProjectPlan.to_dict()``, which ``ProjectPlan.from_dict`` and ``check`` read back."""
    plan = plan_or_path if isinstance(plan_or_path, ProjectPlan) else read(plan_or_path)
    return strict_json(plan.to_dict(), indent=1, ensure_ascii=False) + "\n"


def template(path: str | Path, as_of: datetime.date | None = None) -> Path:
    """Write the blank plan workbook (:func:`blank_plan`)."""
    return write(blank_plan(), path, as_of)


__all__ = [
    "FORMATS", "HIGH_IMPACT_CHANGES", "RULES", "Coverage", "Figure", "FocusArea", "KeyArea",
    "Milestone", "Phase", "PlanReport", "PlanWorkbook", "ProjectPlan", "Status", "Unreadable",
    "blank_plan", "check", "export", "figures", "published_plan", "read", "read_timescale",
    "read_workbook", "render", "status", "template", "with_milestones", "write",
]
