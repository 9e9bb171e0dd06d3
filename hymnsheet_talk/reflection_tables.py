"""Reflection measures from the sentences table (METHODS section 3).

A marker's count is the number of sentences carrying it; its rate is per 1,000 spoken words;
its turn share is the share of turns with at least one. Reflective moves are every marker but
``certainty``, which closes a question down rather than opening one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .participation import normalised_entropy
from .reflection import MARKERS
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
        words = turns.groupby(keys)["words"].sum()
        turn_count = turns.groupby(keys)["turn"].size()
        for marker in MARKERS:
            frame = pd.DataFrame({
                "sentences": sentences.groupby(keys)[marker].sum(),
                "turns_with": turns.groupby(keys)[marker].sum(),
            }).reindex(words.index, fill_value=0)
            frame["turn_share"] = frame["turns_with"] / turn_count
            frame["per_1k"] = frame["sentences"] / words.replace(0, np.nan) * 1000
            frame = frame.reset_index().assign(marker=marker)
            if label:
                frame["agency"] = label
            frames.append(frame)
    if not frames:
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
    frames = []
    by_meeting = dict(tuple(sentences.groupby("meeting_id", sort=False)))
    for meeting_id, meeting_turns in turns.groupby("meeting_id", sort=True):
        meeting_turns = meeting_turns.sort_values("turn")
        span = meeting_turns["start_s"].max() - meeting_turns["start_s"].min()
        if timed.get(meeting_id) and meeting_turns["start_s"].notna().all() and span >= MIN_TIMED_S:
            start = meeting_turns["start_s"] - meeting_turns["start_s"].min()
            part, unit = (start // TIMED_BIN_S).astype(int) + 1, "10 minutes"
        else:
            before = meeting_turns["words"].cumsum() - meeting_turns["words"]
            total = max(int(meeting_turns["words"].sum()), 1)
            part, unit = (before * TENTHS // total).astype(int).clip(upper=TENTHS - 1) + 1, "tenth"
        parts = pd.Series(part.values, index=meeting_turns["turn"].values)
        counts = by_meeting.get(meeting_id, sentences.iloc[:0]).assign(
            part=lambda s: s["turn"].map(parts)
        ).groupby("part")[MARKERS].sum()
        words = meeting_turns.assign(part=part.values).groupby("part")["words"].sum()
        frame = counts.reindex(range(1, int(part.max()) + 1), fill_value=0).join(words).fillna({"words": 0})
        frame["start"] = [(p - 1) * (TIMED_BIN_S // 60 if unit == "10 minutes" else 10) for p in frame.index]
        frames.append(frame.rename_axis("part").reset_index().assign(meeting_id=meeting_id, unit=unit))
    if not frames:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
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
