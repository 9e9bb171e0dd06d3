"""Framing rules: one named example per pitfall with its near-miss, and every hard case in the gold set."""

import pytest

from hymnsheet_talk.evaluation import evaluate, read_gold
from hymnsheet_talk.meeting import Meeting, Speaker, Turn
from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.language import roll_up_rows, sentence_rows
from hymnsheet_talk.tables.tagging import tag_meetings

from conftest import DATA

GOLD = read_gold(DATA / "gold.csv")
# Hard cases the rules still get wrong, each with the reason; a fix makes its test fail loudly.
KNOWN_MISSES = {
    "He said he carries it because everyone round there does.": "'it' for the knife is not resolved",
}


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(classifier=False)  # the rules alone: the classifier is tested on its own


def labels(nlp, text):
    return roll_up_rows(list(sentence_rows(nlp(text))))


def framing(nlp, text):
    found = labels(nlp, text)
    return found["framing"], found["framing_kind"]


def test_a_negated_choice_beside_harmful_adults_is_ecological(nlp):
    assert framing(nlp, "It isn't about his choices, adults are targeting the group.") == ("ecological", "problem")
    assert framing(nlp, "It is about his choices.") == ("behaviour", "problem")


def test_a_negated_choice_alone_is_a_counter_frame(nlp):
    found = labels(nlp, "This isn't a lifestyle choice.")
    assert found["framing"] == "ecological"
    assert "a counter-frame" in found["framing_cues"]


def test_a_place_noun_with_an_individual_mechanism_stays_behaviour(nlp):
    assert framing(nlp, "We could run a knife-awareness session in the park.") == ("behaviour", "response")
    assert framing(nlp, "We could put detached youth workers in the park.") == ("ecological", "response")


def test_a_response_judged_not_to_work_is_set_aside(nlp):
    assert framing(nlp, "A dispersal order only moves them to the next park.") == ("ecological", "problem")
    assert framing(nlp, "A dispersal order will move them on.") == ("behaviour", "response")


def test_the_agency_never_decides_the_framing(nlp):
    text = "The underpass is dark with no natural surveillance."
    turns = [Turn(1, "Officer A", text, 1, agency="Police"), Turn(2, "Worker B", text, 2, agency="Youth work")]
    speakers = [Speaker("Officer A", "Police"), Speaker("Worker B", "Youth work")]
    sentences = tag_meetings([Meeting("m", "m.txt", "plain", turns, speakers)], nlp).sentences
    assert sentences["framing"].tolist() == ["ecological", "ecological"]
    assert sentences["agency"].tolist() == ["Police", "Youth work"]


def test_questions_about_choice_and_wording_are_not_behaviour_flags(nlp):
    assert framing(nlp, "Is it really his choice?") == ("none", "")
    assert framing(nlp, "Are we victim-blaming?") == ("none", "")
    assert labels(nlp, "Is it really his choice?")["challenge"] == 1
    # Near-miss: a question that proposes a behaviour response is still one.
    assert framing(nlp, "Could we put him on an acceptable behaviour contract?") == ("behaviour", "response")


def test_talk_about_wording_is_not_a_behaviour_flag(nlp):
    assert framing(nlp, "I'm uncomfortable with the phrase risky behaviour in the minutes.") == ("none", "")
    assert framing(nlp, "His risky behaviour is escalating.") == ("behaviour", "problem")


def test_plain_facts_are_none(nlp):
    assert framing(nlp, "He's fifteen and in year ten.") == ("none", "")
    assert framing(nlp, "There were four incidents in October.") == ("none", "")


def test_reported_speech_keeps_its_framing_and_is_marked(nlp):
    rows = list(sentence_rows(nlp("Mum says she refuses to get up for school.")))
    assert (rows[0]["framing"], rows[0]["reported"]) == ("behaviour", 1)
    rows = list(sentence_rows(nlp("She refuses to get up for school.")))
    assert (rows[0]["framing"], rows[0]["reported"]) == ("behaviour", 0)


def test_after_but_the_later_clause_carries_the_point(nlp):
    text = "He's been warned twice, but the real problem is the flat he keeps being taken to."
    assert framing(nlp, text) == ("ecological", "problem")


def test_a_turn_with_both_framings_is_mixed_and_its_sentences_keep_each(nlp):
    doc = nlp("He keeps choosing to go back there. The underpass has no lighting.")
    assert [row["framing"] for row in sentence_rows(doc)] == ["behaviour", "ecological"]
    assert labels(nlp, doc.text)["framing"] == "mixed"


def test_cues_name_their_lexicon_id_and_phrase(nlp):
    cues = labels(nlp, "We could run a knife-awareness session in the park.")["framing_cues"]
    assert cues == ("behaviour.change.awareness_session=awareness session; "
                    "setting.place.outdoor=park (only the setting)")


def test_sentence_extensions_read_the_labels(nlp):
    sentence = next(nlp("The youth club closed in May.").sents)
    assert (sentence._.hs_framing, sentence._.hs_framing_kind) == ("ecological", "problem")


HARD = GOLD[GOLD["hard_case"] != ""]


@pytest.fixture(scope="module")
def gold_scores(nlp):
    return evaluate(GOLD, nlp)


@pytest.mark.parametrize("text, expected, kind", list(HARD[["text", "framing", "hard_case"]].itertuples(index=False)),
                         ids=[f"{kind}-{index}" for index, kind in zip(HARD["id"], HARD["hard_case"])])
def test_every_hard_case_in_the_gold_set(nlp, text, expected, kind):
    if text in KNOWN_MISSES:
        pytest.xfail(KNOWN_MISSES[text])
    assert labels(nlp, text)["framing"] == expected


def test_the_gold_set_is_big_enough_and_covers_the_pitfalls():
    assert len(GOLD) >= 250
    assert len(HARD) >= 40
    assert set(HARD["hard_case"]) == {"negation", "place_mechanism", "agency_neutral", "question", "meta", "fact",
                                      "reported", "contrast"}


def test_framing_scores_stay_at_or_above_the_target(gold_scores):
    scores = gold_scores.scores.set_index(["label", "class"])
    assert scores.loc[("framing", "behaviour"), "f1"] >= 0.85
    assert scores.loc[("framing", "ecological"), "f1"] >= 0.85
    assert scores.loc[("framing", "behaviour"), "kappa"] >= 0.8


def test_every_gold_row_gets_a_label(gold_scores):
    assert gold_scores.rows["tool_framing"].isin(["behaviour", "ecological", "none", "mixed"]).all()
    assert len(gold_scores.rows) == len(GOLD)
