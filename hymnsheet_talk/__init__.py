"""hymnsheet_talk: how a multi-agency safeguarding meeting talks, measured from its transcript.

Read a transcript (any supported layout) into a Meeting, match speakers to a roster, and build
tidy tables of who spoke, how much and when::

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
from .errors import InputError
from .model import Meeting, Segment, Speaker, Turn
from .output import write_outputs
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
    "__version__",
    "analyse",
    "attribute",
    "build_tables",
    "find_transcripts",
    "load_roster",
    "parse_transcript",
    "read_transcript",
    "write_outputs",
]
