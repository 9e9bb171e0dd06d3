"""Tagging many meetings on several cores: each worker process labels a share of the meetings and
the tables come back to be joined in meeting order.

Where processes can be forked (Linux), workers start with the pipeline already built in this
process; elsewhere each worker builds its own once, about half a second.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
from spacy.language import Language

from .model import Meeting
from .pipeline import build_pipeline
from .tagging import Tags, tag_meetings

_WORKER: dict = {}


def tag_in_parallel(meetings: list[Meeting], jobs: int, nlp: Language, model: str | None = None,
                    lexicons: tuple[str | Path, ...] = ()) -> Tags:
    """The same ``Tags`` as ``tag_meetings(meetings, nlp)``, worked out by ``jobs`` processes.
    ``model`` and ``lexicons`` rebuild ``nlp`` in workers that cannot inherit it."""
    shares = _shares(meetings, jobs)
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER["nlp"] = nlp
        pool = ProcessPoolExecutor(max_workers=len(shares), mp_context=multiprocessing.get_context("fork"))
    else:
        pool = ProcessPoolExecutor(max_workers=len(shares), initializer=_start, initargs=(model, tuple(lexicons)))
    with pool:
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
