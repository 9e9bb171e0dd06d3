"""Writing files so that a reader never sees half of one: write beside, then rename over; and a
whole run's files staged out of sight and moved into place only once every one is written."""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator

import pandas as pd


@contextlib.contextmanager
def replacing(path: Path, mode: str = "wb", **open_args) -> Iterator[IO]:
    """A file to write that replaces ``path`` in one step when the block ends, and is thrown
    away if the block fails: nobody ever sees ``path`` half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, mode, **open_args) as file:
            yield file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` in one step; return ``path``."""
    with replacing(path) as file:
        file.write(data)
    return path


def write_text(path: Path, text: str) -> Path:
    """Replace ``path`` with UTF-8 ``text`` in one step; return ``path``."""
    return write_bytes(path, text.encode("utf-8"))


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    """Replace ``path`` with ``frame`` as CSV (no index) in one step; return ``path``.

    Text cells that a spreadsheet would run as a formula get a leading ``'`` (numbers are left
    alone), so a table opened in Excel shows transcript text instead of executing it.
    """
    return write_text(path, neutralise_formulas(frame).to_csv(index=False))


def write_csv_rows(path: Path, columns: list[str], rows: Iterable[tuple], text: list[bool]) -> Path:
    """Replace ``path`` with a CSV of ``rows`` under a ``columns`` header, in one step, written
    as the rows come (a table too large to hold whole). Cells of the ``text`` columns that a
    spreadsheet would run as a formula get a leading ``'``, as in ``write_csv``."""
    texts = [index for index, is_text in enumerate(text) if is_text]
    with replacing(path, "w", encoding="utf-8", newline="") as file:
        # The same dialect as pandas' to_csv, so a table reads the same whichever way it was written.
        writer = csv.writer(file, lineterminator=os.linesep)
        writer.writerow(columns)
        for row in rows:
            if any(isinstance(row[i], str) and row[i].startswith(FORMULA_STARTS) for i in texts):
                row = [_neutralise(value) for value in row]
            writer.writerow(row)
    return path


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells never start like a spreadsheet formula."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralise)
    return safe


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A hidden folder inside ``out`` to write a run into; on leaving the block normally, every file
    in it replaces its namesake in ``out``; on an error or Ctrl-C, ``out`` is left exactly as it was.

    The staging folder sits inside ``out`` so the final moves are renames on one file system; it is
    removed either way.
    """
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".hymnsheet-run-"))
    try:
        yield staging
        files = sorted(path for path in staging.rglob("*") if path.is_file())
        for path in files:
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
