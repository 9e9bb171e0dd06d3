"""The history an output folder keeps: every meeting analysed there, in one SQLite store.

- ``run``: analyse transcripts into the history (``hymnsheet analyse``), skipping unchanged ones;
- ``keys``: the input key that says whether a meeting has changed;
- ``store``: the SQLite file, one SQL table per output table;
- ``publish``: the CSV tables and the index, written from the store;
- ``groups``: compare and trend pages over the history;
- ``erasure``: removing meetings for good;
- ``qdpx``: every meeting as a REFI-QDA project for QDA tools (NVivo, ATLAS.ti, MAXQDA, QualCoder).
"""

from .erasure import forget
from .groups import Across, compare, trend
from .qdpx import Exported, export_qdpx
from .store import STORE_FILE, Store, open_history
from .run import Run, update

__all__ = ["Across", "Exported", "Run", "STORE_FILE", "Store", "compare", "export_qdpx", "forget", "open_history", "trend",
           "update"]
