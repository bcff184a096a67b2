"""The geometry of the timeline picture: bars, milestones, baselines, dependency arrows, the
axis and today's line, laid out in SVG units for a picture as wide as the page. Every label
is measured here, so that none is cut, none runs off the picture and no two collide; the
template only draws what this computes."""

from dataclasses import dataclass, field
from datetime import timedelta

from babel.dates import format_date
from babel.numbers import format_percent

from ...core.drawing import text_width, wrap

WIDTH = 960  # the page's width at its widest, so that the picture is drawn at its own size there
LABEL_MIN, LABEL_MAX = 160, 300  # the names' column, as wide as the longest name within these
INDENT = 12  # a task's name, under its phase's
GAP = 8
LABEL_SIZE = 14
AXIS_SIZE = 13
MARK_SIZE = 12
LINE = 17  # between the lines of a wrapped name
ROW = 28  # the least height of a row
BAR = 14
DIAMOND = 9  # half a milestone's diamond, across and down
YEARS_Y, MONTHS_Y, TODAY_Y, HEADER = 16, 34, 52, 60
RIGHT = DIAMOND + 3  # room on the right for a diamond at the very end of the plan
# Months between two labels of the axis, tried in turn until the labels fit: months, quarters, half years.
MONTH_STEPS = (1, 3, 6)
# A month's name as dates give it ("Chwef"), then as it stands alone, shorter in Welsh ("Chw").
MONTH_NAMES = ("MMM", "LLL")
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"
    size: int = AXIS_SIZE
    bold: bool = False

    @property
    def left(self):
        width = text_width(self.text, self.size, self.bold)
        return self.x - {"start": 0, "middle": width / 2, "end": width}[self.anchor]

    @property
    def right(self):
        return self.left + text_width(self.text, self.size, self.bold)


@dataclass
class Row:
    kind: str  # "phase" or "task"
    y: float
    height: float
    label: str
    lines: list
    task: object = None
    x: float = 0
    width: float = 0
    done_width: float = 0
    state: str = ""  # "done", "in_progress", "not_started" or "overdue"
    overdue: bool = False
    baseline: tuple | None = None  # (x, width)
    mark: Label | None = None  # the state in words, in the column at the right

    @property
    def middle(self):
        return self.y + self.height / 2

    @property
    def first_line_y(self):
        """Where the name's first line sits, so that all its lines are centred in the row."""
        return round(self.middle - (len(self.lines) - 1) * LINE / 2 + LABEL_SIZE * 0.35, 1)

    @property
    def diamond(self):
        """A milestone's diamond, centred on the end of its last day: left, top, right and bottom."""
        centre, middle = self.x + self.width, self.middle
        return (round(centre - DIAMOND, 1), round(middle - DIAMOND, 1), round(centre + DIAMOND, 1), round(middle + DIAMOND, 1))

    @property
    def left(self):
        return self.diamond[0] if self.task.milestone else self.x

    @property
    def right(self):
        return self.diamond[2] if self.task.milestone else self.x + self.width


@dataclass
class Arrow:
    path: str
    from_id: int
    to_id: int


@dataclass
class Timeline:
    width: float
    height: float
    label_width: float = LABEL_MIN
    axis: list = field(default_factory=list)  # Labels: years, then months
    grid: list = field(default_factory=list)  # (x, True for a year's start)
    rows: list = field(default_factory=list)
    arrows: list = field(default_factory=list)
    today_x: float | None = None
    today: Label | None = None
    marks_x: float = 0  # where the column of states begins


def _month_start(day):
    return day.replace(day=1)


def _next_month(day):
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _months_between(first, month):
    return (month.year - first.year) * 12 + month.month - first.month


def layout(tasks, slips, dependencies, day, locale, words, width=WIDTH):
    """Lay out ``tasks`` (grouped by phase, in order) with their baseline ``slips`` across
    ``width`` units. ``words`` holds the picture's words in the reader's language: the states
    "done", "overdue" and "not_started", "progress" (the states' heading) and "today"."""
    if not tasks:
        return Timeline(width=width, height=HEADER + ROW)
    starts = [t.starts_on for t in tasks] + [s.planned_start for s in slips.values()]
    ends = [t.ends_on for t in tasks] + [s.planned_end for s in slips.values()]
    first, last = _month_start(min(starts)), _month_start(max(ends))
    months = _months_between(first, last) + 1

    names = [text_width(t.title, LABEL_SIZE) + INDENT for t in tasks] + [text_width(t.phase or "", LABEL_SIZE, True) for t in tasks]
    label_width = round(min(max(max(names) + GAP, LABEL_MIN), LABEL_MAX))
    states = {task.id: _state(task, day) for task in tasks}
    marks = {task.id: Label(width - 2, 0, words.get(states[task.id]) or format_percent(task.percent / 100, locale=locale),
                            "end", MARK_SIZE, states[task.id] == "overdue") for task in tasks}
    heading = Label(width - 2, MONTHS_Y, words["progress"], "end", MARK_SIZE, True)
    marks_width = max(text_width(m.text, m.size, m.bold) for m in [*marks.values(), heading]) + 2 * GAP
    start_x = label_width + GAP + 2
    end_x = width - marks_width - RIGHT
    month_width = (end_x - start_x) / months

    def x(moment):
        """Days into the plan, each month as wide as any other."""
        month = _month_start(moment)
        days = (_next_month(month) - month).days
        return start_x + month_width * (_months_between(first, month) + (moment.day - 1) / days)

    timeline = Timeline(width=width, height=0, label_width=label_width, marks_x=round(end_x + RIGHT + GAP / 2, 1))
    _axis(timeline, first, months, month_width, x, locale)
    timeline.axis.append(heading)
    y = HEADER
    phase = object()
    for task in tasks:
        if task.phase != phase:
            phase = task.phase
            if phase:
                lines = wrap(phase, label_width - 4, LABEL_SIZE, bold=True)
                timeline.rows.append(Row("phase", y, _height(lines), phase, lines))
                y += timeline.rows[-1].height
        row = _task_row(task, slips.get(task.id), y, wrap(task.title, label_width - INDENT - 4, LABEL_SIZE), x, states[task.id])
        row.mark = marks[task.id]
        row.mark.y = round(row.middle + MARK_SIZE * 0.35, 1)
        timeline.rows.append(row)
        y += row.height
    timeline.arrows = _arrows(timeline.rows, dependencies)
    if first <= day < _next_month(last):
        timeline.today_x = round(x(day), 1)
        today = Label(timeline.today_x + 4, TODAY_Y, words["today"], size=MARK_SIZE)
        if today.right > end_x + RIGHT:
            today = Label(timeline.today_x - 4, TODAY_Y, words["today"], "end", MARK_SIZE)
        timeline.today = today
    timeline.height = round(y + GAP)
    return timeline


