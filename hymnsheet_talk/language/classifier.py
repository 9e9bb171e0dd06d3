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
from typing import Iterable, Iterator, Sequence

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, ORTH
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
        # Each word's row in ``_matrix``: its weights for the classes, learnt from the model once.
        self._rows: dict[str, int] = {}
        self._matrix = np.zeros((0, len(textcat.labels)), dtype="float32")
        self._bias: np.ndarray | None = None

    def __call__(self, doc: Doc) -> Doc:
        self._label([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Label docs a batch at a time: one pass of the model over every sentence of the batch
        costs far less than one per doc."""
        for batch in spacy.util.minibatch(docs, batch_size):
            self._label(batch)
            yield from batch

    def _label(self, docs: list[Doc]) -> None:
        sentences, inputs = [], []
        for doc in docs:
            words = _words(doc)
            for cues in sentence_cues(doc, self.spans_key):
                sentences.append(cues)
                evidence = labels_of(cues.sentence).get("hs_evidence", ())
                inputs.append([word for word in words[cues.sentence.start:cues.sentence.end] if word] + list(evidence))
        if not sentences:
            return
        for cues, words, scores in zip(sentences, inputs, self.probabilities(inputs)):
            self._decide(cues, words, dict(zip(self.textcat.labels, map(float, scores))))

    def probabilities(self, sentences: list[list[str]]) -> np.ndarray:
        """The classifier's class probabilities for each list of words, as ``textcat.predict`` gives
        them for docs of those words. The bag of words is linear before its softmax, so a sentence's
        scores are the bias plus its words' weights; asking the model for each word's weights once,
        rather than for every sentence, is what keeps the classifier cheap."""
        self._learn({word for words in sentences for word in words})
        index = np.fromiter((self._rows[word] for words in sentences for word in words), dtype=np.int64)
        starts = np.cumsum([0] + [len(words) for words in sentences[:-1]])
        sums = np.zeros((len(sentences), self._matrix.shape[1]), dtype="float32")
        filled = np.array([len(words) > 0 for words in sentences])
        if index.size:
            sums[filled] = np.add.reduceat(self._matrix[index], starts[filled], axis=0)
        logits = sums + self._bias
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True)

    def _learn(self, words: set[str]) -> None:
        """Ask the model for the weights of words it has not been asked about yet."""
        new = sorted(words - self._rows.keys())
        if not new and self._bias is not None:
            return
        linear = self.textcat.model.layers[0]  # the bag of words before the softmax
        scores = np.asarray(linear.predict([Doc(self.vocab, words=[word]) for word in new] + [Doc(self.vocab, words=[])]))
        self._bias = scores[-1]
        first = len(self._rows)
        self._rows.update((word, first + number) for number, word in enumerate(new))
        self._matrix = np.vstack([self._matrix, scores[:-1] - self._bias])

    def _decide(self, cues, words: list[str], scores: dict[str, float]) -> None:
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

    def weighed(self, words: list[str], side: str) -> list[str]:
        """The sentence's words that pushed hardest towards ``side`` (evidence words left out)."""
        plain = [word for word in dict.fromkeys(words) if word.isalpha()]
        margins = dict(zip(plain, self.margins(plain, self.textcat.labels.index(side)).tolist()))
        return [word for word in sorted(margins, key=margins.get, reverse=True)[:TOP_WORDS] if margins[word] > 0]

    def margins(self, words: list[str], index: int) -> np.ndarray:
        """How much each word moves a sentence towards class ``index`` and away from the others
        (its weight for the class less the mean of its weights for the rest)."""
        self._learn(set(words))
        weights = self._matrix[[self._rows[word] for word in words]].reshape(len(words), -1)
        others = (weights.sum(axis=1) - weights[:, index]) / (weights.shape[1] - 1)
        return weights[:, index] - others


def classifier_words(sentence: Span, evidence: Iterable[str]) -> list[str]:
    """What the classifier reads: the sentence's words, then the rules' evidence as words of its own."""
    return [token.text for token in sentence if not token.is_space] + list(evidence)


def _words(doc: Doc) -> list[str]:
    """Each token's text, empty for whitespace: ``classifier_words`` for a whole doc at once, read
    from its attribute arrays (a Token object per word was a tenth of the classifier's time)."""
    strings = doc.vocab.strings
    return [strings[orth] if not space else "" for orth, space in doc.to_array([ORTH, IS_SPACE]).tolist()]


def classifier_doc(vocab, sentence: Span, evidence: Iterable[str]) -> Doc:
    """The classifier's reading of a sentence as a doc, to train it on."""
    return Doc(vocab, words=classifier_words(sentence, evidence))


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
