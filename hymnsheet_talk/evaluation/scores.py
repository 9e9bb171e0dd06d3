"""Scoring the pipeline against human coding: precision, recall, F1 and Cohen's kappa per label,
and per family of sentences (``docs/labelling.md``) where the coding names one.

Each row is scored as one unit, whether it holds a sentence or a whole turn; a label a coder left
as ``?`` (NaN here) is not scored for that row.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from spacy.language import Language

from ..language import FRAMINGS, MARKERS, MIXED, NAMES_KEY, roll_up_rows, sentence_rows
from .gold import LABEL_COLUMNS

SCORE_COLUMNS = ["label", "class", "support", "predicted", "precision", "recall", "f1", "kappa", "agreement"]
FAMILY_COLUMNS = ["label", "family", "rows", "right", "share_right"]


@dataclass
class Evaluation:
    """Scores per label and class, and every row with the tool's labels beside the human ones."""

    scores: pd.DataFrame
    rows: pd.DataFrame


def predict(texts: list[str], nlp: Language, names: list | None = None) -> pd.DataFrame:
    """The tool's labels for each text, rolled up over its sentences; ``names`` gives, per text,
    the lower-case names of the people present (so a name said to someone reads as a vocative)."""
    docs = [nlp.make_doc(text) for text in texts]
    for doc, present in zip(docs, names or ()):
        doc.user_data[NAMES_KEY] = frozenset(present)
    return pd.DataFrame([roll_up_rows(list(sentence_rows(doc))) for doc in nlp.pipe(docs, batch_size=256)])


def evaluate(gold: pd.DataFrame, nlp: Language) -> Evaluation:
    """Label every row's ``text`` with ``nlp`` and score each label column ``gold`` has. A ``names``
    column, where present, holds the names of the people present for that row."""
    names = gold["names"].tolist() if "names" in gold.columns else None
    predicted = predict(gold["text"].tolist(), nlp, names).set_axis(gold.index)
    return score(gold, predicted)


def score(gold: pd.DataFrame, predicted: pd.DataFrame) -> Evaluation:
    """Scores of ``predicted`` (the tool's labels, row for row) against ``gold``."""
    labels = [column for column in LABEL_COLUMNS if column in gold.columns]
    scores = pd.concat([_scores(column, gold[column], predicted[column]) for column in labels], ignore_index=True)
    rows = gold.drop(columns=[c for c in ("names",) if c in gold.columns]).copy()
    for column in labels:
        rows[f"tool_{column}"] = predicted[column]
    for column in ("framing_cues", "framing_score", "reflection_cues"):
        if column in predicted.columns:
            rows[f"tool_{column}"] = predicted[column]
    return Evaluation(scores[SCORE_COLUMNS], rows)


def family_scores(rows: pd.DataFrame) -> pd.DataFrame:
    """How often the tool was right within each family of sentences: for a framing family, rows
    whose framing the tool matched; for a marker family (``marker_family``, ``;``-separated codes
    such as ``inv.title``), rows whose marker the tool matched. ``rows`` is ``Evaluation.rows``."""
    found = []
    framed = rows[rows["framing"].notna() & rows.get("family", pd.Series(dtype=str)).fillna("").ne("")]
    for family, group in framed.groupby("family"):
        right = (group["tool_framing"] == group["framing"]).sum()
        found.append(["framing", family, len(group), int(right), right / len(group)])
    if "marker_family" in rows.columns:
        codes = rows.assign(code=rows["marker_family"].fillna("").str.split(";")).explode("code")
        codes = codes[codes["code"].str.strip() != ""]
        for code, group in codes.groupby(codes["code"].str.strip()):
            marker = _MARKER_OF_FAMILY.get(code.split(".")[0])
            if marker is None or f"tool_{marker}" not in group.columns:
                continue
            group = group[group[marker].notna()]
            if len(group):
                right = (group[f"tool_{marker}"] == group[marker]).sum()
                found.append([marker, code, len(group), int(right), right / len(group)])
    return pd.DataFrame(found, columns=FAMILY_COLUMNS)


_MARKER_OF_FAMILY = {"unc": "uncertainty", "unc_no": "uncertainty", "oq": "open_question", "oq_no": "open_question",
                     "inv": "invitation", "inv_no": "invitation"}


def cohen_kappa(human: pd.Series, tool: pd.Series) -> float:
    """Agreement beyond chance: (p_o − p_e) / (1 − p_e), with p_e from each coder's own rates."""
    observed = float((human == tool).mean())
    expected = float((human.value_counts(normalize=True) * tool.value_counts(normalize=True)).sum())
    return float("nan") if expected == 1 else (observed - expected) / (1 - expected)


def _scores(column: str, human: pd.Series, tool: pd.Series) -> pd.DataFrame:
    scored = human.notna()
    if column == "framing_kind":
        # Kind only means something where both coders saw a framing.
        scored &= (human != "") & (tool != "")
    human, tool = human[scored], tool[scored]
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
    for column in ("precision", "recall", "f1", "kappa", "agreement", "share_right"):
        if column in shown.columns:
            shown[column] = shown[column].map(lambda v: "–" if pd.isna(v) else f"{v:.3f}")
    return shown.to_string(index=False)
