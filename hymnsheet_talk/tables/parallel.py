"""Work on several cores: each worker process runs the pipeline over its share of the meetings.

Where processes can be forked (Linux), workers start with the pipeline already built in this
process; elsewhere each worker builds its own once, about half a second.
"""

from __future__ import annotations

import itertools
import multiprocessing
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

import pandas as pd
from spacy.language import Language

from ..language import build_pipeline
from ..meeting import Meeting
from .tagging import Tags, tag_meetings

Item = TypeVar("Item")
Result = TypeVar("Result")
_WORKER: dict = {}


def in_workers(function: Callable[[Language, Item], Result], items: Iterable[Item], jobs: int, nlp: Language,
               model: str | None = None, lexicons: tuple[str | Path, ...] = ()) -> Iterator[Result]:
    """``function(nlp, item)`` for every item, run by ``jobs`` processes, yielded as each finishes
    (not in order). ``function`` must be importable by name (a module-level function).
    ``model`` and ``lexicons`` rebuild ``nlp`` in workers that cannot inherit it."""
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER["nlp"] = nlp
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    else:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(model, tuple(lexicons)))
    items = iter(items)
    with pool:
        # A few items in flight per worker, not all of them: a finished item's result is let go
        # as soon as it has been handed on, so memory follows the work in progress.
        pending = {pool.submit(_run, function, item) for item in itertools.islice(items, 2 * jobs)}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                pending |= {pool.submit(_run, function, item) for item in itertools.islice(items, len(done))}
                for future in done:
                    yield future.result()
        finally:
            for future in pending:
                future.cancel()


def tag_in_parallel(meetings: list[Meeting], jobs: int, nlp: Language, model: str | None = None,
                    lexicons: tuple[str | Path, ...] = ()) -> Tags:
    """The same ``Tags`` as ``tag_meetings(meetings, nlp)``, worked out by ``jobs`` processes."""
    shares = balanced_shares(meetings, jobs, size=lambda meeting: meeting.words)
    parts = list(in_workers(tag_meetings_with, shares, len(shares), nlp, model, lexicons))
    return Tags(
        pd.concat([part.sentences for part in parts], ignore_index=True).sort_values(
            ["meeting_id", "turn", "sentence"], ignore_index=True),
        pd.concat([part.turns for part in parts], ignore_index=True).sort_values(
            ["meeting_id", "turn"], ignore_index=True),
        # A stable sort keeps each sentence's terms in the order they were said.
        pd.concat([part.terms for part in parts], ignore_index=True).sort_values(
            ["meeting_id", "turn", "sentence"], ignore_index=True, kind="stable"),
    )


def balanced_shares(items: list[Item], shares: int, size: Callable[[Item], int]) -> list[list[Item]]:
    """``items`` dealt into at most ``shares`` lists of about the same total ``size``, largest first."""
    dealt: list[list[Item]] = [[] for _ in range(max(1, min(shares, len(items))))]
    load = [0] * len(dealt)
    for item in sorted(items, key=size, reverse=True):
        lightest = load.index(min(load))
        dealt[lightest].append(item)
        load[lightest] += size(item)
    return dealt


def tag_meetings_with(nlp: Language, meetings: list[Meeting]) -> Tags:
    return tag_meetings(meetings, nlp)


def _start(model: str | None, lexicons: tuple[str | Path, ...]) -> None:
    _WORKER["nlp"] = build_pipeline(model, lexicons)


def _run(function: Callable, item):
    return function(_WORKER["nlp"], item)
