"""From meetings to the output tables, and ``analyse``: paths in, tables out, all in memory.

``analyse`` is the one call a notebook needs; ``history.update`` is the run that keeps a history
in an output folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
from spacy.language import Language

from ..errors import InputError
from ..language import build_pipeline
from ..loading import MeetingLoader, find_transcripts
from ..manifest import manifest_for, metadata_for, with_metadata
from ..meeting import Meeting
from ..roster import Roster
from .actions import actions_table, add_action_counts
from .divergence import add_divergence
from .framing import add_framing, add_framing_spread
from .parallel import tag_in_parallel
from .participation import agencies_table, meetings_table, speakers_table, turns_table
from .reflection import add_answered, add_rates, invitations_table, markers_table, timeline_table
from .tagging import Tags, tag_meetings
from .terms import History, add_action_terms, agency_terms_table, discussion_terms, term_counts
from .turn_taking import add_turn_taking, interruptions, meeting_turn_taking, transitions_table


@dataclass
class Analysis:
    """The result of a run: meetings as read, the tables, and the inputs that failed."""

    meetings: list[Meeting]
    tables: dict[str, pd.DataFrame]
    failures: list[InputError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    pseudonymised: bool = False
    redacted: int = 0  # names masked on request (``--redact``), beyond the attendees'


def build_tables(meetings: list[Meeting], nlp: Language | None = None, *, tags: Tags | None = None,
                 history: History | None = None) -> dict[str, pd.DataFrame]:
    """The output tables, keyed by name: ``turns``, ``sentences``, ``speakers``, ``agencies``,
    ``meetings``, ``markers``, ``invitations``, ``reflection_timeline``, ``transitions``, ``actions``,
    ``agency_terms``, ``speaker_transitions`` (written into each meeting's folder rather than beside
    the others) and ``term_counts`` (kept in the history, not written as a table).

    ``nlp`` is the pipeline that labels sentences (default: ``build_pipeline()``); ``tags`` are
    labels already worked out (by ``parallel.tag_in_parallel``, say), in which case no pipeline runs.
    ``history`` gives the prior for each agency's distinctive terms (default: each meeting's own terms).
    """
    if tags is None:
        tags = tag_meetings(meetings, nlp if nlp is not None else build_pipeline())
    sentences = tags.sentences
    timed = {m.meeting_id: m.timed for m in meetings}
    turns = turns_table(meetings).merge(tags.turns, on=["meeting_id", "turn"], how="left")
    interrupted = interruptions(turns)
    speakers = add_turn_taking(speakers_table(meetings, turns), turns, interrupted, by="speaker")
    agencies = add_turn_taking(agencies_table(speakers), turns, interrupted, by="agency")
    agencies = add_framing(agencies, sentences, ["meeting_id", "agency"])
    agencies = add_rates(agencies, sentences, ["meeting_id", "agency"], spread_by="speaker")
    agencies = add_answered(agencies, turns, sentences, ["meeting_id", "agency"])
    summary = meeting_turn_taking(meetings_table(meetings, speakers), turns, speakers, interrupted, timed)
    summary = add_framing(summary, sentences, ["meeting_id"])
    summary = add_rates(summary, sentences, ["meeting_id"], spread_by="agency")
    summary = add_answered(summary, turns, sentences, ["meeting_id"])
    actions = actions_table(sentences, turns, speakers)
    summary, agencies = add_action_counts(summary, agencies, actions)
    said = discussion_terms(tags.terms, actions)
    counts = term_counts(said)
    distinctive = agency_terms_table(counts, history)
    summary, agencies = add_divergence(summary, agencies, said)
    summary = add_framing_spread(summary, agencies)
    actions, agencies = add_action_terms(actions, agencies, tags.terms, distinctive)
    return {
        "turns": turns,
        "sentences": sentences,
        "speakers": speakers,
        "agencies": agencies,
        "meetings": summary,
        "markers": markers_table(turns, sentences),
        "invitations": invitations_table(turns, sentences, speakers),
        "reflection_timeline": timeline_table(turns, sentences, timed),
        "transitions": transitions_table(turns),
        "actions": actions,
        "agency_terms": distinctive,
        "speaker_transitions": transitions_table(turns, by="speaker"),
        "term_counts": counts,
    }


def analyse(
    paths: Iterable[str | Path] = ("transcripts",),
    roster: str | Path | Roster | None = None,
    *,
    model: str | None = None,
    lexicons: Iterable[str | Path] = (),
    manifest: str | Path | None = None,
    jobs: int = 1,
    progress: Callable[[list[Path]], Iterable[Path]] = iter,
) -> Analysis:
    """Read every transcript under ``paths`` and return the tables as DataFrames.

    ``roster`` (a path or a loaded ``Roster``) applies to every transcript; without it each
    transcript uses the roster found beside it (see ``roster_for``). A file that cannot be read
    is recorded in ``failures`` and the others are still analysed. ``progress`` wraps the list of
    transcript paths while they are read (the command line passes a progress bar). ``model``
    names an installed spaCy pipeline to use instead of the blank English one; ``lexicons`` are
    extra lexicon files merged over the shipped ones. A missing path, an unreadable ``roster`` or
    a bad lexicon raises ``InputError``; an unknown model raises ``UnknownModel``. ``jobs`` above 1
    labels the meetings in that many processes. The ``meetings`` table carries each meeting's
    metadata from ``manifest`` (default: ``meetings.csv`` in each transcript's folder).

    This keeps everything in memory and writes nothing; ``history.update`` is the run that keeps
    a history in an output folder.
    """
    lexicons = tuple(lexicons)
    nlp = build_pipeline(model, lexicons)
    paths = [Path(path) for path in paths]
    sources = find_transcripts(paths)
    listed = manifest_for(sources.transcripts, manifest)
    loader = MeetingLoader(roster)
    meetings: list[Meeting] = []
    metadata: dict[str, dict[str, str]] = {}
    failures: list[InputError] = []
    for path in progress(sources.transcripts):
        try:
            meetings.append(loader.load(path))
        except InputError as error:
            failures.append(error)
            continue
        metadata[meetings[-1].meeting_id] = metadata_for(path, listed)
    tags = None
    if jobs > 1 and len(meetings) > 1:
        tags = tag_in_parallel(meetings, jobs, nlp, model, lexicons)
    tables = build_tables(meetings, nlp, tags=tags)
    tables["meetings"] = with_metadata(tables["meetings"], metadata)
    return Analysis(meetings, tables, failures, sources.skipped)
