"""Analysing into an output folder that keeps every meeting analysed there: the run ``hymnsheet
analyse`` does.

For each transcript a key is worked out from everything its results depend on (see ``keys``). A
meeting whose key is already in the folder's store, with its reports in
place, is skipped; the others are analysed a chunk at a time (in worker processes with
``jobs`` > 1), and each chunk's rows are stored in one transaction while its reports are staged.
Finally the tables and the index are written from the store: every meeting it holds, not only
this run's. Memory follows the chunk, not the corpus.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ContextManager, Iterable, Iterator

import pandas as pd
from spacy.language import Language

from .._version import __version__
from ..atomic import remove_abandoned, staged
from ..errors import InputError, StoreError
from ..language import build_pipeline
from ..loading import MeetingLoader, find_transcripts
from ..manifest import METADATA_COLUMNS, Manifest, manifest_for, with_metadata
from ..output import FORMATS, write_meeting_files
from ..privacy import Names, pseudonymise as pseudonymise_analysis
from ..report.prose import privacy_note
from ..tables import Analysis, build_tables
from ..tables.parallel import in_workers
from ..tables.terms import History
from .keys import Job, assign_ids, fingerprint, job_for
from .publish import write_history
from .store import STORE_FILE, Store, writing

# About 50,000 words of transcript: building the tables costs the same for one meeting as for
# several, so meetings are analysed a handful at a time.
CHUNK_BYTES = 300_000
REPORT_FILES = {"html": "report.html", "md": "report.md"}


@dataclass(frozen=True)
class Settings:
    """What every chunk needs to know besides its transcripts (sent to worker processes)."""

    roster: Path | None
    formats: frozenset[str]
    staging: Path
    pseudonymise: bool = False
    redact: tuple[str, ...] = ()
    model: str | None = None
    include_transcript: bool = False
    # Agencies on the rosters: every chunk colours them alike.
    agencies: tuple[str, ...] = ()
    # The terms of the meetings the folder held when the run began (``_held_terms``), and their ids.
    terms: Path | None = None
    held: frozenset[str] = frozenset()


@dataclass
class Chunk:
    """What analysing a chunk gives back: rows to store, and what to tell the user."""

    stored: list[dict] = field(default_factory=list)
    tables: dict = field(default_factory=dict)
    failures: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    words: int = 0


@dataclass
class Run:
    """The outcome of ``update``."""

    out: Path
    analysed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    words: int = 0
    stored: int = 0

    def add(self, chunk: Chunk) -> None:
        """Count a stored chunk: its meetings, failures, warnings and words."""
        self.analysed += [row["meeting_id"] for row in chunk.stored]
        self.failures += chunk.failures
        self.warnings += chunk.warnings
        self.words += chunk.words


class _Quiet:
    def update(self, _done: int) -> None:
        pass


def _no_progress(_total: int) -> ContextManager:
    return contextlib.nullcontext(_Quiet())


def update(
    paths: Iterable[str | Path] = (),
    out: str | Path = "reports",
    *,
    roster: str | Path | None = None,
    manifest: str | Path | None = None,
    given: dict[str, str] | None = None,
    model: str | None = None,
    lexicons: Iterable[str | Path] = (),
    jobs: int = 1,
    formats: Iterable[str] = FORMATS,
    rebuild: bool = False,
    pseudonymise: bool = False,
    redact: Iterable[str] = (),
    include_transcript: bool = False,
    progress: Callable[[int], ContextManager] = _no_progress,
) -> Run:
    """Analyse the transcripts under ``paths`` (or those the ``manifest`` lists) into the history
    in ``out``: new meetings are added, changed ones replaced, unchanged ones skipped (all redone
    with ``rebuild``); then ``out``'s tables and index are rewritten from the whole history.

    ``manifest`` is a meetings CSV (default: ``meetings.csv`` in each named folder); ``given``
    holds metadata for every transcript (``title``, ``date``, ``department``, ``partnership``),
    over the manifest's. ``progress(total)`` is entered around the analysis and its value's
    ``update(n)`` is called as meetings finish (the command line passes a progress bar).
    Unreadable transcripts are listed in ``failures``; a bad manifest, roster or lexicon raises
    ``InputError``, an output folder that cannot be written (or a full disk) ``OutputError``, and
    a folder whose history was kept with the other ``pseudonymise`` choice ``StoreError``.
    """
    out, lexicons, formats, redact = Path(out), tuple(lexicons), frozenset(formats), tuple(redact)
    paths = [Path(p) for p in paths]
    sources = find_transcripts(paths)
    listed = manifest_for(sources.transcripts, manifest)
    transcripts = sources.transcripts if paths else listed.files()
    run = Run(out, skipped=sources.skipped)
    loader = MeetingLoader(roster)
    options = fingerprint(model, lexicons, pseudonymise, redact, include_transcript)
    private = list(redact) if pseudonymise or redact else None
    work = _keyed(transcripts, loader, listed, given, options, private, run)
    if not work:
        return run  # nothing to analyse: leave OUT as it is (not even created)
    fresh = not (out / STORE_FILE).exists()
    with writing(out), Store(out) as store:
        remove_abandoned(out)
        _check_privacy(store, pseudonymise)
        store.add_metadata_columns([*METADATA_COLUMNS, *listed.extra_columns])
        todo = _todo(work, store, out, formats, rebuild, run)
        if todo:
            with staged(out) as staging, _held_terms(store, out) as (terms, held):
                settings = Settings(roster and Path(roster), formats, staging, pseudonymise, redact, model,
                                    include_transcript, _roster_agencies(loader, transcripts), terms, held)
                _store(store, _analyse(todo, settings, jobs, model, lexicons), progress(len(todo)), run)
        # The index lists the files that failed: in a folder made to share, without the listed names.
        failures = [Names(private or ()).mask(str(error)) for error in run.failures]
        with store.transaction():
            write_history(store, out, formats, failures=failures, privacy=privacy_note(pseudonymise, len(redact)))
        run.stored = len(store.keys())
    if fresh and not run.stored:
        _remove_empty_history(out)
    return run


def _remove_empty_history(out: Path) -> None:
    """After a first run into ``out`` in which every transcript failed: remove the empty history,
    and ``out`` itself when nothing else is in it, so that a failed run leaves no output behind."""
    for name in (STORE_FILE, f"{STORE_FILE}-wal", f"{STORE_FILE}-shm"):
        (out / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # the folder held something else, or another run is writing to it
        out.rmdir()


def _store(store: Store, analysed: Iterable[Chunk], progress: ContextManager, run: Run) -> None:
    """Store each chunk in one transaction as it comes, and count it in ``run`` and on ``progress``."""
    with progress as bar:
        for chunk in analysed:
            store.replace(chunk.stored, chunk.tables, __version__)
            run.add(chunk)
            bar.update(len(chunk.stored) + len(chunk.failures))


def _keyed(transcripts: list[Path], loader: MeetingLoader, listed: Manifest, given: dict[str, str] | None,
           options: str, private: list[str] | None, run: "Run") -> list[Job]:
    """A job with its input key for every transcript that can be read; the others go to ``run.failures``."""
    work = []
    for path in transcripts:
        try:
            work.append(job_for(path, loader, listed, given, options, private))
        except InputError as error:
            run.failures.append(error)
    return work


def _todo(work: list[Job], store: Store, out: Path, formats: frozenset[str], rebuild: bool,
          run: "Run") -> list[Job]:
    """The jobs, with their meeting ids, to analyse: new or changed inputs, or missing reports (all
    of them with ``rebuild``); the rest are listed in ``run.unchanged``."""
    stored = store.identities()
    work = assign_ids(work, stored)
    todo = [job for job in work if rebuild or stored.get(job.meeting_id, ("", None))[0] != job.key
            or not _reports_exist(out / job.meeting_id, formats)]
    chosen = {job.meeting_id for job in todo}
    run.unchanged = [job.meeting_id for job in work if job.meeting_id not in chosen]
    # An unchanged meeting found by its inputs or its old name rather than its path: note its file now.
    moved = {job.meeting_id: job.origin for job in work
             if job.meeting_id not in chosen and stored[job.meeting_id][1] != job.origin}
    if moved:
        store.set_origins(moved)
    return todo


def analyse_chunk(nlp: Language, work: tuple[list[Job], Settings]) -> Chunk:
    """Read, label and tabulate a few meetings; stage their reports; return their rows."""
    jobs, settings = work
    loader = MeetingLoader(settings.roster)
    chunk = Chunk()
    meetings = []
    for job in jobs:
        try:
            meetings.append(loader.load(job.path, job.meeting_id))
        except InputError as error:
            chunk.failures.append(error)
    if not meetings:
        return chunk
    tables = build_tables(meetings, nlp, history=_history(settings.terms, settings.held))
    tables["meetings"] = with_metadata(tables["meetings"], {job.meeting_id: job.metadata for job in jobs})
    analysis = Analysis(meetings, tables)
    if settings.pseudonymise or settings.redact:
        analysis = pseudonymise_analysis(analysis, settings.redact, labels=settings.pseudonymise,
                                         model=settings.model)
    colours = {}
    if settings.formats & set(REPORT_FILES):
        from ..report.style import agency_colours  # matplotlib only when reports are drawn

        colours = agency_colours([*settings.agencies, *analysis.tables["agencies"]["agency"]])
    write_meeting_files(analysis, settings.staging, set(settings.formats), colours,
                        include_transcript=settings.include_transcript)
    by_id = {job.meeting_id: job for job in jobs}
    for meeting in analysis.meetings:
        job = by_id[meeting.meeting_id]
        chunk.stored.append({"meeting_id": meeting.meeting_id, "key": job.key, "source": meeting.source,
                             "date": job.metadata.get("date", ""), "origin": job.origin})
        chunk.warnings += [f"Warning: {warning}" for warning in meeting.warnings]
        chunk.warnings += [f"Warning: {meeting.source}:{item.line}: no speaker for this line ({item.words} words)"
                           for item in meeting.unattributed]
        chunk.words += meeting.words
    chunk.tables = analysis.tables
    return chunk


def chunks(jobs: list[Job], size: int) -> Iterator[list[Job]]:
    """``jobs`` in order, grouped until a group's files reach ``size`` bytes."""
    group, total = [], 0
    for job in jobs:
        group.append(job)
        total += job.size
        if total >= size:
            yield group
            group, total = [], 0
    if group:
        yield group


