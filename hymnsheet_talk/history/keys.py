"""Input keys: everything a meeting's stored results depend on, hashed, so an unchanged meeting
is not analysed again.

A key covers the transcript's bytes, the roster rows that apply to it, its metadata, the
lexicons, the model, the privacy options and the tool's and spaCy's versions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import spacy

from .._version import __version__
from ..errors import InputError
from ..language import load_lexicon
from ..loading import MeetingLoader
from ..manifest import Manifest, metadata_for


@dataclass(frozen=True)
class Job:
    """One transcript to analyse: where it is, the id it is stored under, its key and metadata."""

    path: Path
    meeting_id: str
    key: str
    metadata: dict[str, str]
    size: int


def job_for(path: Path, loader: MeetingLoader, manifest: Manifest, given: dict[str, str] | None, options: str) -> Job:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error), path) from None
    roster = loader.roster(path)
    members = sorted((m.name, m.agency, m.role, m.aliases) for m in roster.for_meeting(path).members) if roster else []
    metadata = metadata_for(path, manifest, given)
    digest = hashlib.sha256(options.encode())
    digest.update(json.dumps([members, metadata], sort_keys=True).encode())
    digest.update(data)
    return Job(path, loader.meeting_id(path), digest.hexdigest(), metadata, len(data))


def fingerprint(model: str | None, lexicons: tuple[Path, ...], pseudonymise: bool, redact: tuple[str, ...],
                 include_transcript: bool) -> str:
    """Everything besides the transcript that a meeting's stored results depend on."""
    cues = [cue.to_json() for cue in load_lexicon(lexicons).active()]
    return json.dumps({
        "version": __version__, "spacy": spacy.__version__, "model": model,
        "lexicon": hashlib.sha256("\n".join(cues).encode()).hexdigest(),
        "pseudonymise": pseudonymise, "redact": sorted(redact), "include_transcript": include_transcript,
    }, sort_keys=True)
