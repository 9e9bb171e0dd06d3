"""CSV transcripts: one row per segment with ``speaker`` and ``text`` columns.

Optional columns: ``agency``, and ``start``/``end`` in seconds or ``hh:mm:ss``. Header names are
matched without regard to case or surrounding spaces.
"""

from __future__ import annotations

import csv
import io

from ..errors import InputError
from ..meeting import Segment, Transcript, Unattributed
from .labels import split_label
from .timecode import clock_seconds

FORMAT = "csv"
REQUIRED = ("speaker", "text")


def header_columns(first_line: str) -> list[str]:
    """The normalised column names of a CSV header line (none if the line cannot be a header)."""
    try:
        return _normalise(next(csv.reader([first_line]), []))
    except csv.Error:  # e.g. a field past the csv module's size limit: a very long line of prose
        return []


def parse(text: str) -> Transcript:
    """Read a CSV transcript; rows with text but no speaker are unattributed."""
    reader = csv.reader(io.StringIO(text))
    try:
        return _rows(reader)
    except csv.Error as error:
        raise InputError(f"cannot read the CSV: {error}", line=reader.line_num) from None


def _rows(reader) -> Transcript:
    header = _normalise(next(reader, []))
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(f"CSV transcript needs the column(s) {', '.join(missing)}", line=1)
    column = {name: header.index(name) for name in ("speaker", "text", "agency", "start", "end") if name in header}
    segments: list[Segment] = []
    unattributed: list[Unattributed] = []
    row_start = reader.line_num + 1
    for row in reader:
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in column.items()}
        speech = " ".join(cells["text"].split())
        if cells["speaker"]:
            name, written_agency = split_label(cells["speaker"])
            segments.append(
                Segment(
                    name,
                    speech,
                    row_start,
                    start_s=_time(cells.get("start", ""), "start", row_start),
                    end_s=_time(cells.get("end", ""), "end", row_start),
                    agency=cells.get("agency") or written_agency,
                )
            )
        elif speech:
            unattributed.append(Unattributed(row_start, speech))
        row_start = reader.line_num + 1
    return Transcript(FORMAT, segments, unattributed)


def _normalise(names: list[str]) -> list[str]:
    return [name.strip().lower() for name in names]


def _time(value: str, column: str, line: int) -> float | None:
    if not value:
        return None
    try:
        return clock_seconds(value)
    except ValueError:
        raise InputError(f"cannot read {column} time {value!r} (use seconds or hh:mm:ss)", line=line) from None
