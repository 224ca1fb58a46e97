"""The checks of spec section 4, as findings with stable codes.

Each rule is declared next to the check that raises it; ``RULES`` lists them
all for the common catalogue (docs/checks.md). A check is a function of the
:class:`Context` that yields findings; ``CHECKS`` runs them in order.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..findings import Finding, Rule, Severity
from ..model import Unreadable
from ._layout import Placement
from ._model import KeyArea, Milestone, Phase, Placed, ProjectPlan, Status
from ._status import status

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO
SPEC = "plan 4"


@dataclasses.dataclass(frozen=True)
class Context:
    plan: ProjectPlan
    as_of: datetime.date
    placement: Placement

    def finding(self, rule: Rule, path: str, column: str, message: str,
                expected: Any = None, actual: Any = None) -> Finding:
        return Finding(rule.code, rule.severity, self.placement.sheet_of(path),
                       self.placement.cells(path, column), message, expected, actual, (path,))


def day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else "no date"


def describe(milestone: Milestone) -> str:
    """A milestone as the messages name it: sub-project, phase, description."""
    phase = milestone.phase.value if isinstance(milestone.phase, Phase) else \
        milestone.phase.text if isinstance(milestone.phase, Unreadable) else None
    parts = [part for part in (milestone.sub_project, phase, milestone.description) if part]
    return " – ".join(parts) or "a milestone"


def _where(placed: Placed) -> str:
    return f"'{placed.key_area.name}'"


# --- every key area has an aim, an activity, an accountable body, a dated milestone ---

AIM_MISSING = Rule("plan-aim-missing", E, "A key area without an aim",
                   "The Aim column of a key area is blank.", "Say what the key area aims at.", SPEC)
ACTIVITIES_MISSING = Rule("plan-activities-missing", E, "A key area without activities",
                          "The Activities column of a key area is blank.",
                          "List at least one activity.", SPEC)
ACCOUNTABLE_MISSING = Rule(
    "plan-accountable-missing", E, "A key area without an accountable body",
    "The Accountability column of a key area is blank, or holds no name (only marks such as "
    "'+' or '1').", "Name the board or group accountable for it.", SPEC)
NO_DATED_MILESTONE = Rule(
    "plan-no-dated-milestone", E, "A key area without a dated milestone",
    "None of a key area's milestones has a date that could be read.",
    "Give at least one milestone a date (a day, a month or a range).", SPEC)
_NAME = re.compile(r"[^\W\d_]{2,}")

KEY_AREA_NOT_STARTED = Rule(
    "plan-key-area-not-started", N, "A key area not started",
    "Nothing but the key area's name has been written yet (a plan started from the template); "
    "what it lacks is left out until it is.",
    "Give the key area its aim, activities, accountable body and timescale.", SPEC)


def key_area_contents(ctx: Context) -> Iterator[Finding]:
    for placed in ctx.plan.key_areas():
        key_area = placed.key_area
        if key_area == KeyArea(key_area.name):
            yield ctx.finding(KEY_AREA_NOT_STARTED, placed.path, "aim",
                              f"{_where(placed)} has nothing but its name yet")
            continue
        if not key_area.aim:
            yield ctx.finding(AIM_MISSING, placed.path, "aim", f"{_where(placed)} has no aim")
        if not key_area.activities:
            yield ctx.finding(ACTIVITIES_MISSING, placed.path, "activities",
                              f"{_where(placed)} lists no activity")
        if not _NAME.search(key_area.accountable or ""):
            yield ctx.finding(ACCOUNTABLE_MISSING, placed.path, "accountable",
                              f"{_where(placed)} has no accountable body", actual=key_area.accountable)
        if not any(milestone.dated for milestone in key_area.milestones):
            yield ctx.finding(NO_DATED_MILESTONE, placed.path, "timescale",
                              f"{_where(placed)} has no dated milestone")


# --- dates: ranges the right way round, unreadable and missing dates -------------------

RANGE_REVERSED = Rule("plan-range-reversed", E, "A milestone ends before it starts",
                      "The end date of a milestone is before its start date.",
                      "Correct the start or the end.", SPEC)
DATE_UNREADABLE = Rule(
    "plan-date-unreadable", W, "A date that could not be read",
    "The timescale gives a date that cannot be read (a year cut short, a misspelt month); it is "
    "kept as written and never guessed.", "Write the date in full.", "plan 2, 4")
UNDATED = Rule("plan-milestone-undated", N, "A milestone without a date",
               "A line of the timescale names a milestone but gives it no date.",
               "Give it a date, or leave it as a note.", "plan 2")


def reversed_range(milestone: Milestone) -> bool:
    return milestone.start is not None and milestone.end is not None and milestone.end < milestone.start


def dates(ctx: Context) -> Iterator[Finding]:
    for placed in ctx.plan.milestones():
        milestone = placed.milestone
        assert milestone is not None
        name = f"{_where(placed)}: {describe(milestone)}"
        if reversed_range(milestone):
            yield ctx.finding(RANGE_REVERSED, placed.path, "end",
                              f"{name} runs from {day(milestone.start)} to {day(milestone.end)}",
                              expected=f"on or after {day(milestone.start)}", actual=day(milestone.end))
        elif milestone.unreadable is not None:
            yield ctx.finding(DATE_UNREADABLE, placed.path, "date_as_written",
                              f"{name}: '{milestone.unreadable.text}' is not a date "
                              f"({milestone.unreadable.reason})", actual=milestone.unreadable.text)
        elif not milestone.dated:
            yield ctx.finding(UNDATED, placed.path, "description", f"{name} has no date")


# --- the phases of one project follow each other ---------------------------------------

PHASE_ORDER = Rule("plan-phase-order", W, "Phases out of order",
                   "A project's phase comes after a phase that should follow it (the order is "
                   "Scoping/Design, Contracting/Advertising, Delivery Lead-Time, "
                   "Works/Installation/Commissioning, Practical Completion/\"Go Live\", "
                   "Post-Project Evaluation).", "Put the phases in order.", "plan 2, 4")
PHASE_GAP = Rule("plan-phase-gap", W, "A gap between phases",
                 "More than a day passes between the end of a project's phase and the start of "
                 "the next.", "Close the gap, or say why the project pauses.", SPEC)
PHASE_OVERLAP = Rule("plan-phase-overlap", W, "Phases overlap",
                     "A project's phase starts more than a day before the previous phase ends.",
                     "Make each phase start when the previous one ends.", SPEC)
#: Days that may pass between phases, or that they may share, without a finding.
PHASE_SLACK = 1


def phases(ctx: Context) -> Iterator[Finding]:
    for project in _projects(ctx.plan):
        for before, after in zip(project, project[1:]):
            yield from _phase_pair(ctx, before, after)


def _projects(plan: ProjectPlan) -> Iterator[list[Placed]]:
    """Each project's dated phases, in the order written; a range that ends
    before it starts is left out (it is reported once, as reversed)."""
    projects: dict[tuple[str, str | None], list[Placed]] = {}
    for placed in plan.milestones():
        milestone = placed.milestone
        assert milestone is not None
        if isinstance(milestone.phase, Phase) and milestone.dated and not reversed_range(milestone):
            key_area_path = placed.path.rsplit(".milestones.", 1)[0]
            projects.setdefault((key_area_path, milestone.sub_project), []).append(placed)
    yield from projects.values()


def _phase_pair(ctx: Context, before: Placed, after: Placed) -> Iterator[Finding]:
    first, second = before.milestone, after.milestone
    assert first is not None and second is not None
    assert isinstance(first.phase, Phase) and isinstance(second.phase, Phase)
    name = f"{_where(after)}: {describe(second)}"
    if second.phase.order <= first.phase.order:
        yield ctx.finding(PHASE_ORDER, after.path, "phase",
                          f"{name} comes after {first.phase.value}")
        return
    assert first.last_day is not None and second.first_day is not None
    between = (second.first_day - first.last_day).days - 1
    shared = (first.last_day - second.first_day).days + 1
    if between > PHASE_SLACK:
        yield ctx.finding(PHASE_GAP, after.path, "start",
                          f"{name} starts {day(second.first_day)}, {between} days after "
                          f"{first.phase.value} ends ({day(first.last_day)})", actual=between)
    elif shared > PHASE_SLACK:
        yield ctx.finding(PHASE_OVERLAP, after.path, "start",
                          f"{name} starts {day(second.first_day)}, {shared} days before "
                          f"{first.phase.value} ends ({day(first.last_day)})", actual=shared)


# --- milestones after the plan period ------------------------------------------------------

AFTER_PERIOD = Rule("plan-after-period", N, "A milestone after the plan period",
                    "A milestone runs on after the end of the plan period (31 March of its last "
                    "year).", "Nothing to fix when deliberate (a service live for years); say "
                    "who will report on it after the plan ends.", SPEC)


def after_period(ctx: Context) -> Iterator[Finding]:
    end = ctx.plan.period_end
    for placed in ctx.plan.milestones():
        milestone = placed.milestone
        assert milestone is not None
        if milestone.last_day is not None and milestone.last_day > end:
            yield ctx.finding(AFTER_PERIOD, placed.path, "end",
                              f"{_where(placed)}: {describe(milestone)} runs to "
                              f"{day(milestone.last_day)}, after the plan ends ({day(end)})",
                              expected=f"by {day(end)}", actual=day(milestone.last_day))


# --- the eight High Impact Changes ------------------------------------------------------

HIC_MISSING = Rule("plan-hic-missing", E, "A High Impact Change is missing",
                   "The focus area of the High Impact Changes for managing transfers of care "
                   "does not list one of the eight changes.", "Add a key area for it.", SPEC)
HIC_REPEATED = Rule("plan-hic-repeated", W, "A High Impact Change listed twice",
                    "More than one key area of the High Impact Changes is the same change.",
                    "Merge the key areas, or name each for what it does.", SPEC)
HICS_COMPLETE = Rule("plan-hics-complete", N, "All eight High Impact Changes are listed",
                     "The focus area of the High Impact Changes lists each of the eight changes "
                     "once.", "Nothing to fix.", SPEC)

#: The eight changes and how their names are recognised (by meaning: the
#: published spellings, 'Trusted Asessors', '7 Day Services', are accepted).
HIGH_IMPACT_CHANGES = (
    ("Early discharge planning", r"early\s+discharge|discharge\s+planning"),
    ("Systems to monitor patient flow", r"patient\s+flow|monitor\w*\s+(?:the\s+)?flow"),
    ("Multi-disciplinary/multi-agency discharge teams",
     r"multi\W*(?:disciplinary|agency)|discharge\s+teams?"),
    ("Home first/discharge to assess", r"home\s+first|discharge\s+to\s+assess|\bd2a\b"),
    ("Seven-day services", r"\b(?:7|seven)\W*days?\b"),
    ("Trusted assessors", r"trusted\s+a\w*ss?\w*ors?\b|trusted\s+assess"),
    ("Focus on choice", r"\bchoice\b"),
    ("Enhancing health in care homes", r"care\s+homes?"),
)
_HIC_FOCUS = re.compile(r"high\s+impact\s+changes?", re.IGNORECASE)
HIC_FOCUS_NUMBER = 3


@dataclasses.dataclass(frozen=True)
class Coverage:
    """Which key areas of the plan are each High Impact Change."""

    change: str
    key_areas: tuple[str, ...]


def hic_focus(plan: ProjectPlan) -> int | None:
    """The index of the focus area of the High Impact Changes: by its name, or
    else the one numbered 3."""
    for index, focus in enumerate(plan.focus_areas):
        if _HIC_FOCUS.search(focus.name):
            return index
    return next((index for index, focus in enumerate(plan.focus_areas)
                 if focus.number == HIC_FOCUS_NUMBER), None)


def change_of(name: str) -> str | None:
    """The High Impact Change a key area's name is, if any."""
    words = " ".join(re.sub(r"^\s*\d+\s*[.)]\s*", "", name).replace("-", " ").split())
    return next((change for change, pattern in HIGH_IMPACT_CHANGES
                 if re.search(pattern, words, re.IGNORECASE)), None)


