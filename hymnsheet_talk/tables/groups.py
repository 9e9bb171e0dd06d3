"""Meetings in groups and over time: each group's mean of the key measures, with a 95% bootstrap
interval that resamples meetings (compare), and the means per month, quarter or year (trend).

The unit is the meeting: a department with ten short meetings and one with two long ones are
compared meeting for meeting, not word for word.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..language import MARKERS
from ..meeting import slug

# Below this many meetings a group's mean and interval say little: shown, but marked.
MIN_MEETINGS = 3
RESAMPLES = 2000
# The meetings-table measures compared, where the table has them (an older history may not).
MEETING_MEASURES = ("gini", "chair_word_share", "ecological_share", *(f"{marker}_per_1k" for marker in MARKERS))
# How far apart the partners are (docs/methods.md §8): after the agencies' shares, so that the
# columns compare and trend wrote before keep their places.
PARTNER_MEASURES = ("vocabulary_divergence", "framing_spread")
NOT_GIVEN = "(not given)"
EVERY = {"month": "M", "quarter": "Q", "year": "Y"}


def agency_column(agency: str) -> str:
    """The measure column for an agency's share of a meeting's words: ``word_share_police``."""
    return "word_share_" + slug(agency.replace("'", ""), separator="_", default="agency")


def meeting_measures(meetings: pd.DataFrame, agencies: pd.DataFrame) -> pd.DataFrame:
    """One row per meeting: its metadata and ``words``, the meeting measures, and each agency's
    share of its words (0 where the agency said nothing or was absent: absence is part of the
    picture when comparing who is heard)."""
    shares = agencies.pivot_table(index="meeting_id", columns="agency", values="word_share", aggfunc="sum")
    shares = shares.T.groupby(agency_column).sum().T  # two spellings of one agency share a column
    shares = shares.reindex(meetings["meeting_id"]).fillna(0.0).reset_index(drop=True)
    return pd.concat([meetings.reset_index(drop=True), shares[sorted(shares.columns)]], axis=1)


def measure_columns(measures: pd.DataFrame) -> list[str]:
    """The measures a ``meeting_measures`` table holds, in the order they are reported."""
    return ([c for c in MEETING_MEASURES if c in measures.columns]
            + [c for c in measures.columns if c.startswith("word_share_")]
            + [c for c in PARTNER_MEASURES if c in measures.columns])


def group_labels(measures: pd.DataFrame, by: str) -> pd.Series:
    """Each meeting's group under ``by``; a meeting without one is in the group "(not given)"."""
    if by not in measures.columns:
        raise KeyError(by)
    return measures[by].fillna("").astype(str).str.strip().replace("", NOT_GIVEN)


def bootstrap_interval(values, *, resamples: int = RESAMPLES, seed: int = 0) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the mean of ``values`` resampled with replacement
    (NaN values left out; NaN, NaN when none are left). The same values always give the same
    interval."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if not len(values):
        return float("nan"), float("nan")
    draws = np.random.default_rng(seed).integers(0, len(values), size=(resamples, len(values)))
    low, high = np.percentile(values[draws].mean(axis=1), [2.5, 97.5])
    return float(low), float(high)


def compare_table(measures: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per group under ``by``: ``meetings``, ``words``, ``too_small`` (fewer than
    ``MIN_MEETINGS`` meetings), and for every measure its mean over the group's meetings with
    ``<measure>_low`` and ``<measure>_high``, the 95% bootstrap interval. Raises ``KeyError``
    for an unknown ``by``."""
    groups = group_labels(measures, by)
    columns = measure_columns(measures)
    rows = []
    for group, members in measures.groupby(groups, sort=True):
        row = {by: group, "meetings": len(members), "words": int(members["words"].sum()),
               "too_small": len(members) < MIN_MEETINGS}
        for column in columns:
            low, high = bootstrap_interval(members[column])
            row |= {column: members[column].mean(), f"{column}_low": low, f"{column}_high": high}
        rows.append(row)
    return pd.DataFrame(rows, columns=[by, "meetings", "words", "too_small",
                                       *(f"{c}{end}" for c in columns for end in ("", "_low", "_high"))])


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
