"""Training the framing classifier on labelled sentences, and judging it honestly: leave one
sitting out.

A classifier scored on sentences it was trained on flatters itself. ``leave_one_sitting_out``
trains once per sitting on everything else (the written set and every other sitting) and labels
that sitting's sentences with the result, so each real sentence is labelled by a classifier that
never saw its meeting. The shipped classifier is trained on everything (``main`` below).
"""

from __future__ import annotations

import argparse
import datetime
import glob
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .._version import __version__
from ..language import BEHAVIOUR, ECOLOGICAL, FRAMINGS, MIXED, NAMES_KEY, NONE, build_pipeline
from ..language.classifier import SHIPPED, classifier_doc, save_textcat, train_textcat
from ..language.sentences import labels_of
from .devset import with_texts
from .gold import read_gold, read_labels
from .scores import predict, score


def examples(units: pd.DataFrame, rules: Language) -> list[tuple[Doc, str]]:
    """``(classifier doc, framing)`` for every unit labelled behaviour, ecological or none: its
    words with the evidence the rules saw in each of its sentences."""
    labelled = units[units["framing"].isin(FRAMINGS)]
    docs = [rules.make_doc(text) for text in labelled["text"]]
    if "names" in labelled.columns:
        for doc, names in zip(docs, labelled["names"]):
            doc.user_data[NAMES_KEY] = frozenset(names)
    found = []
    for doc, framing in zip(rules.pipe(docs, batch_size=256), labelled["framing"]):
        evidence = [word for sentence in doc.sents for word in labels_of(sentence).get("hs_evidence", ())]
        found.append((classifier_doc(rules.vocab, doc[:], evidence), framing))
    return found


def leave_one_sitting_out(written: pd.DataFrame, real: pd.DataFrame, *, lexicons: Iterable[str | Path] = (),
                          seed: int = 0) -> pd.DataFrame:
    """The tool's labels for every row of ``real`` (with ``sitting``, ``text`` and ``names``), each
    sitting labelled by a classifier trained on ``written`` and the other sittings."""
    lexicons = tuple(lexicons)
    rules = build_pipeline(lexicon=lexicons, classifier=False)
    pool = examples(written, rules)
    by_sitting = {sitting: examples(rows, rules) for sitting, rows in real.groupby("sitting")}
    predicted = []
    for sitting, rows in real.groupby("sitting", sort=True):
        training = pool + [pair for other, pairs in by_sitting.items() if other != sitting for pair in pairs]
        nlp = _with_classifier(lexicons, train_textcat(rules, training, seed=seed))
        predicted.append(predict(rows["text"].tolist(), nlp, rows["names"].tolist()).set_axis(rows.index))
    return pd.concat(predicted).loc[real.index]


def _with_classifier(lexicons: tuple, textcat) -> Language:
    with tempfile.TemporaryDirectory() as folder:
        save_textcat(textcat, Path(folder), {})
        return build_pipeline(lexicon=lexicons, classifier=folder)


def main(argv: list[str] | None = None) -> None:
    """Rebuild the shipped classifier from the written set and every labelled real sentence."""
    parser = argparse.ArgumentParser(prog="python -m hymnsheet_talk.evaluation.training", description=main.__doc__)
    parser.add_argument("--written", default="tests/data/gold.csv", help="the written set (text CSV)")
    parser.add_argument("--labels", default="tests/data/real/*.labels.csv", help="real sentence labels (glob)")
    parser.add_argument("--transcripts", default="../shared/real-transcripts", help="where the labelled transcripts are")
    parser.add_argument("--out", default=str(Path(__file__).parents[1] / SHIPPED), help="folder to save it in")
    options = parser.parse_args(argv)
    written = read_gold(options.written)
    real = with_texts(read_labels(sorted(glob.glob(options.labels))), options.transcripts)
    real["framing"] = real["framing"].mask(real["framing"] == MIXED)
    rules = build_pipeline(classifier=False)
    pairs = examples(written, rules) + examples(real, rules)
    textcat = train_textcat(rules, pairs)
    # What a report says about how far to trust its flags: measured sitting by sitting, before saving.
    measured = real_talk_figures(real, score(real, leave_one_sitting_out(written, real)))
    save_textcat(textcat, Path(options.out), {
        "trained_on": {"written": int(written["framing"].isin(FRAMINGS).sum()),
                       "real": int(real["framing"].isin(FRAMINGS).sum()), "sittings": int(real["sitting"].nunique())},
        "real_talk": measured, "tool_version": __version__, "date": datetime.date.today().isoformat(),
    })
    print(f"Saved the classifier ({len(pairs):,} labelled units) to {options.out}; on real talk, left out "
          f"sitting by sitting: {measured}")


def real_talk_figures(real: pd.DataFrame, result) -> dict:
    """The framing figures a report quotes, from a leave-one-sitting-out evaluation."""
    scores = result.scores[result.scores["label"] == "framing"].set_index("class")
    others = result.rows["framing"].isin([ECOLOGICAL, NONE])
    return {
        "sentences": int(result.rows["framing"].notna().sum()), "sittings": int(real["sitting"].nunique()),
        "agreement": round(float(scores["agreement"].iloc[0]), 3), "kappa": round(float(scores["kappa"].iloc[0]), 3),
        "ecological_recall": round(float(scores.loc[ECOLOGICAL, "recall"]), 3),
        "ecological_precision": round(float(scores.loc[ECOLOGICAL, "precision"]), 3),
        "ecological_f1": round(float(scores.loc[ECOLOGICAL, "f1"]), 3),
        "false_behaviour": round(float((result.rows.loc[others, "tool_framing"] == BEHAVIOUR).mean()), 3),
    }


if __name__ == "__main__":
    main()
