"""The compare and trend charts, read from the artists they draw."""

import pytest

from hymnsheet_talk.report.group_charts import plot_compare, plot_trend
from hymnsheet_talk.tables.groups import compare_table, periods, trend_table


def test_the_compare_chart_has_a_panel_per_measure_and_hollow_dots_for_small_groups(measures):
    table = compare_table(measures, "department")
    figure = plot_compare(table, by="department", measures=["gini", "word_share_police"])
    axes = [ax for ax in figure.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in axes] == ["Participation Gini", "Police: share of words"]
    dots = [line for line in axes[0].lines if line.get_marker() == "o"]
    # Rows top to bottom: (not given), North, South; only North has three meetings.
    assert [line.get_markerfacecolor() for line in dots] == ["white", "#0072B2", "white"]
    assert [line.get_xdata()[0] for line in dots] == pytest.approx([0.1, 0.4, 0.5])
    dated = measures.assign(period=periods(measures["date"], "quarter"))
    trend = trend_table(measures, "department", "quarter")
    figure = plot_trend(dated, trend, by="department", columns=["gini"])
    means = [line for line in figure.axes[0].lines if line.get_linestyle() == "-"]
    assert [list(line.get_ydata()) for line in means] == [pytest.approx([0.3, 0.6]), pytest.approx([0.5])]
