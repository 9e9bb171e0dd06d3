"""Rosters: who attended, from which agency and in what role; matching speaker labels to them
(``attribute``), so that each turn has its speaker's roster name and agency."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .meeting import UNKNOWN_AGENCY, Meeting, Speaker, fold, merge_turns
from .readers.decode import decode
from .readers.titled import role_of

# Titles and post-nominals that transcripts add or leave off at will.
TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev cllr councillor
    pc dc ds di dci dsi ps sgt insp supt ch supt pcso det
    am ms mp msp mla mbe obe cbe qc kc hon rt right
    """.split()
)


@dataclass(frozen=True)
class Member:
    """One roster row."""

    name: str
    agency: str
    role: str = ""
    aliases: tuple[str, ...] = ()
    meetings: tuple[str, ...] = ()
    line: int | None = None

    def attends(self, source: str | Path) -> bool:
        """True when the row applies to the transcript at ``source`` (blank ``meeting``: all)."""
        if not self.meetings:
            return True
        path = Path(source)
        return any(name in (path.name, path.stem) for name in self.meetings)


@dataclass(frozen=True)
class Roster:
    """Roster members with the lookups that match speaker labels to them."""

    members: tuple[Member, ...] = ()
    source: str | None = None
    _by_key: dict[str, Member] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for member in self.members:
            for written in (member.name, *member.aliases):
                self._by_key.setdefault(name_key(written), member)

    def for_meeting(self, source: str | Path) -> "Roster":
        """The members who attend the meeting read from ``source``."""
        return Roster(tuple(m for m in self.members if m.attends(source)), self.source)

    def match(self, label: str) -> Member | None:
        """The member a speaker label names, or None.

        Exact after normalising (case, accents, spacing, brackets, titles, ``Surname, First``);
        then, for a one-word label, the one member whose first name or surname it is; then, for a
        role label that names nobody (``The Chair``), the one member with that role.
        """
        key = name_key(label)
        if key in self._by_key:
            return self._by_key[key]
        if key and " " not in key:
            found = {m for m in self.members if key in _first_and_last(m)}
            if len(found) == 1:
                return found.pop()
        role = role_of(label)
        if role:
            holders = [m for m in self.members if m.role.strip().lower() == role.lower()]
            if len(holders) == 1:
                return holders[0]
        return None


def name_key(name: str) -> str:
    """A comparison key for a person's name, forgiving of how transcripts write it: case, accents,
    apostrophes, brackets, titles, ``Surname, First``; letters of any script are kept."""
    text = re.sub(r"[\(\[][^\)\]]*[\)\]]", " ", fold(name))
    if text.count(",") == 1:
        surname, first = text.split(",")
        text = f"{first} {surname}"
    words = re.sub(r"[^\w\- ]+|_", " ", text).split()
    kept = [word for word in words if word not in TITLES]
    return " ".join(kept or words)


def _first_and_last(member: Member) -> set[str]:
    words = name_key(member.name).split()
    return {words[0], words[-1]} if words else set()


def load_roster(path: str | Path) -> Roster:
    """Read a roster CSV: ``name`` and ``agency`` columns, optional ``role``, ``aliases``
    (``;``-separated) and ``meeting`` (file names the row applies to, ``;``-separated).

    Blank rows are skipped. Raises ``InputError`` with the line for a missing column, a row with
    no name or agency, or one name given two different agencies.
    """
    try:
        text = decode(Path(path).read_bytes()).strict(path)
    except InputError as error:
        raise error.at(path) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), path) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    missing = [name for name in ("name", "agency") if name not in columns]
    if missing:
        raise InputError(f"roster needs the column(s) {', '.join(missing)}", path, 1)
    members: dict[tuple[str, tuple[str, ...]], Member] = {}
    line = reader.line_num + 1
    for row in reader:
        cell = {key: (row.get(original) or "").strip() for key, original in columns.items()}
        if any(cell.values()):
            member = _member(cell, path, line)
            earlier = members.setdefault((name_key(member.name), member.meetings), member)
            if earlier.agency.lower() != member.agency.lower():
                raise InputError(
                    f"{member.name!r} is listed with agency {member.agency!r} here and "
                    f"{earlier.agency!r} on line {earlier.line}",
                    path,
                    line,
                )
        line = reader.line_num + 1
    return Roster(tuple(members.values()), str(path))


