"""Pseudonymised outputs for sharing: speakers become agency labels, names in quotes become [name].

Within a meeting each attendee gets a stable label from their agency and their place in it
(``Police 1``, ``Education 2``). In every text column (turns, sentences, quotes, cues, actions,
each agency's terms, warnings, unattributed lines, the source path and the meeting's metadata) the
attendees' names and name parts, their roster aliases and any names listed with ``--redact`` are
replaced by ``[name]``; with a trained model (``--model``), so are the people its entity recogniser
finds. Names are matched word by word after folding case, accents and apostrophes (``Names``), so
"Zoe", "ZOË" and a decomposed "Zoë" are one name, at any length ("Jo"). Other names, such as the
young person discussed, are masked only when listed: the report says so.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from pathlib import Path
from typing import Iterable

import pandas as pd
import spacy

from .errors import InputError
from .meeting import APOSTROPHES, Meeting, Unattributed, fold
from .readers.labels import NAME_PARTICLES
from .roster import TITLES, Roster, load_roster
from .tables import Analysis

MASK = "[name]"
# What a masked word of a meeting id or file name becomes (ids stay folder-safe).
ID_MASK = "name"
# Columns that hold one person's name (mapped to their label), per table.
NAME_COLUMNS = {
    "turns": ["speaker"], "sentences": ["speaker"], "speakers": ["speaker"], "actions": ["speaker", "owner"],
    "speaker_transitions": ["from_speaker", "to_speaker"],
}
# Columns that hold free text (names inside masked); in ``meetings`` every text column is masked.
TEXT_COLUMNS = ["text", "framing_cues", "reflection_cues", "action_cues", "addressee", "source", "term"]
# Combining marks of every script: a word written with them ("Zoe\u0308", Arabic vowel signs) is one word.
_MARKS = "".join(re.escape(chr(code)) for code in range(0x300, 0x10000)
                 if unicodedata.category(chr(code)).startswith("M"))
# A word: letters or digits of any script with their marks, apostrophes inside ("O’Neil's").
_WORD = re.compile(rf"[\w{_MARKS}]+(?:[{re.escape(APOSTROPHES)}][\w{_MARKS}]+)*")
_POSSESSIVE = re.compile(rf"[{re.escape(APOSTROPHES)}][sS]$")


class Names:
    """Names to mask, matched word by word after ``fold``: each word of a name of two letters or
    more ("Jo"), a one-word name at any length, and whole names of several words, each possibly
    followed by "'s". Titles ("Dr") and particles after the first word ("van" in "Ruth van der
    Berg", not "Al" in "Al Smith") identify nobody: they are masked only within the whole name."""

    def __init__(self, names: Iterable[str]):
        self._words: set[str] = set()
        self._names: set[tuple[str, ...]] = set()
        for name in names:
            words = tuple(filter(None, map(fold, _WORD.findall(name.replace("_", " ")))))
            if len(words) == 1:
                self._words.add(words[0])
            elif words:
                self._names.add(words)
                self._words |= {word for place, word in enumerate(words)
                                if len(word) >= 2 and word not in TITLES and not (place and word in NAME_PARTICLES)}
        self._longest = max(map(len, self._names), default=1)

    def __bool__(self) -> bool:
        return bool(self._words or self._names)

    def mask(self, text, mask: str = MASK):
        """``text`` with each word of every name replaced by ``mask``, the rest as it was (so word
        counts do not change); anything but a string is given back as it is."""
        if not self or not isinstance(text, str):
            return text
        found = list(_WORD.finditer(text.replace("_", " ")))
        words = [_folded(match.group()) for match in found]
        pieces, done, index = [], 0, 0
        while index < len(found):
            length = self._match(words, index)
            for match in found[index:index + length]:
                pieces += [text[done:match.start()], mask]
                done = match.end()
            index += length or 1
        return "".join(pieces) + text[done:]

    def mask_id(self, meeting_id: str) -> str:
        """A meeting id (or any folder-safe slug) with the words of names replaced by ``name``."""
        return self.mask(meeting_id, ID_MASK)

    def holds(self, name: str) -> bool:
        """True when ``name`` (a speaker's, say) contains a word of these names."""
        return self.mask(name) != name

    def _match(self, words: list[tuple[str, str]], index: int) -> int:
        """How many words from ``index`` make a name (0 for none), longest first."""
        for length in range(min(self._longest, len(words) - index), 1, -1):
            if tuple(word for word, _bare in words[index:index + length]) in self._names:
                return length
        word, bare = words[index]
        return 1 if word in self._words or bare in self._words else 0


@functools.lru_cache(maxsize=2**16)
def _folded(word: str) -> tuple[str, str]:
    """A word folded, and folded without a possessive "'s" (the same when it has none)."""
    folded = fold(word)
    return folded, fold(_POSSESSIVE.sub("", word)) if _POSSESSIVE.search(word) else folded


def read_redactions(path: str | Path) -> list[str]:
    """Names to mask, one per line (blank lines and ``#`` lines skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the names to redact: {error}", path) from None
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def attendee_names(roster: Roster | None) -> list[str]:
    """Every name and alias on a roster."""
    return [written for member in (roster.members if roster else ()) for written in (member.name, *member.aliases)]


def pseudonymise(analysis: Analysis, redact: Iterable[str] = (), *, labels: bool = True,
                 model: str | None = None) -> Analysis:
    """A copy of ``analysis`` with speakers as agency labels (unless ``labels`` is false: then only
    speakers whose names are in ``redact``) and the attendees' names and every name in ``redact``
    masked in all text. With ``model`` (an installed trained spaCy pipeline with an entity
    recogniser), the people it finds in the text are masked too."""
    extra = list(redact)
    if model:
        extra += sorted(person_names((turn.text for m in analysis.meetings for turn in m.turns), model))
    redacted = Names(extra)
    speakers = analysis.tables["speakers"]
    labels_by_meeting = {
        meeting_id: {name: label for name, label in _labels(group).items() if labels or redacted.holds(name)}
        for meeting_id, group in speakers.groupby("meeting_id")
    }
    # Many meetings share one roster.csv: read each roster once, not once per meeting.
    rosters = {path: load_roster(path) for path in {m.roster for m in analysis.meetings if m.roster}}
    names = {m.meeting_id: Names([*(s.name for s in m.speakers), *extra, *attendee_names(rosters.get(m.roster))])
             for m in analysis.meetings}
    tables = {name: _table(name, table, labels_by_meeting, names) for name, table in analysis.tables.items()}
    meetings = [_meeting(m, labels_by_meeting.get(m.meeting_id, {}), names[m.meeting_id]) for m in analysis.meetings]
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


def _table(name: str, table: pd.DataFrame, labels: dict[str, dict[str, str]], names: dict[str, Names]) -> pd.DataFrame:
    if "meeting_id" not in table.columns or table.empty:
        return table
    table = table.copy()
    ids = table["meeting_id"]
    for column in NAME_COLUMNS.get(name, []):
        table[column] = [labels.get(m, {}).get(value, value) for m, value in zip(ids, table[column])]
    texts = TEXT_COLUMNS
    if name == "meetings":
        table["chair"] = [
            "; ".join(labels.get(m, {}).get(chair, chair) for chair in value.split("; ")) if value else value
            for m, value in zip(ids, table["chair"])
        ]
        # Title, department, partnership and the manifest's own columns can name people too.
        texts = [c for c in table.columns
                 if c not in ("meeting_id", "chair") and not pd.api.types.is_numeric_dtype(table[c])]
    for column in texts:
        if column in table.columns:
            table[column] = [names[m].mask(value) if m in names else value for m, value in zip(ids, table[column])]
    return table


def _meeting(meeting: Meeting, labels: dict[str, str], names: Names) -> Meeting:
    def rename(text: str) -> str:
        for name, label in sorted(labels.items(), key=lambda item: -len(item[0])):
            text = text.replace(name, label)
        return names.mask(text)

    return meeting.replace(
        source=names.mask(meeting.source),
        roster=names.mask(meeting.roster),
        turns=[dataclasses.replace(turn, speaker=labels.get(turn.speaker, turn.speaker), text=names.mask(turn.text))
               for turn in meeting.turns],
        speakers=[dataclasses.replace(s, name=labels.get(s.name, s.name)) for s in meeting.speakers],
        warnings=[rename(warning) for warning in meeting.warnings],
        roster_warning=rename(meeting.roster_warning),
        unattributed=[Unattributed(item.line, names.mask(item.text)) for item in meeting.unattributed],
    )
