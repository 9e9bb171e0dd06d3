"""Reflection markers: a hit and a near-miss for each, the measures built from them, and the scores."""

import math

import pandas as pd
import pytest

from hymnsheet_talk.evaluation import evaluate, read_gold
from hymnsheet_talk.report.evidence import counted_phrases, mark, quiet_stretch
from hymnsheet_talk.meeting import Meeting, Speaker, Turn
from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.language import MARKERS
from hymnsheet_talk.tables import build_tables
from hymnsheet_talk.language import roll_up_rows, sentence_rows

from conftest import DATA

EXAMPLES = [
    ("uncertainty", "I don't know, I might be wrong about the cars.", "I think he should be on a contract."),
    ("uncertainty", "We haven't got the full picture yet.", "I don't have the exact date to hand."),
    ("open_question", "Why do we think the girls go to that hotel?", "Can everyone hear me?"),
    ("open_question", "Talk us through what happens after the club closes.", "Do you think a contract would work?"),
    ("invitation", "Priya, what are your team seeing?", "Any thoughts?"),
    ("invitation", "Does anyone from health want to come in?", "What do we do about the flat?"),
    ("reasoning", "They go there because it's the only warm place.", "He was excluded because he hit a teacher."),
    ("challenge", "I'd push back on that, is it really his choice?", "I disagree with the date in the minutes."),
    ("building_on", "Building on what Sam said, the drivers see everything.", "Yes, I agree."),
    ("building_on", "Dave's point about the cars is the key one.", "As I said last week, I'll chase it."),
    ("certainty", "Clearly there's nothing we can do.", "I'm not clear what the plan is."),
]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(classifier=False)


def markers(nlp, text):
    return roll_up_rows(list(sentence_rows(nlp(text))))


@pytest.mark.parametrize("marker, hit, near_miss", EXAMPLES, ids=[f"{m}-{i}" for i, (m, _h, _n) in enumerate(EXAMPLES)])
def test_each_marker_has_a_hit_and_a_near_miss(nlp, marker, hit, near_miss):
    assert markers(nlp, hit)[marker] == 1
    assert markers(nlp, near_miss)[marker] == 0


def test_every_marker_has_examples():
    assert {marker for marker, _hit, _miss in EXAMPLES} == set(MARKERS)


def test_a_vocative_is_found_at_either_end_and_a_known_name_in_lower_case(nlp):
    assert list(sentence_rows(nlp("What are you seeing, Priya?")))[0]["addressee"] == "Priya"
    doc = nlp.make_doc("priya, what are you seeing?")
    doc.user_data["hymnsheet_names"] = frozenset({"priya"})
    assert list(sentence_rows(nlp(doc)))[0]["addressee"] == "priya"


def test_reflection_scores_stay_at_or_above_the_targets(nlp):
    scores = evaluate(read_gold(DATA / "gold.csv"), nlp).scores.set_index("label")["f1"]
    for marker in ("uncertainty", "open_question", "invitation"):
        assert scores[marker] >= 0.85, marker
    for marker in ("reasoning", "challenge", "building_on", "certainty"):
        assert scores[marker] >= 0.75, marker


def test_the_gold_set_has_thirty_positives_per_marker():
    gold = read_gold(DATA / "gold.csv")
    assert all(gold[marker].sum() >= 30 for marker in MARKERS)


def _meeting(lines):
    """A meeting from (speaker, agency, text) lines, one turn each."""
    turns = [Turn(number, speaker, text, number, agency=agency) for number, (speaker, agency, text) in enumerate(lines, 1)]
    speakers = list({speaker: Speaker(speaker, agency) for speaker, agency, _text in lines}.values())
    return Meeting("m", "m.txt", "plain", turns, speakers)


