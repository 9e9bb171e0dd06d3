"""Change over time: the key measures averaged per month, quarter or year, per group, and the
change from the first period to the last in plain words."""

from __future__ import annotations

import pandas as pd

from .compare import group_labels, measure_columns
from .summary import percent

EVERY = {"month": "M", "quarter": "Q", "year": "Y"}
# The measures the plain-words summary speaks about, and how each is written.
HEADLINE_MEASURES = {
    "ecological_share": ("the ecological share of framed talk", percent),
    "gini": ("the participation Gini", lambda value: f"{value:.2f}"),
    "open_question_per_1k": ("open questions per 1,000 words", lambda value: f"{value:.1f}"),
    "uncertainty_per_1k": ("admitted uncertainty per 1,000 words", lambda value: f"{value:.1f}"),
    "challenge_per_1k": ("challenges per 1,000 words", lambda value: f"{value:.1f}"),
}


def periods(dates: pd.Series, every: str = "quarter") -> pd.Series:
    """Each ISO date's period label (``2025-03``, ``2025Q1``, ``2025``); empty where no date."""
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}, not {every!r}")
    parsed = pd.to_datetime(dates.fillna("").astype(str).replace("", None), format="%Y-%m-%d", errors="coerce")
    labels = parsed.dt.to_period(EVERY[every]).astype(str)
    return labels.where(parsed.notna(), "")


def trend_table(measures: pd.DataFrame, by: str, every: str = "quarter") -> pd.DataFrame:
    """One row per group under ``by`` and period with at least one dated meeting: ``meetings``,
    ``words`` and every measure's mean over those meetings. Undated meetings are left out.
    Raises ``KeyError`` for an unknown ``by``."""
    columns = measure_columns(measures)
    dated = measures.assign(**{by: group_labels(measures, by), "period": periods(measures["date"], every)})
    dated = dated[dated["period"] != ""]
    grouped = dated.groupby([by, "period"], sort=True)
    table = grouped[columns].mean()
    table.insert(0, "words", grouped["words"].sum().astype(int))
    table.insert(0, "meetings", grouped.size())
    return table.reset_index()


def change_sentences(trend: pd.DataFrame, by: str) -> list[str]:
    """For each group, how the headline measures moved between its first and last periods."""
    sentences = []
    for group, rows in trend.groupby(by, sort=True):
        rows = rows.sort_values("period")
        first, last = rows.iloc[0], rows.iloc[-1]
        if len(rows) < 2:
            sentences.append(f"{group}: one period so far ({first['period']}), so no change to report yet.")
            continue
        moves = []
        for column, (name, written) in HEADLINE_MEASURES.items():
            if column in rows and not pd.isna(first[column]) and not pd.isna(last[column]):
                before, after = written(first[column]), written(last[column])
                verb = "stayed at" if before == after else "rose from" if last[column] > first[column] else "fell from"
                moves.append(f"{name} {verb} {before}" + ("" if before == after else f" to {after}"))
        span = (f"from {first['period']} ({_meetings(first)}) to {last['period']} ({_meetings(last)})")
        sentences.append(f"{group}, {span}: " + ("; ".join(moves) if moves else "no measure in both periods") + ".")
    return sentences


def _meetings(row: pd.Series) -> str:
    return f"{row['meetings']} meeting" + ("" if row["meetings"] == 1 else "s")
