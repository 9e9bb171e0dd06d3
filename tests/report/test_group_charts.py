"""The compare and trend charts, read from the artists they draw."""

import pandas as pd
import pytest

from hymnsheet_talk.report.group_charts import group_styles, measure_name, ordered_measures, plot_compare, plot_trend
from hymnsheet_talk.report.style import GROUP_INK, NOT_COMPARED, chart_style
from hymnsheet_talk.tables.groups import compare_table, periods, trend_table

from conftest import outside_or_small


@pytest.fixture
def close():
    """Charts drawn in the pages' style; each figure handed to it is closed after the test."""
    figures = []
    with chart_style():
        yield figures.append
    for figure in figures:
        figure.clear()


def test_the_compare_chart_draws_each_groups_mean_and_an_interval_only_for_a_group_big_enough(measures, close):
    table = compare_table(measures, "department")
    ax = plot_compare(table, by="department", column="gini", min_meetings=3)
    close(ax.figure)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["(not given)", "North", "South"]
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    # Rows top to bottom: (not given), North, South; only North has three meetings, so only it has an interval.
    assert [line.get_markerfacecolor() for line in dots] == ["white", GROUP_INK[0], "white"]
    assert [line.get_color() for line in dots] == [NOT_COMPARED, GROUP_INK[0], NOT_COMPARED]
    assert [line.get_xdata()[0] for line in dots] == pytest.approx([0.1, 0.4, 0.5])
    intervals = [line for line in ax.lines if line.get_marker() != "o"]
    assert len(intervals) == 1 and list(intervals[0].get_xdata()) == pytest.approx([0.2, 0.6])


def test_a_long_group_name_is_wrapped_whole_never_cut(close):
    name = "Riverside children's services and early help"
    table = pd.DataFrame({"department": [name], "meetings": [1], "gini": [0.3], "gini_low": [0.3], "gini_high": [0.3]})
    ax = plot_compare(table, by="department", column="gini", min_meetings=3)
    close(ax.figure)
    label = ax.get_yticklabels()[0].get_text()
    assert label.replace("\n", " ") == name and "\n" in label
    assert outside_or_small(ax.figure) == []


@pytest.mark.parametrize("low, high, column", [(0.13, 0.152, "chair_word_share"), (0.395, 0.405, "gini"),
                                               (0.0, 37.0, "open_question_per_1k"), (0.8104, 0.8213, "vocabulary_divergence")])
def test_compare_ticks_are_evenly_spaced_and_each_label_distinct(low, high, column, close):
    table = pd.DataFrame({"g": ["A", "B"], "meetings": [3, 3], column: [low, high],
                          f"{column}_low": [low, low], f"{column}_high": [high, high]})
    ax = plot_compare(table, by="g", column=column, min_meetings=3)
    close(ax.figure)
    assert outside_or_small(ax.figure) == []
    shown = [tick for tick in ax.get_xticks() if ax.get_xlim()[0] <= tick <= ax.get_xlim()[1]]
    labels = [label.get_text() for label in ax.get_xticklabels() if label.get_text()]
    assert len(set(labels)) == len(labels) >= 2, labels
    steps = {round(b - a, 9) for a, b in zip(shown, shown[1:])}
    assert len(steps) == 1, shown


def test_the_trend_chart_joins_each_groups_period_means(measures, close):
    dated = measures.assign(period=periods(measures["date"], "quarter"))
    trend = trend_table(measures, "department", "quarter")
    styles = group_styles(sorted(trend["department"].unique()))
    ax = plot_trend(dated, trend, by="department", column="gini", styles=styles)
    close(ax.figure)
    means = [line for line in ax.lines if line.get_linestyle() != "None"]
    assert [list(line.get_ydata()) for line in means] == [pytest.approx([0.3, 0.6]), pytest.approx([0.5])]
    assert [label.get_text() for label in ax.get_xticklabels()] == ["2025Q1", "2025Q2"]
    assert outside_or_small(ax.figure) == []
    # Groups are told apart by shape and dash, never by an agency's colour.
    assert {line.get_color() for line in ax.lines} <= set(GROUP_INK)


def test_speakers_with_no_agency_are_named_so_and_come_after_every_agency():
    columns = ["gini", "word_share_unknown", "word_share_police"]
    assert ordered_measures(columns) == ["gini", "word_share_police", "word_share_unknown"]
    names = {"word_share_unknown": "Unknown", "word_share_childrens_social_care": "Children's social care"}
    assert measure_name("word_share_unknown", names) == "Speakers with no agency: share of words"
    assert measure_name("word_share_childrens_social_care", names) == "Children's social care: share of words"
