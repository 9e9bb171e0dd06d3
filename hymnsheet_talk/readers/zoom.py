"""Zoom's text files: captions saved during a meeting, and its chat (refused: it is not the talk).

Saved captions (``meeting_saved_closed_caption.txt``, from "Save captions" or "Save transcript"
in Zoom's captions panel) give each entry as ``[Name] HH:MM:SS``, the text on the lines below and a
blank line. The clock is the time of day, so seconds count from the first caption. Zoom's other
transcripts read elsewhere: the cloud recording's is WebVTT, and ``HH:MM:SS Name: text`` lines are
plain text.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..meeting import Segment, Transcript
from .labels import looks_like_name, split_label
from .lines import first_text_line, read_labelled_lines
from .timecode import clock_seconds

FORMAT = "zoom-captions"

_HEADER = re.compile(r"^\s*\[(?P<label>[^\]]{1,80})\]\s+(?P<clock>\d{1,2}:\d{2}:\d{2})\s*(?P<text>.*)$")
# The chat Zoom saves: "10:02:33 From Ann Lee to Everyone:" (earlier: "10:02:33 From Ann Lee : text").
_CHAT = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}\s+From\s+\S.*?:", re.IGNORECASE)
DAY_SECONDS = 24 * 3600


def is_captions(line: str) -> bool:
    """True when ``line`` opens a saved caption: ``[Name] HH:MM:SS``."""
    found = _HEADER.match(line)
    return bool(found and looks_like_name(found["label"]))


def is_chat(line: str) -> bool:
    """True when ``line`` is a message of Zoom's saved chat."""
    return bool(_CHAT.match(line))


def parse(text: str) -> Transcript:
    """Read saved captions; each caption starts where its clock says, counted from the first."""
    first: list[float] = []

    def open_segment(line: str, number: int) -> Segment | None:
        found = _HEADER.match(line)
        if not found or not looks_like_name(found["label"]):
            return None
        clock = clock_seconds(found["clock"])
        first[:] = first or [clock]
        # A meeting that runs past midnight starts its clock again at 00:00:00.
        start = (clock - first[0]) % DAY_SECONDS
        name, agency = split_label(found["label"])
        return Segment(name, found["text"].strip(), number, start_s=start, agency=agency)

    return read_labelled_lines(text, FORMAT, open_segment)


def refuse_chat(text: str) -> Transcript:
    """Zoom's chat holds what people typed, not what they said: always an ``InputError``."""
    raise InputError("this is Zoom's saved chat (messages typed in the meeting), not a transcript of the talk: "
                     "use the meeting's transcript (.vtt) or its saved captions instead", line=first_text_line(text))
