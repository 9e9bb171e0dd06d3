"""Meeting metadata: the manifest CSV (``meetings.csv``) that says when each meeting was, which
department and partnership held it, and whatever else a study records about it.

A manifest has a ``file`` column (the transcript's name, or a path inside the manifest's folder)
and any of ``title``, ``date``, ``department``, ``partnership``; every other column is carried
through as it is. Dates are ISO (``2025-03-14``).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from .errors import InputError
from .readers.decode import decode

MANIFEST_FILE = "meetings.csv"
# The first column of every table this tool writes.
OUTPUT_KEY = "meeting_id"
# The columns every meeting has, given or not, in this order, before any extra ones.
METADATA_COLUMNS = ("title", "date", "department", "partnership")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A file named "2025-03-14_panel.txt" or "senedd_2019-05-08_session.txt" says when it was held.
DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


@dataclass
class Manifest:
    """Metadata per transcript (keyed by resolved path), and the extra columns in file order."""

    rows: dict[Path, dict[str, str]] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def files(self) -> list[Path]:
        """Every transcript the manifest names, in its order."""
        return list(self.rows)

    def merge(self, other: "Manifest") -> "Manifest":
        """This manifest with ``other``'s rows added (theirs win for a file both name)."""
        extra = self.extra_columns + [c for c in other.extra_columns if c not in self.extra_columns]
        return Manifest({**self.rows, **other.rows}, extra, self.sources + other.sources)


def read_manifest(path: str | Path) -> Manifest:
    """Read a manifest CSV; raises ``InputError`` naming the line of a row with no ``file``, a
    file that is missing or outside the manifest's folder, a file named twice, or a date that is
    not ``YYYY-MM-DD``."""
    path = Path(path)
    try:
        text = decode(path.read_bytes()).strict(path)
    except InputError as error:
        raise error.at(path) from None
    except OSError as error:
        raise InputError(error.strerror or str(error), path) from None
    reader = csv.DictReader(io.StringIO(text))
    names = [(name or "").strip() for name in reader.fieldnames or []]
    columns = {name.lower(): original for name, original in zip(names, reader.fieldnames or []) if name}
    if "file" not in columns:
        raise InputError("a manifest needs a 'file' column naming each transcript", path, 1)
    extra = [name for name in names if name and name.lower() not in ("file", *METADATA_COLUMNS)]
    folder = path.parent.resolve()
    manifest = Manifest(extra_columns=extra, sources=[str(path)])
    first_line: dict[Path, int] = {}
    line = reader.line_num + 1
    for row in reader:
        cells = {key: (row.get(original) or "").strip() for key, original in columns.items()}
        if any(cells.values()):
            transcript = _transcript(cells["file"], folder, path, line)
            if transcript in first_line:
                raise InputError(f"{cells['file']!r} is already listed on line {first_line[transcript]}", path, line)
            first_line[transcript] = line
            manifest.rows[transcript] = {
                **{column: cells.get(column, "") for column in METADATA_COLUMNS},
                **{column: (row.get(columns[column.lower()]) or "").strip() for column in extra},
            }
            _check_date(manifest.rows[transcript]["date"], path, line)
        line = reader.line_num + 1
    return manifest


def find_manifests(folders: Iterable[Path]) -> Manifest:
    """The ``meetings.csv`` manifests found in ``folders``, merged (empty when there are none).
    A ``meetings.csv`` this tool wrote (an output folder named as an input) is not a manifest."""
    manifest = Manifest()
    for folder in dict.fromkeys(Path(folder).resolve() for folder in folders):
        candidate = Path(folder) / MANIFEST_FILE
        if candidate.is_file() and not is_output_table(candidate):
            manifest = manifest.merge(read_manifest(candidate))
    return manifest


def is_output_table(path: Path) -> bool:
    """True for a CSV file that is one of this tool's own tables: its first column is
    ``meeting_id``, which no manifest and no roster has."""
    try:
        with path.open("rb") as file:
            first = file.readline(4096)
    except OSError:
        return False
    return first.removeprefix(codecs.BOM_UTF8).split(b",")[0].strip() == OUTPUT_KEY.encode()


def manifest_for(transcripts: Iterable[Path], manifest: str | Path | None = None) -> Manifest:
    """The manifest ``manifest`` names, or else the ``meetings.csv`` beside the ``transcripts``."""
    return read_manifest(manifest) if manifest else find_manifests(Path(path).parent for path in transcripts)


def metadata_for(transcript: Path, manifest: Manifest, given: dict[str, str] | None = None) -> dict[str, str]:
    """A transcript's metadata: the manifest's row, then ``given`` values (from the command line)
    on top; the date, if still empty, from the first ISO date in the file name."""
    row = dict(manifest.rows.get(transcript.resolve(), {}))
    metadata = {column: row.pop(column, "") for column in METADATA_COLUMNS}
    metadata.update({column: row.get(column, "") for column in manifest.extra_columns})
    metadata.update({key: value for key, value in (given or {}).items() if value})
    if not metadata["date"]:
        found = DATE_IN_NAME.search(transcript.name)
        if found and _is_date(found.group(1)):
            metadata["date"] = found.group(1)
    return metadata


def with_metadata(meetings: pd.DataFrame, metadata: dict[str, dict[str, str]]) -> pd.DataFrame:
    """``meetings`` (one row per meeting) with each meeting's metadata as columns after
    ``meeting_id``: the four usual ones, then the extras. An extra column whose name the table
    already uses (``words``, say) comes in as ``manifest_<name>``."""
    columns = list(dict.fromkeys([*METADATA_COLUMNS, *(column for row in metadata.values() for column in row)]))
    renamed = {c: f"manifest_{c}" if c in meetings.columns and c not in METADATA_COLUMNS else c for c in columns}
    values = pd.DataFrame(
        [{column: metadata.get(meeting_id, {}).get(column, "") for column in columns} for meeting_id in meetings["meeting_id"]],
        columns=columns, index=meetings.index, dtype=object,
    ).rename(columns=renamed)
    rest = meetings.drop(columns=[c for c in values.columns if c in meetings.columns])
    return pd.concat([rest[["meeting_id"]], values, rest.drop(columns="meeting_id")], axis=1)


def check_date(value: str) -> str:
    """``value`` if it is an ISO date (or empty); raises ``ValueError`` saying what is expected."""
    if value and not _is_date(value):
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD (for example 2025-03-14)")
    return value


def _check_date(value: str, path: Path, line: int) -> None:
    try:
        check_date(value)
    except ValueError as error:
        raise InputError(str(error), path, line) from None


def _is_date(value: str) -> bool:
    if not ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _transcript(value: str, folder: Path, manifest: Path, line: int) -> Path:
    """The transcript a ``file`` cell names: inside the manifest's folder (a manifest shared with
    the tables must not be able to point the tool at files elsewhere), and present."""
    if not value:
        raise InputError("this row names no file", manifest, line)
    written = Path(value)
    resolved = (folder / written).resolve()
    if written.is_absolute() or not resolved.is_relative_to(folder):
        raise InputError(f"{value!r} is outside the manifest's folder: name files inside {folder}", manifest, line)
    if not resolved.is_file():
        raise InputError(f"no transcript {value!r} in {folder}", manifest, line)
    return resolved
