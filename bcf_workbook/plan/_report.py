"""A plan's status report: findings, milestones as of a date, the High Impact
Changes and the quantified benefits, as text, JSON, Markdown or HTML."""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from .._output import strict_json
from ..errors import SubmissionDataError, WorkbookError
from ..findings import Finding, Severity, cell_references, severity_counts
from ._benefits import Figure, figures
from ._checks import Coverage, coverage, day, describe, run_checks
from ._layout import Placement, placement_for
from ._model import Milestone, Placed, ProjectPlan, Status
from ._reader import PlanWorkbook, read_workbook
from ._status import status
from ._timeline import timeline_svg

FORMATS = ("text", "json", "markdown", "html")


@dataclasses.dataclass(frozen=True)
class MilestoneStatus:
    key_area: str
    milestone: Milestone
    status: Status | None
    after_period: bool

    def to_dict(self) -> dict[str, Any]:
        milestone = self.milestone
        return {"key_area": self.key_area, "milestone": describe(milestone),
                "start": _iso(milestone.start), "end": _iso(milestone.end),
                "status": self.status.value if self.status else None,
                "after_period": self.after_period,
                "unreadable": milestone.unreadable.text if milestone.unreadable else None}


@dataclasses.dataclass(frozen=True)
class QuantifiedBenefit:
    key_area: str
    text: str
    figures: tuple[Figure, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key_area": self.key_area, "text": self.text,
                "figures": [figure.to_dict() for figure in self.figures]}


@dataclasses.dataclass(frozen=True)
class PlanReport:
    file: str | None
    plan: ProjectPlan
    as_of: datetime.date
    findings: tuple[Finding, ...]
    milestones: tuple[MilestoneStatus, ...]
    high_impact_changes: tuple[Coverage, ...]
    benefits: tuple[QuantifiedBenefit, ...]

    def count(self, severity: Severity) -> int:
        return sum(finding.severity is severity for finding in self.findings)

    def reaches(self, severity: Severity) -> bool:
        """True when a finding is at least as severe as ``severity``."""
        return any(finding.severity.rank >= severity.rank for finding in self.findings)

    def statuses(self) -> dict[str, int]:
        return {state.value: sum(item.status is state for item in self.milestones)
                for state in Status}

    def to_dict(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "file": self.file, "title": plan.title, "as_of": self.as_of.isoformat(),
            "period": {"start": plan.period_start.isoformat(), "end": plan.period_end.isoformat()},
            "summary": {"findings": {severity.value: self.count(severity) for severity in Severity},
                        "milestones": self.statuses(),
                        "undated": sum(item.status is None for item in self.milestones),
                        "high_impact_changes_listed":
                            sum(bool(item.key_areas) for item in self.high_impact_changes)},
            "high_impact_changes": [{"change": item.change, "key_areas": list(item.key_areas)}
                                    for item in self.high_impact_changes],
            "milestones": [item.to_dict() for item in self.milestones],
            "benefits": [item.to_dict() for item in self.benefits],
            "findings": [finding.to_dict() for finding in self.findings],
        }


def check(plan_or_path: ProjectPlan | PlanWorkbook | str | Path,
          as_of: datetime.date | None = None) -> PlanReport:
    """The report on a plan, on a workbook already read, or on the workbook (or
    the JSON export) at a path, as of ``as_of`` (default: today)."""
    as_of = as_of or datetime.date.today()
    if isinstance(plan_or_path, ProjectPlan):
        return report(plan_or_path, as_of, placement_for(plan_or_path), None)
    if not isinstance(plan_or_path, PlanWorkbook) and Path(plan_or_path).suffix.lower() == ".json":
        plan = _plan_from_json(Path(plan_or_path))
        return report(plan, as_of, placement_for(plan), str(plan_or_path))
    workbook = plan_or_path if isinstance(plan_or_path, PlanWorkbook) else read_workbook(plan_or_path)
    return report(workbook.plan, as_of, workbook.placement, workbook.path)


def report(plan: ProjectPlan, as_of: datetime.date, placement: Placement,
           file: str | None) -> PlanReport:
    findings = run_checks(plan, as_of, placement)
    return PlanReport(file, plan, as_of, findings,
                      tuple(_milestone_status(placed, plan, as_of) for placed in plan.milestones()),
                      coverage(plan), _benefits(plan))


