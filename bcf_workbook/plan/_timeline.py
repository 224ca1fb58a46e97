"""The plan's timeline as an inline SVG drawing: a bar for each dated
milestone, coloured by its status, months across, the plan period shaded and
the status date marked. Self-contained: no fonts, scripts or images to fetch."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from html import escape

from ._checks import day, describe, reversed_range
from ._layout import BAR_COLOURS, OUTSIDE_PERIOD_FILL
from ._model import Milestone, Phase, ProjectPlan
from ._status import status, timeline_months

LABEL_WIDTH, MONTH_WIDTH, ROW_HEIGHT, HEADER_HEIGHT = 440, 14, 16, 34
LABEL_CHARACTERS = 72
MARKER_COLOUR = "#000000"
FONT = "font-family:Arial,Helvetica,sans-serif;font-size:11px"


def timeline_svg(plan: ProjectPlan, as_of: datetime.date) -> str:
    months = timeline_months(plan)
    first = months[0]

    def x(when: datetime.date) -> float:
        index = (when.year - first.year) * 12 + when.month - first.month
        length = calendar.monthrange(when.year, when.month)[1]
        return LABEL_WIDTH + (index + (when.day - 1) / length) * MONTH_WIDTH

    def x_after(when: datetime.date) -> float:
        return x(when + datetime.timedelta(days=1))

    rows: list[str] = []
    y = HEADER_HEIGHT
    heading: tuple[str, str | None] | None = None
    for placed in plan.milestones():
        milestone = placed.milestone
        assert milestone is not None
        if not milestone.dated or reversed_range(milestone):
            continue
        if heading is None or placed.key_area.name != heading[0]:
            rows.append(_label(4, y, placed.key_area.name, "font-weight:bold"))
            y += ROW_HEIGHT
            heading = (placed.key_area.name, None)
        if milestone.sub_project and milestone.sub_project != heading[1]:
            rows.append(_label(14, y, milestone.sub_project, "font-style:italic"))
            y += ROW_HEIGHT
            heading = (heading[0], milestone.sub_project)
        state = status(milestone, as_of)
        hint = (f"{placed.key_area.name}: {describe(milestone)}: {day(milestone.start)} – "
                f"{day(milestone.end)} ({state.value if state else 'no status'})")
        indent = 24 if milestone.sub_project else 14
        rows.append(_label(indent, y, _own_label(milestone)) +
                    _mark(x, x_after, milestone, y, BAR_COLOURS.get(state, BAR_COLOURS[None]), hint))
        y += ROW_HEIGHT
    width = LABEL_WIDTH + len(months) * MONTH_WIDTH + 10
    period = (x(plan.period_start), x_after(plan.period_end))
    background = [
        f'<rect x="{LABEL_WIDTH}" y="{HEADER_HEIGHT}" width="{len(months) * MONTH_WIDTH}" '
        f'height="{y - HEADER_HEIGHT}" fill="{OUTSIDE_PERIOD_FILL}"/>',
        f'<rect x="{period[0]:.1f}" y="{HEADER_HEIGHT}" width="{period[1] - period[0]:.1f}" '
        f'height="{y - HEADER_HEIGHT}" fill="#FFFFFF"/>',
        *_month_grid(months, y),
    ]
    today = x(as_of)
    marker = (f'<line x1="{today:.1f}" y1="{HEADER_HEIGHT - 4}" x2="{today:.1f}" y2="{y}" '
              f'stroke="{MARKER_COLOUR}" stroke-width="2" '
              f'stroke-dasharray="4 2"><title>Status date {day(as_of)}</title></line>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{y + 4}" '
            f'viewBox="0 0 {width} {y + 4}" aria-label="Timeline of the milestones">'
            + "".join(background) + "".join(rows) + marker + "</svg>")


def _month_grid(months: list[datetime.date], bottom: int) -> list[str]:
    lines = []
    for index, month in enumerate(months):
        left = LABEL_WIDTH + index * MONTH_WIDTH
        lines.append(f'<line x1="{left}" y1="{HEADER_HEIGHT}" x2="{left}" y2="{bottom}" '
                     f'stroke="#D9D9D9" stroke-width="{1.5 if month.month == 1 else 0.5}"/>')
        initial = f"{month:%b}"[0]
        lines.append(f'<text x="{left + MONTH_WIDTH / 2}" y="{HEADER_HEIGHT - 4}" '
                     f'text-anchor="middle" style="{FONT};font-size:9px">{initial}</text>')
        if month.month == 1 or index == 0:
            lines.append(f'<text x="{left + 2}" y="14" style="{FONT};font-weight:bold">'
                         f'{month.year}</text>')
    return lines


def _label(left: int, top: int, text: str, style: str = "") -> str:
    return f'<text x="{left}" y="{top + 12}" style="{FONT};{style}">{escape(_short(text))}</text>'


def _own_label(milestone: Milestone) -> str:
    """A milestone's label under its key area and sub-project headings."""
    phase = milestone.phase.value if isinstance(milestone.phase, Phase) else None
    return " – ".join(part for part in (phase, milestone.description) if part) or "milestone"


def _mark(x: Callable[[datetime.date], float], x_after: Callable[[datetime.date], float],
          milestone: Milestone, top: int, colour: str, hint: str) -> str:
    """A bar over a range; a diamond on the day for a milestone due on one day."""
    first, last = milestone.first_day, milestone.last_day
    assert first is not None and last is not None
    title = f"<title>{escape(hint)}</title>"
    if milestone.start is None or first == last:
        centre, middle, size = x_after(last), top + ROW_HEIGHT / 2, ROW_HEIGHT / 2 - 2
        points = (f"{centre:.1f},{middle - size} {centre + size:.1f},{middle} "
                  f"{centre:.1f},{middle + size} {centre - size:.1f},{middle}")
        return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'
    left = x(first)
    return (f'<rect x="{left:.1f}" y="{top + 3}" width="{max(x_after(last) - left, 3):.1f}" '
            f'height="{ROW_HEIGHT - 6}" fill="{colour}">{title}</rect>')


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[:LABEL_CHARACTERS - 1] + "…"
