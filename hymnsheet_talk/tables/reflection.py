"""Reflection measures from the sentences table (docs/methods.md §3).

A marker's count is the number of sentences carrying it; its rate is per 1,000 spoken words;
its turn share is the share of turns with at least one. Reflective moves are every marker but
``certainty``, which closes a question down rather than opening one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..language import MARKERS
from .participation import normalised_entropy
from .turn_taking import turn_pairs

REFLECTIVE = [marker for marker in MARKERS if marker != "certainty"]
RATE_COLUMNS = [f"{marker}_per_1k" for marker in MARKERS]
MARKER_COLUMNS = ["meeting_id", "agency", "marker", "sentences", "turns_with", "turn_share", "per_1k"]
INVITATION_COLUMNS = ["meeting_id", "from_agency", "to_agency", "count"]
TIMELINE_COLUMNS = ["meeting_id", "part", "unit", "start", "words", *MARKERS]
ALL_AGENCIES = "(all)"
TENTHS = 10
TIMED_BIN_S = 600
# Ten-minute parts only say something when there are at least three of them.
MIN_TIMED_S = 3 * TIMED_BIN_S


def add_rates(table: pd.DataFrame, sentences: pd.DataFrame, keys: list[str], spread_by: str) -> pd.DataFrame:
    """``table`` (which has ``words``) with ``<marker>_per_1k`` per ``keys`` and ``reflection_spread``:
    the normalised entropy of reflective moves across the values of ``spread_by`` within each group
    (agencies within a meeting; speakers within an agency)."""
    counts = sentences.groupby(keys)[MARKERS].sum() if len(sentences) else pd.DataFrame(columns=MARKERS)
    joined = table.join(counts, on=keys)
    words = joined["words"].replace(0, np.nan)
    for marker in MARKERS:
        joined[f"{marker}_per_1k"] = joined[marker].fillna(0) / words * 1000
    moves = sentences.assign(moves=sentences[REFLECTIVE].sum(axis=1)).groupby([*keys, spread_by])["moves"].sum()
    joined["reflection_spread"] = [
        _spread(moves, key, members) for key, members in zip(_keys(joined, keys), _members(joined, keys, spread_by, sentences))
    ]
    return joined.drop(columns=MARKERS)


def markers_table(turns: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Long table: each marker per agency and for the whole meeting (agency ``(all)``)."""
    frames = []
    for keys, label in ((["meeting_id", "agency"], None), (["meeting_id"], ALL_AGENCIES)):
        by_turn = turns.groupby(keys)
        words, turn_count = by_turn["words"].sum(), by_turn["turn"].size()
        counts = {"sentences": sentences.groupby(keys)[MARKERS].sum().reindex(words.index, fill_value=0),
                  "turns_with": by_turn[MARKERS].sum()}
        # One column per marker → one row per marker, for both counts at once.
        frame = pd.concat({name: table.rename_axis(columns="marker").stack() for name, table in counts.items()}, axis=1)
        frame["turn_share"] = frame["turns_with"] / turn_count.reindex(frame.index.droplevel("marker")).to_numpy()
        frame["per_1k"] = frame["sentences"] / words.replace(0, np.nan).reindex(frame.index.droplevel("marker")).to_numpy() * 1000
        frame = frame.reset_index()
        if label:
            frame["agency"] = label
        frames.append(frame)
    if turns.empty:
        return pd.DataFrame(columns=MARKER_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table[["sentences", "turns_with"]] = table[["sentences", "turns_with"]].astype(int)
    order = {marker: index for index, marker in enumerate(MARKERS)}
    return table[MARKER_COLUMNS].sort_values(
        ["meeting_id", "agency", "marker"], key=lambda c: c.map(order) if c.name == "marker" else c, ignore_index=True
    )


def invitations_table(turns: pd.DataFrame, sentences: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """Who invites whom, agency to agency: the invited agency is the one named (a person's name or
    an agency said to the room), else the agency of the next person to speak."""
    invites = sentences[sentences["invitation"] == 1]
    if invites.empty:
        return pd.DataFrame(columns=INVITATION_COLUMNS)
    pairs = turn_pairs(turns)
    following = dict(zip(zip(pairs["meeting_id"], pairs["turn"]), pairs["next_agency"]))
    by_name = _agency_by_name(speakers)
    agencies = speakers.groupby("meeting_id")["agency"].agg(lambda a: sorted(set(a)))
    targets = []
    for row in invites.itertuples():
        named = _named_agency(row.addressee, by_name.get(row.meeting_id, {}), agencies.get(row.meeting_id, []))
        targets.append(named or following.get((row.meeting_id, row.turn), ""))
    invites = invites.assign(to_agency=targets)
    invites = invites[invites["to_agency"] != ""]
    table = invites.groupby(["meeting_id", "agency", "to_agency"]).size().rename("count").reset_index()
    return table.rename(columns={"agency": "from_agency"})[INVITATION_COLUMNS]


def timeline_table(turns: pd.DataFrame, sentences: pd.DataFrame, timed: dict[str, bool]) -> pd.DataFrame:
    """Markers over each meeting: per 10 minutes when it is timed and lasts 30 minutes or more,
    else per tenth of its words (``start`` is the minute, or the percentage of words, where a part begins)."""
    if turns.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    turns = turns.sort_values(["meeting_id", "turn"])
    by_meeting = turns.groupby("meeting_id", sort=False)
    first = by_meeting["start_s"].transform("min")
    in_minutes = (turns["meeting_id"].map(timed).fillna(False).astype(bool)
                  & (by_meeting["start_s"].transform("count") == by_meeting["start_s"].transform("size"))
                  & (by_meeting["start_s"].transform("max") - first >= MIN_TIMED_S))
    before = by_meeting["words"].cumsum() - turns["words"]
    tenth = (before * TENTHS // by_meeting["words"].transform("sum").clip(lower=1)).clip(upper=TENTHS - 1) + 1
    ten_minutes = ((turns["start_s"] - first) // TIMED_BIN_S + 1).fillna(0)
    turns = turns.assign(part=np.where(in_minutes, ten_minutes, tenth).astype(int),
                         unit=np.where(in_minutes, "10 minutes", "tenth"))
    parts = sentences.merge(turns[["meeting_id", "turn", "part"]], on=["meeting_id", "turn"])
    counts = parts.groupby(["meeting_id", "part"])[MARKERS].sum()
    words = turns.groupby(["meeting_id", "part"])["words"].sum()
    # Every part from the first to the last, quiet ones included.
    last = turns.groupby("meeting_id")["part"].max()
    every = pd.MultiIndex.from_tuples([(m, p) for m, top in last.items() for p in range(1, top + 1)],
                                      names=["meeting_id", "part"])
    table = counts.reindex(every, fill_value=0).join(words.reindex(every, fill_value=0)).reset_index()
    table["unit"] = table["meeting_id"].map(turns.groupby("meeting_id")["unit"].first())
    # Both units step by ten: ten minutes, or ten per cent of the words.
    table["start"] = (table["part"] - 1) * 10
    return table.astype({"words": int, **dict.fromkeys(MARKERS, int)})[TIMELINE_COLUMNS]


def add_answered(table: pd.DataFrame, turns: pd.DataFrame, sentences: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``table`` with ``questions_answered``: the share of turns asking an open question that were
    followed by a turn from someone else, per ``keys`` (empty where nobody asked one)."""
    questions = sentences[sentences["open_question"] == 1].drop_duplicates(["meeting_id", "turn"])
    if questions.empty:
        return table.assign(questions_answered=np.nan)
    pairs = turn_pairs(turns)
    answered = dict(zip(zip(pairs["meeting_id"], pairs["turn"]), pairs["next_speaker"] != pairs["speaker"]))
    questions = questions.assign(
        answered=[answered.get((m, t), False) for m, t in zip(questions["meeting_id"], questions["turn"])]
    )
    share = questions.groupby(keys)["answered"].mean().rename("questions_answered").reset_index()
    return table.merge(share, on=keys, how="left")


def _spread(moves: pd.Series, key: tuple, members: list) -> float:
    values = [moves.get((*key, member), 0) for member in members]
    return normalised_entropy(values) if sum(values) else np.nan


def _keys(table: pd.DataFrame, keys: list[str]) -> list[tuple]:
    return list(table[keys].itertuples(index=False, name=None))


def _members(table: pd.DataFrame, keys: list[str], spread_by: str, sentences: pd.DataFrame) -> list[list]:
    """Who a group's moves could come from: everyone in it who said anything."""
    pool = sentences.groupby(keys)[spread_by].agg(lambda s: sorted(set(s))) if len(sentences) else pd.Series(dtype=object)
    return [pool.get(key if len(key) > 1 else key[0], []) for key in _keys(table, keys)]


def _agency_by_name(speakers: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Each meeting's attendees by every part of their name, where that part is unambiguous."""
    names: dict[str, dict[str, str]] = {}
    for row in speakers.itertuples():
        table = names.setdefault(row.meeting_id, {})
        for part in str(row.speaker).lower().split():
            table[part] = row.agency if table.get(part, row.agency) == row.agency else ""
    return names


def _named_agency(addressee: str, by_name: dict[str, str], agencies: list[str]) -> str:
    if not addressee:
        return ""
    word = addressee.removeprefix("agency:").lower()
    if word in by_name and by_name[word]:
        return by_name[word]
    matches = [agency for agency in agencies if word in agency.lower() or agency.lower() in word]
    return matches[0] if len(matches) == 1 else ""