def coverage(plan: ProjectPlan) -> tuple[Coverage, ...]:
    index = hic_focus(plan)
    names = [key_area.name for key_area in plan.focus_areas[index].key_areas] \
        if index is not None else []
    return tuple(Coverage(change, tuple(name for name in names if change_of(name) == change))
                 for change, _ in HIGH_IMPACT_CHANGES)


def high_impact_changes(ctx: Context) -> Iterator[Finding]:
    index = hic_focus(ctx.plan)
    path = f"focus_areas.{index}" if index is not None else "focus_areas"
    where = (f"focus area {ctx.plan.focus_areas[index].number}" if index is not None
             else "no focus area of the High Impact Changes")
    covered = coverage(ctx.plan)
    for item in covered:
        if not item.key_areas:
            yield ctx.finding(HIC_MISSING, path, "name",
                              f"{where} does not list the High Impact Change '{item.change}'",
                              expected=item.change)
        elif len(item.key_areas) > 1:
            yield ctx.finding(HIC_REPEATED, path, "name",
                              f"{where} lists the High Impact Change '{item.change}' "
                              f"{len(item.key_areas)} times: " + "; ".join(item.key_areas),
                              actual=len(item.key_areas))
    if all(len(item.key_areas) == 1 for item in covered):
        yield ctx.finding(HICS_COMPLETE, path, "name",
                          f"{where} lists all eight High Impact Changes, each once")


