"""What counts as a speaker label, and how a label is taken apart."""

import pytest

from hymnsheet_talk.readers.labels import looks_like_name, split_label


@pytest.mark.parametrize(
    "label, name",
    [
        ("Karen Doyle", True), ("Doyle, Karen", True), ("Priya Shah (She/Her)", True), ("Jane Doe [NA]", True),
        ("Ruth van der Berg", True), ("Speaker 2", True), ("Unknown Speaker", True), ("DS Tom Okafor", True),
        ("Note", False), ("At 9", False), ("Action for community safety", False), ("so the plan is", False),
        ("The thing is", False), ("We meet at 9", False),
    ],
)
def test_what_counts_as_a_speaker_label(label, name):
    assert looks_like_name(label) is name


def test_split_label_keeps_agencies_and_drops_pronouns_and_tags():
    assert split_label("Priya Shah (She/Her)") == ("Priya Shah", None)
    assert split_label("Jane Doe [NA]") == ("Jane Doe", None)
    assert split_label("Tom Okafor (Police)") == ("Tom Okafor", "Police")
    assert split_label("Ann Lee (Guest)") == ("Ann Lee", None)


@pytest.mark.parametrize("label", [
    "Łukasz Wiśniewski", "Nguyễn Thị Minh", "İlker Yılmaz", "Σοφία Παπαδοπούλου", "Анна Иванова", "محمد علي",
    "דוד כהן", "王小明", "Siobhán O’Shaughnessy", "Zoe\u0308 Smith", "Priya Sh\u200bah",
])
def test_names_in_every_script_are_labels(label):
    assert looks_like_name(label)


@pytest.mark.parametrize("label", ["σοφία παπαδοπούλου", "我们 需要 更多 灯光 在 公园 里", "the plan at 9"])
def test_lower_case_words_and_long_runs_are_speech_in_any_script(label):
    assert not looks_like_name(label)


def test_invisible_characters_pasted_into_a_label_are_dropped():
    assert split_label("Pri\u200bya Shah\u200f (Education)") == ("Priya Shah", "Education")
    assert split_label("\ufeffJo Bell") == ("Jo Bell", None)
