"""The trained framing classifier: spaCy's bag-of-words text categoriser, reading each sentence's
words beside what the rules saw in it.

Rules built from cue words find what their lexicons name and miss the many ways real meetings
say the same thing (docs/methods.md §7); a classifier trained on hand-labelled sentences finds
more of them. Neither is enough alone, so the classifier's input is the sentence's words *and* the
rules' evidence (``framing.evidence``: the rules' decision, each cue family counted or set aside,
a question, a negation, a proposal). It learns how far to trust each piece.

The component runs after the rule component and gives each sentence its final ``hs_framing``, the
classifier's probability for it (``hs_framing_score``) and, where the classifier rather than the
rules decided, the words that weighed most for it in ``hs_framing_cues`` (``model=word``). The
trained weights ship in ``hymnsheet_talk/models/framing`` (``training`` rebuilds them).
"""

from __future__ import annotations

import json
import random
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc, Span
from spacy.training import Example

from .framing import BEHAVIOUR, ECOLOGICAL, NONE, framing_kind
from .sentences import labels_of, sentence_cues, sentence_extension

CLASSES = (BEHAVIOUR, ECOLOGICAL, NONE)
MODEL_CONFIG = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1,
                "no_output_layer": False, "length": 2 ** 18}
SHIPPED = "models/framing"
# Below this probability for another side, the classifier does not overrule a framing cue.
RULES_HOLD = 0.75
# The words shown for a classifier-decided flag, strongest first.
TOP_WORDS = 3
EPOCHS = 12
BATCH = 32
DROPOUT = 0.2

sentence_extension("hs_framing_score", float("nan"))


@Language.factory("hymnsheet_framing_classifier", default_config={"spans_key": "hymnsheet", "path": None},
                  assigns=["span._.hs_framing", "span._.hs_framing_kind", "span._.hs_framing_cues",
                           "span._.hs_framing_score"],
                  requires=["span._.hs_evidence", "span._.hs_framing"])
def make_framing_classifier(nlp: Language, name: str, spans_key: str, path: str | None) -> "FramingClassifier":
    return FramingClassifier(nlp, spans_key, load_textcat(nlp, path))


class FramingClassifier:
    """Sets each sentence's final framing from the trained classifier, the rules' cues kept beside it."""

    def __init__(self, nlp: Language, spans_key: str, textcat: TextCategorizer):
        self.spans_key = spans_key
        self.textcat = textcat
        self.vocab = nlp.vocab
        self._weights: dict[str, np.ndarray] = {}

    def __call__(self, doc: Doc) -> Doc:
        sentences = sentence_cues(doc, self.spans_key)
        if not sentences:
            return doc
        inputs = [classifier_doc(self.vocab, cues.sentence, labels_of(cues.sentence).get("hs_evidence", ()))
                  for cues in sentences]
        for cues, words, scores in zip(sentences, inputs, self.textcat.predict(inputs)):
            self._decide(cues, words, dict(zip(self.textcat.labels, map(float, scores))))
        return doc

    def _decide(self, cues, words: Doc, scores: dict[str, float]) -> None:
        labels = labels_of(cues.sentence)
        side = max(CLASSES, key=scores.get)
        ruled = labels.get("hs_framing", NONE)
        # A framing the rules found in a cue of its own ("no lighting", "he chooses to") stands
        # unless the classifier is sure it is something else.
        if ruled != NONE and _explicit(labels.get("hs_evidence", ()), ruled) and scores[side] < RULES_HOLD:
            side = ruled
        update = {"hs_framing": side, "hs_framing_score": round(scores[side], 4)}
        if side != ruled:
            update["hs_framing_kind"] = framing_kind(cues, [], side)
            weighed = "; ".join(f"model={word}" for word in self.weighed(words, side)) if side != NONE else ""
            kept = _outweighed(labels.get("hs_framing_cues", ""), ruled)
            update["hs_framing_cues"] = "; ".join(filter(None, [kept, weighed]))
        labels.update(update)

    def weighed(self, doc: Doc, side: str) -> list[str]:
        """The sentence's words that pushed hardest towards ``side`` (evidence words left out)."""
        index = self.textcat.labels.index(side)
        words = [token.text for token in doc if not _is_evidence(token.text) and token.is_alpha]
        margins = {word: self._margin(word, index) for word in dict.fromkeys(words)}
        return [word for word in sorted(margins, key=margins.get, reverse=True)[:TOP_WORDS] if margins[word] > 0]

    def _margin(self, word: str, index: int) -> float:
        """How much one word moves a sentence towards class ``index`` and away from the others.

        The model is linear in its words before the softmax, so a word's weights are the scores
        of a one-word doc less those of an empty one; they are worked out once per word."""
        if word not in self._weights:
            linear = self.textcat.model.layers[0]
            scores = linear.predict([Doc(self.vocab, words=[word]), Doc(self.vocab, words=[])])
            self._weights[word] = np.asarray(scores[0] - scores[1])
        weights = self._weights[word]
        return float(weights[index] - np.delete(weights, index).mean())


