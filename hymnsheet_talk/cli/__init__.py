"""The ``hymnsheet`` command: thin glue over the library, and the one place errors become exit codes.

Exit codes: 0 all inputs analysed, 1 some inputs failed (the rest are still written), 2 usage error.

- ``group``: the command group and what its commands share (options, the error boundary);
- ``analysis``: ``analyse`` and ``roster``, from transcripts;
- ``history``: ``compare``, ``trend``, ``forget`` and ``export-qdpx``, over an output folder's history;
- ``coding``: ``lexicon`` and ``evaluate``, the coding rules and how they score.
"""

from . import analysis, coding, history  # noqa: F401  (registers the commands on the group)
from .group import main

__all__ = ["main"]
