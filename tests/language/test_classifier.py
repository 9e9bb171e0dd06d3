"""The trained framing classifier beside the rules: what it reads, when it may overrule a cue,
and what a report is shown for a flag it decided."""

import numpy as np
import pytest

from hymnsheet_talk.language import build_pipeline, roll_up_rows, sentence_rows
from hymnsheet_talk.language import classifier as module
from hymnsheet_talk.language.classifier import CLASSES, FramingClassifier, about


class Fixed:
    """A stand-in classifier that gives every sentence the same probabilities."""

    labels = CLASSES

    def __init__(self, behaviour, ecological, none):
        self.scores = np.array([behaviour, ecological, none])


class FixedClassifier(FramingClassifier):
    def probabilities(self, sentences):
        return np.array([self.textcat.scores for _words in sentences])


@pytest.fixture(scope="module")
def rules():
    return build_pipeline(classifier=False)


def labelled(rules, text, fixed):
    component = FixedClassifier(rules, "hymnsheet", fixed)
    doc = rules(text)
    component(doc)
    return roll_up_rows(list(sentence_rows(doc)))


def test_a_framing_cue_stands_unless_the_classifier_is_sure(rules, monkeypatch):
    monkeypatch.setattr(FramingClassifier, "weighed", lambda self, words, side: ["word"])
    text = "The underpass has no lighting."
    unsure = labelled(rules, text, Fixed(0.1, 0.2, 0.7))
    assert (unsure["framing"], unsure["framing_score"]) == ("ecological", 0.2)
    sure = labelled(rules, text, Fixed(0.05, 0.15, 0.8))
    assert sure["framing"] == "none"
    assert sure["framing_cues"] == ("setting.place.outdoor=underpass (outweighed by the classifier); "
                                    "ecological.place.no_lighting=no lighting (outweighed by the classifier)")


def test_where_the_rules_found_nothing_the_classifier_decides_and_shows_its_words(rules, monkeypatch):
    monkeypatch.setattr(FramingClassifier, "weighed", lambda self, words, side: ["stretched", "thin"])
    found = labelled(rules, "The team is stretched thin.", Fixed(0.1, 0.6, 0.3))
    assert (found["framing"], found["framing_kind"], found["framing_score"]) == ("ecological", "problem", 0.6)
    assert found["framing_cues"].endswith("model=stretched; model=thin")


def test_the_words_that_weighed_most_come_from_the_trained_weights():
    nlp = build_pipeline()
    component = nlp.get_pipe("hymnsheet_framing_classifier")
    words = component.weighed(["funding", "cuts", "to", "the", "service", "rule:none"], "ecological")
    assert words and set(words) <= {"funding", "cuts", "to", "the", "service"}
    index = CLASSES.index("ecological")
    margins = component.margins(words, index).tolist()
    assert margins == sorted(margins, reverse=True) and margins[-1] > 0
    # Each margin is the word's weight for the class less the mean of its weights for the others.
    rows = [component._matrix[component._rows[word]] for word in words]
    assert margins == pytest.approx([float(row[index] - np.delete(row, index).mean()) for row in rows], abs=1e-6)


def test_the_classifier_reads_the_words_then_the_rules_evidence(rules):
    sentence = next(rules("Is it really his choice?").sents)
    doc = module.classifier_doc(rules.vocab, sentence, ["rule:none", "aside:behaviour.choice", "mark:question"])
    assert [token.text for token in doc] == ["Is", "it", "really", "his", "choice", "?", "rule:none",
                                              "aside:behaviour.choice", "mark:question"]


def test_the_shipped_classifier_says_how_it_was_trained_and_how_it_did_on_real_talk():
    shipped = about()
    assert shipped["trained_on"]["sittings"] >= 10 and shipped["trained_on"]["real"] >= 1500
    figures = shipped["real_talk"]
    assert figures["sittings"] == shipped["trained_on"]["sittings"]
    assert 0 <= figures["false_behaviour"] <= 0.05 and figures["kappa"] > 0.4


def test_the_classifier_scores_sentences_exactly_as_spacy_would():
    """The fast path sums each word's weights; it must give spaCy's own probabilities."""
    nlp = build_pipeline()
    component = nlp.get_pipe("hymnsheet_framing_classifier")
    sentences = [["The", "service", "is", "stretched", ".", "rule:none", "mark:question"],
                 ["He", "chooses", "to", "go", "back", "back", "there", "rule:behaviour"], []]
    from spacy.tokens import Doc
    expected = component.textcat.predict([Doc(nlp.vocab, words=words) for words in sentences])
    assert np.allclose(component.probabilities(sentences), expected, atol=1e-6)
