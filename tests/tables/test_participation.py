"""Participation measures on small meetings built in the test, checked against hand arithmetic."""

import math

import pytest

from hymnsheet_talk import Roster, attribute, build_tables, parse_transcript
from hymnsheet_talk.tables.participation import gini, normalised_entropy
from hymnsheet_talk.roster import Member


def test_gini_and_entropy_by_hand():
    # shares 0.5, 0.5, 0: sum |si - sj| over ordered pairs = 4 * 0.5 = 2; / (2*3) = 1/3; * 3/2 = 0.5
    assert gini([5, 5, 0]) == pytest.approx(0.5)
    assert gini([3, 3, 3]) == 0
    assert gini([7, 0, 0, 0]) == pytest.approx(1.0)
    assert math.isnan(gini([4]))
    assert normalised_entropy([5, 5, 0]) == pytest.approx(math.log(2) / math.log(3))
    assert normalised_entropy([2, 2, 2, 2]) == pytest.approx(1.0)
    assert math.isnan(gini([0, 0]))


@pytest.fixture
def tables():
    meeting = parse_transcript(
        "[00:00:00] Helen Marsh: one two three four five six\n"
        "[00:00:30] Tom Okafor: one two\n"
        "[00:00:40] Helen Marsh: one two three four\n"
        "[00:01:00] Priya Shah: one two three four five six seven eight\n"
        "[00:01:30] Tom Okafor: bye\n",
        meeting_id="m1",
        source="m1.txt",
    )
    roster = Roster((
        Member("Helen Marsh", "Children's social care", "Chair"),
        Member("Tom Okafor", "Police"),
        Member("Priya Shah", "Education"),
        Member("Gary Lewis", "Housing"),
        Member("Ann Lee", "Police"),
    ))
    return build_tables([attribute(meeting, roster)])


def test_turns_table(tables):
    turns = tables["turns"]
    assert list(turns.columns[:8]) == ["meeting_id", "turn", "speaker", "agency", "start_s", "end_s", "words", "text"]
    assert turns["words"].tolist() == [6, 2, 4, 8, 1]
    assert turns["end_s"].tolist()[:4] == [30.0, 40.0, 60.0, 90.0]
    assert math.isnan(turns["end_s"].iloc[4])


def test_speakers_table(tables):
    speakers = tables["speakers"].set_index("speaker")
    assert list(tables["speakers"].columns) == [
        "meeting_id", "speaker", "agency", "role", "turns", "words", "word_share", "seconds", "time_share",
        "mean_turn_words", "longest_turn_words", "interruptions_made", "interruptions_received", "longest_turn_seconds",
    ]
    # 21 words in all; seconds: Helen 30 + 20, Tom 10 (+ unknown), Priya 30; 90 known in all.
    assert speakers.loc["Helen Marsh", ["turns", "words", "longest_turn_words"]].tolist() == [2, 10, 6]
    assert speakers.loc["Helen Marsh", "word_share"] == pytest.approx(10 / 21)
    assert speakers.loc["Helen Marsh", "mean_turn_words"] == 5
    assert speakers.loc["Tom Okafor", "seconds"] == 10
    assert speakers.loc["Priya Shah", "time_share"] == pytest.approx(30 / 90)
    assert speakers.loc["Gary Lewis", ["turns", "words", "seconds"]].tolist() == [0, 0, 0]
    assert math.isnan(speakers.loc["Gary Lewis", "mean_turn_words"])
    assert tables["speakers"]["speaker"].tolist() == ["Helen Marsh", "Priya Shah", "Tom Okafor", "Ann Lee", "Gary Lewis"]


def test_agencies_table(tables):
    agencies = tables["agencies"].set_index("agency")
    assert list(tables["agencies"].columns[:9]) == [
        "meeting_id", "agency", "attendees", "speakers", "turns", "words", "word_share", "headcount_share",
        "voice_ratio",
    ]
    assert agencies.loc["Police", ["attendees", "speakers", "turns", "words"]].tolist() == [2, 1, 2, 3]
    assert agencies.loc["Police", "headcount_share"] == pytest.approx(2 / 5)
    assert agencies.loc["Police", "voice_ratio"] == pytest.approx((3 / 21) / (2 / 5))
    assert agencies.loc["Housing", "voice_ratio"] == 0


def test_meetings_table(tables):
    row = tables["meetings"].iloc[0]
    assert list(tables["meetings"].columns[:11]) == [
        "meeting_id", "source", "format", "turns", "words", "minutes", "speakers", "attendees", "gini", "entropy",
        "chair_word_share",
    ]
    assert (row["turns"], row["words"], row["speakers"], row["attendees"]) == (5, 21, 3, 5)
    assert row["minutes"] == pytest.approx(1.5)  # first start 0 s to last known end 90 s
    assert row["gini"] == pytest.approx(gini([10, 3, 8, 0, 0]))
    assert row["chair_word_share"] == pytest.approx(10 / 21)
    assert row["chair_turn_share"] == pytest.approx(2 / 5)
    assert row["chair"] == "Helen Marsh"


def test_summary_names_every_silent_attendee(tables):
    from hymnsheet_talk.report.prose import participation_sentences

    sentences = participation_sentences(tables["meetings"].iloc[0], tables["speakers"], tables["agencies"])
    assert sentences[0] == "5 people from 4 agencies were present and 3 spoke: 21 words in 5 turns over 2 minutes."
    assert sentences[2] == "Ann Lee (Police) and Gary Lewis (Housing) were at the meeting but did not speak."
    assert sentences[-1] == "The chair, Helen Marsh, spoke 48% of the words and took 40% of the turns."


def test_only_the_role_chair_itself_marks_the_chair():
    meeting = parse_transcript("Ann Lee: one two\nBob Ray: three\n", meeting_id="m", source="m.txt")
    roster = Roster((Member("Ann Lee", "Education", "Chair of governors"), Member("Bob Ray", "Police", " CHAIR ")))
    row = build_tables([attribute(meeting, roster)])["meetings"].iloc[0]
    assert (row["chair"], row["chair_word_share"], row["chair_turn_share"]) == ("Bob Ray", 1 / 3, 1 / 2)


def test_a_roster_that_does_not_fit_leaves_out_the_silent_attendees_sentence(tables):
    from hymnsheet_talk.report.prose import participation_sentences

    sentences = participation_sentences(tables["meetings"].iloc[0], tables["speakers"], tables["agencies"],
                                        roster_matched=False)
    assert not any("did not speak" in sentence for sentence in sentences)
    assert sentences[-1] == "The chair, Helen Marsh, spoke 48% of the words and took 40% of the turns."


def test_a_chair_named_by_a_role_label_is_the_chair_without_a_roster():
    meeting = parse_transcript("The Chair (Ann Lee): one two\nBob Ray: three\nThe Chair: four\n",
                               meeting_id="m", source="m.txt")
    row = build_tables([attribute(meeting, None)])["meetings"].iloc[0]
    assert (row["chair"], row["chair_word_share"], row["chair_turn_share"]) == ("Ann Lee", 3 / 4, 2 / 3)
