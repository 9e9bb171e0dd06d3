"""Google Meet transcripts, in both layouts Meet has written, from lines of the sample Northgate panel.

- The earlier layout, as Google Docs saves it with File > Download > Plain text: a byte-order mark,
  Windows line ends, the title ending ``- Transcript``, an ``Attendees`` block, a ``Transcript``
  heading, a stamp line every five minutes, ``Meeting ended after 00:06:12`` and the note that the
  transcript was computer generated.
- The layout of Meet's Gemini notes: a date line, ``<title> - <date> <time> <zone> - Transcript``,
  a stamp every minute or two, a participant whose Google account name is in lower case, and
  ``Transcription ended after 00:01:30``.

Words are counted by hand in the comments.
"""

import pytest

from hymnsheet_talk import read_transcript
from hymnsheet_talk.readers import sniff

from conftest import per_speaker, write_word

EARLIER = (
    "Northgate context panel (2025-01-14 at 10:00 GMT) - Transcript\r\n\r\nAttendees\r\n\r\n"
    "Helen Marsh, Tom Okafor, Priya Shah\r\n\r\nTranscript\r\n\r\n00:00:00\r\n\r\n"
    "Helen Marsh: Okay, I think we're all here, so let's make a start.\r\n"  # 11 words
    "Tom Okafor: Tom Okafor, detective sergeant, neighbourhood team for Northgate.\r\n"  # 8
    "00:05:00\r\n\r\n"
    "Priya Shah: Priya Shah, designated safeguarding lead at Northgate Academy.\r\n"  # 8
    "Helen Marsh: Thank you.\r\n"  # 2
    "Meeting ended after 00:06:12 \U0001F44B\r\n\r\n"
    "This editable transcript was computer generated and might contain errors. People can also change the "
    "text after it was created.\r\n"
)
GEMINI = [
    "Jan 14, 2025", "Northgate context panel - 2025/01/14 10:00 GMT - Transcript", "00:00:00", "",
    "Helen Marsh: Okay, I think we're all here, so let's make a start.",  # 11 words
    "marcus bell: Marcus, I manage the detached youth work team.",  # 8
    "", "", "00:01:12", "",
    "Helen Marsh: Thanks, Marcus.",  # 2
    "", "", "Transcription ended after 00:01:30", "",
    "This editable transcript was computer generated and might contain errors. People can also change the text "
    "after it was created.",
]


def test_earlier_layout_saved_from_google_docs_with_bom_and_windows_line_ends(tmp_path):
    path = tmp_path / "northgate.txt"
    path.write_bytes(EARLIER.encode("utf-8-sig"))
    meeting = read_transcript(path)
    assert (meeting.format, meeting.encoding) == ("meet", "utf-8-sig")
    # A stamp starts the paragraph after it; the others have no time, so no seconds are known.
    assert per_speaker(meeting) == {"Helen Marsh": (2, 13, None), "Tom Okafor": (1, 8, None), "Priya Shah": (1, 8, None)}
    assert [turn.start_s for turn in meeting.turns] == [0.0, None, 300.0, None]
    assert meeting.unattributed == []
    spoken = " ".join(turn.text for turn in meeting.turns)
    assert "ended after" not in spoken and "Attendees" not in spoken and "computer generated" not in spoken


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_gemini_layout_as_text_or_word_with_a_lower_case_account_name(tmp_path, suffix):
    path = tmp_path / f"northgate{suffix}"
    if suffix == ".docx":
        write_word(path, GEMINI)
    else:
        path.write_text("\n".join(GEMINI) + "\n", encoding="utf-8")
    meeting = read_transcript(path)
    assert meeting.format == "meet"
    assert per_speaker(meeting) == {"Helen Marsh": (2, 13, None), "marcus bell": (1, 8, None)}
    assert [turn.start_s for turn in meeting.turns] == [0.0, None, 72.0]
    assert meeting.turns[-1].text == "Thanks, Marcus."
    assert meeting.unattributed == []


def test_speech_running_on_after_a_stamp_keeps_the_stamp_from_the_next_speaker(tmp_path):
    path = tmp_path / "meet.txt"
    path.write_text("Panel - Transcript\n00:00:00\nAnn Lee: One two.\n00:05:00\nthree four\nBob Ray: Five.\n",
                    encoding="utf-8")
    meeting = read_transcript(path)
    assert [(turn.speaker, turn.start_s, turn.text) for turn in meeting.turns] == [
        ("Ann Lee", 0.0, "One two.\nthree four"), ("Bob Ray", None, "Five.")]


@pytest.mark.parametrize("text", [EARLIER.lstrip("\ufeff"), "\n".join(GEMINI)])
def test_meet_layouts_are_sniffed_from_content(text):
    assert sniff(text, ".txt") == "meet"


def test_without_any_stamp_the_header_ends_at_the_transcript_heading(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("Catch-up - Transcript\nAttendees\nAnn Lee, Bob Ray\nTranscript\nAnn Lee: Quick one.\n"
                    "Bob Ray: Yes.\nMeeting ended after 00:00:40\n", encoding="utf-8")
    meeting = read_transcript(path)
    assert per_speaker(meeting) == {"Ann Lee": (1, 2, None), "Bob Ray": (1, 1, None)}
    assert meeting.unattributed == []
