"""Google Meet transcripts, saved from Google Docs as plain text (or downloaded as .docx).

Two layouts Meet has written:

- the earlier one: a title line ending ``- Transcript``, an ``Attendees`` block, a ``Transcript``
  heading, then paragraphs of ``Name: text`` with a time stamp line (``00:05:00``) every five
  minutes, closed by ``Meeting ended after 00:45:12``;
- the one in Gemini's notes: a date line, ``<title> - Transcript``, the same paragraphs with a
  stamp every minute or two, closed by ``Transcription ended after 01:05:17`` and a note that the
  transcript was computer generated.

Everything before the first stamp is header and everything from the closing line on is footer.
A stamp gives the start of the paragraph after it; the other paragraphs have no time of their own.
"""

from __future__ import annotations

import re

from ..meeting import Segment, Transcript
from .labels import looks_like_name
from .lines import keep_lines, read_labelled_lines
from .plain import match_label
from .timecode import clock_seconds

FORMAT = "meet"

_TITLE = re.compile(r"\s-\sTranscript\s*$")
_STAMP = re.compile(r"^\s*(?P<clock>\d{1,2}:\d{2}:\d{2})\s*$")
_END = re.compile(r"^\s*(?:Meeting|Transcription)\s+ended\s+after\s+\d", re.IGNORECASE)
# Meet names people by their Google account, which may be written in lower case ("edwin: Thanks").
_LOWER_LABEL = re.compile(r"^\s*(?P<label>[a-z][^:]{0,60}?):\s+(?P<text>.*)$")
# The title comes within the first few lines (after a date line in Gemini's layout), the
# "Transcript" heading after the attendees.
_TITLE_LINES = 4
_HEADER_LINES = 12


def is_meet(lines: list[str]) -> bool:
    """True when the first lines hold Meet's ``<title> - Transcript`` line."""
    return any(_TITLE.search(line) for line in lines[:_TITLE_LINES])


def parse(text: str) -> Transcript:
    """Read a Meet transcript; the stamps give the paragraphs after them their start."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if _STAMP.match(line)), None)
    if first is None:
        # No stamp at all: the header ends with the "Transcript" heading, else the title.
        heading = [i for i, line in enumerate(lines[:_HEADER_LINES]) if line.strip() == "Transcript" or _TITLE.search(line)]
        first = heading[-1] + 1 if heading else 0
    end = next((i for i in range(first, len(lines)) if _END.match(lines[i])), len(lines))
    body = keep_lines(lines, first, end)
    stamp: list[float] = []

    def skip(line: str) -> bool:
        found = _STAMP.match(line)
        if found:
            stamp[:] = [clock_seconds(found["clock"])]
        return bool(found)

    def open_segment(line: str, number: int) -> Segment | None:
        labelled = _label(line)
        if labelled is None:
            # Speech running on from the paragraph above: a stamp before it is that paragraph's.
            stamp.clear()
            return None
        name, agency, speech = labelled
        start = stamp.pop() if stamp else None
        return Segment(name, speech, number, start_s=start, agency=agency)

    return read_labelled_lines(body, FORMAT, open_segment, skip=skip)


def _label(line: str) -> tuple[str, str | None, str] | None:
    labelled = match_label(line)
    if labelled:
        name, agency, _start, speech = labelled
        return name, agency, speech
    lower = _LOWER_LABEL.match(line)
    if lower and looks_like_name(lower["label"].title()):
        return lower["label"].strip(), None, lower["text"].strip()
    return None
