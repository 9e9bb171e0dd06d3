"""hymnsheet_talk: how a multi-agency safeguarding meeting talks, measured from its transcript.

Read a transcript (any supported layout) into a Meeting, match speakers to a roster, label each
sentence's framing and reflection markers with a spaCy pipeline, and build tidy tables::

    from hymnsheet_talk import analyse
    result = analyse(["transcripts/"])
    result.tables["agencies"]
"""

from ._version import __version__
from .errors import FileError, InputError, OutputError, StoreError, UnknownModel
from .evaluation import evaluate, read_gold
from .language import build_pipeline, load_lexicon
from .loading import MeetingLoader, find_transcripts
from .meeting import Meeting, Segment, Speaker, Turn
from .output import write_outputs
from .readers import parse_transcript, read_transcript
from .roster import Roster, attribute, load_roster
from .roster_draft import draft_roster
from .tables import Analysis, analyse, build_tables

__all__ = [
    "Analysis",
    "FileError",
    "InputError",
    "Meeting",
    "MeetingLoader",
    "OutputError",
    "Roster",
    "Segment",
    "Speaker",
    "StoreError",
    "Turn",
    "UnknownModel",
    "__version__",
    "analyse",
    "attribute",
    "build_pipeline",
    "build_tables",
    "draft_roster",
    "evaluate",
    "find_transcripts",
    "load_lexicon",
    "load_roster",
    "parse_transcript",
    "read_gold",
    "read_transcript",
    "write_outputs",
]