MEETING = _meeting([
    ("Helen Marsh", "Social care", "Priya, what are the school seeing at the gate?"),
    ("Priya Shah", "Education", "I'm not sure, but the older men wait outside at home time."),
    ("Helen Marsh", "Social care", "Does anyone from the police want to come in?"),
    ("Tom Okafor", "Police", "He's choosing to go there, he knows the risks."),
    ("Helen Marsh", "Social care", "Why do we think they wait there?"),
])


@pytest.fixture(scope="module")
def tables(nlp):
    return build_tables([MEETING], nlp)


def test_invitations_go_to_the_named_person_or_the_next_speaker(tables):
    assert tables["invitations"].values.tolist() == [
        ["m", "Social care", "Education", 1], ["m", "Social care", "Police", 1]]


def test_rates_per_thousand_words_and_spread(tables):
    meeting = tables["meetings"].iloc[0]
    words = sum(turn.words for turn in MEETING.turns)
    assert meeting["open_question_per_1k"] == pytest.approx(2 / words * 1000)
    assert meeting["uncertainty_per_1k"] == pytest.approx(1 / words * 1000)
    # Reflective moves come from Social care and Education but not Police: uneven, not one voice.
    agencies = tables["agencies"].set_index("agency")
    assert agencies.loc["Police", "uncertainty_per_1k"] == 0
    assert 0 < meeting["reflection_spread"] < 1


def test_open_questions_answered_by_someone_else(tables):
    # Turn 1 is answered by Priya; turn 5 is the last turn, so nobody answered it.
    assert tables["meetings"].iloc[0]["questions_answered"] == 0.5


def test_framing_counts_per_agency(tables):
    agencies = tables["agencies"].set_index("agency")
    assert agencies.loc["Police", ["behaviour", "ecological"]].tolist() == [1, 0]
    assert agencies.loc["Education", ["behaviour", "ecological"]].tolist() == [0, 1]
    assert agencies.loc["Police", "ecological_share"] == 0
    assert math.isnan(agencies.loc["Social care", "ecological_share"])


def test_markers_table_is_long_and_tidy(tables):
    rows = tables["markers"]
    assert sorted(set(rows["agency"])) == ["(all)", "Education", "Police", "Social care"]
    whole = rows[(rows["agency"] == "(all)") & (rows["marker"] == "open_question")].iloc[0]
    assert (whole["sentences"], whole["turns_with"], whole["turn_share"]) == (2, 2, 2 / 5)


def test_timeline_in_tenths_of_an_untimed_meeting(tables):
    timeline = tables["reflection_timeline"]
    assert timeline["unit"].unique().tolist() == ["tenth"]
    assert timeline["open_question"].sum() == 2 and timeline["words"].sum() == sum(t.words for t in MEETING.turns)


def test_quiet_stretch_is_found_only_when_long():
    turns = pd.DataFrame({"turn": range(1, 11), "words": [10] * 10,
                          "open_question": [1, 0, 0, 0, 0, 0, 0, 0, 0, 1], "uncertainty": [0] * 10})
    stretch = quiet_stretch(turns)
    assert (stretch.first_turn, stretch.last_turn, stretch.turns, stretch.words) == (2, 9, 8, 80)
    turns["uncertainty"] = [0, 0, 0, 1, 0, 0, 1, 0, 0, 0]
    assert quiet_stretch(turns) is None


def test_quotes_mark_the_cue_words_that_counted():
    cues = "behaviour.choice.own_choice=his choices (negated by 'n't about': a counter-frame); setting.place.outdoor=park (only the setting); ecological.harm.adults=adults"
    assert counted_phrases(cues) == ["his choices", "adults"]
    assert mark("It isn't his choices, adults are.", ["adults", "his choices"]) == [
        ("It isn't ", False), ("his choices", True), (", ", False), ("adults", True), (" are.", False)]


def test_reflection_cues_name_marker_id_and_phrase(nlp):
    cues = markers(nlp, "Priya, I don't know, why do they go there?")["reflection_cues"]
    assert cues == ("uncertainty/uncertainty.dont_know_short=I don't know; open_question/question.wh=why; "
                    "invitation/name=Priya")
