"""The spaCy layer: lexicons of cues, the rule components that read them, and the rows they give.

``build_pipeline`` assembles a pipeline (blank English by default) whose sentences carry the
framing, reflection and action labels; ``sentence_rows`` reads them back as plain dicts. No
pandas here: the tables are built from these rows in ``tables``.

Modules: ``lexicon`` (reading cue files), ``patterns`` (the pattern word syntax), ``matcher`` (the
cue matcher component), ``sentences`` (cues per sentence, where labels are kept), ``framing``,
``reflection`` and ``actions`` (one rule component each), ``pipeline``, ``rows`` and ``terms`` (the content
words a sentence is about).
"""

from .framing import BEHAVIOUR, ECOLOGICAL, FRAMINGS, MIXED, NONE, roll_up
from .lexicon import LABELS, REFLECTION_LABELS, Cue, Lexicon, load_lexicon
from .patterns import PATTERN_HELP
from .pipeline import CUES_KEY, build_pipeline
from .reflection import MARKERS
from .rows import roll_up_rows, sentence_rows, sentence_spans
from .sentences import NAMES_KEY

__all__ = [
    "BEHAVIOUR", "CUES_KEY", "Cue", "ECOLOGICAL", "FRAMINGS", "LABELS", "Lexicon", "MARKERS", "MIXED", "NAMES_KEY",
    "NONE", "PATTERN_HELP", "REFLECTION_LABELS", "build_pipeline", "load_lexicon", "roll_up", "roll_up_rows",
    "sentence_rows", "sentence_spans",
]
