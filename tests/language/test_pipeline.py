"""The --model path: a trained spaCy pipeline adds grammar-based cues. Skipped when none is installed.

Set HYMNSHEET_TEST_MODEL to test another installed pipeline than en_core_web_sm.
"""

import os

import pytest
import spacy

from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.language import sentence_rows

MODEL = os.environ.get("HYMNSHEET_TEST_MODEL", "en_core_web_sm")
pytestmark = pytest.mark.skipif(not spacy.util.is_package(MODEL), reason=f"{MODEL} is not installed")


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(MODEL)


def first(nlp, text):
    return next(sentence_rows(nlp(text)))


def test_the_parser_splits_sentences_and_the_rules_still_run(nlp):
    assert "parser" in nlp.pipe_names and nlp.pipe_names[-5:] == [
        "hymnsheet_cues", "hymnsheet_framing", "hymnsheet_framing_classifier", "hymnsheet_actions",
        "hymnsheet_reflection"]
    assert first(nlp, "The underpass has no lighting.")["framing"] == "ecological"


def test_the_young_person_as_subject_of_a_choice_verb_is_behaviour(nlp):
    row = first(nlp, "He opted for the lads over school.")
    assert row["framing"] == "behaviour" and "parse.choice_subject=opted" in row["framing_cues"]
    assert first(nlp, "We opted for the lighting over the contract.")["framing_cues"].count("parse.choice_subject") == 0


def test_a_place_as_subject_of_the_sentence_is_ecological(nlp):
    row = first(nlp, "The stairwell is where it all happens.")
    assert row["framing"] == "ecological" and "parse.place_subject=stairwell" in row["framing_cues"]


def test_pseudonymising_with_a_model_masks_the_people_it_recognises():
    from hymnsheet_talk.meeting import Meeting, Speaker, Turn
    from hymnsheet_talk.tables import Analysis, build_tables
    from hymnsheet_talk.privacy import pseudonymise

    turn = Turn(1, "Ann Lee", "I spoke to John Smith at the bus station yesterday.", 1, agency="Police")
    meeting = Meeting("m", "m.txt", "plain", [turn], [Speaker("Ann Lee", "Police")])
    analysis = Analysis([meeting], build_tables([meeting]))
    hidden = pseudonymise(analysis, model=MODEL)
    assert hidden.tables["turns"].loc[0, "text"] == "I spoke to [name] [name] at the bus station yesterday."
    assert hidden.tables["turns"].loc[0, "speaker"] == "Police 1"
