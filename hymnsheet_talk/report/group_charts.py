"""Charts across meetings: groups compared (means with intervals) and measures over time.

Each takes its table first and returns a ``Figure`` with one small panel per measure; nothing
here saves or shows it (the report layer does).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..language import MARKERS
from ..tables.groups import MIN_MEETINGS
from .charts import PALETTE

PANEL_COLUMNS = 3
TOO_SMALL_COLOUR = "#9E9E9E"
_RATE_NAMES = {
    "uncertainty": "Admitted uncertainty", "open_question": "Open questions", "invitation": "Invitations",
    "reasoning": "Reasoning", "challenge": "Challenge", "building_on": "Building on others",
    "certainty": "Closing-down certainty",
}
_NAMES = {"gini": "Participation Gini", "chair_word_share": "Chair's share of words",
          "ecological_share": "Ecological share of framed talk",
          **{f"{marker}_per_1k": f"{_RATE_NAMES.get(marker, marker)} per 1,000 words" for marker in MARKERS},
          "vocabulary_divergence": "How far apart the agencies' words are", "framing_spread": "Spread of agencies' ecological shares"}


def measure_name(column: str) -> str:
    """A panel title for a measure column."""
    if column.startswith("word_share_"):
        return column.removeprefix("word_share_").replace("_", " ").capitalize() + ": share of words"
    return _NAMES.get(column, column)


def plot_compare(table: pd.DataFrame, *, by: str, measures: list[str]) -> Figure:
    """Each group's mean (dot) and 95% interval (line) per measure; groups too small to compare
    are grey and hollow."""
    figure, axes = _panels(len(measures), height_per_row=0.35 * len(table) + 1.1)
    rows = np.arange(len(table))[::-1]
    labels = [_short(str(group)) for group in table[by]]
    for number, (ax, column) in enumerate(zip(axes, measures)):
        for row, (_index, group) in zip(rows, table.iterrows()):
            small = bool(group["too_small"])
            colour = TOO_SMALL_COLOUR if small else PALETTE[0]
            if not pd.isna(group[f"{column}_low"]):
                ax.plot([group[f"{column}_low"], group[f"{column}_high"]], [row, row], color=colour, lw=2)
            ax.plot([group[column]], [row], "o", color=colour, markerfacecolor="white" if small else colour)
        # Group names on the left-hand panels only: the rows line up across a row of panels.
        ax.set_yticks(rows, labels if number % PANEL_COLUMNS == 0 else [])
        ax.set_title(measure_name(column), loc="left", fontsize=9)
        _format(ax, column)
    figure.suptitle(f"By {by}: mean per meeting with 95% interval (grey, hollow: under {MIN_MEETINGS} meetings)", x=0.01,
                    ha="left", fontsize=10, fontweight="bold")
    return figure


def plot_trend(measures: pd.DataFrame, trend: pd.DataFrame, *, by: str, columns: list[str]) -> Figure:
    """Per measure: every dated meeting as a dot at its period, and each group's period means
    joined by a line, one colour per group."""
    order = sorted(trend["period"].unique())
    position = {period: index for index, period in enumerate(order)}
    groups = sorted(trend[by].unique())
    colours = {group: PALETTE[index % len(PALETTE)] for index, group in enumerate(groups)}
    figure, axes = _panels(len(columns), height_per_row=2.2)
    for ax, column in zip(axes, columns):
        for group in groups:
            points = measures[(measures[by] == group) & measures["period"].isin(position)]
            ax.plot(points["period"].map(position), points[column], "o", color=colours[group], alpha=0.35, ms=4)
            means = trend[trend[by] == group].sort_values("period")
            ax.plot(means["period"].map(position), means[column], "-o", color=colours[group], lw=2, ms=5, label=group)
        ax.set_xticks(range(len(order)), order, rotation=45 if len(order) > 6 else 0, ha="right" if len(order) > 6 else "center")
        ax.set_title(measure_name(column), loc="left", fontsize=9)
        _format(ax, column, axis="y")
    axes[0].legend(loc="best", fontsize=7, frameon=False)
    figure.suptitle(f"By {by}: each dot a meeting, each line the mean per period", x=0.01, ha="left",
                    fontsize=10, fontweight="bold")
    return figure


def _panels(count: int, *, height_per_row: float) -> tuple[Figure, list]:
    columns = min(PANEL_COLUMNS, max(1, count))
    rows = max(1, math.ceil(count / columns))
    figure = Figure(figsize=(3.6 * columns, height_per_row * rows + 0.6), layout="constrained")
    axes = list(figure.subplots(rows, columns, squeeze=False).flat)
    for spare in axes[count:]:
        spare.set_visible(False)
    return figure, axes[:count]


def _format(ax, column: str, axis: str = "x") -> None:
    scale = ax.xaxis if axis == "x" else ax.yaxis
    scale.set_major_locator(MaxNLocator(4))
    if "share" in column:
        scale.set_major_formatter(PercentFormatter(1, decimals=0))
    ax.grid(axis=axis, color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)


def _short(label: str) -> str:
    return label if len(label) <= 28 else label[:27] + "…"
