"""The ``hymnsheet`` command: thin glue over the library, and the one place errors become exit codes.

Exit codes: 0 all inputs analysed, 1 some inputs failed (the rest are still written), 2 usage error.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Iterator

import click

from . import __version__
from .analysis import analyse as library_analyse
from .errors import InputError, UnknownModel
from .evaluation import evaluate as library_evaluate, format_scores, read_gold
from .cue_patterns import PATTERN_HELP
from .lexicon import LABELS, load_lexicon
from .output import FORMATS, write_outputs
from .pipeline import build_pipeline
from .privacy import pseudonymise as library_pseudonymise, read_redactions
from .readers import SUFFIXES
from .writing import write_csv

DEFAULT_TRANSCRIPTS = Path("transcripts")
DEFAULT_OUT = Path("reports")


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
    Example:
      hymnsheet analyse            # transcripts/ -> reports/ (open reports/index.html)
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Roster CSV (name, agency, optional role, aliases, meeting) for every transcript. "
                   "Default: NAME.roster.csv or roster.csv beside each transcript.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for the tables and reports.")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True, callback=_formats,
              help="Outputs to write, comma-separated: html, md, csv.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Label meetings in this many processes at once (use your number of cores for many meetings).")
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
def analyse(paths: tuple[Path, ...], roster: Path | None, out: Path, formats: set[str], jobs: int, pseudonymise: bool,
            include_transcript: bool, redact: Path | None, model: str | None, lexicons: tuple[Path, ...]) -> None:
    """Analyse transcripts (files or folders; default: transcripts/) into tables and reports.

    Layouts are recognised from the content: plain "Name: text" lines, Teams or Zoom WebVTT,
    SRT, Otter.ai text exports and CSV (speaker, text columns).

    \b
    Examples:
      hymnsheet analyse
      hymnsheet analyse meeting.vtt --roster roster.csv --out reports/march
      hymnsheet analyse transcripts/ --format csv --jobs 2
      hymnsheet analyse --lexicon my_cues.jsonl --model en_core_web_sm
      hymnsheet analyse --pseudonymise --redact names.txt --out reports/to-share
    """
    if not paths:
        if not DEFAULT_TRANSCRIPTS.is_dir():
            raise click.UsageError("no transcripts/ folder here: name the transcript files or folders to analyse")
        paths = (DEFAULT_TRANSCRIPTS,)
    with _library_errors():
        analysis = library_analyse(paths, roster, model=model, lexicons=lexicons, jobs=jobs, progress=_progress_bar)
        if pseudonymise or redact:
            analysis = library_pseudonymise(analysis, read_redactions(redact) if redact else (), labels=pseudonymise,
                                            model=model)
    if analysis.skipped:
        names = ", ".join(str(p) for p in analysis.skipped)
        click.echo(f"Skipped {len(analysis.skipped)} file(s) that are not transcripts: {names}", err=True)
    if not analysis.meetings and not analysis.failures:
        raise click.UsageError(f"no transcripts found (looked for {', '.join(sorted(SUFFIXES))} files)")
    for error in analysis.failures:
        click.echo(f"Error: {error}", err=True)
    for meeting in analysis.meetings:
        for warning in meeting.warnings:
            click.echo(f"Warning: {warning}", err=True)
        for item in meeting.unattributed:
            click.echo(f"Warning: {meeting.source}:{item.line}: no speaker for this line ({item.words} words)", err=True)

    if analysis.meetings:
        write_outputs(analysis, out, formats, include_transcript=include_transcript)
    words = sum(m.words for m in analysis.meetings)
    summary = f"Analysed {len(analysis.meetings)} meeting(s), {words:,} words, into {out}/"
    if analysis.failures:
        summary += f"; {len(analysis.failures)} file(s) failed: {', '.join(e.path or '?' for e in analysis.failures)}"
    click.echo(summary, err=True)
    if analysis.failures:
        raise SystemExit(1)


@contextlib.contextmanager
def _library_errors() -> Iterator[None]:
    """The one place the library's errors become the command's: ``Error: FILE:LINE: reason`` (exit 1),
    or a usage error (exit 2) for a ``--model`` that is not installed."""
    try:
        yield
    except InputError as error:
        raise click.ClickException(str(error)) from None
    except UnknownModel as error:
        raise click.BadParameter(str(error), param_hint="--model") from None


def _progress_bar(paths: list[Path]) -> Iterator[Path]:
    with click.progressbar(paths, label="Reading", file=sys.stderr, hidden=len(paths) < 2,
                           item_show_func=lambda path: path.name if path else None) as bar:
        yield from bar


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
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rows", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every row with the tool's labels and cues beside yours, to read the disagreements.")
@pipeline_options
def evaluate(gold: Path, rows: Path | None, model: str | None, lexicons: tuple[Path, ...]) -> None:
    """Score the language rules against your own coding of sentences or turns.

    GOLD is a CSV with a text column and any of: framing (behaviour, ecological, none), framing_kind
    (problem, response, empty) and 0/1 marker columns (uncertainty, open_question, invitation,
    reasoning, challenge, building_on, certainty). Prints precision, recall, F1 and Cohen's kappa.

    \b
    Examples:
      hymnsheet evaluate tests/data/gold.csv
      hymnsheet evaluate my_coding.csv --rows disagreements.csv --lexicon my_cues.jsonl
    """
    with _library_errors():
        result = library_evaluate(read_gold(gold), build_pipeline(model, lexicons))
    click.echo(format_scores(result.scores))
    if rows:
        write_csv(rows, result.rows)
        click.echo(f"Rows with the tool's labels written to {rows}", err=True)
