"""hymnsheet_talk: how a multi-agency safeguarding meeting talks, measured from its transcript.

Read a transcript (any supported layout) into a Meeting, match speakers to a roster, label each
sentence's framing and reflection markers with a spaCy pipeline, and build tidy tables::

    from hymnsheet_talk import analyse
    result = analyse(["transcripts/"])
    result.tables["agencies"]
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hymnsheet_talk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

from .analysis import Analysis, MeetingLoader, analyse, build_tables, find_transcripts
from .attribution import attribute
from .errors import InputError, UnknownModel
from .evaluation import evaluate, read_gold
from .lexicon import load_lexicon
from .model import Meeting, Segment, Speaker, Turn
from .output import write_outputs
from .pipeline import build_pipeline
from .readers import parse_transcript, read_transcript
from .roster import Roster, load_roster

__all__ = [
    "Analysis",
    "InputError",
    "Meeting",
    "MeetingLoader",
    "Roster",
    "Segment",
    "Speaker",
    "Turn",
    "UnknownModel",
    "__version__",
    "analyse",
    "attribute",
    "build_pipeline",
    "build_tables",
    "evaluate",
    "find_transcripts",
    "load_lexicon",
    "load_roster",
    "parse_transcript",
    "read_gold",
    "read_transcript",
    "write_outputs",
]
