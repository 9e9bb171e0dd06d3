"""Scoring the language rules against human coding.

- ``gold``: reading labelled files, with the text in them or pointing into transcripts;
- ``devset``: finding a pointed-to sentence's text in its transcript;
- ``scores``: precision, recall, F1 and Cohen's kappa per label, and per family of sentences;
- ``codebook``: the tool's labels as the codes of a QDA project, and the code names read back;
- ``qdpx``: reading a REFI-QDA project (``.qdpx``) from NVivo, ATLAS.ti, MAXQDA or QualCoder;
- ``coding``: a researcher's coding in such a project, scored sentence by sentence.
"""

from .coding import score_projects
from .devset import with_texts
from .gold import is_sentence_labels, read_gold, read_labels
from .scores import Evaluation, cohen_kappa, evaluate, family_scores, format_scores, predict, score

__all__ = ["Evaluation", "cohen_kappa", "evaluate", "family_scores", "format_scores", "is_sentence_labels", "predict", "read_gold",
           "read_labels", "score", "score_projects", "with_texts"]
