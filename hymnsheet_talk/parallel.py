"""Tagging many meetings on several cores: each worker process builds the pipeline once and labels
a share of the meetings; the tables come back and are joined in meeting order.

Worth it for many meetings only: a worker spends about half a second building its pipeline.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from .model import Meeting
from .pipeline import build_pipeline
from .tagging import Tags, tag_meetings

_WORKER: dict = {}


def tag_in_parallel(meetings: list[Meeting], jobs: int, model: str | None = None,
                    lexicons: tuple[str | Path, ...] = ()) -> Tags:
    """The same ``Tags`` as ``tag_meetings``, worked out by ``jobs`` processes."""
    shares = _shares(meetings, jobs)
    with ProcessPoolExecutor(max_workers=len(shares), initializer=_start, initargs=(model, tuple(lexicons))) as pool:
        parts = list(pool.map(_tag, shares))
    return Tags(
        pd.concat([part.sentences for part in parts], ignore_index=True).sort_values(
            ["meeting_id", "turn", "sentence"], ignore_index=True),
        pd.concat([part.turns for part in parts], ignore_index=True).sort_values(
            ["meeting_id", "turn"], ignore_index=True),
    )


def _shares(meetings: list[Meeting], jobs: int) -> list[list[Meeting]]:
    """Meetings dealt out so that each worker gets about the same number of words."""
    shares: list[list[Meeting]] = [[] for _ in range(max(1, min(jobs, len(meetings))))]
    load = [0] * len(shares)
    for meeting in sorted(meetings, key=lambda m: m.words, reverse=True):
        lightest = load.index(min(load))
        shares[lightest].append(meeting)
        load[lightest] += meeting.words
    return shares


def _start(model: str | None, lexicons: tuple[str | Path, ...]) -> None:
    _WORKER["nlp"] = build_pipeline(model, lexicons)


def _tag(meetings: list[Meeting]) -> Tags:
    return tag_meetings(meetings, _WORKER["nlp"])
