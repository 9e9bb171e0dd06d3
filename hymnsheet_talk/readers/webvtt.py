"""WebVTT captions: Microsoft Teams (``<v Name>`` voice tags) and Zoom (``Name: text`` cues)."""

from __future__ import annotations

import html
import re

from ..meeting import Transcript
from .subtitles import caption_transcript, iter_captions
from .labels import split_label
from .plain import match_label

TEAMS = "teams-vtt"
ZOOM = "zoom-vtt"

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>(.*?)(?:</v>|(?=<v[\s.])|$)")
_TAG = re.compile(r"</?[^>]*>")
_NON_CUE_BLOCKS = ("WEBVTT", "NOTE", "STYLE", "REGION")


def parse(text: str) -> Transcript:
    """Read a WebVTT file; the layout is Teams when any cue carries a voice tag, else Zoom."""
    cues = iter_captions(text, skip_block=lambda first: first.strip().split(" ")[0] in _NON_CUE_BLOCKS)
    if _VOICE.search(text):
        return caption_transcript(TEAMS, cues, _voices)
    return caption_transcript(ZOOM, cues, _zoom_label)


def _voices(line: str) -> list[tuple[str | None, str]]:
    found = _VOICE.findall(line)
    if not found:
        return [(None, _plain(line))]
    return [(split_label(html.unescape(name))[0], _plain(speech)) for name, speech in found]


def _zoom_label(line: str) -> list[tuple[str | None, str]]:
    text = _plain(line)
    labelled = match_label(text)
    if labelled:
        name, _agency, _start, speech = labelled
        return [(name, speech)]
    return [(None, text)]


def _plain(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup)).strip()
