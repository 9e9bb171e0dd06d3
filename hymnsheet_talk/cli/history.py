"""``hymnsheet compare``, ``trend``, ``forget`` and ``export-qdpx``: commands over an output folder's history."""

from __future__ import annotations

from pathlib import Path

import click

from ..history import compare as library_compare, export_qdpx as library_export_qdpx, forget as library_forget
from ..history import trend as library_trend
from ..report.prose import change_sentences, plural
from ..tables.groups import EVERY
from .group import OUT_OPTION, library_errors, main


@main.command(short_help="Compare groups of meetings in an output folder.")
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
    with library_errors():
        result = library_compare(out, by)
    small = int(result.table["too_small"].sum())
    click.echo(f"Compared {plural(len(result.table), 'group')} by {by} ({small} too small to compare) into "
               f"{', '.join(str(path) for path in result.written)}", err=True)


@main.command(short_help="Show how the measures changed over time.")
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
    with library_errors():
        result = library_trend(out, by, every)
    for sentence in change_sentences(result.table, by or "all"):
        click.echo(sentence)
    click.echo(f"Wrote {', '.join(str(path) for path in result.written)}", err=True)


@main.command(short_help="Remove meetings from an output folder, for good.")
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
    with library_errors():
        folders = library_forget(out, meeting_ids)
    click.echo(f"Removed {plural(len(meeting_ids), 'meeting')} from {out}/ ({plural(len(folders), 'report folder')} deleted)",
               err=True)


@main.command("export-qdpx", short_help="Write the meetings as a project for QDA tools.")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@OUT_OPTION
def export_qdpx(project: Path, out: Path) -> None:
    """Write every meeting in an output folder's history as a REFI-QDA project (.qdpx).

    Open PROJECT in NVivo, ATLAS.ti, MAXQDA or QualCoder: each meeting is a text source of its
    turns ("Speaker: text", pseudonymised when the history is), with its date, department and
    partnership as variables; the codebook holds the framings and the seven reflection markers;
    every sentence the tool labelled is coded. Recode it there, export it as a .qdpx again, and
    score the tool against your coding with hymnsheet evaluate.

    \b
    Example:
      hymnsheet export-qdpx meetings.qdpx --out reports/study
      hymnsheet evaluate meetings-recoded.qdpx --rows disagreements.csv
    """
    with library_errors():
        exported = library_export_qdpx(out, project)
    click.echo(f"Exported {plural(exported.meetings, 'meeting')}, {plural(exported.selections, 'coded sentence')}, to {project}",
               err=True)
