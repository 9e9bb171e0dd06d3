"""Framing counts per agency and per meeting, from the sentences table.

Counts are sentences; ``ecological_share`` = ecological ÷ (behaviour + ecological), empty when a
group has no flagged sentence (docs/methods.md §2); ``framing_spread`` is how far apart the
agencies' shares are (§8).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..language import BEHAVIOUR, ECOLOGICAL

FRAMING_COLUMNS = ["behaviour", "ecological", "ecological_share"]
SPLIT_COLUMNS = ["behaviour_problem", "behaviour_response", "ecological_problem", "ecological_response"]
# Below this many flagged sentences a share is too shaky to use: the report gives counts instead.
MIN_FLAGGED = 5


def framing_counts(sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Behaviour and ecological sentence counts (also split into problem and response) per ``keys``."""
    flagged = sentences[sentences["framing"].isin([BEHAVIOUR, ECOLOGICAL])]
    labels = flagged["framing"] + "_" + flagged["framing_kind"].replace("", "problem")
    counts = pd.crosstab([flagged[key] for key in keys], labels) if len(flagged) else pd.DataFrame()
    counts = counts.reindex(columns=SPLIT_COLUMNS, fill_value=0)
    counts["behaviour"] = counts["behaviour_problem"] + counts["behaviour_response"]
    counts["ecological"] = counts["ecological_problem"] + counts["ecological_response"]
    return counts.reset_index() if len(counts) else pd.DataFrame(columns=[*keys, *SPLIT_COLUMNS, "behaviour", "ecological"])


def add_framing(table: pd.DataFrame, sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``table`` with ``behaviour, ecological, ecological_share`` (and the problem/response split)
    joined on ``keys``; groups without a flagged sentence get 0, 0 and an empty share."""
    counts = framing_counts(sentences, keys)
    joined = table.merge(counts, on=keys, how="left")
    count_columns = ["behaviour", "ecological", *SPLIT_COLUMNS]
    joined[count_columns] = joined[count_columns].fillna(0).astype(int)
    flagged = joined["behaviour"] + joined["ecological"]
    joined["ecological_share"] = joined["ecological"] / flagged.replace(0, np.nan)
    return joined


def add_framing_spread(meetings: pd.DataFrame, agencies: pd.DataFrame) -> pd.DataFrame:
    """``meetings`` with ``framing_spread``: the highest agency ecological share less the lowest,
    over agencies with at least ``MIN_FLAGGED`` flagged sentences (empty when fewer than two
    agencies have that many)."""
    flagged = agencies[agencies["behaviour"] + agencies["ecological"] >= MIN_FLAGGED]
    shares = flagged.groupby("meeting_id")["ecological_share"]
    spread = (shares.max() - shares.min()).where(shares.size() >= 2)
    return meetings.assign(framing_spread=meetings["meeting_id"].map(spread).astype(float))
