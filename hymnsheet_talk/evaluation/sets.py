"""A labelled set read from files and scored as the ``hymnsheet evaluate`` command does: whole, or
sitting by sitting with the classifier retrained without the sitting it labels."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from ..errors import InputError
from ..language import MIXED, build_pipeline
from .devset import with_texts
from .gold import is_sentence_labels, read_gold, read_labels
from .scores import Evaluation, evaluate, score
from .training import leave_one_sitting_out


def read_set(paths: Iterable[str | Path], transcripts: str | Path | None = None) -> pd.DataFrame:
    """Every labelled file in ``paths``, as one set. Files with a ``text`` column are read as they
    are; sentence-label files find their text in ``transcripts``. A single sentence is labelled
    one framing, so a sentence a coder called ``mixed`` is not scored for framing."""
    paths = [Path(path) for path in paths]
    pointing = [path for path in paths if is_sentence_labels(path)]
    frames = [read_gold(path) for path in paths if path not in pointing]
    if pointing:
        if transcripts is None:
            raise InputError("these labels point into transcripts: say where they are with --transcripts", pointing[0])
        sentences = with_texts(read_labels(pointing), transcripts)
        if "framing" in sentences.columns:
            sentences["framing"] = sentences["framing"].mask(sentences["framing"] == MIXED)
        frames.append(sentences)
    return pd.concat(frames, ignore_index=True)


def score_set(labelled: pd.DataFrame, *, model: str | None = None, lexicons: Iterable[str | Path] = (),
              leave_one_out: bool = False, train_with: Iterable[str | Path] = ()) -> Evaluation:
    """Scores of the tool on ``labelled`` (from ``read_set``). With ``leave_one_out`` each sitting is
    labelled by a framing classifier trained on ``train_with`` (text CSVs) and the other sittings,
    so no sentence is scored by a classifier that saw its meeting."""
    lexicons = tuple(lexicons)
    if not leave_one_out:
        return evaluate(labelled, build_pipeline(model, lexicons))
    if "sitting" not in labelled.columns or labelled["sitting"].isna().any():
        raise InputError("leaving one sitting out needs sentence-label files (file, turn, sent) for every row")
    extra = [read_gold(path) for path in train_with]
    written = pd.concat(extra, ignore_index=True) if extra else labelled.iloc[:0]
    return score(labelled, leave_one_sitting_out(written, labelled, lexicons=lexicons))


def false_flag_rate(rows: pd.DataFrame, side: str = "behaviour") -> float:
    """The share of sentences coders did not label ``side`` (nor left open) that the tool flagged
    as ``side``: for behaviour, how often a partnership would be told it blamed a young person
    when it did not. ``rows`` is ``Evaluation.rows``."""
    others = rows["framing"].notna() & ~rows["framing"].isin([side, MIXED])
    return float((rows.loc[others, "tool_framing"] == side).mean()) if others.any() else float("nan")
