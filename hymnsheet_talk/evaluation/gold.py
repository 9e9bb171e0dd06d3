"""Reading human coding: labelled CSV files, checked and normalised into one shape.

Two kinds of file are read:

- a **text** file: a ``text`` column and any of the label columns, one unit (a sentence or a
  whole turn) per row;
- a **sentence-label** file: ``file, turn, sent`` columns that point into a transcript kept
  elsewhere (``docs/labelling.md`` says how), so that no transcript text is copied into it.

Label columns: ``framing`` (behaviour / ecological / none, or mixed), ``framing_kind`` (problem /
response / empty) and the 0/1 marker columns. ``?`` in any label column means the coder could go
either way: that row is not scored for that label. The labels come back as strings for framing
and kind, and as 1.0 / 0.0 / NaN for markers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..language import FRAMINGS, MARKERS, MIXED

LABEL_COLUMNS = ("framing", "framing_kind", *MARKERS)
POINTER_COLUMNS = ("file", "turn", "sent")
KINDS = ("problem", "response", "")
UNSURE = "?"
YES = {"1", "1.0", "yes", "y", "true", "x"}
NO = {"0", "0.0", "no", "n", "false", ""}
# Other words coders use for the same classes; an unknown word is still an error, never a guess.
SPELLINGS = {
    "behavior": "behaviour", "behaviour-based": "behaviour", "behavior-based": "behaviour",
    "behavioural": "behaviour", "behavioral": "behaviour", "individual": "behaviour",
    "environmental": "ecological", "contextual": "ecological", "context": "ecological",
    "neither": "none", "n/a": "none", "na": "none", "": "none",
}
KIND_SPELLINGS = {"none": "", "n/a": "", "na": "", "-": ""}


def read_gold(path: str | Path) -> pd.DataFrame:
    """A labelled CSV with a ``text`` column, checked and normalised; an unusable file or value is
    an ``InputError`` naming the line."""
    gold = _read_csv(path)
    if "text" not in gold.columns:
        raise InputError(f"needs a 'text' column (found: {', '.join(gold.columns) or 'none'})", path)
    labels = _normalise_labels(gold, path)
    return gold[["text", *labels] + [c for c in gold.columns if c not in ("text", *labels)]]


def read_labels(paths: list[str | Path]) -> pd.DataFrame:
    """Sentence-label files (``file, turn, sent`` and label columns), checked, normalised and
    joined, with ``turn`` and ``sent`` as integers and ``sitting`` naming the transcript."""
    frames = []
    for path in paths:
        labels = _read_csv(path)
        missing = [column for column in POINTER_COLUMNS if column not in labels.columns]
        if missing:
            raise InputError(f"needs the column(s) {', '.join(missing)} (see docs/labelling.md)", path)
        _normalise_labels(labels, path)
        for column in ("turn", "sent"):
            bad = ~labels[column].str.fullmatch(r"\d+")
            if bad.any():
                row = int(bad.idxmax())
                raise InputError(f"{column} {labels.at[row, column]!r} is not a number", path, row + 2)
            labels[column] = labels[column].astype(int)
        labels["sitting"] = labels["file"].map(lambda name: Path(name).stem)
        frames.append(labels)
    if not frames:
        raise InputError("no label files given")
    return pd.concat(frames, ignore_index=True)


def is_sentence_labels(path: str | Path) -> bool:
    """Whether a CSV points into transcripts (``file, turn, sent``) rather than holding text."""
    columns = set(_read_csv(path, nrows=0).columns)
    return set(POINTER_COLUMNS) <= columns and "text" not in columns


def _read_csv(path: str | Path, nrows: int | None = None) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", nrows=nrows)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(f"cannot read labelled CSV: {error}", path) from None
    frame.columns = [column.strip().lower() for column in frame.columns]
    return frame


def _normalise_labels(gold: pd.DataFrame, path: str | Path) -> list[str]:
    """Check and normalise every label column in place; return their names."""
    labels = [column for column in LABEL_COLUMNS if column in gold.columns]
    if not labels:
        raise InputError(f"no label columns: add framing, framing_kind or any of {', '.join(MARKERS)}", path)
    for column in labels:
        values = gold[column].str.strip().str.lower()
        if column == "framing":
            values, allowed = values.replace(SPELLINGS), {*FRAMINGS, MIXED, UNSURE}
        elif column == "framing_kind":
            values, allowed = values.replace(KIND_SPELLINGS), {*KINDS, UNSURE}
        else:
            allowed = YES | NO | {UNSURE}
        bad = ~values.isin(allowed)
        if bad.any():
            row = int(bad.idxmax())
            raise InputError(f"{column} {gold.at[row, column]!r} is not one of: {', '.join(sorted(a for a in allowed if a))}",
                             path, row + 2)
        if column in MARKERS:
            gold[column] = values.map(lambda v: float("nan") if v == UNSURE else float(v in YES))
        else:
            gold[column] = values.mask(values == UNSURE)
    return labels
