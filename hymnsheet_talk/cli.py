"""The ``hymnsheet`` command: thin glue over the library, and the one place errors become exit codes.

Exit codes: 0 all inputs analysed, 1 some inputs failed (the rest are still written), 2 usage error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator

import click

from ._version import __version__
from .atomic import write_csv
from .errors import FileError, StoreError, UnknownModel
from .evaluation import family_scores, format_scores
from .evaluation.sets import false_flag_rate, read_set, score_set
from .history import compare as library_compare, forget as library_forget, trend as library_trend, update
from .language import LABELS, PATTERN_HELP, load_lexicon
from .loading import find_transcripts
from .manifest import check_date
from .output import FORMATS
from .privacy import read_redactions
from .readers import SUFFIXES
from .report.prose import change_sentences
from .tables.groups import EVERY

DEFAULT_TRANSCRIPTS = Path("transcripts")
DEFAULT_OUT = Path("reports")
# From this many meetings in one run, a run on one core is worth a tip about --jobs.
MANY_MEETINGS = 20


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> set[str]:
    chosen = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = chosen - set(FORMATS)
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated), not {value!r}")
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="hymnsheet")
def main() -> None:
    """Measure how a multi-agency safeguarding meeting talks, from its transcript.

    Everything runs on this computer; no transcript text is sent anywhere.

    \b
    Examples:
      hymnsheet analyse            # transcripts/ -> reports/ (open reports/index.html)
      hymnsheet compare --by department
      hymnsheet trend --by partnership --every month
    """


def pipeline_options(command):
    """--model and --lexicon, shared by every command that runs the language rules."""
    command = click.option(
        "--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra lexicon (JSON Lines) merged over the shipped one: new ids add cues, shipped ids "
             "replace them. Repeatable.")(command)
    return click.option(
        "--model", metavar="NAME",
        help="An installed trained spaCy pipeline (e.g. en_core_web_sm) to use instead of the blank "
             "English one; its parse adds grammar-based rules.")(command)


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    try:
        return check_date(value or "") or None
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@main.command()
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

    Layouts are recognised from the content: plain "Name: text" lines, Teams or Zoom WebVTT,
    SRT, Otter.ai text exports and CSV (speaker, text columns).

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
    with _library_errors():
        if (title or date) and (not paths or len(find_transcripts(paths).transcripts) > 1):
            raise click.UsageError("--title and --date describe one meeting: name a single transcript, or use a manifest")
        run = update(paths, out, roster=roster, manifest=manifest, given=given, model=model, lexicons=lexicons,
                     jobs=jobs, formats=formats, rebuild=rebuild, pseudonymise=pseudonymise,
                     redact=read_redactions(redact) if redact else (), include_transcript=include_transcript,
                     progress=_progress_bar)
    if run.skipped:
        names = ", ".join(str(p) for p in run.skipped)
        click.echo(f"Skipped {len(run.skipped)} file(s) that are not transcripts: {names}", err=True)
    if not run.analysed and not run.unchanged and not run.failures:
        raise click.UsageError(f"no transcripts found (looked for {', '.join(sorted(SUFFIXES))} files)")
    for error in run.failures:
        click.echo(f"Error: {error}", err=True)
    for warning in run.warnings:
        click.echo(warning, err=True)
    summary = f"Analysed {len(run.analysed)} meeting(s), {run.words:,} words, into {out}/"
    if run.unchanged:
        summary += f"; {len(run.unchanged)} unchanged since the last run"
    if run.stored > len(run.analysed) + len(run.unchanged):
        summary += f"; it holds {run.stored} meeting(s) in all"
    if run.failures:
        summary += f"; {len(run.failures)} file(s) failed: {', '.join(e.path or '?' for e in run.failures)}"
    click.echo(summary, err=True)
    cores = os.cpu_count() or 1
    if jobs == 1 and cores > 1 and len(run.analysed) >= MANY_MEETINGS:
        click.echo(f"Tip: --jobs {cores} analyses meetings on all {cores} cores of this computer.", err=True)
    if run.failures:
        raise SystemExit(1)


OUT_OPTION = click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
                          show_default=True, help="The output folder whose history to read and write into.")


@main.command()
@click.option("--by", required=True, metavar="COLUMN",
              help="The metadata column whose groups to compare: department, partnership, or any manifest column.")
@OUT_OPTION
def compare(by: str, out: Path) -> None:
    """Compare groups of meetings (departments, partnerships…) in an output folder's history.

    Writes OUT/compare-COLUMN.csv (one row per group: meetings, words, and for every measure the
    mean over the group's meetings with a 95% bootstrap interval, as <measure>_low and
    <measure>_high) and OUT/compare-COLUMN.html with a chart per measure. Groups of fewer than 3
    meetings are marked too_small.

    \b
    Example:
      hymnsheet analyse study/ --manifest study/meetings.csv --out reports/study
      hymnsheet compare --by department --out reports/study
    """
    with _library_errors():
        result = library_compare(out, by)
    small = int(result.table["too_small"].sum())
    click.echo(f"Compared {len(result.table)} group(s) by {by} ({small} too small to compare) into "
               f"{', '.join(str(path) for path in result.written)}", err=True)


@main.command()
@click.option("--by", metavar="COLUMN", help="A metadata column to draw one line per group for (default: all meetings as one).")
@click.option("--every", type=click.Choice(list(EVERY)), default="quarter", show_default=True,
              help="The period meetings are averaged over.")
@OUT_OPTION
def trend(by: str | None, every: str, out: Path) -> None:
    """Show how the measures changed over time across an output folder's history.

    Writes OUT/trend-COLUMN.csv (one row per group and period: meetings, words and every measure's
    mean) and OUT/trend-COLUMN.html: each meeting as a dot, each group's period means as a line,
    and the change from the first period to the last in words. Meetings need dates (from the
    manifest, --date, or a YYYY-MM-DD in the file name).

    \b
    Examples:
      hymnsheet trend
      hymnsheet trend --by partnership --every month --out reports/study
    """
    with _library_errors():
        result = library_trend(out, by, every)
    for sentence in change_sentences(result.table, by or "all"):
        click.echo(sentence)
    click.echo(f"Wrote {', '.join(str(path) for path in result.written)}", err=True)


@main.command()
@click.argument("meeting_ids", nargs=-1, required=True, metavar="MEETING_ID...")
@OUT_OPTION
def forget(meeting_ids: tuple[str, ...], out: Path) -> None:
    """Remove meetings from an output folder's history, for good.

    Deletes their rows from OUT/hymnsheet.sqlite (and compacts it, so nothing of them is left in
    the file), deletes their report folders, and rewrites the CSV tables and index.html without
    them. MEETING_ID is the meeting_id column of meetings.csv. Compare and trend pages made
    earlier still count them: run those commands again.

    \b
    Example:
      hymnsheet forget 2025-01-14-northgate-context-panel --out reports
    """
    with _library_errors():
        folders = library_forget(out, meeting_ids)
    click.echo(f"Removed {len(meeting_ids)} meeting(s) from {out}/ ({len(folders)} report folder(s) deleted)", err=True)


@contextlib.contextmanager
def _library_errors() -> Iterator[None]:
    """The one place the library's errors become the command's: ``Error: FILE:LINE: reason`` (exit 1)
    for an input that cannot be used or an output that cannot be written, or a usage error (exit 2)
    for a ``--model`` that is not installed."""
    try:
        yield
    except FileError as error:
        raise click.ClickException(str(error)) from None
    except UnknownModel as error:
        raise click.BadParameter(str(error), param_hint="--model") from None
    except StoreError as error:
        raise click.UsageError(str(error)) from None


def _progress_bar(total: int):
    """Meetings done and to do, on standard error (hidden for a single meeting)."""
    return click.progressbar(length=total, label="Analysing meetings", file=sys.stderr, hidden=total < 2,
                             show_pos=True, show_eta=True)


LEXICON_HELP = """Print the active lexicon: every cue's label, id, pattern and where it was read.

