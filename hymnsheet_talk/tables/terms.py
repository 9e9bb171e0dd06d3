"""What each agency talks about: the terms it says more than the rest of the meeting, and whose
terms the agreed actions carry (docs/methods.md §8).

Distinctive terms are scored by the weighted log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008). For agency *i*, the rest of the meeting *j* and term *w*, with
counts *y*, totals *n* and prior counts α_w = α_0·π_w, where α_0 is the meeting's count of terms
and π_w the term's share of the history in the output folder (else of the meeting itself):

    δ_w = ln[(y_iw + α_w) / (n_i + α_0 − y_iw − α_w)] − ln[(y_jw + α_w) / (n_j + α_0 − y_jw − α_w)]
    z_w = δ_w / √(1/(y_iw + α_w) + 1/(y_jw + α_w))

An agency's distinctive terms are its ``TOP_TERMS`` highest z above 0 among the terms it said at
least ``MIN_COUNT`` times.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .turn_taking import BACKCHANNEL

TERM_COLUMNS = ["meeting_id", "agency", "term", "count", "others_count", "z", "rank"]
HISTORY_TERM_COLUMNS = ["agency", "term", "count", "others_count", "z", "rank", "meetings"]
COUNT_COLUMNS = ["meeting_id", "agency", "term", "count"]
TOP_TERMS = 15
# A word an agency said once says little about it.
MIN_COUNT = 2


@dataclass(frozen=True)
class History:
    """The terms of the meetings already in an output folder: the shape of the prior.

    ``totals`` is each term's count over the ``meetings`` held. A meeting among them is scored
    against the history as it is; a new one is added to it first.
    """

    totals: pd.Series
    meetings: frozenset[str]


def discussion_terms(terms: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """The tagged term occurrences (``Tags.terms``) of each meeting's discussion.

    The agreed actions' sentences are left out, so that the plan can be set against what each
    agency said (the chair who reads out the actions would otherwise own their words), and so are
    acknowledgements ("okay", "thank you": ``turn_taking.BACKCHANNEL``), which say how people
    spoke, not about what.
    """
    acknowledging = [term for term in terms["term"].unique() if not BACKCHANNEL.isdisjoint(term.split(" "))]
    return terms[~_in_sentences(terms, actions) & ~terms["term"].isin(acknowledging)]


def _in_sentences(terms: pd.DataFrame, sentences: pd.DataFrame) -> np.ndarray:
    """Which rows of ``terms`` fall in one of ``sentences`` (by meeting, turn and sentence)."""
    keys = ["meeting_id", "turn", "sentence"]
    return pd.MultiIndex.from_frame(terms[keys]).isin(pd.MultiIndex.from_frame(sentences[keys]))


def term_counts(said: pd.DataFrame) -> pd.DataFrame:
    """How often each agency said each term in each meeting (``COUNT_COLUMNS``), from term
    occurrences (``discussion_terms``)."""
    counts = said.groupby(["meeting_id", "agency", "term"], sort=True).size().rename("count")
    return counts.reset_index().reindex(columns=COUNT_COLUMNS).astype({"count": int})


def agency_terms_table(counts: pd.DataFrame, history: History | None = None) -> pd.DataFrame:
    """Each agency's distinctive terms in each meeting (``TERM_COLUMNS``), ranked by z; the prior
    from ``history`` where given, else from the meeting."""
    scored = log_odds(counts, by=["meeting_id"], prior=_history_shares(counts, history) if history else None)
    return _top(scored, ["meeting_id"])[TERM_COLUMNS]


def history_terms_table(totals: pd.DataFrame) -> pd.DataFrame:
    """Each agency's distinctive terms over a whole history (``HISTORY_TERM_COLUMNS``), from
    ``totals`` (``agency, term, count, meetings``: summed over the meetings, and how many of them
    the agency said the term in); the history is its own prior."""
    return _top(log_odds(totals, by=[]), [])[HISTORY_TERM_COLUMNS]


def history_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """``counts`` summed over meetings: ``agency, term, count, meetings``."""
    grouped = counts.groupby(["agency", "term"], sort=True)
    return grouped.agg(count=("count", "sum"), meetings=("meeting_id", "nunique")).reset_index()


def log_odds(counts: pd.DataFrame, *, by: list[str], prior: pd.Series | None = None) -> pd.DataFrame:
    """``counts`` (``by`` columns, ``agency, term, count``) with ``others_count`` (the term's count
    in the rest of its group) and ``z``, each agency against the rest of its group. ``prior``
    gives π_w row by row; by default each term's share of its group."""
    count = counts["count"].to_numpy(dtype=float)
    total = _per_row(counts, [*by, "term"])
    n_i = _per_row(counts, [*by, "agency"])
    n = _per_row(counts, by)
    share = total / n if prior is None else prior.to_numpy(dtype=float)
    alpha = n * share
    others, n_others = total - count, n - n_i
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((count + alpha) / (n_i + n - count - alpha))
                 - np.log((others + alpha) / (n_others + n - others - alpha)))
        z = delta / np.sqrt(1 / (count + alpha) + 1 / (others + alpha))
    # A group with one agency has no rest to set it against.
    z[_per_row(counts, by, "agency", "nunique") < 2] = np.nan
    return counts.assign(others_count=others.astype(int), z=z)


