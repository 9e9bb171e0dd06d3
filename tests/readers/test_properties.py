"""Properties that must hold for any transcript, checked on generated ones with hypothesis."""

import csv
import io
import itertools
import unicodedata

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


# Names as people in a partnership write them, in many scripts; each is also tried decomposed
# (accents as combining marks) and with a zero-width space pasted inside.
SCRIPT_NAMES = [
    "Łukasz Wiśniewski", "Nguyễn Thị Minh", "İlker Yılmaz", "Σοφία Παπαδοπούλου", "Анна Иванова",
    "محمد علي", "דוד כהן", "王小明", "Siobhán O’Shaughnessy", "Zoë Smith", "Jo Bell", "Ruth van der Berg",
]
SCRIPT_WORD = st.text(alphabet="abcżółćęśąńếữạιναβгдежзابتثדהוזחט小明我们", min_size=1, max_size=8)
SPOKEN = st.lists(SCRIPT_WORD, min_size=1, max_size=12).map(" ".join)


@st.composite
def written_names(draw):
    """(the label as written, the name the reader should give): decomposed or with a stray
    zero-width space, it is still the one name."""
    name = draw(st.sampled_from(SCRIPT_NAMES))
    form = draw(st.sampled_from(["as typed", "decomposed", "zero-width"]))
    if form == "decomposed":
        return unicodedata.normalize("NFD", name), name
    if form == "zero-width":
        cut = draw(st.integers(min_value=1, max_value=len(name) - 1))
        return name[:cut] + "\u200b" + name[cut:], name
    return name, name


def _layout(kind: str, lines: list[tuple[str, str]]) -> tuple[str, str]:
    """A transcript in one layout, and its file suffix."""
    if kind == "plain":
        return "\n".join(f"{label}: {words}" for label, words in lines) + "\n", ".txt"
    if kind == "csv":
        rows = io.StringIO()
        csv.writer(rows).writerows([("speaker", "text"), *lines])
        return rows.getvalue(), ".csv"
    if kind == "otter":
        return "\n\n".join(f"{label}  0:{n:02d}\n{words}" for n, (label, words) in enumerate(lines)) + "\n", ".txt"
    stamp = lambda n: f"00:00:{n:02d}{',' if kind == 'srt' else '.'}000"  # noqa: E731
    arrow = "->" if kind == "srt" else "-->"
    cue = {"srt": "{label}: {words}", "zoom": "{label}: {words}", "teams": "<v {label}>{words}</v>"}[kind]
    blocks = [f"{n + 1}\n{stamp(n)} {arrow} {stamp(n + 1)}\n" + cue.format(label=label, words=words)
              for n, (label, words) in enumerate(lines)]
    return ("" if kind == "srt" else "WEBVTT\n\n") + "\n\n".join(blocks) + "\n", ".srt" if kind == "srt" else ".vtt"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["plain", "csv", "otter", "srt", "zoom", "teams"]),
       st.lists(st.tuples(written_names(), SPOKEN), min_size=1, max_size=12))
def test_every_reader_gives_each_word_to_its_speaker_whatever_the_script(kind, lines):
    text, suffix = _layout(kind, [(written, words) for (written, _name), words in lines])
    meeting = parse_transcript(text, suffix=suffix)
    assert meeting.words == sum(len(words.split()) for _label, words in lines) and not meeting.unattributed
    # Each turn is the run of lines by one person, every word of them, under that person's name.
    runs = [(name, [unicodedata.normalize("NFC", words) for _, words in run])
            for name, run in itertools.groupby([(name, words) for (_w, name), words in lines], key=lambda x: x[0])]
    assert [(turn.speaker, turn.text.split()) for turn in meeting.turns] == [
        (name, " ".join(texts).split()) for name, texts in runs]
