"""The spaCy pipeline, built by one function: sentences, lexicon cues, then framing and reflection.

By default it starts from ``spacy.blank("en")`` (nothing to download): a punctuation sentence
splitter (which also cuts speech with no full stops every 500 tokens), the cue matcher (every lexicon cue, as spans), and the rule components that read the
cues sentence by sentence: framing, actions (agreed actions and proposals) and reflection.
``model`` names an installed trained pipeline instead; its parser then splits sentences and lets
the rules use grammar as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import spacy
from spacy.language import Language

from ..errors import UnknownModel
from . import actions, framing, matcher, reflection, sentences  # noqa: F401  (registers the components' factories)
from .classifier import make_framing_classifier  # noqa: F401  (registers its factory)
from .lexicon import Lexicon, load_lexicon
from .patterns import pattern_phrases

CUES_KEY = "hymnsheet"


def build_pipeline(model: str | None = None, lexicon: Lexicon | Iterable[str | Path] = (), *,
                   classifier: bool | str | Path = True) -> Language:
    """A pipeline whose sentences carry ``._.hs_framing`` and the reflection markers.

    ``lexicon`` is a loaded ``Lexicon`` or extra lexicon files to merge over the shipped ones.
    ``classifier`` adds the trained framing classifier after the rules: the shipped one (``True``)
    or one saved in a folder; ``False`` leaves the rules alone to decide (as when training one).
    An unknown ``model`` raises ``UnknownModel``; a bad lexicon raises ``InputError``.
    """
    if not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner", "textcat", "textcat_multilabel"])
        except OSError:
            raise UnknownModel(
                f"no spaCy pipeline called {model!r} is installed (install one with: python -m spacy download {model})"
            ) from None
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
            nlp.add_pipe("sentencizer", first=True)
            nlp.add_pipe("hymnsheet_long_sentences", after="sentencizer")
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("hymnsheet_long_sentences")
    discourse = [cue for cue in lexicon.active() if cue.label == "discourse"]
    nlp.add_pipe("hymnsheet_cues", config={"spans_key": CUES_KEY}).add_lexicon(lexicon, skip={"discourse"})
    responses = sorted(cue.id for cue in lexicon.active() if cue.kind == "response")
    nlp.add_pipe("hymnsheet_framing", config={"spans_key": CUES_KEY, "response_cues": responses})
    if classifier:
        path = None if classifier is True else str(classifier)
        nlp.add_pipe("hymnsheet_framing_classifier", config={"spans_key": CUES_KEY, "path": path})
    nlp.add_pipe("hymnsheet_actions", config={"spans_key": CUES_KEY})
    agencies = {cue.id: cue.agency for cue in lexicon.active() if cue.agency}
    words = sorted({norm for cue in discourse for phrase in pattern_phrases(cue.pattern, nlp.tokenizer) for norm in phrase})
    nlp.add_pipe("hymnsheet_reflection", config={"spans_key": CUES_KEY, "agencies": agencies, "discourse": words})
    return nlp
