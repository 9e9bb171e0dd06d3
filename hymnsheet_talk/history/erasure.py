"""Forgetting meetings: removing every trace of them from an output folder's history."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

from ..atomic import remove_abandoned
from ..errors import StoreError
from .publish import stored_privacy, write_history
from .store import open_history, writing


def forget(out: str | Path, meeting_ids: Iterable[str]) -> list[Path]:
    """Remove meetings from ``out``'s history: their rows in the store (which is then compacted,
    so nothing of them is left in the file), their report folders, and their rows in the CSV
    tables and the index, which are rewritten. Returns the folders removed. Raises
    ``StoreError`` for an id the history does not hold (and then removes nothing)."""
    out, ids = Path(out), list(dict.fromkeys(meeting_ids))
    with writing(out), open_history(out) as store:
        stored = store.keys()
        unknown = [i for i in ids if i not in stored]
        if unknown:
            raise StoreError(f"{out} holds no meeting {', '.join(map(repr, unknown))}: see meeting_id in "
                             f"{out / 'meetings.csv'}")
        store.forget(ids)
        # A run killed part way may have left the meeting's report in its working folder.
        remove_abandoned(out)
        folders = [out / i for i in ids if (out / i).is_dir()]
        for folder in folders:
            shutil.rmtree(folder)
        formats = {kind for kind, file in (("csv", "meetings.csv"), ("html", "index.html")) if (out / file).is_file()}
        with store.transaction():
            write_history(store, out, formats, privacy=stored_privacy(store))
    return folders