def classifier_doc(vocab, sentence: Span, evidence: Iterable[str]) -> Doc:
    """What the classifier reads: the sentence's words, then the rules' evidence as words of its own."""
    return Doc(vocab, words=[token.text for token in sentence if not token.is_space] + list(evidence))


def _outweighed(cues: str, ruled: str) -> str:
    """The rules' cue cell with the cues that decided for ``ruled`` marked as outweighed by the classifier."""
    if ruled == NONE or not cues:
        return cues
    sides = {BEHAVIOUR: ("behaviour.", "parse.choice"), ECOLOGICAL: ("ecological.", "setting.", "system.", "parse.place")}
    return "; ".join(f"{item} (outweighed by the classifier)" if item.startswith(sides[ruled]) and " (" not in item
                     else item for item in cues.split("; "))


def _explicit(evidence: Iterable[str], side: str) -> bool:
    """Whether the rules counted a cue for ``side``: its own, or (for ecological) a place or an
    institution with a point made about it."""
    families = (f"cue:{side}.",) + (("cue:setting.", "cue:system.", "cue:counter") if side == ECOLOGICAL else ())
    return any(word.startswith(families) for word in evidence)


def _is_evidence(word: str) -> bool:
    return ":" in word and word.split(":", 1)[0] in ("rule", "cue", "aside", "mark")


def new_textcat(nlp: Language) -> TextCategorizer:
    """An untrained classifier with the three classes."""
    textcat = nlp.create_pipe("textcat", config={"model": MODEL_CONFIG})
    for label in CLASSES:
        textcat.add_label(label)
    return textcat


def load_textcat(nlp: Language, path: str | None) -> TextCategorizer:
    """The classifier saved at ``path``, or the one shipped with the package."""
    textcat = new_textcat(nlp)
    folder = Path(path) if path else Path(str(resources.files("hymnsheet_talk").joinpath(SHIPPED)))
    return textcat.from_disk(folder, exclude=["vocab"])


def about(path: str | Path | None = None) -> dict:
    """How the classifier saved at ``path`` (default: the shipped one) was trained and how well it
    did on real talk, left out sitting by sitting (``about.json``; empty when there is none)."""
    folder = Path(path) if path else Path(str(resources.files("hymnsheet_talk").joinpath(SHIPPED)))
    try:
        return json.loads((folder / "about.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def train_textcat(nlp: Language, examples: Sequence[tuple[Doc, str]], *, seed: int = 0,
                  epochs: int = EPOCHS) -> TextCategorizer:
    """A classifier trained with spaCy's own training loop on ``(classifier doc, framing)`` pairs."""
    spacy.util.fix_random_seed(seed)
    textcat = new_textcat(nlp)
    data = [Example.from_dict(doc, {"cats": {label: float(label == framing) for label in CLASSES}})
            for doc, framing in examples]
    textcat.initialize(lambda: data, nlp=nlp)
    optimizer = textcat.create_optimizer()
    order = random.Random(seed)
    for _epoch in range(epochs):
        order.shuffle(data)
        for batch in spacy.util.minibatch(data, BATCH):
            textcat.update(batch, sgd=optimizer, drop=DROPOUT)
    return textcat


def save_textcat(textcat: TextCategorizer, folder: Path, about: dict) -> None:
    """Save a trained classifier with a note of how it was trained (``about.json``)."""
    folder.mkdir(parents=True, exist_ok=True)
    # The weights are keyed by hashes of words: the words themselves (some from real meetings) stay out.
    textcat.to_disk(folder, exclude=["vocab"])
    (folder / "about.json").write_text(json.dumps(about, indent=1, sort_keys=True) + "\n", encoding="utf-8")
