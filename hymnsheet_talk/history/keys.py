"""Input keys: everything a meeting's stored results depend on, hashed, so an unchanged meeting
is not analysed again; and meeting ids, which follow the file a meeting was read from.

A key covers the transcript's bytes, the roster rows that apply to it, its metadata, the
lexicons, the model, the privacy options and the tool's and spaCy's versions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import spacy

from .._version import __version__
from ..errors import InputError
from ..language import load_lexicon
from ..loading import MeetingLoader
from ..manifest import Manifest, metadata_for
from ..meeting import meeting_id_for
from ..privacy import Names, attendee_names


@dataclass(frozen=True)
class Job:
    """One transcript to analyse: where it is, its key and metadata, and who it is: ``origin``, a
    hash of its resolved path (which file, without naming its folders), ``base_id``, the id its
    file name gives, and ``meeting_id``, the id it is stored under (see ``assign_ids``)."""

    path: Path
    key: str
    metadata: dict[str, str]
    size: int
    origin: str
    base_id: str
    meeting_id: str = ""


def job_for(path: Path, loader: MeetingLoader, manifest: Manifest, given: dict[str, str] | None, options: str,
            private: list[str] | None = None) -> Job:
    """The job for the transcript at ``path``. With ``private`` (the names to redact; empty for
    ``--pseudonymise`` alone) the id drops the words of those names and of the attendees' names
    from the file name."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error), path) from None
    roster = loader.roster(path)
    roster = roster.for_meeting(path) if roster else None
    members = sorted((m.name, m.agency, m.role, m.aliases) for m in roster.members) if roster else []
    metadata = metadata_for(path, manifest, given)
    digest = hashlib.sha256(options.encode())
    digest.update(json.dumps([members, metadata], sort_keys=True).encode())
    digest.update(data)
    base_id = meeting_id_for(path)
    if private is not None:
        base_id = Names([*private, *attendee_names(roster)]).mask_id(base_id)
    origin = hashlib.sha256(str(path.resolve()).encode()).hexdigest()
    return Job(path, digest.hexdigest(), metadata, len(data), origin, base_id)


def assign_ids(jobs: list[Job], stored: dict[str, tuple[str, str | None]]) -> list[Job]:
    """``jobs`` with their meeting ids, given the ``stored`` meetings' keys and origins by id.

    A file keeps the id it was stored under (found by its resolved path, whatever its name or the
    path it was given by). A new file takes its file name's id, unless another file holds it:
    then ``-2``, ``-3``…; it may take a stored id whose meeting was read from exactly the same
    inputs (the same transcript moved or renamed), or one stored by an older version that kept
    no origin (then, as that version did, the file of that name).
    """
    by_origin = {origin: meeting_id for meeting_id, (_key, origin) in stored.items() if origin}
    taken = {by_origin[job.origin] for job in jobs if job.origin in by_origin}
    assigned = []
    for job in jobs:
        meeting_id = by_origin.get(job.origin)
        if meeting_id is None:
            meeting_id = next(candidate for candidate in _candidates(job.base_id)
                              if candidate not in taken and _free(stored.get(candidate), job))
            taken.add(meeting_id)
        assigned.append(dataclasses.replace(job, meeting_id=meeting_id))
    return assigned


def _candidates(base_id: str) -> Iterator[str]:
    yield base_id
    for number in itertools.count(2):
        yield f"{base_id}-{number}"


def _free(stored: tuple[str, str | None] | None, job: Job) -> bool:
    if stored is None:
        return True
    key, origin = stored
    return origin is None or key == job.key


def fingerprint(model: str | None, lexicons: tuple[Path, ...], pseudonymise: bool, redact: tuple[str, ...],
                 include_transcript: bool) -> str:
    """Everything besides the transcript that a meeting's stored results depend on."""
    cues = [cue.to_json() for cue in load_lexicon(lexicons).active()]
    return json.dumps({
        "version": __version__, "spacy": spacy.__version__, "model": model,
        "lexicon": hashlib.sha256("\n".join(cues).encode()).hexdigest(),
        "pseudonymise": pseudonymise, "redact": sorted(redact), "include_transcript": include_transcript,
    }, sort_keys=True)
