"""Compare and trend on a small built set of meetings, every figure worked out by hand."""

import math

import pandas as pd
import pytest
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.tables.groups import bootstrap_interval, compare_table, meeting_measures
from hymnsheet_talk.history import update
from hymnsheet_talk.report.prose import change_sentences
from hymnsheet_talk.tables.groups import periods, trend_table

MEETINGS = pd.DataFrame({
    "meeting_id": ["m1", "m2", "m3", "m4", "m5"],
    "date": ["2025-01-10", "2025-02-20", "2025-04-02", "2025-01-15", ""],
    "department": ["North", "North", "North", "South", None],
    "words": [1000, 2000, 3000, 500, 700],
    "gini": [0.2, 0.4, 0.6, 0.5, 0.1],
    "ecological_share": [0.5, float("nan"), 1.0, 0.25, 0.0],
    "open_question_per_1k": [2.0, 4.0, 6.0, 1.0, 3.0],
})
AGENCIES = pd.DataFrame({
    "meeting_id": ["m1", "m1", "m2", "m3", "m4", "m5"],
    "agency": ["Police", "Children's social care", "Police", "Children's social care", "Police", "Police"],
    "word_share": [0.6, 0.4, 1.0, 1.0, 1.0, 1.0],
})


@pytest.fixture
def measures():
    return meeting_measures(MEETINGS, AGENCIES)


def test_agency_shares_are_columns_and_absence_counts_as_none(measures):
    assert measures["word_share_police"].tolist() == [0.6, 1.0, 0.0, 1.0, 1.0]
    assert measures["word_share_childrens_social_care"].tolist() == [0.4, 0.0, 1.0, 0.0, 0.0]


def test_groups_get_means_over_meetings_and_small_groups_are_marked(measures):
    table = compare_table(measures, "department").set_index("department")
    assert table.index.tolist() == ["(not given)", "North", "South"]
    assert table["meetings"].tolist() == [1, 3, 1]
    assert table["words"].tolist() == [700, 6000, 500]
    assert table["too_small"].tolist() == [True, False, True]
    north = table.loc["North"]
    assert north["gini"] == pytest.approx(0.4)
    assert north["ecological_share"] == pytest.approx(0.75)  # m2 has no framed talk: left out
    assert north["open_question_per_1k"] == pytest.approx(4.0)
    assert north["word_share_police"] == pytest.approx((0.6 + 1.0 + 0.0) / 3)
    # One meeting: the interval is the value itself.
    assert (table.loc["South", "gini_low"], table.loc["South", "gini_high"]) == (0.5, 0.5)
    assert north["gini_low"] < 0.4 < north["gini_high"]
    assert list(table.columns[:6]) == ["meetings", "words", "too_small", "gini", "gini_low", "gini_high"]


def test_the_bootstrap_interval_of_two_meetings_spans_both():
    # Resampling [0, 1] gives means 0, 0.5 and 1 with chances 1/4, 1/2, 1/4: the 2.5th and
    # 97.5th percentiles are the ends.
    assert bootstrap_interval([0.0, 1.0]) == (0.0, 1.0)
    assert bootstrap_interval([0.3, 0.3, 0.3]) == pytest.approx((0.3, 0.3))
    assert all(math.isnan(end) for end in bootstrap_interval([float("nan")]))
    assert bootstrap_interval([0.1, 0.5, 0.9]) == bootstrap_interval([0.1, 0.5, 0.9])  # repeatable


def test_trend_means_per_period_and_the_change_in_words(measures):
    assert periods(MEETINGS["date"], "month").tolist() == ["2025-01", "2025-02", "2025-04", "2025-01", ""]
    assert periods(MEETINGS["date"], "year").tolist() == ["2025", "2025", "2025", "2025", ""]
    table = trend_table(measures, "department", "quarter")
    assert table[["department", "period", "meetings", "words"]].values.tolist() == [
        ["North", "2025Q1", 2, 3000], ["North", "2025Q2", 1, 3000], ["South", "2025Q1", 1, 500]]
    assert table["gini"].tolist() == pytest.approx([0.3, 0.6, 0.5])
    assert table["ecological_share"].tolist() == pytest.approx([0.5, 1.0, 0.25])
    assert change_sentences(table, "department") == [
        "North, from 2025Q1 (2 meetings) to 2025Q2 (1 meeting): the ecological share of framed talk rose from 50% "
        "to 100%; the participation Gini rose from 0.30 to 0.60; open questions per 1,000 words rose from 3.0 to 6.0.",
        "South: one period so far (2025Q1), so no change to report yet.",
    ]


def test_compare_and_trend_commands_write_their_tables_and_pages(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for number, (date, department) in enumerate([("2025-01-07", "North"), ("2025-02-04", "North"),
                                                 ("2025-04-01", "North"), ("2025-01-14", "South")]):
        (folder / f"m{number}.txt").write_text("Ann (Police): The park has no lighting.\n"
                                               "Bob (Education): I'm not sure why.\n", encoding="utf-8")
        manifest = (folder / "meetings.csv")
        manifest.write_text((manifest.read_text() if number else "file,date,department\n")
                            + f"m{number}.txt,{date},{department}\n", encoding="utf-8")
    update([folder], out)
    runner = CliRunner()
    result = runner.invoke(main, ["compare", "--by", "department", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "compare-department.csv")
    assert table[["department", "meetings", "words", "too_small"]].values.tolist() == [
        ["North", 3, 27, False], ["South", 1, 9, True]]
    assert "Meetings compared by department" in (out / "compare-department.html").read_text()
    result = runner.invoke(main, ["trend", "--by", "department", "--every", "month", "--out", str(out)])
    assert result.exit_code == 0, result.output
    trend = pd.read_csv(out / "trend-department.csv")
    assert trend[["department", "period", "meetings"]].values.tolist() == [
        ["North", "2025-01", 1], ["North", "2025-02", 1], ["North", "2025-04", 1], ["South", "2025-01", 1]]
    assert result.output.splitlines()[0].startswith("North, from 2025-01 (1 meeting) to 2025-04 (1 meeting): ")
    index = (out / "index.html").read_text()
    assert 'href="compare-department.html"' in index and 'href="trend-department.html"' in index
    result = runner.invoke(main, ["compare", "--by", "region", "--out", str(out)])
    assert result.exit_code == 2 and "no column 'region' in the meetings; metadata columns: title, date" in result.output
    result = runner.invoke(main, ["trend", "--out", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "holds no analysed meetings" in result.output


def test_the_compare_chart_has_a_panel_per_measure_and_hollow_dots_for_small_groups(measures):
    from hymnsheet_talk.report.group_charts import plot_compare, plot_trend

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
