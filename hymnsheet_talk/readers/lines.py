"""The skeleton shared by line-based layouts: a label line opens a segment, other lines continue it."""

from __future__ import annotations

import dataclasses
from typing import Callable

from ..meeting import Segment, Transcript, Unattributed


def read_labelled_lines(
    text: str,
    format_name: str,
    open_segment: Callable[[str, int], Segment | None],
    skip: Callable[[str], bool] = lambda line: False,
) -> Transcript:
    """Read ``text`` line by line.

    ``open_segment(line, number)`` returns the segment a label line opens, or None for a line of
    speech; speech before the first label is unattributed. Blank lines and lines ``skip`` accepts
    (footers that are not speech) are passed over.
    """
    segments: list[Segment] = []
    # Each segment's lines, joined once at the end: joining as they come cost the square of a
    # long turn's length.
    continued: list[list[str]] = []
    unattributed: list[Unattributed] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or skip(line):
            continue
        opened = open_segment(line, number)
        if opened is not None:
            segments.append(opened)
            continued.append([opened.text] if opened.text else [])
        elif segments:
            continued[-1].append(line.strip())
        else:
            unattributed.append(Unattributed(number, line.strip()))
    segments = [dataclasses.replace(segment, text="\n".join(lines)) for segment, lines in zip(segments, continued)]
    return Transcript(format_name, segments, unattributed)


def first_text_line(text: str) -> int:
    """The number (from 1) of the first line of ``text`` that is not blank; 1 for blank text."""
    return next((number for number, line in enumerate(text.splitlines(), start=1) if line.strip()), 1)


def keep_lines(lines: list[str], first: int, end: int) -> str:
    """``lines`` as text with those outside ``first:end`` blanked (a header and footer that are not
    speech), so that every kept line keeps the number it has in the file."""
    return "\n".join([""] * first + lines[first:end])
