"""Timed captions (cue blocks), the shared skeleton of WebVTT and SRT files.

A caption is an optional id line, a ``start --> end`` (or ``start -> end``) timing line and lines of text, with blank
lines between cues. What a cue's text says about its speaker differs by layout, so each reader
passes a function that finds labels in one line of cue text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from ..errors import InputError
from ..meeting import Segment, Transcript, Unattributed
from .timecode import CLOCK, clock_seconds

# The standard arrow is "-->"; some subtitle tools write "->".
TIMING = re.compile(rf"^\s*(?P<start>{CLOCK})\s*--?>\s*(?P<end>{CLOCK})(?:\s+.*)?$")

# One line of cue text split into (label or None, text) pieces; None continues the last speaker.
LabelFinder = Callable[[str], list[tuple[str | None, str]]]


@dataclass(frozen=True)
class Caption:
    line: int
    start_s: float
    end_s: float
    lines: list[tuple[int, str]]


def iter_captions(text: str, skip_block: Callable[[str], bool] = lambda first: False) -> Iterator[Caption]:
    """Yield the cues of ``text`` in file order.

    Blocks whose first line ``skip_block`` accepts (the WebVTT header, NOTE and STYLE blocks) are
    passed over; a block with no timing line is an error naming its first line.
    """
    for block in _blocks(text.splitlines()):
        first_line, first = block[0]
        if skip_block(first):
            continue
        timing_at = next((i for i, (_n, line) in enumerate(block[:2]) if "->" in line), None)
        if timing_at is None:
            raise InputError("expected a cue timing line such as '00:00:01.000 --> 00:00:04.000'", line=first_line)
        number, timing = block[timing_at]
        found = TIMING.match(timing)
        if not found:
            raise InputError(f"cannot read cue timing {timing.strip()!r}", line=number)
        start_s, end_s = clock_seconds(found["start"]), clock_seconds(found["end"])
        if end_s < start_s:
            # A cue that ends before it starts cannot be timed; guessing would distort every
            # duration after it, so the file is refused with the line to fix.
            raise InputError(f"cue ends ({found['end']}) before it starts ({found['start']})", line=number)
        yield Caption(number, start_s, end_s, block[timing_at + 1 :])


def caption_transcript(format_name: str, cues: Iterator[Caption], find_labels: LabelFinder) -> Transcript:
    """Turn cues into segments: labelled pieces start a segment, unlabelled text continues one.

    A cue holding several speakers shares its time among them by their words.
    """
    segments: list[Segment] = []
    unattributed: list[Unattributed] = []
    for cue in cues:
        pieces: list[tuple[int, str | None, str]] = []
        for number, line in cue.lines:
            for label, speech in find_labels(line):
                speech = " ".join(speech.split())
                if label is None and pieces:
                    number, label, previous = pieces.pop()
                    speech = f"{previous} {speech}".strip()
                if label is None and segments:
                    label = segments[-1].label
                if label is None:
                    if speech:
                        unattributed.append(Unattributed(number, speech))
                    continue
                pieces.append((number, label, speech))
        segments.extend(_timed(cue, pieces))
    return Transcript(format_name, segments, unattributed)


def _timed(cue: Caption, pieces: list[tuple[int, str, str]]) -> list[Segment]:
    total = sum(len(speech.split()) for _n, _l, speech in pieces) or 1
    duration = max(0.0, cue.end_s - cue.start_s)
    start = cue.start_s
    out = []
    for number, label, speech in pieces:
        if len(pieces) == 1:
            end = cue.end_s
        else:
            end = start + duration * len(speech.split()) / total
        out.append(Segment(label, speech, number, start_s=start, end_s=end))
        start = end
    return out


def _blocks(lines: list[str]) -> Iterator[list[tuple[int, str]]]:
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block
