"""Participation tables: who spoke, how much and for how long, per speaker, agency and meeting.

Formulas follow docs/methods.md §4: shares are fractions of the meeting's words; the Gini
coefficient and normalised entropy run over every attendee, silent ones included.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..meeting import CHAIR_ROLE, Meeting

TURN_COLUMNS = ["meeting_id", "turn", "speaker", "agency", "start_s", "end_s", "words", "text", "seconds", "line"]
SPEAKER_COLUMNS = [
    "meeting_id", "speaker", "agency", "role", "turns", "words", "word_share", "seconds", "time_share",
    "mean_turn_words", "longest_turn_words",
]
AGENCY_COLUMNS = [
    "meeting_id", "agency", "attendees", "speakers", "turns", "words", "word_share", "headcount_share",
    "voice_ratio", "seconds", "time_share",
]
MEETING_COLUMNS = [
    "meeting_id", "source", "format", "turns", "words", "minutes", "speakers", "attendees", "gini", "entropy",
    "chair_word_share", "chair_turn_share", "chair", "encoding", "unattributed_lines", "unattributed_words",
]


def turns_table(meetings: list[Meeting]) -> pd.DataFrame:
    """One row per turn, in meeting and turn order."""
    rows = [
        (m.meeting_id, t.number, t.speaker, t.agency, t.start_s, t.end_s, t.words, t.text, t.seconds, t.line)
        for m in meetings
        for t in m.turns
    ]
    frame = pd.DataFrame(rows, columns=TURN_COLUMNS)
    return frame.astype({"start_s": float, "end_s": float, "seconds": float}).sort_values(
        ["meeting_id", "turn"], ignore_index=True
    )


def speakers_table(meetings: list[Meeting], turns: pd.DataFrame) -> pd.DataFrame:
    """One row per attendee per meeting (silent attendees with 0 turns and 0 words)."""
    people = pd.DataFrame(
        [(m.meeting_id, s.name, s.agency, s.role) for m in meetings for s in m.speakers],
        columns=["meeting_id", "speaker", "agency", "role"],
    )
    spoken = turns.groupby(["meeting_id", "speaker"], sort=False).agg(
        turns=("turn", "size"),
        words=("words", "sum"),
        seconds=("seconds", lambda s: s.sum(min_count=1)),
        longest_turn_words=("words", "max"),
    )
    frame = people.join(spoken, on=["meeting_id", "speaker"])
    frame[["turns", "words", "longest_turn_words"]] = (
        frame[["turns", "words", "longest_turn_words"]].fillna(0).astype(int)
    )
    # In a timed meeting a silent attendee spoke for 0 seconds; a speaker whose turns carry no end
    # time keeps an unknown. Sums of cue times pick up float noise beyond the milliseconds stored.
    timed = frame["meeting_id"].map({m.meeting_id: m.timed for m in meetings})
    silent = frame["turns"] == 0
    frame["seconds"] = frame["seconds"].mask(timed & silent, 0.0).round(3)
    frame["word_share"] = _share(frame, "words")
    frame["time_share"] = _share(frame, "seconds")
    frame["mean_turn_words"] = frame["words"] / frame["turns"].replace(0, np.nan)
    return frame[SPEAKER_COLUMNS].sort_values(
        ["meeting_id", "words", "speaker"], ascending=[True, False, True], ignore_index=True
    )


def agencies_table(speakers: pd.DataFrame) -> pd.DataFrame:
    """One row per agency per meeting; voice ratio = word share ÷ share of attendees."""
    frame = speakers.groupby(["meeting_id", "agency"], as_index=False).agg(
        attendees=("speaker", "size"),
        speakers=("turns", lambda t: int((t > 0).sum())),
        turns=("turns", "sum"),
        words=("words", "sum"),
        seconds=("seconds", lambda s: s.sum(min_count=1)),
    )
    frame["seconds"] = frame["seconds"].round(3)
    frame["word_share"] = _share(frame, "words")
    frame["headcount_share"] = _share(frame, "attendees")
    frame["voice_ratio"] = frame["word_share"] / frame["headcount_share"]
    frame["time_share"] = _share(frame, "seconds")
    return frame[AGENCY_COLUMNS].sort_values(
        ["meeting_id", "words", "agency"], ascending=[True, False, True], ignore_index=True
    )


def meetings_table(meetings: list[Meeting], speakers: pd.DataFrame) -> pd.DataFrame:
    """One row per meeting with its size, evenness (Gini, entropy) and the chair's share."""
    by_meeting = dict(tuple(speakers.groupby("meeting_id", sort=False)))
    rows = []
    for meeting in meetings:
        people = by_meeting.get(meeting.meeting_id, speakers.iloc[:0])
        chair = people[is_chair(people["role"])]
        total_turns = people["turns"].sum()
        rows.append(
            {
                "meeting_id": meeting.meeting_id,
                "source": meeting.source,
                "format": meeting.format,
                "turns": len(meeting.turns),
                "words": meeting.words,
                "minutes": _minutes(meeting),
                "speakers": int((people["turns"] > 0).sum()),
                "attendees": len(people),
                "gini": gini(people["words"]),
                "entropy": normalised_entropy(people["words"]),
                "chair_word_share": chair["word_share"].sum() if len(chair) else np.nan,
                "chair_turn_share": chair["turns"].sum() / total_turns if len(chair) and total_turns else np.nan,
                "chair": "; ".join(chair["speaker"]),
                "encoding": meeting.encoding,
                "unattributed_lines": len(meeting.unattributed),
                "unattributed_words": sum(u.words for u in meeting.unattributed),
            }
        )
    return pd.DataFrame(rows, columns=MEETING_COLUMNS).sort_values("meeting_id", ignore_index=True)


