"""``hymnsheet analyse`` and ``hymnsheet roster``: from transcripts to tables, reports and rosters."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..atomic import neutralise_formulas, write_csv
from ..history import Run, update
from ..loading import find_transcripts
from ..manifest import check_date
from ..output import FORMATS
from ..privacy import read_redactions
from ..readers import SUFFIXES
from ..report.prose import plural
from ..roster_draft import draft_roster
from .group import DEFAULT_OUT, library_errors, main, pipeline_options

DEFAULT_TRANSCRIPTS = Path("transcripts")
# From this many meetings in one run, a run on one core is worth a tip about --jobs.
MANY_MEETINGS = 20


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> set[str]:
    chosen = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = chosen - set(FORMATS)
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated), not {value!r}")
    return chosen


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    try:
        return check_date(value or "") or None
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@main.command(short_help="Analyse transcripts into tables and reports.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Roster CSV (name, agency, optional role, aliases, meeting) for every transcript. "
                   "Default: NAME.roster.csv or roster.csv beside each transcript.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Meetings CSV (file, title, date, department, partnership, any other columns). Default: "
                   "meetings.csv in each folder analysed. With no PATHS, the files it lists are analysed.")
@click.option("--title", help="Title of the meeting (one transcript only).")
@click.option("--date", callback=_date, help="Date of the meeting, YYYY-MM-DD (one transcript only).")
@click.option("--department", help="Department for every transcript analysed (over the manifest's).")
@click.option("--partnership", help="Partnership for every transcript analysed (over the manifest's).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for the tables, reports and the history of every meeting analysed there.")
@click.option("--rebuild", is_flag=True,
              help="Analyse every transcript again, even those whose inputs have not changed since the last run.")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True, callback=_formats,
              help="Outputs to write, comma-separated: html, md, csv.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse meetings in this many processes at once (use your number of cores for many meetings).")
@click.option("--pseudonymise", is_flag=True,
              help="Name speakers only as agency labels (Police 1, Education 2) in every output, and mask "
                   "attendees' names and roster aliases in quoted text as [name].")
@click.option("--include-transcript", is_flag=True,
              help="Add the whole transcript, turn by turn, to each report (reports otherwise quote single "
                   "sentences only).")
@click.option("--redact", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A text file of further names to mask as [name] everywhere, one per line (for example "
                   "the young people discussed).")
@pipeline_options
def analyse(paths: tuple[Path, ...], roster: Path | None, manifest: Path | None, title: str | None, date: str | None,
            department: str | None, partnership: str | None, out: Path, rebuild: bool, formats: set[str], jobs: int,
            pseudonymise: bool, include_transcript: bool, redact: Path | None, model: str | None,
            lexicons: tuple[Path, ...]) -> None:
    """Analyse transcripts (files or folders; default: transcripts/) into tables and reports.

    Layouts are recognised from the content: plain "Name: text" lines; Teams (Word .docx, WebVTT,
    or the Word text pasted); Zoom (WebVTT, saved captions); Google Meet transcripts saved as text
    or .docx; SRT; Otter.ai text exports; CSV (speaker, text columns).

    OUT keeps a history (hymnsheet.sqlite): each run adds new meetings, replaces those whose
    transcript, roster rows, metadata or settings changed, and skips the rest; the tables and
    index.html then cover every meeting in OUT. See also: hymnsheet compare, hymnsheet trend.

    \b
    Examples:
      hymnsheet analyse
      hymnsheet analyse meeting.vtt --roster roster.csv --date 2025-03-14 --department North
      hymnsheet analyse study/ --manifest study/meetings.csv --out reports/study --jobs 2
      hymnsheet analyse transcripts/ --format csv --rebuild
      hymnsheet analyse --lexicon my_cues.jsonl --model en_core_web_sm
      hymnsheet analyse --pseudonymise --redact names.txt --out reports/to-share
    """
    if not paths and not manifest:
        if not DEFAULT_TRANSCRIPTS.is_dir():
            raise click.UsageError("no transcripts/ folder here: name the transcript files or folders to analyse")
        paths = (DEFAULT_TRANSCRIPTS,)
    given = {"title": title, "date": date, "department": department, "partnership": partnership}
    with library_errors():
        if (title or date) and (not paths or len(find_transcripts(paths).transcripts) > 1):
            raise click.UsageError("--title and --date describe one meeting: name a single transcript, or use a manifest")
        run = update(paths, out, roster=roster, manifest=manifest, given=given, model=model, lexicons=lexicons,
                     jobs=jobs, formats=formats, rebuild=rebuild, pseudonymise=pseudonymise,
                     redact=read_redactions(redact) if redact else (), include_transcript=include_transcript,
                     progress=_progress_bar)
    if run.skipped:
        names = ", ".join(str(p) for p in run.skipped)
        what = "file that is not a transcript" if len(run.skipped) == 1 else "files that are not transcripts"
        click.echo(f"Skipped {len(run.skipped):,} {what}: {names}", err=True)
    if not run.analysed and not run.unchanged and not run.failures:
        raise click.UsageError(f"no transcripts found (looked for {', '.join(sorted(SUFFIXES))} files)")
    for error in run.failures:
        click.echo(f"Error: {error}", err=True)
    for warning in run.warnings:
        click.echo(warning, err=True)
    click.echo(_summary(run, out), err=True)
    if run.stored and "html" in formats:
        click.echo(f"Open {out / 'index.html'} to read the reports.", err=True)
    cores = os.cpu_count() or 1
    if jobs == 1 and cores > 1 and len(run.analysed) >= MANY_MEETINGS:
        click.echo(f"Tip: --jobs {cores} analyses meetings on all {cores} cores of this computer.", err=True)
    if run.failures:
        raise SystemExit(1)


def _summary(run: Run, out: Path) -> str:
    """The line that closes a run: what was analysed into ``out``, what was already there, what failed."""
    summary = (f"Analysed {plural(len(run.analysed), 'meeting')}, {plural(run.words, 'word')}, into {out}/" if run.stored
               else f"Analysed no meeting, so nothing was written to {out}/")
    if run.unchanged:
        summary += f"; {len(run.unchanged)} unchanged since the last run"
    if run.stored > len(run.analysed) + len(run.unchanged):
        summary += f"; it holds {plural(run.stored, 'meeting')} in all"
    if run.failures:
        summary += f"; {plural(len(run.failures), 'file')} failed: {', '.join(e.path or '?' for e in run.failures)}"
    return summary


@main.command("roster", short_help="Draft a roster from transcripts.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path), metavar="FILE...")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the roster to this new file instead of printing it (an existing file is never overwritten).")
def roster_command(paths: tuple[Path, ...], output: Path | None) -> None:
    """Draft a roster from transcripts (files or folders): every speaker found, once.

    Prints a CSV with the columns name, agency, role, aliases, ready to complete: the agency where
    a label carries one ("Name (Police):"), the role where it gives one ("The Chair"), and the
    other spellings of each name as aliases. Fill in the empty agencies, check the names, then
    analyse with --roster.

    \b
    Example:
      hymnsheet roster transcripts/ --output transcripts/roster.csv
      hymnsheet analyse transcripts/ --roster transcripts/roster.csv
    """
    if output is not None and output.exists():
        raise click.UsageError(f"{output} already exists: name a new file, so a roster you have filled in is never overwritten")
    with library_errors():
        drafted = draft_roster(paths)
    if output is None:
        click.echo(neutralise_formulas(drafted).to_csv(index=False), nl=False)
    else:
        write_csv(output, drafted)
    blank = int((drafted["agency"] == "").sum())
    click.echo(f"Drafted {plural(len(drafted), 'attendee')}, {blank} without an agency to fill in"
               + (f", into {output}" if output else ""), err=True)


def _progress_bar(total: int):
    """Meetings done and to do, on standard error (hidden for a single meeting)."""
    return click.progressbar(length=total, label="Analysing meetings", file=sys.stderr, hidden=total < 2,
                             show_pos=True, show_eta=True)
