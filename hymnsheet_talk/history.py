"""Analysing into an output folder that keeps every meeting analysed there: the run ``hymnsheet
analyse`` does.

For each transcript a key is worked out from everything its results depend on (the file's bytes,
the roster rows that apply to it, its metadata, the lexicons, the model, the privacy options and
the tool's version). A meeting whose key is already in the folder's store, with its reports in
place, is skipped; the others are analysed a chunk at a time (in worker processes with
``jobs`` > 1), and each chunk's rows are stored in one transaction while its reports are staged.
Finally the tables and the index are written from the store: every meeting it holds, not only
this run's. Memory follows the chunk, not the corpus.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ContextManager, Iterable, Iterator

import pandas as pd
import spacy
from spacy.language import Language

from . import __version__
from .analysis import Analysis, MeetingLoader, build_tables, find_transcripts
from .compare import compare_table, group_labels, measure_columns, meeting_measures
from .errors import InputError
from .lexicon import load_lexicon
from .manifest import METADATA_COLUMNS, Manifest, manifest_for, metadata_for, with_metadata
from .output import FORMATS, MEETING_FOLDER_TABLES, write_meeting_files
from .pipeline import build_pipeline
from .privacy import privacy_note, pseudonymise as pseudonymise_analysis
from .store import STORE_FILE, Store, StoreError
from .trend import change_sentences, periods, trend_table
from .writing import staged, write_csv, write_csv_rows

# About 50,000 words of transcript: building the tables costs the same for one meeting as for
# several, so meetings are analysed a handful at a time.
CHUNK_BYTES = 300_000
REPORT_FILES = {"html": "report.html", "md": "report.md"}


@dataclass(frozen=True)
class Job:
    """One transcript to analyse: where it is, the id it is stored under, its key and metadata."""

    path: Path
    meeting_id: str
    key: str
    metadata: dict[str, str]
    size: int


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
    ``InputError``, and a folder whose history was kept with the other ``pseudonymise`` choice
    raises ``StoreError``.
    """
    out, lexicons, formats, redact = Path(out), tuple(lexicons), frozenset(formats), tuple(redact)
    paths = [Path(p) for p in paths]
    sources = find_transcripts(paths)
    listed = manifest_for(sources.transcripts, manifest)
    transcripts = sources.transcripts if paths else listed.files()
    run = Run(out, skipped=sources.skipped)
    loader = MeetingLoader(roster)
    options = _fingerprint(model, lexicons, pseudonymise, redact, include_transcript)
    work: list[Job] = []
    for path in transcripts:
        try:
            work.append(_job(path, loader, listed, given, options))
        except InputError as error:
            run.failures.append(error)
    if not work:
        return run  # nothing to analyse: leave OUT as it is (not even created)
    with Store(out) as store:
        _check_privacy(store, pseudonymise)
        store.add_metadata_columns([*METADATA_COLUMNS, *listed.extra_columns])
        stored = store.keys()
        todo = [job for job in work if rebuild or stored.get(job.meeting_id) != job.key
                or not _reports_exist(out / job.meeting_id, formats)]
        chosen = {job.meeting_id for job in todo}
        run.unchanged = [job.meeting_id for job in work if job.meeting_id not in chosen]
        if todo:
            with staged(out) as staging:
                settings = Settings(roster and Path(roster), formats, staging, pseudonymise, redact, model,
                                    include_transcript, _roster_agencies(loader, transcripts))
                with progress(len(todo)) as bar:
                    for chunk in _analyse(todo, settings, jobs, model, lexicons):
                        store.replace(chunk.stored, chunk.tables, __version__)
                        run.analysed += [row["meeting_id"] for row in chunk.stored]
                        run.failures += chunk.failures
                        run.warnings += chunk.warnings
                        run.words += chunk.words
                        bar.update(len(chunk.stored) + len(chunk.failures))
        with store.transaction(), staged(out) as staging:
            write_history(store, out, staging, formats, failures=[str(error) for error in run.failures],
                          privacy=privacy_note(pseudonymise, len(redact)))
        run.stored = len(store.keys())
    return run


