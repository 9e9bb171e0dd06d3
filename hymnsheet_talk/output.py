"""Writing a run's results into the output folder: the CSV tables, each meeting's report and the index."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .atomic import staged, write_csv
from .loading import HISTORY_TERMS_FILE
from .report.prose import privacy_note
from .tables import Analysis
from .tables.terms import history_terms_table, history_totals

FORMATS = ("html", "md", "csv")
# Tables about one meeting's people: written into that meeting's folder.
MEETING_FOLDER_TABLES = ("speaker_transitions",)
# Kept in the history for the tables worked out over all of it (``agency_terms_all``), not written.
HISTORY_ONLY_TABLES = ("term_counts",)


def write_outputs(analysis: Analysis, out: str | Path, formats: set[str] | None = None, *,
                  include_transcript: bool = False) -> list[Path]:
    """Write ``analysis`` into ``out`` in the chosen formats (default: all); return the paths written.

    ``csv`` writes one file per table (``turns.csv``, ``speakers.csv``…), and each meeting's
    ``speaker_transitions.csv`` into its folder; ``html`` and ``md`` write
    ``<meeting_id>/report.*`` with the chart PNGs, and ``html`` an ``index.html`` when there are
    several meetings. Reports quote sentences as evidence but carry the whole transcript only with
    ``include_transcript``. Everything is written out of sight first and moved into ``out`` only
    when all of it is done: a failure or Ctrl-C part way leaves the previous outputs as they were.
    """
    out = Path(out)
    with staged(out) as staging:
        written = _write(analysis, staging, set(FORMATS if formats is None else formats), include_transcript)
    return [out / path.relative_to(staging) for path in written]


def _write(analysis: Analysis, out: Path, formats: set[str], include_transcript: bool) -> list[Path]:
    written: list[Path] = []
    if "csv" in formats:
        written += write_tables(analysis.tables, out)
    colours = {}
    if formats & {"html", "md"}:
        from .report.style import agency_colours  # matplotlib only when reports are drawn

        colours = agency_colours(analysis.tables["agencies"]["agency"])
    written += write_meeting_files(analysis, out, formats, colours, include_transcript=include_transcript)
    if "html" in formats and len(analysis.meetings) > 1:
        from .report.pages import write_index  # Jinja2 only when pages are written

        links = {m.meeting_id: f"{m.meeting_id}/report.html" for m in analysis.meetings}
        failures = [str(error) for error in analysis.failures]
        written.append(write_index(analysis.tables["meetings"], links, failures, out / "index.html",
                                   privacy=privacy_note(analysis.pseudonymised, analysis.redacted)))
    return written


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """One CSV per table in ``out`` (the tables about one meeting's people go in its folder, by
    ``write_meeting_files``), and ``agency_terms_all.csv`` over all the meetings."""
    written = [write_csv(out / f"{name}.csv", table) for name, table in tables.items()
               if name not in (*MEETING_FOLDER_TABLES, *HISTORY_ONLY_TABLES)]
    if "term_counts" in tables:
        written.append(write_csv(out / HISTORY_TERMS_FILE, history_terms_table(history_totals(tables["term_counts"]))))
    return written


def write_meeting_files(analysis: Analysis, out: Path, formats: set[str], colours: dict[str, str], *,
                        include_transcript: bool = False) -> list[Path]:
    """Each meeting's folder: ``report.html``/``report.md`` with the chart PNGs (for those formats)
    and, for ``csv``, its ``speaker_transitions.csv``."""
    written: list[Path] = []
    per_meeting = tables_by_meeting(analysis.tables)
    if "csv" in formats:
        written += [write_csv(out / meeting_id / f"{name}.csv", tables[name])
                    for meeting_id, tables in per_meeting.items() for name in MEETING_FOLDER_TABLES if name in tables]
    if formats & {"html", "md"}:
        # Imported here: matplotlib and Jinja2 add a third of a second to a CSV-only run.
        from .report.pages import write_meeting_report

        note = privacy_note(analysis.pseudonymised, analysis.redacted)
        for meeting in analysis.meetings:
            written += write_meeting_report(
                meeting, per_meeting[meeting.meeting_id], colours, out / meeting.meeting_id, formats, privacy=note,
                include_transcript=include_transcript,
            )
    return written


def tables_by_meeting(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, pd.DataFrame]]:
    """Each meeting's rows of every table, split in one pass per table."""
    split: dict[str, dict[str, pd.DataFrame]] = {}
    for name, table in tables.items():
        for meeting_id, rows in table.groupby("meeting_id", sort=False):
            split.setdefault(meeting_id, {})[name] = rows.reset_index(drop=True)
    return split