def _plan_from_json(path: Path) -> ProjectPlan:
    try:
        return ProjectPlan.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        raise WorkbookError(f"cannot be read as JSON ({error})", file=path) from None
    except SubmissionDataError as error:
        raise SubmissionDataError(error.detail, file=path) from None


def _milestone_status(placed: Placed, plan: ProjectPlan, as_of: datetime.date) -> MilestoneStatus:
    milestone = placed.milestone
    assert milestone is not None
    after = milestone.last_day is not None and milestone.last_day > plan.period_end
    return MilestoneStatus(placed.key_area.name, milestone, status(milestone, as_of), after)


def _benefits(plan: ProjectPlan) -> tuple[QuantifiedBenefit, ...]:
    return tuple(QuantifiedBenefit(placed.key_area.name, text, found)
                 for placed in plan.key_areas() for text in placed.key_area.benefits
                 if (found := figures(text)))


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- renderers -----------------------------------------------------------------------

def render(report: PlanReport, format: str) -> str:
    renderers: dict[str, Callable[[PlanReport], str]] = {
        "text": render_text, "json": render_json, "markdown": render_markdown,
        "html": render_html}
    return renderers[format](report)


def render_json(report: PlanReport) -> str:
    return strict_json(report.to_dict(), ensure_ascii=False, indent=1) + "\n"


def _headline(report: PlanReport) -> str:
    return f"{report.file or report.plan.title} as of {day(report.as_of)}: {severity_counts(report.findings)}"


def _hic_line(report: PlanReport) -> str:
    listed = sum(bool(item.key_areas) for item in report.high_impact_changes)
    return f"High Impact Changes: {listed} of {len(report.high_impact_changes)} listed"


def _status_line(report: PlanReport) -> str:
    undated = sum(item.status is None for item in report.milestones)
    return (f"Milestones: {len(report.milestones)}; " +
            ", ".join(f"{number} {state.lower()}" for state, number in report.statuses().items()) +
            f", {undated} without a date")


def render_text(report: PlanReport) -> str:
    lines = [_headline(report), _status_line(report), _hic_line(report)]
    lines += [f"  {'✓' if item.key_areas else '✗'} {item.change}"
              + (f": {'; '.join(item.key_areas)}" if item.key_areas else ": not listed")
              for item in report.high_impact_changes]
    lines.append("Findings:")
    for finding in report.findings:
        lines.append(f"  {finding.severity.value:<7} {finding.code:<26} {_where(finding)}: {finding.message}")
    lines.append("Quantified benefits:")
    for benefit in report.benefits:
        lines.append(f"  {benefit.key_area}: " + ", ".join(str(figure) for figure in benefit.figures))
    return "\n".join(lines) + "\n"


def _where(finding: Finding) -> str:
    """The finding's cells as a spreadsheet user writes them, as the Part 2 reports do."""
    return ", ".join(cell_references(finding))


def _markdown_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    for character in "\\|*_`<>[]":
        text = text.replace(character, "\\" + character)
    return text.replace("\n", " ")


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(_markdown_cell(value) for value in row) + " |" for row in rows)]


def render_markdown(report: PlanReport) -> str:
    lines = [f"# {_markdown_cell(report.plan.title)}", "",
             f"Status as of {day(report.as_of)}: {severity_counts(report.findings)}.", "",
             _status_line(report) + ".",
             "", f"## {_hic_line(report)}", ""]
    lines += _table(("Change", "Key area"), [(item.change, "; ".join(item.key_areas) or "not listed")
                                            for item in report.high_impact_changes])
    lines += ["", "## Findings", ""]
    lines += _table(("Severity", "Code", "Where", "Finding"), [
        (finding.severity.value, finding.code, _where(finding), finding.message)
        for finding in report.findings])
    lines += ["", "## Quantified benefits", ""]
    lines += _table(("Key area", "Figures", "Benefit"), [
        (benefit.key_area, ", ".join(str(figure) for figure in benefit.figures), benefit.text)
        for benefit in report.benefits])
    return "\n".join(lines) + "\n"


_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("bcf_workbook.plan", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
    undefined=jinja2.StrictUndefined)


def render_html(report: PlanReport) -> str:
    template = _ENVIRONMENT.get_template("plan-report.html.j2")
    # Safe: the drawing escapes every text it holds (_timeline).
    timeline = markupsafe.Markup(timeline_svg(report.plan, report.as_of))  # noqa: S704
    return template.render(report=report, hic_line=_hic_line(report),
                           status_line=_status_line(report), severities=list(Severity),
                           timeline=timeline, day=day, where=_where)
