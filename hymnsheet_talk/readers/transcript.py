"""Reading a transcript: the layout is sniffed from the content (the file extension is only a
hint), its reader parses the text, and the segments become a Meeting's turns."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..meeting import UNKNOWN_AGENCY, Meeting, Speaker, Transcript, fill_missing_ends, meeting_id_for, merge_turns
from . import csv, meet, otter, plain, srt, teams, webvtt, zoom
from .subtitles import TIMING
from .decode import Decoded, decode
from .lines import first_text_line
from .titled import resolve_roles
from .word import ENCODING as WORD, is_word, word_text

READERS: dict[str, Callable[[str], Transcript]] = {
    "webvtt": webvtt.parse,
    "srt": srt.parse,
    "csv": csv.parse,
    "teams": teams.parse,
    "teams-cues": teams.parse_cues,
    "meet": meet.parse,
    "zoom-captions": zoom.parse,
    "zoom-chat": zoom.refuse_chat,
    "otter": otter.parse,
    "plain": plain.parse,
}

# Extensions a folder scan treats as transcripts.
SUFFIXES = frozenset({".txt", ".vtt", ".srt", ".csv", ".text", ".docx"})

# What an unreadable file is told: the layouts read, and how to get one from each meeting service.
NO_LABELS = (
    "found no speaker labels. Read are: plain text ('Name: text' lines), Teams (Word .docx, WebVTT "
    ".vtt, or the Word text pasted), Zoom (WebVTT .vtt, saved captions), Google Meet (transcript saved "
    "as text or .docx), Otter.ai text, SRT, and CSV with speaker and text columns. To get one: in Teams, "
    "the meeting's Recap > Transcript > Download (.docx or .vtt); in Zoom, the cloud recording's audio "
    "transcript (.vtt) or Save captions during the meeting; in Meet, open the transcript in Google Docs, "
    "then File > Download > Plain text (.txt)"
)

_SNIFF_LINES = 40


def sniff(text: str, suffix: str = "") -> str:
    """The name of the reader (a key of ``READERS``) for ``text``.

    Content decides: a WEBVTT header; a Teams, Meet or Zoom text layout (``teams``, ``meet``,
    ``zoom``); cue timings; a CSV header naming ``speaker`` and ``text``; an Otter ``Name  0:00``
    header line; otherwise plain text. ``suffix`` settles a file of cue timings without a header,
    and a Word file's ``Name  0:00`` entries as Teams'.
    """
    lines = [line.strip().lstrip("\ufeff") for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    first = lines[0] if lines else ""
    if first.startswith("WEBVTT"):
        return "webvtt"
    found = _sniff_meeting_service(lines, suffix)
    if found:
        return found
    timings = [line for line in lines if TIMING.match(line)]
    if timings:
        by_suffix = {".vtt": "webvtt", ".srt": "srt"}.get(suffix.lower())
        return by_suffix or ("srt" if "," in TIMING.match(timings[0])["start"] else "webvtt")
    if all(name in csv.header_columns(first) for name in csv.REQUIRED):
        return "csv"
    if otter.match_header(first):
        return "otter"
    return "plain"


def _sniff_meeting_service(lines: list[str], suffix: str) -> str | None:
    """The reader for a Teams, Meet or Zoom text layout, else None."""
    first = lines[0] if lines else ""
    if teams.is_teams_cues(lines):
        return "teams-cues"
    if meet.is_meet(lines):
        return "meet"
    if teams.is_teams(lines) or (suffix.lower() == ".docx" and otter.match_header(first)):
        return "teams"
    if zoom.is_captions(first):
        return "zoom-captions"
    if zoom.is_chat(first):
        return "zoom-chat"
    return None


def parse_transcript(text: str, *, meeting_id: str = "meeting", source: str = "<text>", suffix: str = "",
                     encoding: str = "utf-8") -> Meeting:
    """Build a Meeting from transcript text already in memory (any supported layout).

    Role labels (``The Chair``) are given to the person they name; each speaker's role, where a
    label gives one, goes to ``Speaker.role``. The text is read in Unicode's composed form (NFC),
    so a name typed with a combining accent and the same name typed with an accented letter are
    one speaker.
    """
    text = unicodedata.normalize("NFC", text)
    transcript = READERS[sniff(text, suffix)](text)
    if not transcript.segments:
        raise InputError(NO_LABELS, line=first_text_line(text))
    segments, roles = resolve_roles(transcript.segments)
    turns = merge_turns(fill_missing_ends(segments))
    speakers: dict[str, Speaker] = {}
    for turn in turns:
        known = speakers.get(turn.speaker)
        if known is None or (known.agency == UNKNOWN_AGENCY and turn.agency):
            speakers[turn.speaker] = Speaker(turn.speaker, turn.agency or UNKNOWN_AGENCY, roles.get(turn.speaker, ""))
    return Meeting(
        meeting_id=meeting_id,
        source=source,
        format=transcript.format,
        turns=turns,
        speakers=list(speakers.values()),
        unattributed=transcript.unattributed,
        encoding=encoding,
    )


# A ten-hour meeting transcribed word for word is about 1 MB; far past that a file is not one
# meeting, and reading it whole would hold it all in memory several times over.
MAX_BYTES = 50 * 10**6


def read_transcript(path: str | Path, meeting_id: str | None = None) -> Meeting:
    """Read one transcript file into a Meeting (speakers as labelled; see ``attribute``).

    Raises ``InputError`` naming the file, and the line where one applies.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"the file is {size / 1e6:,.0f} MB, over the {MAX_BYTES // 10**6} MB limit for one "
                             "meeting: is it really one transcript? Split it into meetings")
        data = path.read_bytes()
        decoded = Decoded(word_text(data), WORD) if is_word(data) else decode(data)
        meeting = parse_transcript(
            decoded.text,
            meeting_id=meeting_id or meeting_id_for(path),
            source=str(path),
            suffix=path.suffix,
            encoding=decoded.encoding,
        )
    except InputError as error:
        raise error.at(path) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), path) from None
    replaced = decoded.warning(path)
    return meeting.replace(warnings=[f"{meeting.meeting_id}: {replaced}"]) if replaced else meeting

