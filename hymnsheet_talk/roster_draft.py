"""Drafting a roster from transcripts: every speaker found, once, for the chair to complete.

Labels that name one person are one row: the same name however it is written (titles, accents,
``Surname, First``), and a lone first name or surname that only one multi-word name has. The row
takes the fullest spelling (then the one said most words under), without titles, and lists the
others as aliases; the agency a label carries (``Name (Police):``) and the role it gives (``The
Chair``) fill those cells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from .loading import find_transcripts
from .meeting import UNKNOWN_AGENCY, Meeting
from .readers import read_transcript
from .roster import TITLES, name_key

DRAFT_COLUMNS = ["name", "agency", "role", "aliases"]


@dataclass
class _Person:
    """What the transcripts say about one person: words said under each spelling, agency and role."""

    spellings: Counter = field(default_factory=Counter)
    agencies: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)

    def add(self, other: "_Person") -> None:
        self.spellings.update(other.spellings)
        self.agencies.update(other.agencies)
        self.roles.update(other.roles)


def draft_roster(paths: Iterable[str | Path]) -> pd.DataFrame:
    """A roster with columns ``name, agency, role, aliases``: one row per person who speaks in the
    transcripts at ``paths`` (files, or folders read one level deep), in order of first speaking.

    Cells a label does not fill stay empty. Raises ``InputError`` for a file that cannot be read.
    """
    people: dict[str, _Person] = {}
    for path in find_transcripts(paths).transcripts:
        for key, person in _people(read_transcript(path)).items():
            people.setdefault(key, _Person()).add(person)
    _join_lone_names(people)
    rows = [_row(person) for person in people.values()]
    return pd.DataFrame(rows, columns=DRAFT_COLUMNS)


def _people(meeting: Meeting) -> dict[str, _Person]:
    words = Counter()
    for turn in meeting.turns:
        words[turn.speaker] += turn.words
    people: dict[str, _Person] = {}
    for speaker in meeting.speakers:
        person = people.setdefault(name_key(speaker.name) or speaker.name, _Person())
        person.spellings[speaker.name] += words[speaker.name]
        if speaker.agency != UNKNOWN_AGENCY:
            person.agencies[speaker.agency] += words[speaker.name]
        if speaker.role:
            person.roles[speaker.role] += words[speaker.name]
    return people


def _join_lone_names(people: dict[str, _Person]) -> None:
    """Fold a one-word label (``Priya``) into the one longer name it begins or ends."""
    for key in [key for key in people if " " not in key]:
        owners = [other for other in people if " " in other and key in (other.split()[0], other.split()[-1])]
        if len(owners) == 1:
            people[owners[0]].add(people.pop(key))


def _row(person: _Person) -> dict[str, str]:
    # The fullest name, then the spelling said most words under: "Tom" is the alias of "Tom Okafor".
    name = untitled(max(person.spellings, key=lambda spelling: (
        len(untitled(spelling).split()), person.spellings[spelling], -len(spelling))))
    aliases = sorted(spelling for spelling in person.spellings if spelling != name)
    return {
        "name": name,
        "agency": _most(person.agencies),
        "role": _most(person.roles),
        "aliases": "; ".join(aliases),
    }


def untitled(name: str) -> str:
    """A person's name as a roster writes it: first name first, without titles or post-nominals
    (``Doyle, Karen`` → ``Karen Doyle``; ``Hon. Anthony Rota`` → ``Anthony Rota``)."""
    if name.count(",") == 1:
        surname, first = name.split(",")
        name = f"{first} {surname}"
    words = name.split()
    kept = [word for word in words if word.lower().strip(".") not in TITLES]
    return " ".join(kept or words)


def _most(counts: Counter) -> str:
    return max(counts, key=lambda value: (counts[value], value)) if counts else ""
