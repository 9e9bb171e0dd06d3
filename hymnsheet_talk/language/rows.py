"""A tagged doc's labels as plain rows: one dict per sentence, and one set of labels for a whole text.

The pipeline keeps its labels per sentence (``sentences.sentence_labels``); these are the rows the
tables and the evaluation are built from.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Doc

from .framing import BEHAVIOUR, ECOLOGICAL, MIXED, NONE, roll_up
from .reflection import MARKERS
from .sentences import sentence_labels
from .terms import sentence_terms


def sentence_rows(doc: Doc, text: str | None = None) -> Iterator[dict]:
    """The labels of each sentence of a tagged doc, in order. ``words`` counts as turns do (text
    between spaces), so a turn's sentences add up to the turn; ``terms`` lists its content words
    and two-word phrases (``terms.sentence_terms``). ``text`` is the text the doc was made from,
    when the caller has it: ``doc.text`` rebuilds it token by token."""
    labels = sentence_labels(doc)
    whole = doc.text if text is None else text
    for sentence in doc.sents:
        # Slicing the doc's text is much cheaper than joining the sentence's tokens.
        said = whole[sentence.start_char:sentence.end_char].strip()
        if not said:
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
            "words": len(said.split()),
            "text": said,
            "proposal": found.get("hs_proposal", 0),
            "action": found.get("hs_action", ""),
            "action_cues": found.get("hs_action_cues", ""),
            "framing_score": found.get("hs_framing_score", float("nan")),
            "terms": sentence_terms(sentence),
        }


def roll_up_rows(rows: list[dict]) -> dict:
    """One set of labels for a whole text (a turn, or a row of a labelled file) from its
    sentences': framing rolled up, a marker when any sentence has it, cues joined with " | "."""
    framings = [row["framing"] for row in rows]
    framing = roll_up(framings)
    kinds = {row["framing_kind"] for row in rows if row["framing"] != NONE}
    # The score of the surest sentence behind the text's framing (for mixed, behind either side).
    sides = (BEHAVIOUR, ECOLOGICAL) if framing == MIXED else (framing,)
    scores = [row["framing_score"] for row in rows if row["framing"] in sides]
    return {
        "framing": framing,
        "framing_kind": "response" if "response" in kinds else "problem" if kinds else "",
        "framing_cues": _join(row["framing_cues"] for row in rows),
        "framing_score": max(scores, default=float("nan")),
        **{marker: int(any(row[marker] for row in rows)) for marker in MARKERS},
        "reflection_cues": _join(row["reflection_cues"] for row in rows),
    }


def _join(cues: Iterable[str]) -> str:
    return " | ".join(cue for cue in cues if cue)


def sentence_spans(text: str, sentences: Iterable[str]) -> list[tuple[int, int]]:
    """Where each of ``sentences`` (a text's sentence rows' ``text``, in order) lies in ``text``:
    ``(start, end)`` in code points, end exclusive. Raises ``ValueError`` for a sentence that is
    not there, after the one before it."""
    spans, end = [], 0
    for sentence in sentences:
        start = text.find(sentence, end)
        if start < 0:
            raise ValueError(f"sentence {sentence!r} is not in the text it was cut from")
        end = start + len(sentence)
        spans.append((start, end))
    return spans
