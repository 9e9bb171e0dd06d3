"""From paths to tables: find transcripts and rosters, read, attribute, tabulate.

``analyse`` is the one call a notebook needs; the command line uses the smaller steps so it can
show progress and carry on past a bad file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
from spacy.language import Language

from .action_tables import actions_table, add_action_counts
from .attribution import attribute
from .errors import InputError
from .model import Meeting
from .framing_tables import add_framing
from .participation import agencies_table, meetings_table, speakers_table, turns_table
from .pipeline import build_pipeline
from .manifest import MANIFEST_FILE, manifest_for, metadata_for, with_metadata
from .readers import SUFFIXES, meeting_id_for, read_transcript
from .reflection_tables import add_answered, add_rates, invitations_table, markers_table, timeline_table
from .roster import Roster, load_roster
from .tagging import Tags, tag_meetings
from .turn_taking import add_turn_taking, interruptions, meeting_turn_taking, transitions_table

ROSTER_FILE = "roster.csv"
ROSTER_SUFFIX = ".roster.csv"


@dataclass
class Analysis:
    """The result of a run: meetings as read, the tables, and the inputs that failed."""

    meetings: list[Meeting]
    tables: dict[str, pd.DataFrame]
    failures: list[InputError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    pseudonymised: bool = False
    redacted: int = 0  # names masked on request (``--redact``), beyond the attendees'


@dataclass
class Sources:
    """Transcript files found under the given paths, and files passed over as not transcripts."""

    transcripts: list[Path]
    skipped: list[Path]


def find_transcripts(paths: Iterable[str | Path]) -> Sources:
    """Transcripts named directly, or found (not recursively) in named folders.

    In a folder, files with a transcript extension count; rosters and the meeting manifest are
    companions, not transcripts; anything else is listed as skipped. A missing path is an
    ``InputError``.
    """
    transcripts: list[Path] = []
    skipped: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
                if _is_companion(child):
                    continue
                (transcripts if child.suffix.lower() in SUFFIXES else skipped).append(child)
        elif path.is_file():
            transcripts.append(path)
        else:
            raise InputError("no such file or folder", path)
    return Sources(list(dict.fromkeys(transcripts)), skipped)


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
        meeting = attribute(read_transcript(path), self.roster(path))
        return meeting.replace(meeting_id=meeting_id or self.meeting_id(path))

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


def build_tables(meetings: list[Meeting], nlp: Language | None = None, *, tags: Tags | None = None) -> dict[str, pd.DataFrame]:
    """The output tables, keyed by name: ``turns``, ``sentences``, ``speakers``, ``agencies``,
    ``meetings``, ``markers``, ``invitations``, ``reflection_timeline``, ``transitions``, ``actions``
    and ``speaker_transitions`` (written into each meeting's folder rather than beside the others).

    ``nlp`` is the pipeline that labels sentences (default: ``build_pipeline()``); ``tags`` are
    labels already worked out (by ``parallel.tag_in_parallel``, say), in which case no pipeline runs.
    """
    if tags is None:
        tags = tag_meetings(meetings, nlp if nlp is not None else build_pipeline())
    sentences = tags.sentences
    timed = {m.meeting_id: m.timed for m in meetings}
    turns = turns_table(meetings).merge(tags.turns, on=["meeting_id", "turn"], how="left")
    interrupted = interruptions(turns)
    speakers = add_turn_taking(speakers_table(meetings, turns), turns, interrupted, by="speaker")
    agencies = add_turn_taking(agencies_table(speakers), turns, interrupted, by="agency")
    agencies = add_framing(agencies, sentences, ["meeting_id", "agency"])
    agencies = add_rates(agencies, sentences, ["meeting_id", "agency"], spread_by="speaker")
    agencies = add_answered(agencies, turns, sentences, ["meeting_id", "agency"])
    summary = meeting_turn_taking(meetings_table(meetings, speakers), turns, speakers, interrupted, timed)
    summary = add_framing(summary, sentences, ["meeting_id"])
    summary = add_rates(summary, sentences, ["meeting_id"], spread_by="agency")
    summary = add_answered(summary, turns, sentences, ["meeting_id"])
    actions = actions_table(sentences, turns, speakers)
    summary, agencies = add_action_counts(summary, agencies, actions)
    return {
        "turns": turns,
        "sentences": sentences,
        "speakers": speakers,
        "agencies": agencies,
        "meetings": summary,
        "markers": markers_table(turns, sentences),
        "invitations": invitations_table(turns, sentences, speakers),
        "reflection_timeline": timeline_table(turns, sentences, timed),
        "transitions": transitions_table(turns),
        "actions": actions,
        "speaker_transitions": transitions_table(turns, by="speaker"),
    }


def analyse(
    paths: Iterable[str | Path] = ("transcripts",),
    roster: str | Path | Roster | None = None,
    *,
    model: str | None = None,
    lexicons: Iterable[str | Path] = (),
    manifest: str | Path | None = None,
    jobs: int = 1,
    progress: Callable[[list[Path]], Iterable[Path]] = iter,
) -> Analysis:
    """Read every transcript under ``paths`` and return the tables as DataFrames.

    ``roster`` (a path or a loaded ``Roster``) applies to every transcript; without it each
    transcript uses the roster found beside it (see ``roster_for``). A file that cannot be read
    is recorded in ``failures`` and the others are still analysed. ``progress`` wraps the list of
    transcript paths while they are read (the command line passes a progress bar). ``model``
    names an installed spaCy pipeline to use instead of the blank English one; ``lexicons`` are
    extra lexicon files merged over the shipped ones. A missing path, an unreadable ``roster`` or
    a bad lexicon raises ``InputError``; an unknown model raises ``UnknownModel``. ``jobs`` above 1
    labels the meetings in that many processes. The ``meetings`` table carries each meeting's
    metadata from ``manifest`` (default: ``meetings.csv`` in each transcript's folder).

    This keeps everything in memory and writes nothing; ``history.update`` is the run that keeps
    a history in an output folder.
    """
    lexicons = tuple(lexicons)
    nlp = build_pipeline(model, lexicons)
    paths = [Path(path) for path in paths]
    sources = find_transcripts(paths)
    listed = manifest_for(sources.transcripts, manifest)
    loader = MeetingLoader(roster)
    meetings: list[Meeting] = []
    metadata: dict[str, dict[str, str]] = {}
    failures: list[InputError] = []
    for path in progress(sources.transcripts):
        try:
            meetings.append(loader.load(path))
        except InputError as error:
            failures.append(error)
            continue
        metadata[meetings[-1].meeting_id] = metadata_for(path, listed)
    tags = None
    if jobs > 1 and len(meetings) > 1:
        from .parallel import tag_in_parallel  # process pools only when asked for

        tags = tag_in_parallel(meetings, jobs, nlp, model, lexicons)
    tables = build_tables(meetings, nlp, tags=tags)
    tables["meetings"] = with_metadata(tables["meetings"], metadata)
    return Analysis(meetings, tables, failures, sources.skipped)


def _is_companion(path: Path) -> bool:
    name = path.name.lower()
    return name in (ROSTER_FILE, MANIFEST_FILE) or name.endswith(ROSTER_SUFFIX)
