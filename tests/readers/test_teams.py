"""Teams transcripts downloaded as Word (.docx), in both layouts Teams has written, and pasted as text.

The files are built here with python-docx from lines of the sample Riverside review (``transcripts/``),
laid out as Teams lays them out:

- the current download (Recap > Transcript > Download as .docx): a title ending
  ``-Meeting Transcript``, the date and time, the length (``1m 45s``), ``Name started
  transcription``; then each entry as one paragraph, ``Name   0:04``, a line break and the speech
  (a long entry's speech may follow as paragraphs of its own); ``Name stopped transcription`` at the end;
- the earlier download: per entry a paragraph of the cue time ``0:0:4.0 --> 0:0:9.380``, the name
  as Teams shows it (``Doyle, Karen``) and the speech, each on its own line.

Words and seconds are worked out by hand in the comments.
"""

import pytest
from click.testing import CliRunner

import pandas as pd

from hymnsheet_talk import InputError, find_transcripts, parse_transcript, read_transcript
from hymnsheet_talk.cli import main
from hymnsheet_talk.readers import sniff

from conftest import per_speaker, write_word

HEADER = ["Riverside Park review-20250211_100012-Meeting Transcript", "11 February 2025, 10:00am", "1m 45s",
          "Karen Doyle started transcription"]
CURRENT = [
    "Doyle, Karen   0:04\nMorning, everyone, thanks for joining. This is the Riverside Park review.",  # 11 words
    "Ruth Adeyemi (She/Her)   0:35\nThanks, Karen. So we've had referrals for three girls.",  # 9
    "Ruth Adeyemi (She/Her)   0:51", "All thirteen or fourteen.",  # 4, speech in its own paragraph
    "Lee Jordan   1:10\nWe've had patrols at the gates since January.",  # 8
    "Doyle, Karen   1:31\nThanks, Lee. Let's close there.",  # 5
    "Karen Doyle stopped transcription",
]


def test_current_word_download_reads_entries_and_leaves_out_header_and_notices(tmp_path):
    meeting = read_transcript(write_word(tmp_path / "riverside.docx", HEADER + CURRENT))
    assert (meeting.format, meeting.encoding) == ("teams", "docx")
    # Karen 0:04-0:35 and from 1:31 (no end); Ruth 0:35-0:51-1:10 as one turn; Lee 1:10-1:31.
    assert per_speaker(meeting) == {
        "Doyle, Karen": (2, 16, 31.0),
        "Ruth Adeyemi": (1, 13, 35.0),
        "Lee Jordan": (1, 8, 21.0),
    }
    assert meeting.turns[1].text == "Thanks, Karen. So we've had referrals for three girls.\nAll thirteen or fourteen."
    assert meeting.unattributed == []
    spoken = " ".join(turn.text for turn in meeting.turns)
    assert "transcription" not in spoken and "Meeting Transcript" not in spoken and "1m 45s" not in spoken


def test_pasted_teams_text_skips_the_header_and_reads_hour_stamps(tmp_path):
    """The same download's text pasted into a .txt file, an hour into the meeting, US date style."""
    path = tmp_path / "pasted.txt"
    path.write_text("Riverside Park review-20250211_100012-Meeting Transcript\nFebruary 11, 2025, 10:00AM\n"
                    "1h 0m 15s\nKaren Doyle started transcription\n\n"
                    "Doyle, Karen   59:50\nBen, anything from youth work before we close?\n\n"  # 8 words
                    "Ben Carter   1:00:02\nOnly that the Friday session is full.\n\n"  # 7
                    "Doyle, Karen   1:00:09\nThanks, all.\n\nKaren Doyle stopped transcription\n", encoding="utf-8")
    meeting = read_transcript(path)
    assert (meeting.format, meeting.encoding) == ("teams", "utf-8")
    # Karen 59:50-1:00:02 (12 s) and from 1:00:09 (no end); Ben 1:00:02-1:00:09 (7 s).
    assert per_speaker(meeting) == {"Doyle, Karen": (2, 10, 12.0), "Ben Carter": (1, 7, 7.0)}
    assert meeting.turns[1].start_s == 3602.0
    assert meeting.unattributed == []


def test_earlier_word_download_with_cue_times_and_names_on_their_own_line(tmp_path):
    path = write_word(tmp_path / "older.docx", [
        "0:0:4.0 --> 0:0:9.380\nDoyle, Karen\nMorning, everyone, thanks for joining.",  # 5 words, 5.38 s
        "0:0:9.380 --> 0:0:14.760\nDoyle, Karen\nThis is the Riverside Park review.",  # 6, 5.38 s
        "",
        "0:0:34.960 --> 0:0:40.340\nAdeyemi, Ruth\nThanks, Karen. We've had three referrals.",  # 6, 5.38 s
    ])
    meeting = read_transcript(path)
    assert (meeting.format, meeting.encoding) == ("teams-cues", "docx")
    assert per_speaker(meeting) == {"Doyle, Karen": (1, 11, 10.76), "Adeyemi, Ruth": (1, 6, 5.38)}
    assert (meeting.turns[1].start_s, meeting.turns[1].end_s) == (34.96, 40.34)


def test_earlier_layout_text_before_the_first_cue_is_unattributed():
    meeting = parse_transcript("Riverside review\n0:0:1.0 --> 0:0:3.0\nLee Jordan\nMorning.\n")
    assert [(u.line, u.text) for u in meeting.unattributed] == [(1, "Riverside review")]
    assert per_speaker(meeting) == {"Lee Jordan": (1, 1, 2.0)}


@pytest.mark.parametrize("text, suffix, expected", [
    ("Review-Meeting Transcript\nMarch 1, 2025, 9:00AM\n12m 5s\nAnn Lee   0:03\nHello.\n", ".txt", "teams"),
    ("Ann Lee   0:03\nHello.\n", ".docx", "teams"),
    ("Ann Lee   0:03\nHello.\n", ".txt", "otter"),
    ("0:0:0.0 --> 0:0:2.500\nAnn Lee\nHello.\n", ".txt", "teams-cues"),
    ("00:00:00.000 --> 00:00:02.500\nAnn Lee: Hello.\n", ".txt", "webvtt"),
])
def test_teams_layouts_are_sniffed_from_content(text, suffix, expected):
    assert sniff(text, suffix) == expected


def test_a_folder_scan_takes_word_files_and_a_zip_that_is_not_word_is_an_input_error(tmp_path):
    write_word(tmp_path / "riverside.docx", HEADER + CURRENT)
    (tmp_path / "archive.docx").write_bytes(b"PK\x03\x04not really a zip")
    assert [path.name for path in find_transcripts([tmp_path]).transcripts] == ["archive.docx", "riverside.docx"]
    with pytest.raises(InputError) as caught:
        read_transcript(tmp_path / "archive.docx")
    assert str(caught.value).startswith(f"{tmp_path / 'archive.docx'}: cannot read this as a Word (.docx) file")


def test_analyse_reads_a_word_transcript_in_a_folder(tmp_path):
    (tmp_path / "in").mkdir()
    write_word(tmp_path / "in" / "riverside.docx", HEADER + CURRENT)
    result = CliRunner().invoke(main, ["analyse", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                       "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    meetings = pd.read_csv(tmp_path / "out" / "meetings.csv")
    assert meetings[["meeting_id", "format", "encoding", "words", "turns"]].values.tolist() == [
        ["riverside", "teams", "docx", 37, 4]]
