"""Attribution: speaker labels become roster names and agencies, and silent attendees join in."""

from __future__ import annotations

import dataclasses

from .model import UNKNOWN_AGENCY, Meeting, Speaker, merge_turns
from .roster import Roster


def attribute(meeting: Meeting, roster: Roster | None = None) -> Meeting:
    """Return ``meeting`` with each turn's speaker and agency settled.

    A label matched to the roster takes the roster's name and agency; otherwise the agency
    written in the transcript is used, else ``Unknown``. ``speakers`` becomes everyone present:
    the roster's attendees for this meeting (silent ones included), then unmatched speakers.
    Conflicts between roster and transcript agencies, and speakers with no agency, are added to
    ``warnings``.
    """
    roster = (roster or Roster()).for_meeting(meeting.source)
    warnings = list(meeting.warnings)
    written = {}
    for turn in meeting.turns:
        if turn.agency:
            written.setdefault(turn.speaker, turn.agency)

    turns = []
    for turn in meeting.turns:
        member = roster.match(turn.speaker)
        agency = written.get(turn.speaker)
        if member is None:
            turns.append(dataclasses.replace(turn, agency=agency or UNKNOWN_AGENCY))
            continue
        if agency and agency.lower() != member.agency.lower():
            note = (
                f"{meeting.meeting_id}: {turn.speaker!r} is written as {agency!r} in the transcript "
                f"but {member.agency!r} in the roster; the roster is used"
            )
            if note not in warnings:
                warnings.append(note)
        turns.append(dataclasses.replace(turn, speaker=member.name, agency=member.agency))
    turns = merge_turns(turns)

    speakers = {m.name: Speaker(m.name, m.agency, m.role) for m in roster.members}
    for turn in turns:
        speakers.setdefault(turn.speaker, Speaker(turn.speaker, turn.agency or UNKNOWN_AGENCY))
    unknown = [s.name for s in speakers.values() if s.agency == UNKNOWN_AGENCY]
    if unknown:
        warnings.append(
            f"{meeting.meeting_id}: no agency for {', '.join(unknown)}; add them to the roster "
            "(name, agency) to place them"
        )
    return meeting.replace(
        turns=turns, speakers=list(speakers.values()), warnings=warnings, roster=roster.source
    )