def write_history(store: Store, out: Path, staging: Path, formats: Iterable[str], *, failures: list[str] = (),
                  privacy: str = "") -> None:
    """Write the stored tables (when they changed since last written, or a file is missing) and
    the index into ``staging``, to be moved into ``out``."""
    formats = set(formats)
    names = [name for name in store.table_names() if name not in MEETING_FOLDER_TABLES]
    generation = store.setting("generation")
    if "csv" in formats and names and (
        store.setting("tables_generation") != generation or not all((out / f"{n}.csv").is_file() for n in names)
    ):
        for name in names:
            columns, types, rows = store.rows(name)
            write_csv_rows(staging / f"{name}.csv", columns, rows, [kind == "TEXT" for kind in types])
        store.set_setting("tables_generation", generation or "")
    if "html" in formats and "meetings" in names:
        from .report import write_index  # Jinja2 only for HTML

        meetings = store.table("meetings")
        links = {m: f"{m}/report.html" for m in meetings["meeting_id"] if (out / m / "report.html").is_file()}
        pages = sorted(path.name for pattern in ("compare-*.html", "trend-*.html") for path in out.glob(pattern))
        write_index(meetings, links, list(failures), staging / "index.html", privacy=privacy, pages=pages)


@dataclass
class Across:
    """What ``compare`` or ``trend`` wrote: the table and the files."""

    table: pd.DataFrame
    written: list[Path]


def compare(out: str | Path, by: str) -> Across:
    """Compare the groups of meetings in ``out``'s history under the metadata column ``by``:
    write ``compare-<by>.csv`` and ``compare-<by>.html`` (see ``compare.compare_table``) and
    refresh the index. Raises ``StoreError`` when ``out`` holds no history or no column ``by``."""
    out = Path(out)
    with _history(out) as store:
        measures = meeting_measures(store.table("meetings"), store.table("agencies"))
        table = _by_column(compare_table, measures, by, store)
        slug = _slug(by)
        with staged(out) as staging:
            from .report import write_compare_page  # matplotlib and Jinja2 only here

            written = [write_csv(staging / f"compare-{slug}.csv", table),
                       write_compare_page(table, staging / f"compare-{slug}.html", by=by,
                                          measures=measure_columns(measures), meetings=len(measures), slug=slug)]
        _refresh_index(store, out)
    return Across(table, [out / path.name for path in written])


def trend(out: str | Path, by: str | None = None, every: str = "quarter") -> Across:
    """The measures in ``out``'s history per ``every`` (month, quarter or year) and per group
    under ``by`` (default: one line for all meetings): write ``trend-<by>.csv`` and
    ``trend-<by>.html`` (see ``trend.trend_table``) and refresh the index. Raises ``StoreError``
    when ``out`` holds no history, no column ``by`` or no dated meeting."""
    out = Path(out)
    with _history(out) as store:
        measures = meeting_measures(store.table("meetings"), store.table("agencies"))
        column = by or "all"
        if by is None:
            measures[column] = "All meetings"
        table = _by_column(lambda m, c: trend_table(m, c, every), measures, column, store)
        if table.empty:
            raise StoreError(f"no meeting in {out} has a date: give dates in the manifest (date column) or with --date")
        measures["period"] = periods(measures["date"], every)
        slug = _slug(column)
        with staged(out) as staging:
            from .report import write_trend_page

            written = [write_csv(staging / f"trend-{slug}.csv", table),
                       write_trend_page(table, measures.assign(**{column: group_labels(measures, column)}),
                                        staging / f"trend-{slug}.html", by=column, every=every,
                                        columns=measure_columns(measures), sentences=change_sentences(table, column),
                                        undated=int((measures["period"] == "").sum()), slug=slug)]
        _refresh_index(store, out)
    return Across(table, [out / path.name for path in written])


