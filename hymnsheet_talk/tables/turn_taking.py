"""Turn-taking: who speaks after whom, who interrupts whom, who holds the floor (docs/methods.md §4).

Everything here reads the turns table (consecutive segments of one speaker already merged), so a
transition is simply one turn following another.

- An **interruption** is, where both times are known, a turn that starts before the previous one
  ends, is not a backchannel ("yeah", "mm", "sorry"), and is followed by the previous speaker
  stopping within two seconds; and, in any transcript, a turn that ends on a cut-off mark (—, --,
  …, "[interrupted]", "[overlapping]"), taken as interrupted by whoever speaks next; and a turn
  that opens by breaking in ("sorry to jump in", "can I just come in"). (Start-only
  stamps, as in Otter exports, cannot show an overlap: there the cut-off marks are all there is.)
- The chair's **brokerage** is the share of transitions that go to or from the chair; a **direct
  exchange** is a transition between two people from different agencies, neither of them chair.
- A **long turn** lasts over two minutes (timed) or 250 words (untimed); ``long_turn_share`` is the
  share of the meeting's time (or words) spent in them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .participation import is_chair

TRANSITION_COLUMNS = ["meeting_id", "from_agency", "to_agency", "count"]
SPEAKER_TRANSITION_COLUMNS = ["meeting_id", "from_speaker", "to_speaker", "count"]
TURN_TAKING_COLUMNS = ["interruptions_made", "interruptions_received", "longest_turn_seconds"]
MEETING_TURN_TAKING_COLUMNS = ["chair_brokerage", "direct_exchange_share", "interruptions", "long_turn_share"]
# Short acknowledgements that overlap a speaker without taking the floor (a closed class of words,
# like punctuation, rather than a cue to tune).
BACKCHANNEL = frozenset(
    "yeah yes yep yup mm mmm mhm hmm uh-huh right okay ok sure sorry true exactly absolutely "
    "thanks thank you no oh ah indeed agreed definitely".split()
)
BACKCHANNEL_WORDS = 3
CUT_OFF = re.compile(r"(?:—|–|--|…|\.\.\.|\[(?:interrupted|overlapping|crosstalk|cross talk)\])\s*$", re.IGNORECASE)
# A turn that opens by breaking in ("sorry to jump in", "can I just come in") interrupts whoever
# was speaking, however long the overlap lasted.
BARGE_IN = re.compile(r"^\W*(?:\w+,\s*)?(?:sorry(?:,)? (?:to|for) (?:jump|jumping|butt|butting|cut|cutting|come|coming) in|"
                      r"sorry to interrupt|sorry for interrupting|(?:can|could|may) i (?:just )?(?:jump|butt|come|cut) in|"
                      r"if i (?:can|could|may) (?:just )?(?:jump|butt|come|cut) in|let me (?:just )?(?:jump|cut) in|"
                      r"can i (?:just )?interrupt)", re.IGNORECASE)
STOPS_WITHIN_S = 2.0
LONG_TURN_S = 120
LONG_TURN_WORDS = 250


def transitions_table(turns: pd.DataFrame, by: str = "agency") -> pd.DataFrame:
    """Every consecutive pair of turns, counted per agency pair (or per speaker pair, ``by="speaker"``)."""
    columns = TRANSITION_COLUMNS if by == "agency" else SPEAKER_TRANSITION_COLUMNS
    pairs = turn_pairs(turns)
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    table = pairs.groupby(["meeting_id", by, f"next_{by}"]).size().rename("count").reset_index()
    return table.rename(columns={by: columns[1], f"next_{by}": columns[2]})[columns]


def interruptions(turns: pd.DataFrame) -> pd.DataFrame:
    """One row per interruption: the interrupted turn and who made and received it."""
    pairs = turn_pairs(turns)
    columns = ["meeting_id", "turn", "made_by", "made_agency", "received_by", "received_agency"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    start, end = pairs["next_start_s"].astype(float), pairs["end_s"].astype(float)
    overlap = (start < end) & (end - start <= STOPS_WITHIN_S) & ~pairs["next_text"].map(is_backchannel).astype(bool)
    cut_off = pairs["text"].map(lambda text: bool(CUT_OFF.search(text)))
    barging = pairs["next_text"].map(lambda text: bool(BARGE_IN.search(str(text))))
    found = pairs[overlap | cut_off | barging]
    return found.rename(columns={
        "speaker": "received_by", "agency": "received_agency", "next_speaker": "made_by", "next_agency": "made_agency",
    })[columns].reset_index(drop=True)


def is_backchannel(text: str) -> bool:
    """A short acknowledgement: at most three words, all of them backchannel words."""
    words = re.findall(r"[a-z'-]+", str(text).lower())
    return 0 < len(words) <= BACKCHANNEL_WORDS and all(word in BACKCHANNEL for word in words)


def add_turn_taking(table: pd.DataFrame, turns: pd.DataFrame, found: pd.DataFrame, by: str) -> pd.DataFrame:
    """``table`` (speakers, ``by="speaker"``, or agencies, ``by="agency"``) with interruptions made
    and received and the longest turn in seconds (empty when the meeting is untimed)."""
    made_by, received_by = ("made_by", "received_by") if by == "speaker" else ("made_agency", "received_agency")
    made = found.groupby(["meeting_id", made_by]).size()
    received = found.groupby(["meeting_id", received_by]).size()
    longest = turns.groupby(["meeting_id", by])["seconds"].max()
    keys = pd.MultiIndex.from_arrays([table["meeting_id"], table[by]])
    return table.assign(
        interruptions_made=made.reindex(keys, fill_value=0).astype(int).to_numpy(),
        interruptions_received=received.reindex(keys, fill_value=0).astype(int).to_numpy(),
        longest_turn_seconds=longest.reindex(keys).to_numpy(),
    )


def meeting_turn_taking(meetings: pd.DataFrame, turns: pd.DataFrame, speakers: pd.DataFrame,
                        found: pd.DataFrame, timed: dict[str, bool]) -> pd.DataFrame:
    """``meetings`` with the chair's brokerage, direct exchanges, interruptions and long-turn share."""
    chairs = speakers[is_chair(speakers["role"])].groupby("meeting_id")["speaker"].agg(set)
    pairs = turn_pairs(turns)
    rows = {}
    for meeting_id, group in pairs.groupby("meeting_id"):
        chair = chairs.get(meeting_id, set())
        through = group["speaker"].isin(chair) | group["next_speaker"].isin(chair)
        direct = ~through & (group["agency"] != group["next_agency"])
        rows[meeting_id] = (through.mean() if chair else np.nan, direct.mean())
    brokerage = meetings["meeting_id"].map(lambda m: rows.get(m, (np.nan, np.nan))[0])
    direct = meetings["meeting_id"].map(lambda m: rows.get(m, (np.nan, np.nan))[1])
    counts = found.groupby("meeting_id").size()
    return meetings.assign(
        chair_brokerage=brokerage.astype(float),
        direct_exchange_share=direct.astype(float),
        interruptions=meetings["meeting_id"].map(counts).fillna(0).astype(int),
        long_turn_share=meetings["meeting_id"].map(_long_turn_share(turns, timed)).astype(float),
    )


def _long_turn_share(turns: pd.DataFrame, timed: dict[str, bool]) -> dict[str, float]:
    shares = {}
    for meeting_id, group in turns.groupby("meeting_id"):
        if timed.get(meeting_id) and group["seconds"].notna().all():
            amount, long = group["seconds"], group["seconds"] > LONG_TURN_S
        else:
            amount, long = group["words"], group["words"] > LONG_TURN_WORDS
        total = amount.sum()
        shares[meeting_id] = amount[long].sum() / total if total else np.nan
    return shares


def turn_pairs(turns: pd.DataFrame) -> pd.DataFrame:
    """Each turn beside the turn after it, within its meeting (``next_speaker``, ``next_agency``,
    ``next_start_s``, ``next_text``); a meeting's last turn has no row."""
    ordered = turns.sort_values(["meeting_id", "turn"])
    following = ordered.groupby("meeting_id")[["speaker", "agency", "start_s", "text"]].shift(-1)
    pairs = ordered.assign(
        next_speaker=following["speaker"], next_agency=following["agency"],
        next_start_s=following["start_s"], next_text=following["text"],
    )
    return pairs[pairs["next_speaker"].notna()].reset_index(drop=True)
