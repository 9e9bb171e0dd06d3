"""Agreed actions: who owns each one, which agency first proposed it, and how it is framed.

Reads the sentences table (``action`` and ``proposal`` come from the actions component):

- an ``action`` sentence is owned by the people or agencies it names before its verb ("Sam and
  Tom meet Kian…", "Action for community safety: …"), else by its speaker ("I'll take that");
- a ``request`` ("could housing look at…?") becomes an action when the next turn is the person
  asked saying yes ("Yes, I'll do that"); it is then owned by that person;
- the "yes" that accepts a request is not a second action ("Yes, I'll do that");
- the proposer is the agency of the earlier proposal in the meeting that shares the most content
  words with the action (at least three), if there is one;
- an action said again by the same owners in mostly the same words is counted once.

Action detection is a pointer for the chair to check against the minutes, not a record.
"""

from __future__ import annotations

import re

import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from ..language import BEHAVIOUR, ECOLOGICAL
from .turn_taking import turn_pairs

ACTION_COLUMNS = ["meeting_id", "turn", "sentence", "speaker", "agency", "owner", "owner_agency", "proposer_agency",
                  "framing", "text"]
YES = re.compile(r"^\W*(yes|yeah|yep|sure|of course|will do|i will|i'll|we will|we'll|i can|we can|happy to|no problem|absolutely|definitely)\b",
                 re.IGNORECASE)
MIN_SHARED_WORDS = 3
# Two actions of the same owners sharing this much of their content words are one action said twice.
REPEAT_OVERLAP = 0.5
_WORD = re.compile(r"[a-z]+")  # "Lucy's" gives "lucy"


def actions_table(sentences: pd.DataFrame, turns: pd.DataFrame, speakers: pd.DataFrame) -> pd.DataFrame:
    """One row per action and owner (a sentence giving two people an action is two rows)."""
    rows = []
    people = {meeting_id: _Names(group) for meeting_id, group in speakers.groupby("meeting_id")}
    answers = _answers(turns)
    for meeting_id, meeting in sentences.groupby("meeting_id", sort=False):
        names = people.get(meeting_id, _Names(speakers.iloc[:0]))
        # Content words of every proposal, worked out once: each action is compared with all of them.
        proposals = [(turn, agency, _content(text)) for turn, agency, text in
                     meeting.loc[meeting["proposal"] == 1, ["turn", "agency", "text"]].itertuples(index=False)]
        found = meeting[meeting["action"] != ""]
        accepted = {turn + 1 for turn in found.loc[found["action"] == "request", "turn"] if (meeting_id, turn) in answers}
        said: list[tuple[set[str], set[str]]] = []  # each action's content words and owners so far
        for row in found.itertuples():
            if row.turn in accepted and row.sentence == 1 and YES.search(row.text):
                continue
            owners = _owners(row, names, answers.get((meeting_id, row.turn)))
            words = _content(row.text)
            if not owners or any(_repeats(words, set(owners), earlier) for earlier in said):
                continue
            said.append((words, set(owners)))
            proposer = _proposer(row, proposals)
            for owner, owner_agency in owners:
                rows.append([meeting_id, row.turn, row.sentence, row.speaker, row.agency, owner, owner_agency,
                             proposer, row.framing, row.text])
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


def framing_mix(sentences: pd.DataFrame, actions: pd.DataFrame) -> pd.DataFrame:
    """Behaviour and ecological counts in each meeting's discussion and in its agreed actions."""
    agreed = actions.drop_duplicates(["meeting_id", "turn", "sentence"])
    frames = []
    for name, table in (("discussion", sentences), ("agreed actions", agreed)):
        counts = pd.crosstab(table["meeting_id"], table["framing"]) if len(table) else pd.DataFrame()
        counts = counts.reindex(columns=[BEHAVIOUR, ECOLOGICAL], fill_value=0)
        frames.append(counts.assign(part=name).reset_index())
    return pd.concat(frames, ignore_index=True)


