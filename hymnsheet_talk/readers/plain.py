"""Plain text transcripts: ``Name: text`` or ``Name (Agency): text`` lines.

An optional ``[00:01:23]`` or ``00:01:23`` stamp may stand before the name. A line without a
label continues the turn above it; blank lines only separate paragraphs.
"""

from __future__ import annotations

import re

from ..meeting import Segment, Transcript
from .labels import looks_like_name, split_label
from .lines import read_labelled_lines
from .timecode import CLOCK, clock_seconds

FORMAT = "plain"

_LABEL_LINE = re.compile(
    rf"""^\s*
    (?:[\[(]?(?P<clock>{CLOCK})[\])]?\s*(?:[-–—]\s*)?)?   # optional time stamp
    (?P<label>[^\s:][^:]{{0,120}}?)\s*
    :(?:\s+|$)                                            # the colon, then a space or line end
    (?P<text>.*)$""",
    re.VERBOSE,
)


def match_label(line: str) -> tuple[str, str | None, float | None, str] | None:
    """``(name, agency, start_s, text)`` when ``line`` opens with a speaker label, else None."""
    found = _LABEL_LINE.match(line)
    if not found or not looks_like_name(found["label"]):
        return None
    name, agency = split_label(found["label"])
    start = clock_seconds(found["clock"]) if found["clock"] else None
    return name, agency, start, found["text"].strip()


def parse(text: str) -> Transcript:
    """Read a plain text transcript."""
    return read_labelled_lines(text, FORMAT, _open_segment)


def _open_segment(line: str, number: int) -> Segment | None:
    labelled = match_label(line)
    if labelled is None:
        return None
    name, agency, start, speech = labelled
    return Segment(name, speech, number, start_s=start, agency=agency)