def _height(lines):
    return max(ROW, len(lines) * LINE + 10)


def _state(task, day):
    """What the picture says of a task in words as well as by its pattern."""
    if task.overdue_on(day):
        return "overdue"
    if task.status == "done":
        return "done"
    return "in_progress" if task.percent or task.status == "in_progress" else "not_started"


def _task_row(task, slip, y, lines, x, state):
    start, end = x(task.starts_on), x(task.ends_on + timedelta(days=1))
    length = max(end - start, 2)
    baseline = None
    if slip is not None and (slip.planned_start, slip.planned_end) != (task.starts_on, task.ends_on):
        b_start, b_end = x(slip.planned_start), x(slip.planned_end + timedelta(days=1))
        baseline = (round(b_start, 1), round(b_end - b_start, 1))
    done = length if state == "done" else length * task.percent / 100
    return Row("task", y, _height(lines), task.title, lines, task, round(start, 1), round(length, 1), round(done, 1),
               state, state == "overdue", baseline)


def _arrows(rows, dependencies):
    """Each dependency as a path from the end of the task waited for to the start of the one
    waiting (a milestone's diamond tip, not its date), turning only at right angles."""
    placed = {row.task.id: row for row in rows if row.kind == "task"}
    arrows = []
    for successor_id, predecessor_id in dependencies:
        source, target = placed.get(predecessor_id), placed.get(successor_id)
        if source is None or target is None:
            continue
        from_x, from_y, to_x, to_y = source.right, source.middle, target.left, target.middle
        if to_x - from_x >= 2 * GAP:
            path = f"M{from_x:.1f},{from_y:.1f} H{to_x - GAP:.1f} V{to_y:.1f} H{to_x:.1f}"
        else:
            # The waiting task starts before this one ends: go round, along the edge of its row.
            edge = target.y if target.y > source.y else target.y + target.height
            path = (f"M{from_x:.1f},{from_y:.1f} H{from_x + GAP / 2:.1f} V{edge:.1f} H{to_x - GAP:.1f}"
                    f" V{to_y:.1f} H{to_x:.1f}")
        arrows.append(Arrow(path, predecessor_id, successor_id))
    return arrows


def _axis(timeline, first, months, month_width, x, locale):
    """Years above, months below, each thinned to the fewest labels at which no two meet:
    every month, quarter or half year, then years alone, every one, two, five, ... years."""
    starts = [first]
    for _ in range(months):
        starts.append(_next_month(starts[-1]))
    end_x = x(starts.pop())

    def widest(pattern):
        return max(text_width(format_date(m, pattern, locale=locale), AXIS_SIZE) for m in starts[:12]) + 6

    step, pattern = next(((step, pattern) for step in MONTH_STEPS for pattern in MONTH_NAMES if widest(pattern) <= step * month_width),
                         (None, None))

    def month(m):
        return format_date(m, pattern, locale=locale)

    years_apart = next(
        (step for step in YEAR_STEPS if text_width("0000", AXIS_SIZE, True) + 6 <= step * 12 * month_width), YEAR_STEPS[-1])
    years = [m for m in starts if (m.month == 1 or m == first) and m.year % years_apart == 0]
    timeline.axis = _fitted(years, lambda m: str(m.year), x, end_x, YEARS_Y, True)
    shown = years
    if step is not None:
        shown = [m for m in starts if (m.month - 1) % step == 0]
        timeline.axis += _fitted(shown, month, x, end_x, MONTHS_Y, False)
    timeline.grid = [(round(x(m), 1), m.month == 1) for m in sorted({*shown, *years})] + [(round(end_x, 1), False)]


def _fitted(moments, text, x, end_x, y, bold):
    """A label at each moment that has room for it before the next, or before the axis ends:
    those at either end may be left out, never squeezed."""
    places = [x(m) for m in moments] + [end_x]
    labels = []
    for n, moment in enumerate(moments):
        shown = text(moment)
        if text_width(shown, AXIS_SIZE, bold) + 6 <= places[n + 1] - places[n]:
            labels.append(Label(round(places[n] + 3, 1), y, shown, bold=bold))
    return labels
