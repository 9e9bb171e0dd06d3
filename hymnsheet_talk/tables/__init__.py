"""The tables: pandas only, and the CSV contract researchers' scripts rely on.

``build_tables`` turns meetings (and the pipeline's labels, from ``tagging``) into every output
table; ``analyse`` goes from paths to an ``Analysis`` in memory. One module per family of columns:
``participation`` (who spoke), ``turn_taking`` (who followed and interrupted whom), ``framing``,
``reflection`` and ``actions``, ``terms`` (each agency's distinctive terms, and whose terms the
actions use) and ``divergence`` (how far apart the agencies' words are); ``groups`` holds the
numbers behind compare and trend; ``parallel`` runs the pipeline on several cores.
"""

from .actions import ACTION_COLUMNS
from .build import Analysis, analyse, build_tables
from .divergence import AGENCY_DIVERGENCE_COLUMNS, MEETING_DIVERGENCE_COLUMNS
from .framing import FRAMING_COLUMNS, SPLIT_COLUMNS
from .participation import AGENCY_COLUMNS, MEETING_COLUMNS, SPEAKER_COLUMNS, TURN_COLUMNS
from .reflection import ALL_AGENCIES, INVITATION_COLUMNS, MARKER_COLUMNS, RATE_COLUMNS, TIMELINE_COLUMNS
from .tagging import SENTENCE_COLUMNS, Tags, tag_meetings
from .terms import COUNT_COLUMNS, HISTORY_TERM_COLUMNS, TERM_COLUMNS, History
from .turn_taking import (
    MEETING_TURN_TAKING_COLUMNS, SPEAKER_TRANSITION_COLUMNS, TRANSITION_COLUMNS, TURN_TAKING_COLUMNS,
)

__all__ = [
    "ACTION_COLUMNS", "AGENCY_COLUMNS", "AGENCY_DIVERGENCE_COLUMNS", "ALL_AGENCIES", "Analysis", "COUNT_COLUMNS",
    "FRAMING_COLUMNS", "HISTORY_TERM_COLUMNS", "History", "INVITATION_COLUMNS", "MEETING_DIVERGENCE_COLUMNS", "TERM_COLUMNS",
    "MARKER_COLUMNS", "MEETING_COLUMNS", "MEETING_TURN_TAKING_COLUMNS", "RATE_COLUMNS", "SENTENCE_COLUMNS",
    "SPEAKER_COLUMNS", "SPEAKER_TRANSITION_COLUMNS", "SPLIT_COLUMNS", "TIMELINE_COLUMNS", "TRANSITION_COLUMNS",
    "TURN_COLUMNS", "TURN_TAKING_COLUMNS", "Tags", "analyse", "build_tables", "tag_meetings",
]
