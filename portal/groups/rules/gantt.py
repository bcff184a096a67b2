"""The geometry of the timeline picture: bars, milestones, baselines, dependency arrows and
today's line, laid out in SVG units. The template only draws what this computes."""

import calendar
from dataclasses import dataclass, field
from datetime import timedelta

from babel.dates import format_date

LABEL_WIDTH = 280
ROW = 26
HEADER = 44
MONTH_WIDTH = 44  # 3 years of months is 1,584 units: wide, and scrolls sideways


@dataclass
class Row:
    kind: str  # "phase" or "task"
    y: int
    label: str
    task: object = None
    x: float = 0
    width: float = 0
    done_width: float = 0
    overdue: bool = False
    baseline: tuple | None = None  # (x, width)


@dataclass
class Timeline:
    width: float
    height: float
    months: list = field(default_factory=list)  # (x, label, width)
    rows: list = field(default_factory=list)
    arrows: list = field(default_factory=list)  # SVG path data
    today_x: float | None = None


def _month_start(day):
    return day.replace(day=1)


def _next_month(day):
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def layout(tasks, slips, dependencies, day, locale):
    """Lay out ``tasks`` (grouped by phase, in order) with their baseline ``slips``."""
    if not tasks:
        return Timeline(width=LABEL_WIDTH + MONTH_WIDTH * 6, height=HEADER + ROW)
    starts = [t.starts_on for t in tasks] + [s.planned_start for s in slips.values()]
    ends = [t.ends_on for t in tasks] + [s.planned_end for s in slips.values()]
    first = _month_start(min(starts))
    last = _month_start(max(ends))

    def x(moment):
        """Days from the first month, scaled so that each month is MONTH_WIDTH wide."""
        month = _month_start(moment)
        months = (month.year - first.year) * 12 + month.month - first.month
        days = calendar.monthrange(month.year, month.month)[1]
        return LABEL_WIDTH + MONTH_WIDTH * (months + (moment.day - 1) / days)

    timeline = Timeline(width=0, height=0)
    month = first
    while month <= last:
        label = format_date(month, "MMM yy" if month.month != 1 else "MMM yyyy", locale=locale)
        timeline.months.append((x(month), label, MONTH_WIDTH))
        month = _next_month(month)
    timeline.width = LABEL_WIDTH + MONTH_WIDTH * len(timeline.months)

    y, phase, positions = HEADER, object(), {}
    for task in tasks:
        if task.phase != phase:
            phase = task.phase
            if phase:
                timeline.rows.append(Row("phase", y, phase))
                y += ROW
        start, end = x(task.starts_on), x(task.ends_on + timedelta(days=1))
        slip = slips.get(task.id)
        baseline = None
        if slip is not None and (slip.planned_start, slip.planned_end) != (task.starts_on, task.ends_on):
            b_start, b_end = x(slip.planned_start), x(slip.planned_end + timedelta(days=1))
            baseline = (round(b_start, 1), round(b_end - b_start, 1))
        timeline.rows.append(Row(
            "task", y, task.title, task, round(start, 1), round(max(end - start, 2), 1),
            round(max(end - start, 2) * task.percent / 100, 1), task.overdue_on(day), baseline,
        ))
        positions[task.id] = (start, end, y + ROW / 2)
        y += ROW
    for successor_id, predecessor_id in dependencies:
        if successor_id in positions and predecessor_id in positions:
            _, from_x, from_y = positions[predecessor_id]
            to_x, _, to_y = positions[successor_id]
            elbow = max(from_x, to_x - 8) if to_x - 8 > from_x else from_x + 6
            timeline.arrows.append(
                f"M{from_x:.1f},{from_y:.1f} H{elbow:.1f} V{to_y:.1f} H{max(to_x - 1, elbow):.1f}"
            )
    if first <= day <= _next_month(last) - timedelta(days=1):
        timeline.today_x = round(x(day), 1)
    timeline.height = y + 8
    return timeline
