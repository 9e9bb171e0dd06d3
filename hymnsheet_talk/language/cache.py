"""Work kept on disk between runs: compiled lexicon cues, keyed by everything that shapes them.

A cache file is named by a SHA-256 of its inputs (the cues' JSON lines, the tokenizer, spaCy's and
this tool's versions, the source of the modules that compile them), so a changed lexicon, an
upgrade or an edited compiler never reads an old file: it misses and builds a new one. Files are written beside and renamed into place, so two runs
building at once each read either nothing or a whole file. The cache only saves time: when its
folder cannot be written or a file cannot be read, the work is done again and the run goes on.

The folder is ``HYMNSHEET_CACHE`` when set, else the platform's user cache folder (on Linux
``$XDG_CACHE_HOME/hymnsheet_talk`` or ``~/.cache/hymnsheet_talk``).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

import spacy

from .._version import __version__
from ..atomic import write_bytes

T = TypeVar("T")


def cache_dir() -> Path:
    """The folder cache files go in."""
    if os.environ.get("HYMNSHEET_CACHE"):
        return Path(os.environ["HYMNSHEET_CACHE"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "hymnsheet_talk" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "hymnsheet_talk"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hymnsheet_talk"


def cached(kind: str, content: list[str], build: Callable[[], T]) -> T:
    """What ``build()`` returns for ``content``: read from the cache, or built and stored there.

    Values are pickled: the compiled cues are some 60,000 small dicts, which JSON took longer to
    read back than building them anew. The folder is the user's own, like Python's ``__pycache__``."""
    key = hashlib.sha256(json.dumps([kind, spacy.__version__, __version__, *content]).encode()).hexdigest()
    path = cache_dir() / f"{kind}-{key[:32]}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, unreadable or from code that has since changed: build it again
        pass
    value = build()
    try:
        write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return value
