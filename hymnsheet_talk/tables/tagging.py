"""Running the pipeline over meetings: the ``sentences`` table and each turn's labels rolled up.

The only module that hands transcript text to spaCy. Sentences join their turn by
(meeting_id, turn); nothing here reaches back into the Meeting objects afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from ..language import MARKERS, NAMES_KEY, roll_up_rows, sentence_rows
from ..meeting import Meeting

SENTENCE_COLUMNS = [
    "meeting_id", "turn", "sentence", "speaker", "agency", "framing", "framing_kind", "framing_cues",
    *MARKERS, "reflection_cues", "reported", "addressee", "words", "text", "proposal", "action", "action_cues",
    "framing_score",
]
TURN_LABEL_COLUMNS = ["framing", "framing_kind", "framing_cues", *MARKERS, "reflection_cues"]
# One row per content word or two-word phrase said (``language.terms``): what ``tables.terms`` counts.
TERM_OCCURRENCE_COLUMNS = ["meeting_id", "turn", "sentence", "agency", "term"]
BATCH_SIZE = 256


@dataclass
class Tags:
    """The pipeline's labels: ``sentences`` (one row per sentence), ``turns`` (one per turn) and
    ``terms`` (one per content word or phrase said, with its sentence and agency)."""

    sentences: pd.DataFrame
    turns: pd.DataFrame
    terms: pd.DataFrame


def tag_meetings(meetings: list[Meeting], nlp: Language) -> Tags:
    """Label every sentence of every turn: the ``sentences`` table and each turn's roll-up."""
    keys = [(m, t) for m in meetings for t in m.turns]
    docs = nlp.pipe(_docs(nlp, keys), batch_size=BATCH_SIZE)
    sentences, turns, terms = [], [], []
    for (meeting, turn), doc in zip(keys, docs):
        rows = list(sentence_rows(doc, turn.text))
        key = {"meeting_id": meeting.meeting_id, "turn": turn.number}
        turns.append({**key, **roll_up_rows(rows)})
        sentences += [{**key, "sentence": number, "speaker": turn.speaker, "agency": turn.agency, **row}
                      for number, row in enumerate(rows, start=1)]
        terms += [(meeting.meeting_id, turn.number, number, turn.agency, term)
                  for number, row in enumerate(rows, start=1) for term in row["terms"]]
    integers = [*MARKERS, "reported", "words", "turn", "sentence", "proposal"]
    sentence_table = pd.DataFrame(sentences, columns=SENTENCE_COLUMNS).astype(dict.fromkeys(integers, int))
    turn_table = pd.DataFrame(turns, columns=["meeting_id", "turn", *TURN_LABEL_COLUMNS])
    return Tags(
        sentence_table.sort_values(["meeting_id", "turn", "sentence"], ignore_index=True),
        turn_table.astype(dict.fromkeys(["turn", *MARKERS], int)),
        pd.DataFrame(terms, columns=TERM_OCCURRENCE_COLUMNS).astype({"turn": int, "sentence": int}).sort_values(
            ["meeting_id", "turn", "sentence"], ignore_index=True, kind="stable"),
    )


def _docs(nlp: Language, keys) -> Iterator[Doc]:
    """Docs that know who was present, so a name said to someone reads as a vocative."""
    names: dict[str, frozenset[str]] = {}
    for meeting, turn in keys:
        if meeting.meeting_id not in names:
            names[meeting.meeting_id] = meeting.name_parts()
        doc = nlp.make_doc(turn.text)
        doc.user_data[NAMES_KEY] = names[meeting.meeting_id]
        yield doc