def _per_row(counts: pd.DataFrame, keys: list[str], column: str = "count", how: str = "sum") -> np.ndarray:
    """Per row, ``how`` (``sum``, or ``nunique`` to count distinct values) of ``column`` over the
    row's group under ``keys`` (the whole table when there are none)."""
    if not keys:
        return np.full(len(counts), counts[column].agg(how), dtype=float)
    return counts.groupby(keys)[column].transform(how).to_numpy(dtype=float)


def _history_shares(counts: pd.DataFrame, history: History) -> pd.Series:
    """π_w for each row of ``counts``: the term's share of the history, with the row's meeting
    added when the history does not yet hold it."""
    held = counts["term"].map(history.totals).fillna(0).to_numpy(dtype=float)
    new = ~counts["meeting_id"].isin(history.meetings).to_numpy()
    own, own_n = _per_row(counts, ["meeting_id", "term"]), _per_row(counts, ["meeting_id"])
    return pd.Series((held + new * own) / (float(history.totals.sum()) + new * own_n), index=counts.index)


def _top(scored: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The ``TOP_TERMS`` best-scoring terms per agency said at least ``MIN_COUNT`` times with z
    above 0; ties go to the more frequent term, then the alphabet."""
    kept = scored[(scored["count"] >= MIN_COUNT) & (scored["z"] > 0)]
    kept = kept.sort_values([*by, "agency", "z", "count", "term"], ascending=[*(True for _ in by), True, False, False, True])
    ranked = kept.assign(rank=kept.groupby([*by, "agency"]).cumcount() + 1)
    return ranked[ranked["rank"] <= TOP_TERMS].reset_index(drop=True)


def add_action_terms(actions: pd.DataFrame, agencies: pd.DataFrame, terms: pd.DataFrame,
                     distinctive: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``actions`` with ``terms_from_agency`` (the agency whose distinctive terms the action's
    sentence shares most, ties to the higher summed z, then the alphabet; empty when it shares
    none) and ``agencies`` with ``action_terms_share`` (the share of the meeting's agreed actions
    that use at least one of the agency's distinctive terms; empty without actions)."""
    agreed = terms[_in_sentences(terms, actions)]
    said = {key: frozenset(rows["term"]) for key, rows in agreed.groupby(["meeting_id", "turn", "sentence"])}
    listed = {meeting_id: {agency: dict(zip(rows["term"], rows["z"])) for agency, rows in group.groupby("agency")}
              for meeting_id, group in distinctive.groupby("meeting_id")}
    shared: dict[tuple, dict[str, tuple[int, float]]] = {}  # per action: agency -> (terms shared, their z)
    for key in actions[["meeting_id", "turn", "sentence"]].drop_duplicates().itertuples(index=False, name=None):
        words = said.get(key, frozenset())
        shared[key] = {agency: (len(common), sum(z[term] for term in common))
                       for agency, z in listed.get(key[0], {}).items() if (common := words & z.keys())}
    source = {key: min(found, key=lambda agency: (-found[agency][0], -found[agency][1], agency)) if found else ""
              for key, found in shared.items()}
    using = Counter((key[0], agency) for key, found in shared.items() for agency in found)
    per_meeting = Counter(key[0] for key in shared)
    keys = actions[["meeting_id", "turn", "sentence"]].itertuples(index=False, name=None)
    share = [using[key] / per_meeting[key[0]] if per_meeting[key[0]] else float("nan")
             for key in agencies[["meeting_id", "agency"]].itertuples(index=False, name=None)]
    return (actions.assign(terms_from_agency=pd.Series([source[key] for key in keys], index=actions.index, dtype=object)),
            agencies.assign(action_terms_share=pd.Series(share, index=agencies.index, dtype=float)))
