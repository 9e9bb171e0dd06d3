"""Each layout read from a tiny fixture, with word and second counts worked out by hand."""

import pytest

from hymnsheet_talk import InputError, parse_transcript, read_transcript
from hymnsheet_talk.readers import sniff

from conftest import DATA, per_speaker


def test_plain_text_with_stamps_agencies_clock_times_and_colons_in_speech():
    meeting = read_transcript(DATA / "plain_tricky.txt")
    assert meeting.format == "plain"
    # Helen 8 + 6 ("Note: ..." continues her turn) and 2; Tom 6 + 6; Priya 6 + 5 ("Action for ...").
    assert per_speaker(meeting) == {
        "Helen Marsh": (2, 16, 25.0),
        "DS Tom Okafor": (1, 12, 40.0),
        "Priya Shah": (1, 11, None),
    }
    assert [t.agency for t in meeting.turns] == ["Children's social care", None, None, "Education"]
    assert [(u.line, u.words) for u in meeting.unattributed] == [(1, 8)]
    assert meeting.turns[1].text == "Four incidents: two at the park.\nAnd one at the bus station."


def test_teams_vtt_merges_split_cues_and_cleans_names():
    meeting = read_transcript(DATA / "teams.vtt")
    assert meeting.format == "teams-vtt"
    assert per_speaker(meeting) == {
        "Doyle, Karen": (2, 16, 8.0),
        "Priya Shah": (1, 9, 3.0),
        "Jane Doe": (1, 4, 1.5),
    }
    assert meeting.turns[0].text == "Good morning everyone, this is the\nRiverside review."
    assert meeting.turns[-1].text == "Not yet & the café shuts at four."
    assert (meeting.turns[0].start_s, meeting.turns[0].end_s) == (1.0, 6.0)


def test_zoom_vtt_labels_and_unlabelled_cues_continue_the_speaker():
    meeting = read_transcript(DATA / "zoom.vtt")
    assert meeting.format == "zoom-vtt"
    assert per_speaker(meeting) == {"Marcus Bell": (2, 12, 6.0), "Janine Walsh": (1, 6, 2.5)}
    assert meeting.turns[1].text == "Note: funding is agreed until March."


def test_srt_with_bracketed_and_colon_labels():
    meeting = read_transcript(DATA / "labelled.srt")
    assert meeting.format == "srt"
    assert per_speaker(meeting) == {"Aisha Rahman": (1, 13, 3.5), "Sam Reid": (1, 7, 2.0)}


def test_otter_export_generic_labels_hour_stamps_and_footer():
    meeting = read_transcript(DATA / "otter.txt")
    assert meeting.format == "otter"
    # The last turn has a start but no end, so its seconds stay unknown.
    assert per_speaker(meeting) == {
        "Helen Marsh": (2, 9, 6.0),
        "Speaker 1": (1, 11, 11.0),
        "Unknown Speaker": (1, 4, 6.0),
    }
    assert meeting.unattributed == []
    assert "otter.ai" not in " ".join(t.text for t in meeting.turns)


def test_csv_with_clock_and_second_times_and_a_row_without_speaker():
    meeting = read_transcript(DATA / "table.csv")
    assert meeting.format == "csv"
    assert per_speaker(meeting) == {"Gary Lewis": (1, 16, 7.5), "Tom Okafor": (1, 4, 3.0)}
    assert [(u.line, u.text) for u in meeting.unattributed] == [(4, "[crosstalk] inaudible")]
    assert [t.agency for t in meeting.turns] == ["Housing", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: hi\n", "webvtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nA: hi\n", "srt"),
        ("Speaker,Text\nA,hi\n", "csv"),
        ("Helen Marsh  0:03\nhello\n", "otter"),
        ("Helen: hello\n", "plain"),
    ],
)
def test_layout_is_sniffed_from_content_not_extension(text, expected):
    assert sniff(text, ".txt") == expected