A lexicon is a JSON Lines file, one cue per line, e.g.

\b
  {"id": "behaviour.choice.chooses_to", "label": "behaviour", "pattern": "choose|chose|choosing to"}

\b
""" + PATTERN_HELP + """

\b
Examples:
  hymnsheet lexicon --label behaviour
  hymnsheet lexicon --jsonl > my_cues.jsonl     # edit, then: analyse --lexicon my_cues.jsonl
"""


@main.command(help=LEXICON_HELP)
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra lexicon merged over the shipped one, as analyse would use it. Repeatable.")
@click.option("--label", "labels", multiple=True, metavar="LABEL", type=click.Choice(sorted(LABELS)),
              help="Only cues with this label (behaviour, ecological, setting, uncertainty…). Repeatable.")
@click.option("--jsonl", is_flag=True, help="Print JSON Lines (a lexicon file you can edit) instead of a table.")
def lexicon(lexicons: tuple[Path, ...], labels: tuple[str, ...], jsonl: bool) -> None:
    with _library_errors():
        active = load_lexicon(lexicons)
    cues = [cue for cue in active.active() if not labels or cue.label in labels]
    for cue in cues:
        if jsonl:
            click.echo(cue.to_json())
        else:
            kind = f" ({cue.kind})" if cue.kind else ""
            click.echo(f"{cue.label}{kind}\t{cue.id}\t{cue.pattern_text}\t{cue.source}:{cue.line}")
    click.echo(f"{len(cues)} cue(s) from {', '.join(active.sources)}", err=True)


@main.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--transcripts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The folder of transcripts that sentence-label files (file, turn, sent) point into.")
@click.option("--rows", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every row with the tool's labels and cues beside yours, to read the disagreements.")
@click.option("--families", is_flag=True,
              help="Also print how often the tool was right within each family of sentences (a family column).")
@click.option("--leave-one-out", is_flag=True,
              help="Label each sitting with a framing classifier retrained without it (needs sentence-label files).")
@click.option("--train-with", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With --leave-one-out: text CSVs added to every sitting's training (e.g. tests/data/gold.csv). Repeatable.")
@pipeline_options
def evaluate(gold: tuple[Path, ...], transcripts: Path | None, rows: Path | None, families: bool, leave_one_out: bool,
             train_with: tuple[Path, ...], model: str | None, lexicons: tuple[Path, ...]) -> None:
    """Score the language rules against your own coding of sentences or turns.

    GOLD is one or more CSVs. Either a text column and the labels, one sentence or turn per row; or
    file, turn and sent columns pointing into transcripts kept elsewhere (--transcripts; see
    docs/labelling.md), so no transcript text is copied. Labels: framing (behaviour, ecological,
    none), framing_kind (problem, response, empty) and 0/1 marker columns (uncertainty,
    open_question, invitation, reasoning, challenge, building_on, certainty); ? leaves a row
    unscored. Prints precision, recall, F1 and Cohen's kappa, and how often the tool flags
    behaviour where you did not.

    \b
    Examples:
      hymnsheet evaluate tests/data/gold.csv
      hymnsheet evaluate my_coding.csv --rows disagreements.csv --lexicon my_cues.jsonl
      hymnsheet evaluate tests/data/real/*.csv --transcripts ../shared/real-transcripts --families
      hymnsheet evaluate tests/data/real/*.csv --transcripts ../shared/real-transcripts \\
          --leave-one-out --train-with tests/data/gold.csv
    """
    if leave_one_out and model:
        raise click.UsageError("--leave-one-out retrains the classifier on the blank pipeline: leave out --model")
    with _library_errors():
        labelled = read_set(gold, transcripts)
        result = score_set(labelled, model=model, lexicons=lexicons, leave_one_out=leave_one_out, train_with=train_with)
    click.echo(format_scores(result.scores))
    if "framing" in labelled.columns:
        click.echo(f"\nFalse behaviour flags: {false_flag_rate(result.rows):.1%} of the sentences not coded behaviour")
    if families and "family" in result.rows.columns:
        click.echo("\n" + format_scores(family_scores(result.rows)))
    if rows:
        write_csv(rows, result.rows)
        click.echo(f"Rows with the tool's labels written to {rows}", err=True)