# --- progress as of the status date ----------------------------------------------------

OVERDUE = Rule("plan-overdue", W, "An overdue milestone",
               "A milestone that is not complete ends before the status date.",
               "Mark it complete (Yes in the Complete column), or re-plan it.", SPEC)
DUE_THIS_MONTH = Rule("plan-due-this-month", N, "A milestone due this month",
                      "A milestone that is not complete ends in the month of the status date.",
                      "Nothing to fix: a reminder.", SPEC)


def progress(ctx: Context) -> Iterator[Finding]:
    for placed in ctx.plan.milestones():
        milestone = placed.milestone
        assert milestone is not None
        now = status(milestone, ctx.as_of)
        name = f"{_where(placed)}: {describe(milestone)}"
        if now is Status.OVERDUE:
            yield ctx.finding(OVERDUE, placed.path, "status",
                              f"{name} was due by {day(milestone.end)} and is not complete",
                              expected=f"by {day(milestone.end)}", actual=now.value)
        elif now is Status.DUE_THIS_MONTH:
            yield ctx.finding(DUE_THIS_MONTH, placed.path, "status",
                              f"{name} is due by {day(milestone.end)}", actual=now.value)


Check = Callable[[Context], Iterator[Finding]]
CHECKS: tuple[Check, ...] = (key_area_contents, dates, phases, after_period, high_impact_changes,
                             progress)
RULES: tuple[Rule, ...] = (
    KEY_AREA_NOT_STARTED, AIM_MISSING, ACTIVITIES_MISSING, ACCOUNTABLE_MISSING, NO_DATED_MILESTONE,
    RANGE_REVERSED, DATE_UNREADABLE, UNDATED, PHASE_ORDER, PHASE_GAP, PHASE_OVERLAP, AFTER_PERIOD,
    HIC_MISSING, HIC_REPEATED, HICS_COMPLETE, OVERDUE, DUE_THIS_MONTH)


def run_checks(plan: ProjectPlan, as_of: datetime.date, placement: Placement) -> tuple[Finding, ...]:
    """Every finding, the most severe first (in plan order within a severity)."""
    ctx = Context(plan, as_of, placement)
    found = [_as_sentence(finding) for check in CHECKS for finding in check(ctx)]
    return tuple(sorted(found, key=lambda finding: -finding.severity.rank))


def _as_sentence(finding: Finding) -> Finding:
    """The finding with its message ending in a full stop, as the Part 2
    checks' messages do (a plan's report, its workbook and a batch show both)."""
    if finding.message.endswith((".", "?", "!")):
        return finding
    return dataclasses.replace(finding, message=finding.message + ".")
