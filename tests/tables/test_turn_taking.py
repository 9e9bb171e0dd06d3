"""Turn-taking on a small timed meeting and an untimed one, worked out by hand below."""

import math

import pandas as pd
import pytest

from hymnsheet_talk.tables.turn_taking import (
    add_turn_taking, interruptions, is_backchannel, meeting_turn_taking, transitions_table,
)

# Timed: Helen (chair, Social care) → Tom (Police) → Priya (Education) → Tom → Helen → Priya.
# Turn 3 starts at 19.0 while Tom's turn 2 runs to 20.0 and Tom stops 1 s later: an interruption.
# Turn 4 ("Yeah.") starts at 40.0 while Priya runs to 40.5 and then stops, but it is a backchannel:
# not one. Turn 5 starts at 60.0, after turn 4 ended at 41.0: no overlap.
# Turn 6 starts at 70.0 while Helen's turn 5 runs to 95.0: she carries on 25 s, so she was talked
# over, not interrupted.
TIMED = pd.DataFrame({
    "meeting_id": "m",
    "turn": [1, 2, 3, 4, 5, 6],
    "speaker": ["Helen", "Tom", "Priya", "Tom", "Helen", "Priya"],
    "agency": ["Social care", "Police", "Education", "Police", "Social care", "Education"],
    "start_s": [0.0, 10.0, 19.0, 40.0, 60.0, 70.0],
    "end_s": [10.0, 20.0, 40.5, 41.0, 95.0, 80.0],
    "seconds": [10.0, 10.0, 21.5, 1.0, 35.0, 10.0],
    "words": [20, 25, 50, 1, 90, 25],
    "text": ["Welcome.", "The underpass again.", "Can I stop you there, the school sees it too.", "Yeah.",
             "Let's pull this together.", "One more thing."],
})
SPEAKERS = pd.DataFrame({
    "meeting_id": "m", "speaker": ["Helen", "Tom", "Priya"], "agency": ["Social care", "Police", "Education"],
    "role": ["Chair", "", ""],
})


def test_backchannels_are_short_acknowledgements():
    assert is_backchannel("Yeah.") and is_backchannel("Mm, sorry.") and is_backchannel("okay, right")
    assert not is_backchannel("Yeah, but the lighting") and not is_backchannel("")


def test_transitions_are_counted_per_agency_pair():
    assert transitions_table(TIMED).values.tolist() == [
        ["m", "Education", "Police", 1], ["m", "Police", "Education", 1], ["m", "Police", "Social care", 1],
        ["m", "Social care", "Education", 1], ["m", "Social care", "Police", 1]]


def test_only_a_real_overlap_that_stops_the_speaker_is_an_interruption():
    found = interruptions(TIMED)
    assert found[["turn", "made_by", "received_by"]].values.tolist() == [[2, "Priya", "Tom"]]


def test_a_cut_off_mark_is_an_interruption_by_the_next_speaker():
    untimed = TIMED.assign(start_s=float("nan"), end_s=float("nan"), seconds=float("nan"))
    untimed.loc[0, "text"] = "Welcome, everyone, so the first thing—"
    untimed.loc[4, "text"] = "Let's pull this [overlapping]"
    found = interruptions(untimed)
    assert found[["turn", "made_by", "received_by"]].values.tolist() == [[1, "Tom", "Helen"], [5, "Priya", "Helen"]]


def test_speakers_agencies_and_meeting_get_the_counts():
    found = interruptions(TIMED)
    speakers = add_turn_taking(SPEAKERS, TIMED, found, by="speaker").set_index("speaker")
    assert speakers.loc["Priya", ["interruptions_made", "interruptions_received"]].tolist() == [1, 0]
    assert speakers.loc["Tom", ["interruptions_made", "interruptions_received", "longest_turn_seconds"]].tolist() == [
        0, 1, 10.0]
    meeting = meeting_turn_taking(pd.DataFrame({"meeting_id": ["m"]}), TIMED, SPEAKERS, found, {"m": True}).iloc[0]
    # Five transitions, three touching Helen (1→2, 4→5, 5→6); the other two cross agencies.
    assert meeting["chair_brokerage"] == pytest.approx(3 / 5)
    assert meeting["direct_exchange_share"] == pytest.approx(2 / 5)
    assert meeting["interruptions"] == 1
    assert meeting["long_turn_share"] == 0


def test_long_turns_by_words_when_untimed():
    untimed = TIMED.assign(seconds=float("nan"), words=[20, 300, 50, 1, 90, 25])
    meeting = meeting_turn_taking(pd.DataFrame({"meeting_id": ["m"]}), untimed, SPEAKERS, interruptions(untimed),
                                  {"m": False}).iloc[0]
    assert meeting["long_turn_share"] == pytest.approx(300 / 486)
    no_chair = meeting_turn_taking(pd.DataFrame({"meeting_id": ["m"]}), TIMED, SPEAKERS.assign(role=""),
                                   interruptions(TIMED), {"m": True}).iloc[0]
    assert math.isnan(no_chair["chair_brokerage"])


def test_breaking_in_interrupts_however_long_the_overlap():
    turns = pd.DataFrame({
        "meeting_id": "b", "turn": [1, 2, 3, 4], "speaker": ["Ann", "Bob", "Ann", "Cal"],
        "agency": ["Police", "Education", "Police", "Health"],
        "start_s": [float("nan")] * 4, "end_s": [float("nan")] * 4, "seconds": [float("nan")] * 4,
        "words": [12, 9, 6, 5],
        "text": ["The park has been a worry since the lights went.", "Sorry to jump in, but the school sees it too.",
                 "Can I ask a question?", "Can I just come in on that?"],
    })
    found = interruptions(turns)
    assert found[["turn", "made_by", "received_by"]].values.tolist() == [[1, "Bob", "Ann"], [3, "Cal", "Ann"]]