def forget(out: str | Path, meeting_ids: Iterable[str]) -> list[Path]:
    """Remove meetings from ``out``'s history: their rows in the store (which is then compacted,
    so nothing of them is left in the file), their report folders, and their rows in the CSV
    tables and the index, which are rewritten. Returns the folders removed. Raises
    ``StoreError`` for an id the history does not hold (and then removes nothing)."""
    out, ids = Path(out), list(dict.fromkeys(meeting_ids))
    with _history(out) as store:
        stored = store.keys()
        unknown = [i for i in ids if i not in stored]
        if unknown:
            raise StoreError(f"{out} holds no meeting {', '.join(map(repr, unknown))}: see meeting_id in "
                             f"{out / 'meetings.csv'}")
        store.forget(ids)
        folders = [out / i for i in ids if (out / i).is_dir()]
        for folder in folders:
            shutil.rmtree(folder)
        formats = {kind for kind, file in (("csv", "meetings.csv"), ("html", "index.html")) if (out / file).is_file()}
        with store.transaction(), staged(out) as staging:
            write_history(store, out, staging, formats, privacy=_stored_privacy(store))
    return folders


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
    tables = build_tables(meetings, nlp)
    tables["meetings"] = with_metadata(tables["meetings"], {job.meeting_id: job.metadata for job in jobs})
    analysis = Analysis(meetings, tables)
    if settings.pseudonymise or settings.redact:
        analysis = pseudonymise_analysis(analysis, settings.redact, labels=settings.pseudonymise,
                                         model=settings.model)
    colours = {}
    if settings.formats & set(REPORT_FILES):
        from .charts import agency_colours  # matplotlib only when reports are drawn

        colours = agency_colours([*settings.agencies, *analysis.tables["agencies"]["agency"]])
    write_meeting_files(analysis, settings.staging, set(settings.formats), colours,
                        include_transcript=settings.include_transcript)
    by_id = {job.meeting_id: job for job in jobs}
    for meeting in analysis.meetings:
        job = by_id[meeting.meeting_id]
        chunk.stored.append({"meeting_id": meeting.meeting_id, "key": job.key, "source": str(job.path),
                             "date": job.metadata.get("date", "")})
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
        from .parallel import in_workers  # process pools only when asked for

        yield from in_workers(analyse_chunk, work, min(jobs, len(work)), nlp, model, lexicons)
    else:
        yield from (analyse_chunk(nlp, item) for item in work)


def _job(path: Path, loader: MeetingLoader, manifest: Manifest, given: dict[str, str] | None, options: str) -> Job:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error), path) from None
    roster = loader.roster(path)
    members = sorted((m.name, m.agency, m.role, m.aliases) for m in roster.for_meeting(path).members) if roster else []
    metadata = metadata_for(path, manifest, given)
    digest = hashlib.sha256(options.encode())
    digest.update(json.dumps([members, metadata], sort_keys=True).encode())
    digest.update(data)
    return Job(path, loader.meeting_id(path), digest.hexdigest(), metadata, len(data))


def _fingerprint(model: str | None, lexicons: tuple[Path, ...], pseudonymise: bool, redact: tuple[str, ...],
                 include_transcript: bool) -> str:
    """Everything besides the transcript that a meeting's stored results depend on."""
    cues = [cue.to_json() for cue in load_lexicon(lexicons).active()]
    return json.dumps({
        "version": __version__, "spacy": spacy.__version__, "model": model,
        "lexicon": hashlib.sha256("\n".join(cues).encode()).hexdigest(),
        "pseudonymise": pseudonymise, "redact": sorted(redact), "include_transcript": include_transcript,
    }, sort_keys=True)


@contextlib.contextmanager
def _history(out: Path) -> Iterator[Store]:
    if not (out / STORE_FILE).is_file():
        raise StoreError(f"{out} holds no analysed meetings: run hymnsheet analyse --out {out} first")
    with Store(out) as store:
        if not store.keys():
            raise StoreError(f"{out} holds no analysed meetings: run hymnsheet analyse --out {out} first")
        yield store


def _by_column(make: Callable[[pd.DataFrame, str], pd.DataFrame], measures: pd.DataFrame, by: str,
               store: Store) -> pd.DataFrame:
    try:
        return make(measures, by)
    except KeyError:
        known = store.metadata_columns()
        raise StoreError(f"no column {by!r} in the meetings; metadata columns: {', '.join(known)}") from None


def _refresh_index(store: Store, out: Path) -> None:
    """The index links every compare and trend page: rewrite it when it is there to rewrite."""
    if (out / "index.html").is_file():
        with store.transaction(), staged(out) as staging:
            write_history(store, out, staging, {"html"}, privacy=_stored_privacy(store))


def _stored_privacy(store: Store) -> str:
    """The privacy sentence for pages rewritten outside an analysis run (no redaction list known)."""
    return privacy_note(store.setting("pseudonymised") == "yes", 0)


def _slug(column: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", column.lower()).strip("-") or "column"


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


def _reports_exist(folder: Path, formats: frozenset[str]) -> bool:
    return all((folder / REPORT_FILES[kind]).is_file() for kind in formats & set(REPORT_FILES))


def _roster_agencies(loader: MeetingLoader, transcripts: list[Path]) -> tuple[str, ...]:
    agencies = set()
    for path in transcripts:
        with contextlib.suppress(InputError):
            roster = loader.roster(path)
            agencies |= {member.agency for member in roster.members} if roster else set()
    return tuple(sorted(agencies))
