"""Properties that must hold for any transcript, checked on generated ones with hypothesis."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hymnsheet_talk.errors import InputError
from hymnsheet_talk.readers import parse_transcript

NAMES = ["Helen Marsh", "Tom Okafor", "Priya Shah", "Sam Reid"]
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", min_size=1, max_size=9).filter(lambda w: w.strip("'"))
UTTERANCE = st.lists(WORD, min_size=1, max_size=25).map(" ".join)
# A line is a labelled utterance or an unlabelled continuation line.
LINE = st.one_of(st.tuples(st.sampled_from(NAMES), UTTERANCE), st.tuples(st.none(), UTTERANCE))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=30))
def test_every_spoken_word_is_in_a_turn_or_reported_unattributed(lines):
    text = "\n".join(f"{name}: {words}" if name else words for name, words in lines)
    spoken = sum(len(words.split()) for _name, words in lines)
    try:
        meeting = parse_transcript(text, suffix=".txt")
    except InputError:
        assert all(name is None for name, _words in lines)  # only refused when nobody is labelled
        return
    assert meeting.words + sum(item.words for item in meeting.unattributed) == spoken


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from([".txt", ".vtt", ".srt", ".csv", ""]))
def test_any_text_is_read_or_refused_with_an_input_error(text, suffix):
    try:
        meeting = parse_transcript(text, suffix=suffix)
    except InputError as error:
        assert str(error)  # a reason a person can read
    else:
        # Nothing is invented: the words read (to speakers or unattributed) are at most those written.
        read = meeting.words + sum(item.words for item in meeting.unattributed)
        assert read <= len(text.split()) and all(turn.speaker.strip() for turn in meeting.turns)
