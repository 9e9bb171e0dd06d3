"""The ``hymnsheet`` command: thin glue over the library, and the one place errors become exit codes.

Exit codes: 0 all inputs analysed, 1 some inputs failed (the rest are still written), 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .analysis import MeetingLoader, build_tables, find_transcripts, Analysis
from .errors import InputError
from .output import FORMATS, write_outputs

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
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Roster CSV (name, agency, optional role, aliases, meeting) for every transcript. "
                   "Default: NAME.roster.csv or roster.csv beside each transcript.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for the tables and reports.")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True, callback=_formats,
              help="Outputs to write, comma-separated: html, md, csv.")
def analyse(paths: tuple[Path, ...], roster: Path | None, out: Path, formats: set[str]) -> None:
    """Analyse transcripts (files or folders; default: transcripts/) into tables and reports.

    Layouts are recognised from the content: plain "Name: text" lines, Teams or Zoom WebVTT,
    SRT, Otter.ai text exports and CSV (speaker, text columns).

    \b
    Examples:
      hymnsheet analyse
      hymnsheet analyse meeting.vtt --roster roster.csv --out reports/march
      hymnsheet analyse transcripts/ --format csv
    """
    if not paths:
        if not DEFAULT_TRANSCRIPTS.is_dir():
            raise click.UsageError("no transcripts/ folder here: name the transcript files or folders to analyse")
        paths = (DEFAULT_TRANSCRIPTS,)
    try:
        sources = find_transcripts(paths)
        loader = MeetingLoader(roster)
    except InputError as error:
        raise click.ClickException(str(error)) from None
    if sources.skipped:
        names = ", ".join(str(p) for p in sources.skipped)
        click.echo(f"Skipped {len(sources.skipped)} file(s) that are not transcripts: {names}", err=True)
    if not sources.transcripts:
        raise click.UsageError("no transcripts found (looked for .txt, .vtt, .srt and .csv files)")

    meetings, failures = [], []
    with click.progressbar(sources.transcripts, label="Reading", file=sys.stderr,
                           hidden=len(sources.transcripts) < 2, item_show_func=lambda p: p and p.name) as bar:
        for path in bar:
            try:
                meetings.append(loader.load(path))
            except InputError as error:
                failures.append(error)
    for error in failures:
        click.echo(f"Error: {error}", err=True)
    for meeting in meetings:
        for warning in meeting.warnings:
            click.echo(f"Warning: {warning}", err=True)
        for item in meeting.unattributed:
            click.echo(f"Warning: {meeting.source}:{item.line}: no speaker for this line ({item.words} words)", err=True)

    analysis = Analysis(meetings, build_tables(meetings), failures, sources.skipped)
    if meetings:
        write_outputs(analysis, out, formats)
    words = sum(m.words for m in meetings)
    summary = f"Analysed {len(meetings)} meeting(s), {words:,} words, into {out}/"
    if failures:
        summary += f"; {len(failures)} file(s) failed: {', '.join(e.path or '?' for e in failures)}"
    click.echo(summary, err=True)
    if failures:
        raise SystemExit(1)
