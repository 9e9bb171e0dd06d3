"""Zoom's text files, from lines of the sample Eastfield panel.

- Saved captions, as Zoom writes ``meeting_saved_closed_caption.txt`` from "Save captions" or "Save
  transcript" in the captions panel: ``[Name] HH:MM:SS`` in the time of day, the text below, a blank
  line; this one runs past midnight.
- ``HH:MM:SS Name: text`` lines, Zoom's transcript as other tools save it, read as plain text.
- The chat Zoom saves (``HH:MM:SS From Name to Everyone:``), which is typed, not spoken.

Words and seconds are worked out by hand in the comments.
"""

import pytest

from hymnsheet_talk import InputError, parse_transcript, read_transcript
from hymnsheet_talk.readers import sniff

from conftest import per_speaker

CAPTIONS = (
    "[Helen Marsh] 23:59:50\nRight, shall we start? Welcome to the Eastfield panel.\n\n"  # 9 words
    "[Farah Khan] 00:00:09\nThanks, Helen. We had a run of incidents\nat the school gate.\n\n"  # 8 + 4
    "[Owen Hughes] 00:00:51 We had two calls to the bus stop.\n\n"  # 8, on the header line
    "[Helen Marsh] 00:01:02\nThank you.\n"  # 2
)


def test_saved_captions_count_seconds_from_the_first_caption_across_midnight(tmp_path):
    path = tmp_path / "meeting_saved_closed_caption.txt"
    path.write_text(CAPTIONS, encoding="utf-8")
    meeting = read_transcript(path)
    assert meeting.format == "zoom-captions"
    # Helen 23:59:50-00:00:09 (19 s) and from 00:01:02; Farah 00:00:09-00:00:51 (42 s); Owen 51-62 (11 s).
    assert per_speaker(meeting) == {"Helen Marsh": (2, 11, 19.0), "Farah Khan": (1, 12, 42.0), "Owen Hughes": (1, 8, 11.0)}
    assert [turn.start_s for turn in meeting.turns] == [0.0, 19.0, 61.0, 72.0]
    assert meeting.turns[1].text == "Thanks, Helen. We had a run of incidents\nat the school gate."


def test_stamped_name_lines_are_read_as_plain_text():
    meeting = parse_transcript("00:00:02 Helen Marsh: Right, shall we start?\n00:00:21 Farah Khan: Thanks, Helen.\n")
    assert meeting.format == "plain"
    assert per_speaker(meeting) == {"Helen Marsh": (1, 4, 19.0), "Farah Khan": (1, 2, None)}


@pytest.mark.parametrize("chat", [
    "10:02:33 From Farah Khan to Everyone:\n\tI'll send the bus timetable.\n",
    "10:02:33\t From  Farah Khan : I'll send the bus timetable.\n",
])
def test_zoom_chat_is_refused_as_not_a_transcript(chat):
    with pytest.raises(InputError) as caught:
        parse_transcript("\n" + chat)
    assert str(caught.value) == ("<input>:2: this is Zoom's saved chat (messages typed in the meeting), not a "
                                 "transcript of the talk: use the meeting's transcript (.vtt) or its saved "
                                 "captions instead")


def test_saved_captions_are_sniffed_from_content():
    assert sniff(CAPTIONS, ".txt") == "zoom-captions"
