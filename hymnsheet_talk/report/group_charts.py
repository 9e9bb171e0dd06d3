"""Charts across meetings: groups compared (means with intervals) and measures over time.

One small chart per measure, each drawn at the page's chart size (``style``), so the pages lay
them out side by side on a wide screen and one under another on a phone. Nothing here saves or
shows a figure (the report layer does).
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import Formatter, MaxNLocator

from ..language import MARKERS
from ..meeting import UNKNOWN_AGENCY
from ..tables.groups import agency_column
from .style import GROUP_INK, GROUP_LINES, GROUP_MARKERS, NOT_COMPARED, sized_figure, wrap

_RATE_NAMES = {
    "uncertainty": "Admitted uncertainty", "open_question": "Open questions", "invitation": "Invitations",
    "reasoning": "Reasoning", "challenge": "Challenge", "building_on": "Building on others",
    "certainty": "Closing-down certainty",
}
_NAMES = {"gini": "How unevenly people spoke (Gini)", "chair_word_share": "Chair's share of words",
          "ecological_share": "Ecological share of framed talk",
          **{f"{marker}_per_1k": f"{_RATE_NAMES.get(marker, marker)} per 1,000 words" for marker in MARKERS},
          "vocabulary_divergence": "How far apart the agencies' words are", "framing_spread": "Spread of agencies' ecological shares"}
NO_AGENCY_SPEAKERS = "Speakers with no agency"
# Ticks per axis: few enough to read at body size in a small chart (the compare charts' values
# axis is the narrower, beside the groups' names).
TICKS = 4
COMPARE_TICKS = 3
PANEL_HEIGHT = 230


def measure_name(column: str, agencies: Mapping[str, str] | None = None) -> str:
    """A panel title for a measure column; an agency's share of words is named by the agency as
    written (``agencies`` maps its column to it), and speakers with no agency are not an agency."""
    if column.startswith("word_share_"):
        agency = (agencies or {}).get(column) or column.removeprefix("word_share_").replace("_", " ").capitalize()
        return f"{NO_AGENCY_SPEAKERS if agency == UNKNOWN_AGENCY else agency}: share of words"
    return _NAMES.get(column, column)


def agency_names(agencies) -> dict[str, str]:
    """Each agency's share-of-words column, mapped to the agency's name as written."""
    return {agency_column(agency): agency for agency in sorted(set(agencies))}


def ordered_measures(columns: list[str]) -> list[str]:
    """The measures with the share of speakers with no agency after every real agency's."""
    unknown = agency_column(UNKNOWN_AGENCY)
    return [c for c in columns if c != unknown] + [c for c in columns if c == unknown]


def plot_compare(table: pd.DataFrame, *, by: str, column: str, min_meetings: int) -> Axes:
    """One measure: each group's mean (dot) and 95% interval (line), groups by their full names
    (wrapped); a group of fewer than ``min_meetings`` meetings is a grey hollow dot with no
    interval, too small to compare."""
    labels = [wrap(group, 18) for group in table[by].astype(str)]
    lines = [label.count("\n") + 1 for label in labels]
    heights = [18 * count + 14 for count in lines]
    ax = sized_figure(sum(heights) + 70).subplots()
    rows = np.cumsum([0, *heights[:-1]]) + np.array(heights) / 2
    for row, (_index, group) in zip(rows, table.iterrows()):
        small = group["meetings"] < min_meetings
        colour = NOT_COMPARED if small else GROUP_INK[0]
        if not small and not pd.isna(group[f"{column}_low"]):
            ax.plot([group[f"{column}_low"], group[f"{column}_high"]], [row, row], color=colour, lw=2)
        ax.plot([group[column]], [row], "o", color=colour, markerfacecolor="white" if small else colour, ms=8)
    ax.set_yticks(rows, labels)
    ax.set_ylim(sum(heights), 0)
    ax.margins(x=0.12)
    _ticks(ax.xaxis, column, COMPARE_TICKS)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    return ax


def group_styles(groups: list[str]) -> dict[str, dict]:
    """Each trend group's line: a neutral ink, and its own dot shape and dash (groups are not
    agencies, so they take no agency's colour)."""
    return {group: {"color": GROUP_INK[index % len(GROUP_INK)], "marker": GROUP_MARKERS[index % len(GROUP_MARKERS)],
                    "linestyle": GROUP_LINES[index % len(GROUP_LINES)]} for index, group in enumerate(groups)}


def plot_trend(measures: pd.DataFrame, trend: pd.DataFrame, *, by: str, column: str, styles: dict[str, dict]) -> Axes:
    """One measure: every dated meeting as a faint dot at its period, and each group's period means
    joined by a line in the group's style."""
    order = sorted(trend["period"].unique())
    position = {period: index for index, period in enumerate(order)}
    ax = sized_figure(PANEL_HEIGHT + (24 if len(order) > 4 else 0)).subplots()
    for group, style in styles.items():
        points = measures[(measures[by] == group) & measures["period"].isin(position)]
        ax.plot(points["period"].map(position), points[column], style["marker"], color=style["color"], alpha=0.3, ms=5)
        means = trend[trend[by] == group].sort_values("period")
        ax.plot(means["period"].map(position), means[column], lw=2, ms=7, **style)
    ax.set_xticks(range(len(order)), order, rotation=90 if len(order) > 4 else 0)
    ax.set_xlim(-0.5, len(order) - 0.5)
    _ticks(ax.yaxis, column)
    ax.grid(axis="y", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
    return ax


def plot_key(styles: dict[str, dict]) -> Figure:
    """The trend charts' key, drawn on its own beside them: each group's line and dots, its full name wrapped."""
    labels = [wrap(group, 36) for group in styles]
    figure = sized_figure(sum(18 * (label.count("\n") + 1) + 10 for label in labels) + 12)
    figure.legend([Line2D([], [], lw=2, ms=7, **style) for style in styles.values()], labels, loc="upper left",
                  handlelength=3.5, borderaxespad=0)
    return figure


class _Even(Formatter):
    """Tick labels with just enough decimals to tell each from the next (shares as percentages)."""

    def __init__(self, scale: float, suffix: str):
        self.scale, self.suffix, self.ticks = scale, suffix, []

    def set_locs(self, locs) -> None:
        self.ticks = sorted(locs)

    def __call__(self, value: float, pos=None) -> str:
        steps = np.diff(self.ticks) if len(self.ticks) > 1 else [1 / self.scale]
        step = min(steps) * self.scale
        decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0
        return f"{value * self.scale:.{decimals}f}{self.suffix}"


def _ticks(axis, column: str, ticks: int = TICKS) -> None:
    # Steps of 1, 2 or 5 (times a power of ten): even, and each label distinct at its decimals.
    axis.set_major_locator(MaxNLocator(ticks, steps=[1, 2, 5, 10]))
    share = "share" in column
    axis.set_major_formatter(_Even(100 if share else 1, "%" if share else ""))
