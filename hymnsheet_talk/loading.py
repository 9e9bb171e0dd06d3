"""Finding transcripts and the files that come with them, and loading them as attributed Meetings.

In a folder, transcripts are the files with a transcript extension; rosters (``roster.csv``,
``NAME.roster.csv``) and the meeting manifest (``meetings.csv``) travel beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .manifest import MANIFEST_FILE, is_output_table
from .meeting import Meeting, meeting_id_for
from .readers import SUFFIXES, read_transcript
from .roster import Roster, attribute, load_roster

ROSTER_FILE = "roster.csv"
# The history an output folder keeps (see ``history.store``): its presence marks an output folder.
STORE_FILE = "hymnsheet.sqlite"
# Each agency's distinctive terms over the whole history: a table of the output folder with no
# ``meeting_id`` column (``output`` writes it).
HISTORY_TERMS_FILE = "agency_terms_all.csv"
ROSTER_SUFFIX = ".roster.csv"


@dataclass
class Sources:
    """Transcript files found under the given paths, and files passed over as not transcripts."""

    transcripts: list[Path]
    skipped: list[Path]


def find_transcripts(paths: Iterable[str | Path]) -> Sources:
    """Transcripts named directly, or found (not recursively) in named folders.

    In a folder, files with a transcript extension count; rosters and the meeting manifest are
    companions, not transcripts, and so is everything this tool writes into an output folder (a
    folder holding its history); anything else is listed as skipped. A file reached twice (by a
    relative and an absolute path, or named and in a named folder) is read once. A missing path
    is an ``InputError``.
    """
    transcripts: dict[Path, Path] = {}
    skipped: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            output = (path / STORE_FILE).is_file()
            for child in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
                if _is_companion(child) or (output and _is_output(child)):
                    continue
                if child.suffix.lower() in SUFFIXES:
                    transcripts.setdefault(child.resolve(), child)
                else:
                    skipped.append(child)
        elif path.is_file():
            transcripts.setdefault(path.resolve(), path)
        else:
            raise InputError("no such file or folder", path)
    return Sources(list(transcripts.values()), skipped)


def roster_for(transcript: Path) -> Path | None:
    """The roster that applies to a transcript when none is given: ``<name>.roster.csv`` beside
    it, else ``roster.csv`` in its folder."""
    for candidate in (transcript.with_name(transcript.stem + ROSTER_SUFFIX), transcript.with_name(ROSTER_FILE)):
        if candidate.is_file():
            return candidate
    return None


class MeetingLoader:
    """Reads transcripts one at a time, with their rosters, giving each a unique meeting id."""

    def __init__(self, roster: str | Path | Roster | None = None):
        self._given = load_roster(roster) if isinstance(roster, (str, Path)) else roster
        self._rosters: dict[Path, Roster] = {}
        self._ids: set[str] = set()

    def load(self, path: str | Path, meeting_id: str | None = None) -> Meeting:
        """Read and attribute one transcript (as ``meeting_id``, if given, else a new unique id from
        its name); raises ``InputError``."""
        path = Path(path)
        # The id is settled before reading, so warnings name the meeting as the outputs do.
        return attribute(read_transcript(path, meeting_id or self.meeting_id(path)), self.roster(path))

    def meeting_id(self, path: str | Path) -> str:
        """A meeting id from the file name that no earlier transcript of this loader has taken."""
        base = meeting_id_for(path)
        meeting_id, number = base, 1
        while meeting_id in self._ids:
            number += 1
            meeting_id = f"{base}-{number}"
        self._ids.add(meeting_id)
        return meeting_id

    def roster(self, path: str | Path) -> Roster | None:
        """The roster that applies to the transcript at ``path`` (given, or found beside it)."""
        return self._given if self._given is not None else self._discovered(Path(path))

    def _discovered(self, transcript: Path) -> Roster | None:
        found = roster_for(transcript)
        if found is None:
            return None
        if found not in self._rosters:
            self._rosters[found] = load_roster(found)
        return self._rosters[found]


def _is_companion(path: Path) -> bool:
    name = path.name.lower()
    return name in (ROSTER_FILE, MANIFEST_FILE) or name.endswith(ROSTER_SUFFIX)


def _is_output(path: Path) -> bool:
    """A file this tool writes into an output folder: its history, index, compare and trend pages
    and tables, the history's terms, and every table whose first column is ``meeting_id``."""
    name, suffix = path.name.lower(), path.suffix.lower()
    return (name.startswith(STORE_FILE) or name in ("index.html", HISTORY_TERMS_FILE)
            or (name.startswith(("compare-", "trend-")) and suffix in (".csv", ".html"))
            or (suffix == ".csv" and is_output_table(path)))