def _analyse(todo: list[Job], settings: Settings, jobs: int, model: str | None,
             lexicons: tuple[Path, ...]) -> Iterator[Chunk]:
    nlp = build_pipeline(model, lexicons)
    work = [(group, settings) for group in chunks(todo, CHUNK_BYTES)]
    if jobs > 1 and len(work) > 1:
        yield from in_workers(analyse_chunk, work, min(jobs, len(work)), nlp, model, lexicons)
    else:
        yield from (analyse_chunk(nlp, item) for item in work)


def _check_privacy(store: Store, pseudonymise: bool) -> None:
    """One folder holds pseudonymised meetings or named ones, never both: a folder made to share
    must not pick up real names from an earlier run."""
    kept = store.setting("pseudonymised")
    wanted = "yes" if pseudonymise else "no"
    if kept is None or not store.keys():
        store.set_setting("pseudonymised", wanted)
    elif kept != wanted:
        raise StoreError(f"{store.path.parent} holds meetings analysed {'with' if kept == 'yes' else 'without'} "
                         f"--pseudonymise: use another --out for {'pseudonymised' if pseudonymise else 'named'} outputs")


@contextlib.contextmanager
def _held_terms(store: Store, out: Path) -> Iterator[tuple[Path | None, frozenset[str]]]:
    """The term counts of the meetings already held, summed, in a file for the run's chunks (sent
    with every chunk, a long history's terms would be copied once per chunk), and their ids. Taken
    before any chunk is stored, so every chunk of a run, in any process, has the same prior."""
    totals = store.summed("term_counts", ["term"], "count")
    if totals.empty:
        yield None, frozenset()
        return
    held = frozenset(store.summed("term_counts", ["meeting_id"], "count")["meeting_id"])
    folder = Path(tempfile.mkdtemp(dir=out, prefix=".hymnsheet-terms-"))
    try:
        totals[["term", "count"]].to_csv(folder / "terms.csv", index=False)
        yield folder / "terms.csv", held
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _history(path: Path | None, held: frozenset[str]) -> History | None:
    """The history ``_held_terms`` wrote, read once per process."""
    if path is None:
        return None
    # Terms are words: "nan" and "null" are words to keep, not missing values.
    totals = pd.read_csv(path, dtype={"term": str}, keep_default_na=False)
    return History(totals.set_index("term")["count"], held)


def _reports_exist(folder: Path, formats: frozenset[str]) -> bool:
    return all((folder / REPORT_FILES[kind]).is_file() for kind in formats & set(REPORT_FILES))


def _roster_agencies(loader: MeetingLoader, transcripts: list[Path]) -> tuple[str, ...]:
    agencies = set()
    for path in transcripts:
        with contextlib.suppress(InputError):
            roster = loader.roster(path)
            agencies |= {member.agency for member in roster.members} if roster else set()
    return tuple(sorted(agencies))
