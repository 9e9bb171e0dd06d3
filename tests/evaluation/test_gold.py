"""Reading labelled files: text files and sentence-label files, with ? left unscored."""

import math

import pytest

from hymnsheet_talk.errors import InputError
from hymnsheet_talk.evaluation import is_sentence_labels, read_gold, read_labels


def write(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_question_mark_leaves_a_label_unscored(tmp_path):
    gold = read_gold(write(tmp_path / "a.csv", "text,framing,uncertainty", "x,?,1", "y,Environmental,?"))
    assert gold["framing"].isna().tolist() == [True, False] and gold["framing"][1] == "ecological"
    assert gold["uncertainty"][0] == 1.0 and math.isnan(gold["uncertainty"][1])


def test_sentence_labels_point_into_transcripts_and_name_their_sitting(tmp_path):
    path = write(tmp_path / "s.labels.csv", "file,turn,sent,framing,invitation,note",
                 "more/x.txt,3,0,behaviour,0,a parent's conduct", "more/x.txt,4,2,none,?,")
    assert is_sentence_labels(path) and not is_sentence_labels(write(tmp_path / "t.csv", "text,framing", "x,none"))
    labels = read_labels([path])
    assert labels[["turn", "sent"]].values.tolist() == [[3, 0], [4, 2]]
    assert labels["sitting"].tolist() == ["x", "x"] and math.isnan(labels["invitation"][1])


def test_sentence_labels_refuse_a_missing_pointer_or_a_bad_number(tmp_path):
    with pytest.raises(InputError, match="needs the column"):
        read_labels([write(tmp_path / "a.csv", "file,turn,framing", "x.txt,1,none")])
    with pytest.raises(InputError) as caught:
        read_labels([write(tmp_path / "b.csv", "file,turn,sent,framing", "x.txt,1,0,none", "x.txt,one,0,none")])
    assert str(caught.value) == f"{tmp_path / 'b.csv'}:3: turn 'one' is not a number"
