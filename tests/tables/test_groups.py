"""Compare and trend on a small built set of meetings, every figure worked out by hand."""

import math

import pytest

from hymnsheet_talk.report.prose import change_sentences
from hymnsheet_talk.tables.groups import bootstrap_interval, compare_table, periods, trend_table

from conftest import MEETINGS


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
        "to 100%; how unevenly people spoke (Gini) rose from 0.30 to 0.60; open questions per 1,000 words rose from 3.0 to 6.0.",
        "South: one period so far (2025Q1), so no change to report yet.",
    ]


