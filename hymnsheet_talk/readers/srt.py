"""SubRip (.srt) subtitles whose cue text opens with ``Name:`` or ``[Name]``."""

from __future__ import annotations

import re

from ..meeting import Transcript
from .subtitles import caption_transcript, iter_captions
from .labels import looks_like_name, split_label
from .plain import match_label

FORMAT = "srt"

_BRACKETED = re.compile(r"^\s*\[(?P<label>[^\]]{1,80})\]\s*(?P<text>.*)$")
_TAG = re.compile(r"</?[^>]*>")


def parse(text: str) -> Transcript:
    """Read an SRT file; a cue without a label continues the previous speaker."""
    return caption_transcript(FORMAT, iter_captions(text), _label)


def _label(line: str) -> list[tuple[str | None, str]]:
    line = _TAG.sub("", line).strip()
    bracketed = _BRACKETED.match(line)
    if bracketed and looks_like_name(bracketed["label"]):
        return [(split_label(bracketed["label"])[0], bracketed["text"])]
    labelled = match_label(line)
    if labelled:
        name, _agency, _start, speech = labelled
        return [(name, speech)]
    return [(None, line)]
