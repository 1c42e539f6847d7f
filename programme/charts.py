"""Charts drawn on the server as SVG: the geometry here, the markup in
templates/programme/_bar_chart.html and _line_chart.html.

Each chart is drawn from the same Table the page shows beside it and the CSV and XLSX
downloads hold, so the picture, the table and the file cannot disagree.

The parts repeated for every row or point (a table's rows, a line's points) are written
here, as a template would write them: a dashboard has hundreds of them, and a template
loop costs several times more per row.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.formats import localize, number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# A narrow drawing: on a phone it scales to about 3/4, so 16-unit text stays readable.
WIDTH = 480
BAR_HEIGHT = 24
BAR_GAP = 8
LABEL_WIDTH = 130
LINE_HEIGHT = 220
MARGIN = 40


@dataclass
class Table:
    """A chart's data: a title, column headings and rows of (label, number, ...)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)

    @property
    def rows_html(self) -> SafeString:
        """The rows as <tr> elements, the first cell of each the row's heading."""
        rows = []
        for first, *rest in self.rows:
            cells = "".join(f"<td>{_shown(cell)}</td>" for cell in rest)
            rows.append(f'<tr><th scope="row">{_shown(first)}</th>{cells}</tr>')
        return mark_safe("".join(rows))  # noqa: S308 - every cell escaped


def _shown(value) -> str:
    """A value as a template shows it: localized, then escaped."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize() gives, without its four format lookups
    return conditional_escape(localize(value))


@dataclass
class Bar:
    label: str
    value: Decimal | int
    y: int
    width: int
    text_x: int

    @property
    def value_label(self) -> str:
        return number_format(self.value)


@dataclass
class BarChart:
    table: Table
    bars: list[Bar]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    kind: str = "bar"


def bar_chart(table: Table, value_column: int = 1) -> BarChart:
    """Horizontal bars, one per row of `table`, of the number in `value_column`."""
    values = [row[value_column] or 0 for row in table.rows]
    top = max(values, default=0) or 1
    room = WIDTH - LABEL_WIDTH - 50
    bars = []
    for index, (row, value) in enumerate(zip(table.rows, values, strict=True)):
        width = int(room * value / top)
        y = index * (BAR_HEIGHT + BAR_GAP)
        bars.append(Bar(str(row[0])[:14], value, y, width, LABEL_WIDTH + width + 6))
    return BarChart(table, bars, height=max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP))


@dataclass
class Point:
    x: int
    y: int
    label: str
    value: Decimal


@dataclass
class Tick:
    y: int
    label: str


@dataclass
class LineChart:
    table: Table
    points: list[Point]
    ticks: list[Tick]
    target_y: int | None
    width: int = WIDTH
    height: int = LINE_HEIGHT + 2 * MARGIN
    left: int = MARGIN + 20
    bottom: int = LINE_HEIGHT + MARGIN
    kind: str = "line"

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)

    @property
    def points_svg(self) -> SafeString:
        """A circle for each point, and the first and last point's date below the line."""
        parts = []
        last = len(self.points) - 1
        for index, point in enumerate(self.points):
            parts.append(
                f'<circle class="chart__point" cx="{point.x}" cy="{point.y}" r="4"></circle>'
            )
            if index in (0, last):
                parts.append(
                    f'<text class="chart__label" x="{point.x}" y="{self.bottom + 20}" '
                    f'text-anchor="middle">{_shown(point.label)}</text>'
                )
        return mark_safe("".join(parts))  # noqa: S308 - numbers, and the label escaped


def line_chart(table: Table, target: Decimal | None = None) -> LineChart:
    """A line of the rows' values (column 1) over their dates (column 0), with the target
    as a dashed line when there is one."""
    rows = [row for row in table.rows if row[1] != ""]  # a date without its own value
    values = [Decimal(row[1]) for row in rows]
    top = max([*values, target or 0, Decimal(1)])
    left, right = MARGIN + 20, WIDTH - MARGIN

    def y_of(value: Decimal) -> int:
        return int(MARGIN + LINE_HEIGHT - LINE_HEIGHT * value / top)

    step = (right - left) / max(len(values) - 1, 1)
    points = [
        Point(int(left + index * step), y_of(value), str(row[0]), value)
        for index, (row, value) in enumerate(zip(rows, values, strict=True))
    ]
    ticks = [Tick(y_of(top * part / 4), number_format(top * part / 4, 0)) for part in range(5)]
    target_y = y_of(target) if target is not None else None
    return LineChart(table, points, ticks, target_y)


def plain_number(value):
    """340.00 as 340 and 4.50 as 4.5: stored decimals as a person writes them."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return value


def month_label(date: dt.date) -> str:
    return f"{date.month}/{date.year}"
