"""Leave one sitting out: every sitting is labelled by a classifier that never saw it."""

import pandas as pd

from hymnsheet_talk.evaluation import training
from hymnsheet_talk.language import build_pipeline


def _units(texts, framing, sitting=None):
    frame = pd.DataFrame({"text": texts, "framing": framing})
    if sitting:
        frame = frame.assign(sitting=sitting, names=[frozenset()] * len(texts))
    return frame


def test_examples_carry_the_rules_evidence_beside_the_words():
    (doc, framing), = training.examples(_units(["He chooses to go back there."], ["behaviour"]),
                                        build_pipeline(classifier=False))
    assert framing == "behaviour"
    assert [token.text for token in doc][:6] == ["He", "chooses", "to", "go", "back", "there"]
    assert {"rule:behaviour", "cue:behaviour.choice"} <= {token.text for token in doc}


def test_each_sitting_is_labelled_by_a_classifier_trained_without_it(monkeypatch):
    trained_on = []
    real = training.train_textcat

    def recording(nlp, pairs, **options):
        trained_on.append(sorted(doc.text.split(" rule:")[0] for doc, _framing in pairs))
        return real(nlp, pairs, **options)

    monkeypatch.setattr(training, "train_textcat", recording)
    written = _units(["The underpass has no lighting.", "He chooses to go back."], ["ecological", "behaviour"])
    real_rows = pd.concat([
        _units(["The service is stretched.", "Item 2 is papers to note."], ["ecological", "none"], "a"),
        _units(["Funding was cut again."], ["ecological"], "b"),
    ], ignore_index=True)
    predicted = training.leave_one_sitting_out(written, real_rows)
    assert len(predicted) == 3 and predicted.index.tolist() == [0, 1, 2]
    assert [len(texts) for texts in trained_on] == [3, 4]  # sitting a: written + b; sitting b: written + a
    assert not any(text.startswith(("The service", "Item 2")) for text in trained_on[0])
    assert not any(text.startswith("Funding") for text in trained_on[1])
