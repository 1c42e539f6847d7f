"""Bar charts of a comparison, drawn on the server as SVG geometry for the template.

Each answer (or, for numbers, the mean) gets one bar per round, grouped by answer; a
suppressed value gets no bar and a "hidden" label, never a guess."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import QuestionKind

BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 16
LABEL_WIDTH = 70
PLOT_WIDTH = 300
# Colours of the rounds, oldest first; each passes 3:1 contrast against white.
COLOURS = ["#6b6b6b", "#1d6fb8", "#0b4f2e", "#8a3b12", "#5b2a86"]


@dataclass
class Bar:
    y: int
    width: int
    colour: str
    text: str
    round_name: str


@dataclass
class Group:
    label: str
    y: int
    bars: list


@dataclass
class Chart:
    width: int
    height: int
    label_width: int
    groups: list
    legend: list  # [(round name, colour)]
    unit: str


def comparison_chart(comparison) -> Chart:
    """Shares of each answer per round (a number question: its mean per round)."""
    points = comparison.points
    legend = [(r.name, COLOURS[i % len(COLOURS)]) for i, (r, _res) in enumerate(points)]
    numeric = comparison.question.kind == QuestionKind.NUMBER
    if numeric:
        series = [(_("Mean"), [res.mean for _r, res in points])]
        top = max([float(v) for _l, vs in series for v in vs if v is not None] or [1]) or 1
        unit = ""
    else:
        series = []
        for index, (_value, label) in enumerate(comparison.columns):
            series.append((label, [res.shares()[index] for _r, res in points]))
        top, unit = 100, " %"
    groups, y = [], 0
    for label, values in series:
        bars = []
        group_y = y
        y += 20  # the group's label above its bars
        for (name, colour), value in zip(legend, values, strict=True):
            if value is None:
                width, text = 0, _("hidden")
            else:
                width = round(PLOT_WIDTH * float(value) / top)
                text = f"{value}{unit}"
            bars.append(Bar(y=y, width=width, colour=colour, text=text, round_name=name))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(Group(label=label, y=group_y, bars=bars))
        y += GROUP_GAP
    return Chart(
        width=LABEL_WIDTH + PLOT_WIDTH + 80,
        height=y,
        label_width=LABEL_WIDTH,
        groups=groups,
        legend=legend,
        unit=unit,
    )
