"""The report's plain words, for meetings built here: who is named, plurals, counts instead of
rates and shares from too little, and titles for meetings the manifest does not name."""

import pandas as pd
import pytest

from hymnsheet_talk import build_tables, parse_transcript
from hymnsheet_talk.report.prose import influence_sentence, participation_sentences, rate, spread_sentence, title
from hymnsheet_talk.roster import attribute


def _tables(text: str):
    meeting = parse_transcript(text, meeting_id="m", source="m.txt")
    return build_tables([attribute(meeting, None)])


def test_an_unnamed_speaker_is_never_who_said_least_and_no_agency_is_not_zero_agencies():
    tables = _tables("Ann Lee: one two three four five\nBob Ray: one two three\nUnknown Speaker: yes\n"
                     "Speaker 2: no\n")
    sentences = participation_sentences(tables["meetings"].iloc[0], tables["speakers"], tables["agencies"])
    assert sentences[0] == "4 people with no agency were present and all of them spoke: 10 words in 4 turns."
    assert "Of those who spoke, Bob Ray (no agency) said least: 3 words (30%)." in sentences
    assert not any("Speaker" in sentence for sentence in sentences)
    # With no agency known there is no agency to call loudest or quietest.
    assert not any("held the largest share" in sentence for sentence in sentences)


def test_one_person_and_one_agency_are_singular():
    tables = _tables("Ann Lee (Police): one two three\n")
    sentences = participation_sentences(tables["meetings"].iloc[0], tables["speakers"], tables["agencies"])
    assert sentences[0] == "1 person from 1 agency was present and all of them spoke: 3 words in 1 turn."


@pytest.mark.parametrize("interruptions, said", [(0, "0 interruptions were found"), (1, "1 interruption was found"),
                                                 (2, "2 interruptions were found")])
def test_interruptions_are_counted_in_words_that_agree(interruptions, said):
    meeting = pd.Series({"chair_brokerage": float("nan"), "direct_exchange_share": 0.5, "interruptions": interruptions,
                         "long_turn_share": 0.0})
    assert influence_sentence(meeting) == f"50% were direct exchanges between people from different agencies. {said}."


def test_a_rate_from_few_words_gives_the_count_instead():
    assert rate(1, 66, 15.2) == "1 sentence in 66 words (too few words for a rate)"
    assert rate(3, 1_200, 2.5) == "3 sentences, 2.5 per 1,000 words"


def test_a_share_of_few_questions_is_given_as_a_count_only():
    meeting = pd.Series({"reflection_spread": 0.9, "questions_answered": 0.5})
    assert spread_sentence(meeting, 4).endswith("; 2 of 4 turns asking an open question were answered by someone else.")
    assert spread_sentence(meeting, 6).endswith("were answered by someone else (50%).")


@pytest.mark.parametrize("row, shown", [
    ({"title": "Northgate context panel", "source": "x.txt", "date": ""}, "Northgate context panel"),
    ({"title": "", "source": "transcripts/senedd_cype_2019-05-08_reasonable_punishment.txt", "date": "2019-05-08"},
     "Senedd cype reasonable punishment"),
    ({"title": None, "source": "C:\\\\minutes\\\\2025-03-11_eastfield-school_gate.vtt", "date": "2025-03-11"},
     "Eastfield school gate"),
    ({"title": "", "source": "panel_2025-01-01_and_2025-02-02.txt", "date": "2025-01-01"}, "Panel and 2025-02-02"),
])
def test_a_meeting_without_a_title_is_named_from_its_file_not_its_slug(row, shown):
    assert title(pd.Series({"meeting_id": "slug-of-it", **row})) == shown