def test_header_less_cue_file_takes_its_extension_as_the_hint():
    assert sniff("1\n00:00:01.000 --> 00:00:02.000\nA: hi\n", ".srt") == "srt"


def test_prose_without_labels_is_an_input_error_naming_the_file_the_layouts_and_how_to_export(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("\nWe talked about the park for a while.\nThen we went home.\n")
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: found no speaker labels. Read are: plain text")
    for named in ("Teams (Word .docx", "Zoom (WebVTT .vtt, saved captions)", "Google Meet", "Otter.ai", "SRT", "CSV",
                  "in Teams, the meeting's Recap > Transcript > Download", "in Zoom,", "in Meet,"):
        assert named in message


def test_malformed_cue_timing_names_the_line():
    with pytest.raises(InputError) as caught:
        parse_transcript("WEBVTT\n\n1\n00:00:01.000 --> soon\n<v A>hi</v>\n")
    assert caught.value.line == 4


def test_windows_text_is_read_with_its_encoding(tmp_path):
    path = tmp_path / "word.txt"
    path.write_bytes("Helen Marsh: It cost £40 – “too much”.\r\nTom: Café’s shut.\r\n".encode("cp1252"))
    meeting = read_transcript(path)
    assert meeting.encoding == "cp1252"
    assert [t.text for t in meeting.turns] == ["It cost £40 – “too much”.", "Café’s shut."]


@pytest.mark.parametrize(
    "content, reason",
    [(b"", "the file is empty"), (b"  \n\n", "the file is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file")],
)
def test_empty_and_binary_files_are_input_errors(tmp_path, content, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        read_transcript(path)


def test_words_are_conserved_across_layouts():
    """Every spoken word of every fixture ends up in a turn or in the unattributed list."""
    expected = {"plain_tricky.txt": 39 + 8, "teams.vtt": 29, "zoom.vtt": 18, "labelled.srt": 20, "otter.txt": 24,
                "table.csv": 22}
    for name, words in expected.items():
        meeting = read_transcript(DATA / name)
        assert meeting.words + sum(u.words for u in meeting.unattributed) == words, name


@pytest.mark.parametrize("name, text, expected", [
    ("backwards", "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v Ann>Hello there.</v>\n",
     "3: cue ends (00:00:02.000) before it starts (00:00:05.000)"),
    ("malformed", "WEBVTT\n\n00:00:01.000 => 00:00:05.000\n<v Ann>Hello.</v>\n",
     "3: expected a cue timing line"),
])
def test_broken_cue_timings_are_refused_with_the_line(tmp_path, name, text, expected):
    path = tmp_path / f"{name}.vtt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    assert str(caught.value).startswith(f"{path}:{expected}")


def test_overlapping_cues_empty_cues_and_a_missing_header_are_read(tmp_path):
    path = tmp_path / "loose.vtt"
    path.write_text("00:00:01.000 --> 00:00:05.000\n<v Ann>Hello there all.</v>\n\n"
                    "00:00:04.000 --> 00:00:08.000\n<v Bob>Hi.</v>\n\n00:00:09.000 --> 00:00:10.000\n\n",
                    encoding="utf-8")
    meeting = read_transcript(path)
    assert [(t.speaker, t.start_s, t.end_s, t.text) for t in meeting.turns] == [
        ("Ann", 1.0, 5.0, "Hello there all."), ("Bob", 4.0, 8.0, "Hi.")]


@pytest.mark.parametrize("codec, noted", [("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig")])
def test_text_with_a_byte_order_mark_and_windows_line_ends_is_read_and_noted(tmp_path, codec, noted):
    path = tmp_path / "word.txt"
    path.write_bytes("Ann Lee: We’ve had £40 spent.\r\nBob Ray: Café closed.\r\n".encode(codec))
    meeting = read_transcript(path)
    assert meeting.encoding == noted
    assert [(t.speaker, t.text) for t in meeting.turns] == [("Ann Lee", "We’ve had £40 spent."), ("Bob Ray", "Café closed.")]


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path, monkeypatch):
    import hymnsheet_talk.readers.transcript as readers

    path = tmp_path / "huge.txt"
    path.write_text("Ann Lee: " + "word " * 300 + "\n", encoding="utf-8")
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    assert str(caught.value) == (f"{path}: the file is 0 MB, over the 0 MB limit for one meeting: is it really one "
                                 "transcript? Split it into meetings")


def test_a_very_long_line_is_read_and_an_oversized_csv_field_is_refused():
    meeting = parse_transcript("Ann Lee: " + "word " * 200_000 + "\nBob Ray: done", suffix=".txt")
    assert [t.words for t in meeting.turns] == [200_000, 1]
    with pytest.raises(InputError) as caught:
        parse_transcript('speaker,text\nAnn,"' + "x" * 200_000 + '"\n', suffix=".csv")
    assert str(caught.value) == "<input>:2: cannot read the CSV: field larger than field limit (131072)"


def test_a_stray_byte_in_utf8_is_replaced_and_its_line_named_not_the_whole_file_read_as_cp1252(tmp_path):
    path = tmp_path / "stray.txt"
    path.write_bytes("Zoë Smith: The park is dark.\nAnn Lee: The café is shut.\n".encode()
                     + b"Ann Lee: It cost \xa3 40 there.\nZo\xc3\xab Smith: Right.\n")
    meeting = read_transcript(path, "stray")
    assert meeting.encoding == "utf-8"
    assert [(t.speaker, t.text) for t in meeting.turns] == [
        ("Zoë Smith", "The park is dark."), ("Ann Lee", "The café is shut.\nIt cost \ufffd 40 there."),
        ("Zoë Smith", "Right.")]
    assert meeting.warnings == [f"stray: {path}: line 3 holds bytes that are not UTF-8, shown as \ufffd; "
                                "the rest of the file is read as UTF-8"]


def test_bytes_that_are_neither_utf8_nor_cp1252_are_replaced_with_their_lines_named(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Ann Lee: one \x81 two\nBob Ray: fine\nAnn Lee: \x8d\x8f again\n")
    meeting = read_transcript(path, "odd")
    assert meeting.encoding == "utf-8" and meeting.words == 6
    assert "lines 1, 3 hold bytes that are not UTF-8" in meeting.warnings[0]


def test_utf16_that_cannot_be_read_names_its_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Ann Lee: one\nBob Ray: two\n".encode("utf-16") + b"\x00\xd8A\x00")  # a lone surrogate
    with pytest.raises(InputError, match=r"broken\.txt:3: cannot read the text as UTF-16"):
        read_transcript(path)


def test_a_name_typed_with_combining_accents_is_the_same_speaker(tmp_path):
    meeting = parse_transcript("Zoe\u0308 Smith: One.\nAnn Lee: Two.\nZoë Smith: Three.\n")
    assert [t.speaker for t in meeting.turns] == ["Zoë Smith", "Ann Lee", "Zoë Smith"]
    assert len(meeting.speakers) == 2


def test_srt_written_with_short_arrows_is_read_as_subtitles(tmp_path):
    path = tmp_path / "arrows.srt"
    path.write_text("1\n00:00:01,000 -> 00:00:04,000\nHelen Marsh: The park has no lighting.\n\n"
                    "2\n00:00:04,500 -> 00:00:06,000\nTom Okafor: Why not?\n", encoding="utf-8")
    meeting = read_transcript(path)
    assert meeting.format == "srt" and not meeting.unattributed
    assert [(t.speaker, t.text, t.start_s, t.end_s) for t in meeting.turns] == [
        ("Helen Marsh", "The park has no lighting.", 1.0, 4.0), ("Tom Okafor", "Why not?", 4.5, 6.0)]
