"""How far apart the agencies' words are: the Jensen–Shannon divergence between the distributions
of their content words, and what chance alone would give (docs/methods.md §8).

For word distributions P and Q and their mean M = (P + Q)/2, in bits (so 0 for the same words in
the same proportions, 1 for no word in common):

    JSD(P, Q) = H(M) − (H(P) + H(Q))/2,  H(P) = −Σ p·log₂ p

Only single words count (two-word phrases would count each word again), and only agencies that
said at least ``MIN_WORDS`` words. Even so, two stretches of the same talk differ a good deal by
chance, the more so the shorter they are and the more a turn dwells on one matter. The ``_chance``
columns give the divergence expected had the agencies shared one vocabulary: the meeting's turns
dealt out again at random, each agency keeping its number of turns, ``SHUFFLES`` times.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

MEETING_DIVERGENCE_COLUMNS = ["vocabulary_divergence", "vocabulary_divergence_chance"]
AGENCY_DIVERGENCE_COLUMNS = ["divergence_from_rest", "divergence_from_rest_chance"]
MIN_WORDS = 100
SHUFFLES = 20


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> float:
    """The Jensen–Shannon divergence, base 2, between two count (or probability) vectors over the
    same words; NaN when either is empty."""
    return float(_jensen_shannon_rows(p[np.newaxis], q[np.newaxis])[0])


def _jensen_shannon_rows(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The divergence between each row of ``p`` and the same row of ``q`` (counts), all at once."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p = p / p.sum(axis=1, keepdims=True)
        q = q / q.sum(axis=1, keepdims=True)
        divergence = _entropy((p + q) / 2) - (_entropy(p) + _entropy(q)) / 2
    return np.maximum(divergence, 0.0)  # NaN (an empty row) stays NaN


def _entropy(p: np.ndarray) -> np.ndarray:
    logs = np.log2(p, out=np.zeros_like(p), where=p > 0)
    return -(p * logs).sum(axis=1)


def divergences(grid: np.ndarray, chosen: list[int]) -> tuple[float, dict[int, float]]:
    """For a grid of word counts (one row per agency), the mean JSD over every pair of the
    ``chosen`` rows (NaN with fewer than two) and each chosen row's JSD from all other rows pooled."""
    pairs = list(itertools.combinations(chosen, 2))
    between = _jensen_shannon_rows(grid[[a for a, _b in pairs]], grid[[b for _a, b in pairs]])
    apart = _jensen_shannon_rows(grid[chosen], grid.sum(axis=0) - grid[chosen])
    return _mean(between), dict(zip(chosen, apart.tolist()))


def chance_divergences(turn_owner: np.ndarray, word_turn: np.ndarray, word_term: np.ndarray, shape: tuple[int, int],
                       chosen: list[int], *, shuffles: int = SHUFFLES, seed: int = 0) -> tuple[float, dict[int, float]]:
    """``divergences`` averaged over ``shuffles`` random deals of the turns to the agencies, each
    agency keeping its number of turns: what they would be if the agencies shared one vocabulary.
    ``turn_owner`` holds each turn's agency row, ``word_turn`` and ``word_term`` each word's turn
    and column. The same input always gives the same figures."""
    rng = np.random.default_rng(seed)
    means, apart = [], {}
    for _ in range(shuffles):
        mean, each = divergences(_grid(rng.permutation(turn_owner)[word_turn], word_term, shape), chosen)
        means.append(mean)
        for row, value in each.items():
            apart.setdefault(row, []).append(value)
    return _mean(means), {row: _mean(values) for row, values in apart.items()}


def _grid(word_owner: np.ndarray, word_term: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    cells = np.bincount(word_owner * shape[1] + word_term, minlength=shape[0] * shape[1])
    return cells.reshape(shape).astype(float)


def _mean(values) -> float:
    """The mean of the values that are not NaN; NaN when none is."""
    values = np.asarray(values, dtype=float)
    kept = values[~np.isnan(values)]
    return float(kept.mean()) if len(kept) else np.nan


def add_divergence(meetings: pd.DataFrame, agencies: pd.DataFrame,
                   said: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``meetings`` with ``vocabulary_divergence`` (the mean JSD over every pair of agencies with
    at least ``MIN_WORDS`` words; empty with fewer than two) and ``vocabulary_divergence_chance``,
    and ``agencies`` with ``divergence_from_rest`` (an agency's JSD from everyone else in the
    meeting pooled; empty below ``MIN_WORDS`` words) and ``divergence_from_rest_chance``.
    ``said`` holds the discussion's term occurrences (``terms.discussion_terms``)."""
    # Words of a turn with no agency (a meeting read without a roster step) belong to no row.
    words = said[~said["term"].str.contains(" ", regex=False) & said["agency"].notna()]
    spoken = set(agencies.loc[agencies["words"] >= MIN_WORDS, ["meeting_id", "agency"]].itertuples(index=False, name=None))
    found: dict[str, dict] = {"": {}, "_chance": {}, "apart": {}, "apart_chance": {}}
    for meeting_id, rows in words.groupby("meeting_id"):
        owner, names = pd.factorize(rows["agency"], sort=True)
        term, vocabulary = pd.factorize(rows["term"], sort=True)
        turn, _turns = pd.factorize(rows["turn"], sort=True)
        turn_owner = np.zeros(turn.max() + 1, dtype=int)
        turn_owner[turn] = owner
        shape = (len(names), len(vocabulary))
        chosen = [row for row, agency in enumerate(names) if (meeting_id, agency) in spoken]
        for kind, (mean, apart) in (("", divergences(_grid(owner, term, shape), chosen)),
                                    ("_chance", chance_divergences(turn_owner, turn, term, shape, chosen))):
            found[kind][meeting_id] = mean
            found["apart" + kind] |= {(meeting_id, names[row]): value for row, value in apart.items()}
    keys = list(agencies[["meeting_id", "agency"]].itertuples(index=False, name=None))
    return (
        meetings.assign(vocabulary_divergence=meetings["meeting_id"].map(found[""]).astype(float),
                        vocabulary_divergence_chance=meetings["meeting_id"].map(found["_chance"]).astype(float)),
        agencies.assign(divergence_from_rest=[found["apart"].get(key, np.nan) for key in keys],
                        divergence_from_rest_chance=[found["apart_chance"].get(key, np.nan) for key in keys]),
    )