def is_chair(roles: pd.Series) -> pd.Series:
    """Which roles mark the chair: exactly "Chair", whatever the case ("Chair of X" is not)."""
    return roles.str.strip().str.lower() == CHAIR_ROLE


# Up to this many attendees the Gini's pairwise sum is taken as written (as earlier versions did,
# so their figures stay the same to the last digit); past it, from the sorted shares.
PAIRWISE_LIMIT = 1000


def gini(values) -> float:
    """Gini coefficient with the small-group correction n/(n-1): 0 all equal, 1 one voice only.

    G = Σ_i Σ_j |s_i − s_j| / (2n) · n/(n−1) over shares s_i; NaN for fewer than two people or
    no words.
    """
    shares = _shares(values)
    if shares is None or len(shares) < 2:
        return np.nan
    n = len(shares)
    if n <= PAIRWISE_LIMIT:
        pairwise = np.abs(shares[:, None] - shares[None, :]).sum()
    else:
        # The same sum from the shares in order, Σ (2i − n − 1) s_(i) twice over: a roster of
        # thousands of silent attendees must not cost an n-by-n table (10,000 took 800 MB).
        pairwise = 2 * ((2 * np.arange(1, n + 1) - n - 1) * np.sort(shares)).sum()
    return float(pairwise / (2 * n) * n / (n - 1))


def normalised_entropy(values) -> float:
    """−Σ s_i ln s_i / ln n over shares s_i (silent people add 0): 1 perfectly even, 0 one voice."""
    shares = _shares(values)
    if shares is None or len(shares) < 2:
        return np.nan
    spoken = shares[shares > 0]
    return float(-(spoken * np.log(spoken)).sum() / math.log(len(shares))) + 0.0  # never -0.0


def _shares(values) -> np.ndarray | None:
    array = np.asarray(values, dtype=float)
    total = array.sum()
    return array / total if total > 0 else None


def _share(frame: pd.DataFrame, column: str) -> pd.Series:
    totals = frame.groupby("meeting_id")[column].transform(lambda s: s.sum(min_count=1))
    return frame[column] / totals.replace(0, np.nan)


def _minutes(meeting: Meeting) -> float:
    starts = [t.start_s for t in meeting.turns if t.start_s is not None]
    ends = [t.end_s for t in meeting.turns if t.end_s is not None]
    if not starts or not ends:
        return np.nan
    return (max(ends) - min(starts)) / 60
