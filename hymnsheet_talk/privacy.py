"""Pseudonymised outputs for sharing: speakers become agency labels, names in quotes become [name].

Within a meeting each attendee gets a stable label from their agency and their place in it
(``Police 1``, ``Education 2``). In every text column (turns, sentences, quotes, cues, actions,
each agency's terms, warnings, unattributed lines) the attendees' names and name parts, their roster aliases and any
names listed with ``--redact`` are replaced by ``[name]``; with a trained model (``--model``), so
are the people its entity recogniser finds. Other names, such as the young person discussed, are
masked only when listed: the report says so.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Iterable

import pandas as pd
import spacy

from .errors import InputError
from .meeting import Meeting, Unattributed
from .roster import Roster, load_roster
from .tables import Analysis

MASK = "[name]"
# Columns that hold one person's name (mapped to their label), per table.
NAME_COLUMNS = {
    "turns": ["speaker"], "sentences": ["speaker"], "speakers": ["speaker"], "actions": ["speaker", "owner"],
    "speaker_transitions": ["from_speaker", "to_speaker"],
}
# Columns that hold free text (names inside masked).
TEXT_COLUMNS = ["text", "framing_cues", "reflection_cues", "action_cues", "addressee", "source", "term"]
MIN_NAME_PART = 3


def read_redactions(path: str | Path) -> list[str]:
    """Names to mask, one per line (blank lines and ``#`` lines skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the names to redact: {error}", path) from None
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def pseudonymise(analysis: Analysis, redact: Iterable[str] = (), *, labels: bool = True,
                 model: str | None = None) -> Analysis:
    """A copy of ``analysis`` with speakers as agency labels (unless ``labels`` is false) and the
    attendees' names and every name in ``redact`` masked in all text. With ``model`` (an installed
    trained spaCy pipeline with an entity recogniser), the people it finds in the text are masked too."""
    extra = list(redact)
    if model:
        extra += sorted(person_names((turn.text for m in analysis.meetings for turn in m.turns), model))
    speakers = analysis.tables["speakers"]
    labels_by_meeting = {
        meeting_id: _labels(group) if labels else {} for meeting_id, group in speakers.groupby("meeting_id")
    }
    # Many meetings share one roster.csv: read each roster once, not once per meeting.
    rosters = {path: load_roster(path) for path in {m.roster for m in analysis.meetings if m.roster}}
    patterns = {m.meeting_id: _pattern(_names(m, extra, rosters)) for m in analysis.meetings}
    tables = {name: _table(name, table, labels_by_meeting, patterns) for name, table in analysis.tables.items()}
    meetings = [_meeting(m, labels_by_meeting.get(m.meeting_id, {}), patterns[m.meeting_id]) for m in analysis.meetings]
    return dataclasses.replace(analysis, meetings=meetings, tables=tables, pseudonymised=labels,
                               redacted=len(extra))


def person_names(texts: Iterable[str], model: str) -> set[str]:
    """The PERSON entities a trained spaCy pipeline finds in ``texts`` (none if it has no recogniser)."""
    nlp = spacy.load(model, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"])
    if not nlp.has_pipe("ner"):
        return set()
    return {entity.text for doc in nlp.pipe(texts, batch_size=256) for entity in doc.ents if entity.label_ == "PERSON"}


def _labels(people: pd.DataFrame) -> dict[str, str]:
    """Attendee → "Agency n", numbered within the agency in name order (stable within a meeting)."""
    labels = {}
    for agency, group in people.sort_values(["agency", "speaker"]).groupby("agency", sort=True):
        for number, speaker in enumerate(group["speaker"], start=1):
            labels[speaker] = f"{agency} {number}"
    return labels


def _names(meeting: Meeting, extra: list[str], rosters: dict[str, Roster]) -> set[str]:
    names = {speaker.name for speaker in meeting.speakers} | set(extra)
    if meeting.roster:
        for member in rosters[meeting.roster].members:
            names |= {member.name, *member.aliases}
    parts = {part for name in names for part in re.split(r"[\s,]+", name) if len(part) >= MIN_NAME_PART}
    return {name for name in names | parts if name.strip()}


def _pattern(names: set[str]) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?:'s)?(?![\w])", re.IGNORECASE)


def _mask(text, pattern: re.Pattern | None):
    """``text`` with each word of every name replaced by [name], so word counts stay as they were."""
    if pattern is None or not isinstance(text, str):
        return text
    return pattern.sub(lambda match: " ".join(MASK for _word in match.group().split()), text)


def _table(name: str, table: pd.DataFrame, labels: dict[str, dict[str, str]], patterns) -> pd.DataFrame:
    if "meeting_id" not in table.columns or table.empty:
        return table
    table = table.copy()
    ids = table["meeting_id"]
    for column in NAME_COLUMNS.get(name, []):
        table[column] = [labels.get(m, {}).get(value, value) for m, value in zip(ids, table[column])]
    if name == "meetings":
        table["chair"] = [
            "; ".join(labels.get(m, {}).get(chair, chair) for chair in value.split("; ")) if value else value
            for m, value in zip(ids, table["chair"])
        ]
    for column in TEXT_COLUMNS:
        if column in table.columns:
            table[column] = [_mask(value, patterns.get(m)) for m, value in zip(ids, table[column])]
    return table


def _meeting(meeting: Meeting, labels: dict[str, str], pattern) -> Meeting:
    def rename(text: str) -> str:
        for name, label in sorted(labels.items(), key=lambda item: -len(item[0])):
            text = text.replace(name, label)
        return _mask(text, pattern)

    return meeting.replace(
        source=_mask(meeting.source, pattern),
        turns=[dataclasses.replace(turn, speaker=labels.get(turn.speaker, turn.speaker), text=_mask(turn.text, pattern))
               for turn in meeting.turns],
        speakers=[dataclasses.replace(s, name=labels.get(s.name, s.name)) for s in meeting.speakers],
        warnings=[rename(warning) for warning in meeting.warnings],
        roster_warning=rename(meeting.roster_warning),
        unattributed=[Unattributed(item.line, _mask(item.text, pattern)) for item in meeting.unattributed],
    )
