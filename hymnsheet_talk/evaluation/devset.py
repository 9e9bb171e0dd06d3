"""Sentence labels on real transcripts: finding each labelled sentence's text again.

Label files keep no transcript text, only where a sentence is (``docs/labelling.md``): turn *i*
is the *i*-th blank-line paragraph of the transcript, its body follows the first ``": "``, and
sentence *j* is the *j*-th piece of the body split after ``.``, ``?`` or ``!`` before a capital.
The transcripts stay where they are (``--transcripts``); a label pointing outside them, or past
the end of a turn, is an ``InputError``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..readers import read_transcript

SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")


def turn_sentences(text: str) -> list[list[str]]:
    """Every turn's sentences, as the labelling guide counts them."""
    return [SENTENCE_BREAK.split(paragraph.partition(": ")[2]) for paragraph in text.strip().split("\n\n")]


def with_texts(labels: pd.DataFrame, transcripts: str | Path) -> pd.DataFrame:
    """``labels`` (from ``read_labels``) with each sentence's ``text`` and the ``names`` of the
    people who speak in its transcript (lower-case name parts, for vocatives)."""
    root = Path(transcripts)
    texts, names = [], []
    for row in labels.itertuples():
        turns, present = _transcript(root / row.file)
        try:
            texts.append(turns[row.turn][row.sent])
        except IndexError:
            raise InputError(f"{row.file} has no sentence {row.sent} in turn {row.turn}", getattr(row, "source", None)) from None
        names.append(present)
    return labels.assign(text=texts, names=names)


@lru_cache(maxsize=None)
def _transcript(path: Path) -> tuple[list[list[str]], frozenset[str]]:
    if not path.is_file():
        raise InputError(f"the labels point into {path}, which is not there: give the folder the transcripts "
                         "are in with --transcripts")
    return turn_sentences(path.read_text(encoding="utf-8-sig")), read_transcript(path).name_parts()
