"""Scoring the pipeline against human coding: precision, recall, F1 and Cohen's kappa.

A labelled file is a CSV with a ``text`` column and any of the label columns: ``framing``
(behaviour / ecological / none, or mixed), ``framing_kind`` (problem / response / empty) and the
0/1 marker columns. Each row is scored as one unit, whether it holds a sentence or a whole turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.language import Language

from .errors import InputError
from .language import FRAMINGS, MARKERS, MIXED, roll_up_rows, sentence_rows

SCORE_COLUMNS = ["label", "class", "support", "predicted", "precision", "recall", "f1", "kappa", "agreement"]
KINDS = ("problem", "response", "")
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


@dataclass
class Evaluation:
    """Scores per label and class, and every row with the tool's labels beside the human ones."""

    scores: pd.DataFrame
    rows: pd.DataFrame


def read_gold(path: str | Path) -> pd.DataFrame:
    """A labelled CSV, checked and normalised; an unusable file or value is an ``InputError``."""
    try:
        gold = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InputError(f"cannot read labelled CSV: {error}", path) from None
    gold.columns = [column.strip().lower() for column in gold.columns]
    if "text" not in gold.columns:
        raise InputError(f"needs a 'text' column (found: {', '.join(gold.columns) or 'none'})", path)
    labels = [column for column in ("framing", "framing_kind", *MARKERS) if column in gold.columns]
    if not labels:
        raise InputError(f"no label columns: add framing, framing_kind or any of {', '.join(MARKERS)}", path)
    for column in labels:
        values = gold[column].str.strip().str.lower()
        if column == "framing":
            values = values.replace(SPELLINGS)
            allowed = set(FRAMINGS) | {MIXED}
        elif column == "framing_kind":
            values = values.replace(KIND_SPELLINGS)
            allowed = set(KINDS)
        else:
            allowed = YES | NO
        bad = ~values.isin(allowed)
        if bad.any():
            row = int(bad.idxmax())
            raise InputError(f"{column} {gold.at[row, column]!r} is not one of: {', '.join(sorted(a for a in allowed if a))}",
                             path, row + 2)
        gold[column] = values.map(lambda v: int(v in YES)) if column in MARKERS else values
    return gold[["text", *labels] + [c for c in gold.columns if c not in ("text", *labels)]]


def evaluate(gold: pd.DataFrame, nlp: Language) -> Evaluation:
    """Label every row's text with ``nlp`` and score each label column ``gold`` has."""
    predicted = pd.DataFrame(
        [roll_up_rows(list(sentence_rows(doc))) for doc in nlp.pipe(gold["text"].tolist(), batch_size=256)],
        index=gold.index,
    )
    labels = [column for column in ("framing", "framing_kind", *MARKERS) if column in gold.columns]
    scores = pd.concat([_scores(column, gold[column], predicted[column]) for column in labels], ignore_index=True)
    rows = gold.copy()
    for column in labels:
        rows[f"tool_{column}"] = predicted[column]
    rows["tool_framing_cues"] = predicted["framing_cues"]
    rows["tool_reflection_cues"] = predicted["reflection_cues"]
    return Evaluation(scores[SCORE_COLUMNS], rows)


def cohen_kappa(human: pd.Series, tool: pd.Series) -> float:
    """Agreement beyond chance: (p_o − p_e) / (1 − p_e), with p_e from each coder's own rates."""
    observed = float((human == tool).mean())
    expected = float((human.value_counts(normalize=True) * tool.value_counts(normalize=True)).sum())
    return float("nan") if expected == 1 else (observed - expected) / (1 - expected)


def _scores(column: str, human: pd.Series, tool: pd.Series) -> pd.DataFrame:
    if column == "framing_kind":
        # Kind only means something where both coders saw a framing.
        both = (human != "") & (tool != "")
        human, tool = human[both], tool[both]
    classes = [1] if column in MARKERS else sorted(set(human) | set(tool), key=_class_order)
    kappa = cohen_kappa(human, tool)
    agreement = float((human == tool).mean()) if len(human) else float("nan")
    rows = []
    for value in classes:
        hits = int(((human == value) & (tool == value)).sum())
        support, predicted = int((human == value).sum()), int((tool == value).sum())
        precision = hits / predicted if predicted else float("nan")
        recall = hits / support if support else float("nan")
        f1 = 2 * hits / (support + predicted) if support + predicted else float("nan")
        rows.append([column, str(value), support, predicted, precision, recall, f1, kappa, agreement])
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _class_order(value) -> tuple:
    order = [*FRAMINGS, MIXED, "problem", "response"]
    return (order.index(value) if value in order else len(order), str(value))


def format_scores(scores: pd.DataFrame) -> str:
    """The scores as a plain-text table for the terminal."""
    shown = scores.copy()
    for column in ("precision", "recall", "f1", "kappa", "agreement"):
        shown[column] = shown[column].map(lambda v: "–" if pd.isna(v) else f"{v:.3f}")
    return shown.to_string(index=False)
