"""Charts as shapes: the geometry of the HTML report's inline SVG.

Worked out here, drawn by the template (``charts.html.j2``), so that every
label from a file passes through the template's escaping.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from ..layout._units import number

#: The P4P thresholds of the spec (section 2.5): red above 0, green at -3.5% or below.
P4P_THRESHOLDS = ((0.0, "0%: above is red"), (-0.035, "-3.5%: at or below is green"))
WIDTH = 960
#: Up to this many HWBs, each bar is named under the axis.
NAMED_BARS = 20


@dataclasses.dataclass(frozen=True)
class Bar:
    """A rectangle; ``title`` is its tooltip, ``href`` where clicking it goes."""

    x: float
    y: float
    width: float
    height: float
    css: str
    title: str
    href: str = ""


@dataclasses.dataclass(frozen=True)
class Line:
    """A grid, axis or threshold line."""

    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclasses.dataclass(frozen=True)
class Label:
    """A text; ``anchor`` is SVG's text-anchor (start, middle, end)."""

    x: float
    y: float
    text: str
    anchor: str = "start"
    css: str = ""
    #: Degrees, about (x, y).
    rotate: float = 0


@dataclasses.dataclass(frozen=True)
class Chart:
    """Everything one chart draws, in the units of its viewBox."""

    title: str
    height: float
    description: str
    bars: tuple[Bar, ...] = ()
    lines: tuple[Line, ...] = ()
    labels: tuple[Label, ...] = ()
    #: Outliers: a ring drawn around a point and its label.
    rings: tuple[tuple[float, float], ...] = ()
    width: float = WIDTH


@dataclasses.dataclass(frozen=True)
class Point:
    """One HWB in a per-HWB chart."""

    label: str
    value: float
    css: str
    href: str
    outlier: bool = False


def ranked_chart(title: str, points: Sequence[Point], thresholds: Sequence[tuple[float, str]],
                 unit: str = "%") -> Chart:
    """One bar per HWB, smallest value on the left, with threshold lines;
    outliers are ringed and named, and cut at the edge of a scale set by the
    other HWBs so that one wild value does not flatten the rest."""
    named = len(points) <= NAMED_BARS
    top, left, right = 16.0, 64.0, WIDTH - 200.0
    bottom = 236.0 + (90.0 if named else 0.0)
    plot_bottom = 236.0
    usual = [point.value for point in points if not point.outlier] or [p.value for p in points]
    extent = usual + [value for value, _ in thresholds] + [0.0]
    ticks = nice_ticks(min(extent), max(extent))
    low, high = ticks[0], ticks[-1]

    def y(value: float) -> float:
        clipped = min(max(value, low), high)
        return round(plot_bottom - (clipped - low) / ((high - low) or 1) * (plot_bottom - top), 2)

    step = min((right - left) / max(len(points), 1), 48.0)
    bars, labels, rings = [], [], []
    for index, point in enumerate(sorted(points, key=lambda p: p.value)):
        x, centre = left + index * step, round(left + (index + 0.5) * step, 2)
        top_edge, bottom_edge = sorted((y(point.value), y(0.0)))
        bars.append(Bar(round(x + step * 0.1, 2), top_edge, round(max(step * 0.8, 1.0), 2),
                        max(round(bottom_edge - top_edge, 2), 1.0), point.css,
                        f"{point.label}: {number(point.value, unit)}", point.href))
        if point.outlier:
            rings.append((centre, y(point.value)))
            off_scale = ", off the scale" if not low <= point.value <= high else ""
            labels.append(Label(centre + 10, y(point.value) + 4,
                                f"{point.label}: {number(point.value, unit)} (outlier{off_scale})",
                                css="note"))
        if named:
            labels.append(Label(centre, plot_bottom + 14, point.label, "end", rotate=-35))
    lines = [Line(left, y(tick), right, y(tick), "grid") for tick in ticks]
    labels += [Label(left - 6, y(tick) + 4, number(tick, unit), "end") for tick in ticks]
    for value, text in thresholds:
        lines.append(Line(left, y(value), right, y(value), "threshold"))
        labels.append(Label(right + 6, y(value) + 4, text, css="threshold"))
    labels.append(Label((left + right) / 2, bottom + 22,
                        f"{len(points):,} HWBs, from the largest planned reduction to the largest "
                        "increase", "middle", "axis"))
    return Chart(title, bottom + 32, f"{title}: one bar per HWB", tuple(bars), tuple(lines),
                 tuple(labels), tuple(rings))


def grouped_chart(title: str, categories: Sequence[tuple[str, Sequence[float]]],
                  series: Sequence[str], unit: str) -> Chart:
    """Horizontal bars: a group per category (an area of spend, a benefit
    type) named above its bars, a bar per series (a year), each labelled with
    its value."""
    width, left, bar_height, gap = 600.0, 8.0, 14.0, 10.0
    right = width - 120.0
    largest = max((value for _, values in categories for value in values), default=0.0) or 1.0
    group = 16 + bar_height * len(series) + gap
    bars, labels = [], []
    for index, name in enumerate(series):
        bars.append(Bar(left + index * 110, 4, 12, 12, f"series-{index}", name))
        labels.append(Label(left + index * 110 + 16, 14, name))
    for row, (category, values) in enumerate(categories):
        top = 28 + row * group
        labels.append(Label(left, top + 12, category))
        for index, value in enumerate(values):
            y = top + 16 + index * bar_height
            length = max(value, 0.0) / largest * (right - left)
            text = f"{number(value, unit)} {unit}"
            bars.append(Bar(left, y, round(length, 2), bar_height - 2, f"series-{index}",
                            f"{category}, {series[index]}: {text}"))
            labels.append(Label(left + length + 6, y + bar_height - 3, text, css="value"))
    return Chart(title, 28 + len(categories) * group, f"{title}: a bar per {' and '.join(series)}",
                 tuple(bars), (), tuple(labels), width=width)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values that cover [low, high] in about ``count`` steps."""
    span = (high - low) or abs(high) or 1.0
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    tick = first
    while tick < high + step * 0.999:
        ticks.append(round(tick, 12))
        tick += step
    return ticks
