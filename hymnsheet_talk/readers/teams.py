"""Microsoft Teams transcripts downloaded as Word (.docx), or their text pasted into a file.

Two layouts, both as Teams has written them:

- ``teams`` (the current download): a header of the meeting's title, its date and time and its length
  (``27m 42s``), often ``Name started transcription``; then each entry as ``Name   0:03`` (or
  ``1:02:03``) and the speech on the lines below.
- ``teams-cues`` (the earlier Word download): each entry as a cue time ``0:0:0.0 --> 0:0:5.230``,
  the speaker's name on the next line, then the speech.

The header and the ``started``/``stopped transcription`` lines are not speech.
"""

from __future__ import annotations

import dataclasses
import re

from ..meeting import Segment, Transcript, Unattributed
from .labels import looks_like_name, split_label
from .lines import keep_lines, read_labelled_lines
from .otter import match_header, open_segment

FORMAT = "teams"
CUES_FORMAT = "teams-cues"

# The header lines that mark a Teams download: the meeting's length and the transcription notice.
_DURATION = re.compile(r"^\s*(?=\d)(?:\d+h\s*)?(?:\d+m\s*)?(?:\d+s)?\s*$")
_NOTICE = re.compile(r"^\s*\S.{0,80}\s(?:started|stopped)\s+transcription\s*$", re.IGNORECASE)
_CUE = re.compile(r"^\s*(?P<start>\d+:\d+:\d+(?:\.\d+)?)\s*-->\s*(?P<end>\d+:\d+:\d+(?:\.\d+)?)\s*$")
_UNPADDED = re.compile(r"(?:^|:)\d(?::|\.)")
# How far into a file the first entry may come, after the header.
_HEADER_LINES = 8


def is_teams(lines: list[str]) -> bool:
    """True when the first entry (``Name   0:03``) follows a Teams header: the meeting's length or a
    transcription notice among the lines before it."""
    first = next((i for i, line in enumerate(lines[:_HEADER_LINES + 1]) if match_header(line)), None)
    return first is not None and any(_DURATION.match(line) or _NOTICE.match(line) for line in lines[:first])


def is_teams_cues(lines: list[str]) -> bool:
    """True when a line is a cue time as Teams' earlier Word download wrote it, with unpadded
    fields (``0:0:5.230``) that subtitles never have."""
    return any(_CUE.match(line) and _UNPADDED.search(line) for line in lines)


def parse(text: str) -> Transcript:
    """Read the current layout; lines before the first entry are the header."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if match_header(line)), len(lines))
    return read_labelled_lines(keep_lines(lines, first, len(lines)), FORMAT, open_segment, skip=_NOTICE.match)


def parse_cues(text: str) -> Transcript:
    """Read the earlier layout: a cue time, the speaker's name, the speech.

    A cue whose next line is not a name continues the speaker before it; text before the first cue
    is unattributed.
    """
    segments: list[Segment] = []
    unattributed: list[Unattributed] = []
    cue = None
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        timing = _CUE.match(line)
        if timing:
            cue = (_seconds(timing["start"]), _seconds(timing["end"]))
            continue
        if not line or _NOTICE.match(line):
            continue
        if cue is not None and (looks_like_name(line) or segments):
            start, end = cue
            name = split_label(line)[0] if looks_like_name(line) else segments[-1].label
            speech = "" if looks_like_name(line) else line
            segments.append(Segment(name, speech, number, start_s=start, end_s=max(start, end)))
            cue = None
        elif segments:
            last = segments[-1]
            segments[-1] = dataclasses.replace(last, text=f"{last.text}\n{line}".strip())
        else:
            unattributed.append(Unattributed(number, line))
    return Transcript(CUES_FORMAT, segments, unattributed)


def _seconds(clock: str) -> float:
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