class _Names:
    """One meeting's attendees and agencies, by the words that can name them."""

    def __init__(self, attendees: pd.DataFrame):
        self.people = [(speaker, agency, {part for part in speaker.lower().split() if len(part) > 2})
                       for speaker, agency in attendees[["speaker", "agency"]].itertuples(index=False)]
        self.agencies = [(agency, {word for word in _WORD.findall(agency.lower()) if word not in STOP_WORDS and len(word) > 3})
                         for agency in sorted(set(attendees["agency"]))]

    def named(self, text: str) -> list[tuple[str, str]]:
        """Attendees or agencies named before the verb ("Sam and Tom meet…", "Action for housing: …")."""
        head = re.split(r"\b(will|'ll|takes|meet|meets|moves|offers|chases|leads|reviews|checks|looks)\b", text,
                        maxsplit=1)[0]
        if head.lower().startswith(("action for", "action on", "actions for")):
            head = text.split(":", 1)[0]
        words = set(_WORD.findall(head.lower()))
        found = {speaker: (speaker, agency) for speaker, agency, parts in self.people if parts & words}
        owning = {agency for _speaker, agency in found.values()}
        found |= {agency: ("", agency) for agency, parts in self.agencies if parts & words and agency not in owning}
        return list(found.values())


def _owners(row, names: _Names, answer: tuple[str, str] | None) -> list[tuple[str, str]]:
    if row.action == "request":
        return [answer] if answer else []
    if row.action == "commitment":
        return [(row.speaker, row.agency)]
    return names.named(row.text) or [(row.speaker, row.agency)]


def _answers(turns: pd.DataFrame) -> dict[tuple[str, int], tuple[str, str]]:
    """For each turn, the next speaker and agency when that next turn begins with a yes."""
    pairs = turn_pairs(turns)
    yes = (pairs["next_speaker"] != pairs["speaker"]) & pairs["next_text"].map(lambda text: bool(YES.search(text))).astype(bool)
    accepted = pairs[yes]
    return {(m, t): (speaker, agency) for m, t, speaker, agency
            in accepted[["meeting_id", "turn", "next_speaker", "next_agency"]].itertuples(index=False)}


def _proposer(row, proposals: list[tuple[int, str, set[str]]]) -> str:
    words = _content(row.text)
    best, best_shared = "", MIN_SHARED_WORDS - 1
    for turn, agency, proposal_words in proposals:
        if turn < row.turn and len(words & proposal_words) > best_shared:
            best, best_shared = agency, len(words & proposal_words)
    return best


def _repeats(words: set[str], owners: set, earlier: tuple[set[str], set]) -> bool:
    """An action said again (by the same owners, in mostly the same words) is the same action."""
    before, before_owners = earlier
    return owners == before_owners and bool(words | before) and len(words & before) / len(words | before) >= REPEAT_OVERLAP


def _content(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if word not in STOP_WORDS and len(word) > 3}


def add_action_counts(meetings: pd.DataFrame, agencies: pd.DataFrame,
                      actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``meetings`` with ``actions`` (a sentence counts once, however many owners it has) and
    ``actions_ecological_share`` (ecological ÷ flagged agreed actions: set beside the meeting's
    ``ecological_share``, it shows whether the plan carries the talk's framing), and ``agencies``
    with ``actions_owned`` and ``actions_proposed``."""
    distinct = actions.drop_duplicates(["meeting_id", "turn", "sentence"])
    per_meeting = distinct.groupby("meeting_id").size()
    owned = actions.groupby(["meeting_id", "owner_agency"]).size()
    proposed = distinct[distinct["proposer_agency"] != ""].groupby(["meeting_id", "proposer_agency"]).size()
    keys = list(zip(agencies["meeting_id"], agencies["agency"]))
    framed = distinct[distinct["framing"].isin([BEHAVIOUR, ECOLOGICAL])].groupby("meeting_id")["framing"]
    ecological_share = framed.agg(lambda framings: (framings == ECOLOGICAL).mean())
    return (
        meetings.assign(actions=meetings["meeting_id"].map(per_meeting).fillna(0).astype(int),
                        actions_ecological_share=meetings["meeting_id"].map(ecological_share).astype(float)),
        agencies.assign(actions_owned=[int(owned.get(key, 0)) for key in keys],
                        actions_proposed=[int(proposed.get(key, 0)) for key in keys]),
    )