def _member(cell: dict[str, str], path: str | Path, line: int) -> Member:
    for needed in ("name", "agency"):
        if not cell[needed]:
            raise InputError(f"roster row has no {needed}", path, line)
    return Member(
        name=" ".join(cell["name"].split()),
        agency=" ".join(cell["agency"].split()),
        role=cell.get("role", ""),
        aliases=_split_list(cell.get("aliases", "")),
        meetings=_split_list(cell.get("meeting", "")),
        line=line,
    )


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def attribute(meeting: Meeting, roster: Roster | None = None) -> Meeting:
    """Return ``meeting`` with each turn's speaker and agency settled.

    A label matched to the roster takes the roster's name and agency; otherwise the agency
    written in the transcript is used, else ``Unknown``. ``speakers`` becomes everyone present:
    the roster's attendees for this meeting (silent ones included), then unmatched speakers, each
    with the roster's role, else the one their label gave. Conflicts between roster and
    transcript agencies, speakers with no agency, and a roster that matches speakers of fewer than
    half the words (``roster_warning``) are added to ``warnings``.
    """
    given = roster
    roster = (roster or Roster()).for_meeting(meeting.source)
    warnings = list(meeting.warnings)
    written = {}
    for turn in meeting.turns:
        if turn.agency:
            written.setdefault(turn.speaker, turn.agency)

    turns = []
    matched: dict[str, Member] = {}
    for turn in meeting.turns:
        member = roster.match(turn.speaker)
        agency = written.get(turn.speaker)
        if member is None:
            turns.append(dataclasses.replace(turn, agency=agency or UNKNOWN_AGENCY))
            continue
        matched[turn.speaker] = member
        if agency and agency.lower() != member.agency.lower():
            note = (
                f"{meeting.meeting_id}: {turn.speaker!r} is written as {agency!r} in the transcript "
                f"but {member.agency!r} in the roster; the roster is used"
            )
            if note not in warnings:
                warnings.append(note)
        turns.append(dataclasses.replace(turn, speaker=member.name, agency=member.agency))
    turns = merge_turns(turns)

    labelled_roles = {speaker.name: speaker.role for speaker in meeting.speakers if speaker.role}
    roles = {member.name: labelled_roles[label] for label, member in matched.items() if label in labelled_roles}
    speakers = {m.name: Speaker(m.name, m.agency, m.role or roles.get(m.name, "")) for m in roster.members}
    for turn in turns:
        speakers.setdefault(turn.speaker, Speaker(turn.speaker, turn.agency or UNKNOWN_AGENCY,
                                                  labelled_roles.get(turn.speaker, "")))
    mismatch = roster_mismatch(meeting, given, matched) if given is not None else ""
    if mismatch:
        warnings.insert(0, mismatch)
    unknown = [s.name for s in speakers.values() if s.agency == UNKNOWN_AGENCY]
    if unknown:
        warnings.append(
            f"{meeting.meeting_id}: no agency for {', '.join(unknown)}; add them to the roster "
            "(name, agency) to place them"
        )
    return meeting.replace(
        turns=turns, speakers=list(speakers.values()), warnings=warnings, roster=roster.source,
        roster_warning=mismatch,
    )


# Past this many names, a warning says how many more there are.
LISTED_NAMES = 8


def roster_mismatch(meeting: Meeting, roster: Roster, matched: dict[str, Member]) -> str:
    """A warning when the speakers ``matched`` to the roster said fewer than half of ``meeting``'s
    words, naming the labels not on the roster and the roster's attendees not heard; else "".

    ``meeting`` holds the labels as read; ``matched`` maps those labels to roster members.
    """
    words = Counter()
    for turn in meeting.turns:
        words[turn.speaker] += turn.words
    total = sum(words.values())
    heard = sum(count for label, count in words.items() if label in matched)
    if not total or heard * 2 >= total:
        return ""
    attending = roster.for_meeting(meeting.source).members
    unmatched = [label for label, _count in words.most_common() if label not in matched]
    unheard = [m.name for m in attending if m not in matched.values()]
    where = f" {roster.source}" if roster.source else ""
    text = (f"{meeting.meeting_id}: the roster{where} matches speakers of only {heard / total:.0%} of the words, "
            f"so most speakers keep the transcript's labels and have no agency. Not on the roster: "
            f"{_listed(unmatched)}. On the roster but not heard: {_listed(unheard) or 'nobody'}.")
    left_out = len(roster.members) - len(attending)
    if left_out:
        rows = "roster row names another meeting in its" if left_out == 1 else "roster rows name other meetings in their"
        text += (f" {left_out} {rows} meeting column and {'was' if left_out == 1 else 'were'} left out: a "
                 "row with a meeting applies only to the meetings it names (leave it blank for every meeting).")
    return text


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:LISTED_NAMES])
    return shown + (f" and {len(names) - LISTED_NAMES} more" if len(names) > LISTED_NAMES else "")
