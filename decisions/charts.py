"""Charts drawn on the server: the geometry of a stacked bar chart of decisions per year by
outcome group, which a template turns into SVG. No JavaScript, so a chart works in any
browser, in print and in a screen reader (with its title, description and a table of the same
numbers beside it)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from decisions.models import OutcomeGroup
from decisions.statistics import YearRow

# Each group's colour is in site.css (.group-upheld and so on), not in the markup.
GROUPS = {**dict(OutcomeGroup.choices), "none": "Outcome not recorded"}
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 10, 26  # margins for the axes' labels


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    group: str
    label: str
    count: int


@dataclass(frozen=True)
class Bar:
    year: int
    label_x: float
    total: int
    segments: tuple[Segment, ...]
    counts: tuple[int, ...]  # one for each group in the legend, for the table


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[tuple[str, str], ...]  # (group, label) of each group shown
    baseline: float


def year_chart(years: list[YearRow]) -> Chart | None:
    """Bars for each year, stacked by outcome group; None when there are no dated decisions."""
    if not years:
        return None
    groups = [group for group in GROUPS if any(_count(row, group) for row in years)]
    top = _nice_ceiling(max(row.outcomes.total for row in years))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(years)
    bar_width = max(2.0, slot * 0.7)
    scale = plot_height / top
    bars = []
    for index, row in enumerate(years):
        x = LEFT + index * slot + (slot - bar_width) / 2
        y = TOP + plot_height
        segments = []
        for group in groups:
            count = _count(row, group)
            if count:
                height = count * scale
                y -= height
                segments.append(
                    Segment(round(x, 1), round(y, 1), round(bar_width, 1), round(height, 1),
                            group, GROUPS[group], count)
                )  # fmt: skip
        counts = tuple(_count(row, group) for group in groups)
        middle = round(x + bar_width / 2, 1)
        bars.append(Bar(row.year, middle, row.outcomes.total, tuple(segments), counts))
    ticks = tuple(
        Tick(round(TOP + plot_height - value * scale, 1), value)
        for value in range(0, top + 1, top // 4)
    )
    legend = tuple((group, GROUPS[group]) for group in groups)
    return Chart(WIDTH, HEIGHT, tuple(bars), ticks, legend, TOP + plot_height)


def _count(row: YearRow, group: str) -> int:
    if group == "none":
        return row.outcomes.unrecorded
    return row.outcomes.by_group.get(group, 0)


def _nice_ceiling(value: int) -> int:
    """The top of the axis: four equal steps of a round size, reaching at least `value`."""
    step = max(1, math.ceil(value / 4))
    power = 10 ** (len(str(step)) - 1)
    for multiple in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = multiple * power
        if candidate >= step and candidate == int(candidate):
            return int(candidate) * 4
    return step * 4  # not reached: 10 * power is always at least step
