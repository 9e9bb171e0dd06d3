"""Otter.ai text exports: a ``Name  m:ss`` header line, the speech, a blank line between turns."""

from __future__ import annotations

import re

from ..meeting import Segment, Transcript
from .labels import looks_like_name, split_label
from .lines import read_labelled_lines
from .timecode import clock_seconds

FORMAT = "otter"

HEADER = re.compile(r"^(?P<label>\S.{0,80}?)\s+(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)\s*$")
# Otter closes an export with a line such as "Transcribed by https://otter.ai": not speech.
FOOTER = re.compile(r"^\s*transcribed by\b", re.IGNORECASE)


def match_header(line: str) -> tuple[str, float] | None:
    """``(name, start_s)`` when ``line`` is an Otter speaker header, else None."""
    found = HEADER.match(line)
    if not found or not looks_like_name(found["label"]):
        return None
    return split_label(found["label"])[0], clock_seconds(found["clock"])


def parse(text: str) -> Transcript:
    """Read an Otter.ai text export."""
    return read_labelled_lines(text, FORMAT, open_segment, skip=FOOTER.match)


def open_segment(line: str, number: int) -> Segment | None:
    """The segment a ``Name  m:ss`` header line opens (its speech on the lines below), else None."""
    header = match_header(line)
    if header is None:
        return None
    name, start = header
    return Segment(name, "", number, start_s=start)
