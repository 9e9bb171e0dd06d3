"""Finding a labelled sentence's text again in its transcript, as the labelling guide counts."""

import pytest

from hymnsheet_talk.errors import InputError
from hymnsheet_talk.evaluation import read_labels, with_texts
from hymnsheet_talk.evaluation.devset import turn_sentences

TEXT = ("Dr. Ann Lee (Chair): Good morning. We start with Bob. Bob?\n\n"
        "Bob Roe: Thanks! The waiting list is long: too long.  It isn't fair.\n")


def test_turns_are_paragraphs_and_sentences_break_before_a_capital():
    assert turn_sentences(TEXT) == [["Good morning.", "We start with Bob.", "Bob?"],
                                    ["Thanks!", "The waiting list is long: too long.", "It isn't fair."]]


def test_labels_get_their_text_and_the_names_of_who_spoke(tmp_path):
    (tmp_path / "m.txt").write_text(TEXT, encoding="utf-8")
    labels = tmp_path / "m.labels.csv"
    labels.write_text("file,turn,sent,framing\nm.txt,1,1,ecological\nm.txt,0,2,none\n", encoding="utf-8")
    found = with_texts(read_labels([labels]), tmp_path)
    assert found["text"].tolist() == ["The waiting list is long: too long.", "Bob?"]
    assert {"ann", "lee", "bob", "roe"} <= set(found["names"][0])


def test_a_label_past_the_end_or_into_a_missing_transcript_is_an_input_error(tmp_path):
    (tmp_path / "m.txt").write_text(TEXT, encoding="utf-8")
    labels = tmp_path / "m.labels.csv"
    labels.write_text("file,turn,sent,framing\nm.txt,1,7,none\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no sentence 7 in turn 1"):
        with_texts(read_labels([labels]), tmp_path)
    labels.write_text("file,turn,sent,framing\ngone.txt,0,0,none\n", encoding="utf-8")
    with pytest.raises(InputError, match="which is not there"):
        with_texts(read_labels([labels]), tmp_path)
