"""Running the pipeline over meetings: one row per sentence, then each turn's labels rolled up.

The only module that hands transcript text to spaCy. Sentences join their turn by
(meeting_id, turn); nothing here reaches back into the Meeting objects afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .framing import NONE, roll_up
from .model import Meeting
from .reflection import MARKERS
from .sentence_cues import sentence_labels

SENTENCE_COLUMNS = [
    "meeting_id", "turn", "sentence", "speaker", "agency", "framing", "framing_kind", "framing_cues",
    *MARKERS, "reflection_cues", "reported", "addressee", "words", "text", "proposal", "action", "action_cues",
]
TURN_LABEL_COLUMNS = ["framing", "framing_kind", "framing_cues", *MARKERS, "reflection_cues"]
BATCH_SIZE = 256


def sentence_rows(doc: Doc) -> Iterator[dict]:
    """The labels of each sentence of a tagged doc, in order. ``words`` counts as turns do (text
    between spaces), so a turn's sentences add up to the turn."""
    labels = sentence_labels(doc)
    whole = doc.text
    for sentence in doc.sents:
        # Slicing the doc's text is much cheaper than joining the sentence's tokens.
        text = whole[sentence.start_char:sentence.end_char].strip()
        if not text:
            continue
        found = labels.get(sentence.start, {})
        yield {
            "framing": found.get("hs_framing", NONE),
            "framing_kind": found.get("hs_framing_kind", ""),
            "framing_cues": found.get("hs_framing_cues", ""),
            **(found.get("hs_markers") or dict.fromkeys(MARKERS, 0)),
            "reflection_cues": found.get("hs_reflection_cues", ""),
            "reported": int(found.get("hs_reported", False)),
            "addressee": found.get("hs_addressee", ""),
            "words": len(text.split()),
            "text": text,
            "proposal": found.get("hs_proposal", 0),
            "action": found.get("hs_action", ""),
            "action_cues": found.get("hs_action_cues", ""),
        }


def roll_up_rows(rows: list[dict]) -> dict:
    """One set of labels for a whole text (a turn, or a row of a labelled file) from its
    sentences': framing rolled up, a marker when any sentence has it, cues joined with " | "."""
    framings = [row["framing"] for row in rows]
    framing = roll_up(framings)
    kinds = {row["framing_kind"] for row in rows if row["framing"] != NONE}
    return {
        "framing": framing,
        "framing_kind": "response" if "response" in kinds else "problem" if kinds else "",
        "framing_cues": _join(row["framing_cues"] for row in rows),
        **{marker: int(any(row[marker] for row in rows)) for marker in MARKERS},
        "reflection_cues": _join(row["reflection_cues"] for row in rows),
    }


@dataclass
class Tags:
    """The pipeline's labels: ``sentences`` (one row per sentence) and ``turns`` (one per turn)."""

    sentences: pd.DataFrame
    turns: pd.DataFrame


def tag_meetings(meetings: list[Meeting], nlp: Language) -> Tags:
    """Label every sentence of every turn: the ``sentences`` table and each turn's roll-up."""
    keys = [(m, t) for m in meetings for t in m.turns]
    docs = nlp.pipe(_docs(nlp, keys), batch_size=BATCH_SIZE)
    sentences, turns = [], []
    for (meeting, turn), doc in zip(keys, docs):
        rows = list(sentence_rows(doc))
        key = {"meeting_id": meeting.meeting_id, "turn": turn.number}
        turns.append({**key, **roll_up_rows(rows)})
        sentences += [{**key, "sentence": number, "speaker": turn.speaker, "agency": turn.agency, **row}
                      for number, row in enumerate(rows, start=1)]
    integers = [*MARKERS, "reported", "words", "turn", "sentence", "proposal"]
    sentence_table = pd.DataFrame(sentences, columns=SENTENCE_COLUMNS).astype(dict.fromkeys(integers, int))
    turn_table = pd.DataFrame(turns, columns=["meeting_id", "turn", *TURN_LABEL_COLUMNS])
    return Tags(
        sentence_table.sort_values(["meeting_id", "turn", "sentence"], ignore_index=True),
        turn_table.astype(dict.fromkeys(["turn", *MARKERS], int)),
    )


def _join(cues: Iterable[str]) -> str:
    return " | ".join(cue for cue in cues if cue)


def _docs(nlp: Language, keys) -> Iterator[Doc]:
    """Docs that know who was present, so a name said to someone reads as a vocative."""
    names: dict[str, frozenset[str]] = {}
    for meeting, turn in keys:
        if meeting.meeting_id not in names:
            names[meeting.meeting_id] = frozenset(
                part.lower() for speaker in meeting.speakers for part in speaker.name.split() if part.isalpha()
            )
        doc = nlp.make_doc(turn.text)
        doc.user_data["hymnsheet_names"] = names[meeting.meeting_id]
        yield doc
