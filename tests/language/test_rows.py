"""Sentence rows located in the text they were cut from."""

import pytest

from hymnsheet_talk.language import build_pipeline, sentence_rows, sentence_spans


def test_sentence_spans_find_each_sentence_after_the_one_before():
    text = "Yes. Yes.  No?\nYes."
    assert sentence_spans(text, ["Yes.", "Yes.", "No?", "Yes."]) == [(0, 4), (5, 9), (11, 14), (15, 19)]
    with pytest.raises(ValueError, match="'Maybe.' is not in the text"):
        sentence_spans(text, ["Yes.", "Maybe."])


def test_a_tagged_turns_sentences_are_slices_of_its_text():
    nlp = build_pipeline(classifier=False)
    text = "  He keeps choosing to go back there.\nThe underpass has no lighting!  Why?"
    rows = list(sentence_rows(nlp(text)))
    spans = sentence_spans(text, [row["text"] for row in rows])
    assert [text[start:end] for start, end in spans] == [row["text"] for row in rows]
    assert [row["text"] for row in rows] == ["He keeps choosing to go back there.", "The underpass has no lighting!", "Why?"]
