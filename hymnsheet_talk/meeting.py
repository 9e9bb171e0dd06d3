"""The conversation data model: segments as a reader finds them, turns, speakers and meetings.

Plain data only: no file access and no spaCy, so every later stage can rely on it.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

UNKNOWN_AGENCY = "Unknown"
# The roster role that marks the meeting's chair, compared without case; "Chair of X" is not it.
CHAIR_ROLE = "chair"
# Meeting ids name folders: long file names are cut to this many characters.
MAX_ID_LENGTH = 80


@dataclass(frozen=True)
class Segment:
    """One labelled stretch of speech as a reader found it (a cue, a CSV row, a paragraph run)."""

    label: str
    text: str
    line: int
    start_s: float | None = None
    end_s: float | None = None
    agency: str | None = None


@dataclass(frozen=True)
class Unattributed:
    """A line of speech the reader could not give to any speaker."""

    line: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Transcript:
    """What a reader returns: the layout it recognised and everything it read."""

    format: str
    segments: list[Segment]
    unattributed: list[Unattributed] = field(default_factory=list)


@dataclass(frozen=True)
class Turn:
    """Consecutive speech by one speaker with nobody in between."""

    number: int
    speaker: str
    text: str
    line: int
    start_s: float | None = None
    end_s: float | None = None
    seconds: float | None = None
    agency: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Speaker:
    """Someone at the meeting: a roster attendee, a speaker, or both."""

    name: str
    agency: str = UNKNOWN_AGENCY
    role: str = ""


@dataclass(frozen=True)
class Meeting:
    """One transcript, read: its turns in order, who was there and what could not be attributed.

    ``speakers`` lists every attendee (silent roster attendees included) once attribution has
    run; straight from a reader it lists the labels that spoke.
    """

    meeting_id: str
    source: str
    format: str
    turns: list[Turn]
    speakers: list[Speaker]
    unattributed: list[Unattributed] = field(default_factory=list)
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    roster: str | None = None
    # Set when the roster matched speakers of fewer than half the words: the report opens with it.
    roster_warning: str = ""

    @property
    def words(self) -> int:
        return sum(turn.words for turn in self.turns)

    @property
    def timed(self) -> bool:
        return any(turn.seconds is not None for turn in self.turns)

    def replace(self, **changes) -> "Meeting":
        return dataclasses.replace(self, **changes)

    def name_parts(self) -> frozenset[str]:
        """The lower-case words of everyone's names: a name said to someone is one of these."""
        return frozenset(part.lower() for speaker in self.speakers for part in speaker.name.split() if part.isalpha())


def fill_missing_ends(segments: list[Segment]) -> list[Segment]:
    """Give segments that only carry a start time the next segment's start as their end.

    Layouts such as Otter text or ``[00:01:23] Name:`` lines stamp where speech begins; the last
    segment keeps an unknown end rather than a guessed one.
    """
    filled = []
    for here, after in zip(segments, segments[1:] + [None]):
        if here.start_s is not None and here.end_s is None and after is not None:
            if after.start_s is not None and after.start_s >= here.start_s:
                here = dataclasses.replace(here, end_s=after.start_s)
        filled.append(here)
    return filled


def merge_turns(pieces: Iterable[Segment | Turn]) -> list[Turn]:
    """Join consecutive pieces by the same speaker into numbered turns (numbered from 1).

    Accepts reader segments or already-built turns, so turns can be merged again once roster
    matching has shown that two labels are one person. Each turn is built once from its pieces
    (joining them one by one cost the square of a long turn's length).
    """
    turns: list[Turn] = []
    for speaker, run in itertools.groupby(pieces, key=lambda piece: piece.label if isinstance(piece, Segment)
                                          else piece.speaker):
        run = list(run)
        texts = [piece.text for piece in run]
        # Empty pieces before the first words add nothing; after them, each adds its line.
        opening = next((index for index, text in enumerate(texts) if text), len(texts) - 1)
        seconds = [_seconds(piece) for piece in run]
        ends = [piece.end_s for piece in run if piece.end_s is not None]
        turns.append(
            Turn(
                number=len(turns) + 1,
                speaker=speaker,
                text="\n".join(texts[opening:]),
                line=run[0].line,
                start_s=run[0].start_s,
                end_s=ends[-1] if ends else None,
                seconds=None if None in seconds else sum(seconds),
                agency=next((piece.agency for piece in run if piece.agency), run[0].agency),
            )
        )
    return turns


def _seconds(piece: Segment | Turn) -> float | None:
    if isinstance(piece, Turn):
        return piece.seconds
    if piece.start_s is None or piece.end_s is None:
        return None
    return max(0.0, piece.end_s - piece.start_s)


# Letters that Unicode does not take apart into a base letter and an accent, as people write them
# without the accent ("Łukasz" → "Lukasz", "Yılmaz" → "Yilmaz").
_UNACCENTED = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i", "ħ": "h",
    "Ħ": "H", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
})
# Apostrophes as keyboards, word processors and transcription services write them.
APOSTROPHES = "'’‘ʼ`´"
_NO_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


def fold(text: str) -> str:
    """``text`` as names are compared: lower case, without accents (composed or combining) and
    without apostrophes, so "O’Shaughnessy", "o'shaughnessy" and "OShaughnessy" are one name, and
    "Zoë" (either way it is encoded) is "zoe". Letters of other scripts are kept, in lower case."""
    return "".join(char for char in _decomposed(text) if not unicodedata.combining(char)
                   ).translate(_NO_APOSTROPHES).casefold()


def _decomposed(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_UNACCENTED))


def slug(text: str, *, separator: str = "-", default: str = "") -> str:
    """``text`` as lower-case ASCII letters and digits joined by ``separator`` (accents folded:
    "École Nord" → ``ecole-nord``), or ``default`` when nothing is left."""
    folded = _decomposed(text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", separator, folded).strip(separator) or default


def meeting_id_for(path: str | Path) -> str:
    """A folder-safe meeting id from a file name: lower-case ASCII letters, digits and hyphens."""
    return slug(Path(path).stem)[:MAX_ID_LENGTH].strip("-") or "meeting"
