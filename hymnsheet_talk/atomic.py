"""Writing files so that a reader never sees half of one: write beside, then rename over; a whole
run's files staged out of sight and moved into place only once every one is written; and a set of
tables switched all at once."""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import IO, Iterable, Iterator

import pandas as pd

try:
    import fcntl
except ImportError:  # not POSIX: no file locks to tell a live run's working folder from a killed one's
    fcntl = None


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
    as the rows come (a table too large to hold whole). Cells of the ``text`` columns, and column
    names, that a spreadsheet would run as a formula get a leading ``'``, as in ``write_csv``."""
    texts = [index for index, is_text in enumerate(text) if is_text]
    with replacing(path, "w", encoding="utf-8", newline="") as file:
        # The same dialect as pandas' to_csv, so a table reads the same whichever way it was written.
        writer = csv.writer(file, lineterminator=os.linesep)
        writer.writerow([_neutralise(column) for column in columns])
        for row in rows:
            if any(isinstance(row[i], str) and row[i].startswith(FORMULA_STARTS) for i in texts):
                row = [_neutralise(value) for value in row]
            writer.writerow(row)
    return path


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names (a manifest's, say) never start like a
    spreadsheet formula."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralise)
    safe.columns = [_neutralise(column) for column in safe.columns]
    return safe


def _neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Working folders of runs in progress, inside the output folder: each holds a lock file its run
# keeps locked until it ends, so a later run can tell a live run's folder from a killed one's.
WORKING_PREFIX = ".hymnsheet-run-"
_LOCK = ".lock"
# A working folder with no lock file yet is being made (a moment); past this it was abandoned.
_MAKING_SECONDS = 60


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A hidden folder inside ``out`` to write a run into; on leaving the block normally, every file
    in it replaces its namesake in ``out``; on an error or Ctrl-C, ``out`` is left exactly as it was.

    The staging folder sits inside ``out`` so the final moves are renames on one file system; it is
    removed either way, and if the process is killed, by the next run (``remove_abandoned``).
    """
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out, prefix=WORKING_PREFIX))
    try:
        with _locked(staging):
            yield staging
            files = sorted(path for path in staging.rglob("*") if path.is_file() and path != staging / _LOCK)
            for path in files:
                target = out / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """A lock file in ``folder``, held while the block runs (a killed process lets go of it). It is
    locked before it takes its name, so no other run ever finds it unlocked while this one lives."""
    making = folder / f"{_LOCK}.new"
    with open(making, "w") as lock:
        if fcntl:
            fcntl.flock(lock, fcntl.LOCK_EX)
        os.replace(making, folder / _LOCK)
        yield


def remove_abandoned(out: Path) -> list[Path]:
    """Remove the working folders that runs killed part way left in ``out`` (never a live run's);
    return them. Where files cannot be locked (not POSIX), working folders are left alone."""
    removed = []
    for folder in sorted(out.glob(WORKING_PREFIX + "*")) if fcntl else ():
        if folder.is_dir() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    try:
        with open(folder / _LOCK) as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True  # nobody holds the lock: its run has ended without removing it
    except BlockingIOError:
        return False
    except FileNotFoundError:
        return time.time() - folder.stat().st_mtime > _MAKING_SECONDS


# The sets of tables, each in a folder of its own; ``current`` links to the one in use, and each
# table in the output folder is a link through it: switching ``current`` switches them all.
TABLE_SETS = ".tables"
_CURRENT = "current"
# How a file system, or Windows without developer mode, says it makes no symbolic links.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS}
_WINDOWS_PRIVILEGE_NOT_HELD = 1314


@contextlib.contextmanager
def table_set(out: Path) -> Iterator[Path]:
    """A new folder to write a whole set of tables into; on leaving the block normally, the set
    replaces the previous one in ``out`` in one step, and an error or a kill at any point leaves
    the previous set, whole.

    Each ``out/<name>`` is a symbolic link to ``.tables/current/<name>``, and ``.tables/current`` a
    link to the folder of the set in use: one rename of ``current`` switches every table at once.
    The first time, tables written before as plain files are taken into a set of their own (by
    hard link, so they read the same throughout). Where the file system has no symbolic links, each
    table is still replaced whole, but one after another.
    """
    root = out / TABLE_SETS
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=root, prefix="set-"))
    try:
        yield folder
        names = sorted(path.name for path in folder.iterdir())
        if _links_work(root):
            if not (root / _CURRENT).exists():
                _adopt(out, root, names)
            for name in names:
                _link(out / name, f"{TABLE_SETS}/{_CURRENT}/{name}", root)
            _link(root / _CURRENT, folder.name, root)
        else:
            for name in names:
                os.replace(folder / name, out / name)
    finally:
        _prune(root)


def _links_work(root: Path) -> bool:
    """True when ``root``'s file system makes symbolic links; any other failure (a full disk)
    is raised, not taken for a file system without links."""
    probe = root / f".probe-{os.getpid()}"
    try:
        os.symlink(_CURRENT, probe)
    except NotImplementedError:
        return False
    except OSError as error:
        if error.errno in _NO_LINKS or getattr(error, "winerror", None) == _WINDOWS_PRIVILEGE_NOT_HELD:
            return False
        raise
    probe.unlink()
    return True


def _adopt(out: Path, root: Path, names: list[str]) -> None:
    """Take the tables in ``out`` that are plain files into a set and make it current, then turn
    each into a link to it: a reader sees the same bytes before, during and after."""
    kept = [name for name in names if (out / name).is_file() and not (out / name).is_symlink()]
    adopted = Path(tempfile.mkdtemp(dir=root, prefix="set-"))
    for name in kept:
        try:
            os.link(out / name, adopted / name)
        except OSError:
            shutil.copy2(out / name, adopted / name)
    _link(root / _CURRENT, adopted.name, root)
    for name in kept:
        _link(out / name, f"{TABLE_SETS}/{_CURRENT}/{name}", root)


def _link(path: Path, target: str, scratch: Path) -> None:
    """Make ``path`` a symbolic link to ``target`` (relative to ``path``'s folder) in one step: a
    new link made in ``scratch`` (where ``_prune`` clears any a kill leaves) renamed over it."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    temporary = scratch / f".{path.name}.{os.getpid()}.link"
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, path)


def _prune(root: Path) -> None:
    """Remove every set of tables but the current one, and links left half-made."""
    current = root / _CURRENT
    keep = os.readlink(current) if current.is_symlink() else None
    for path in root.iterdir():
        if path.name in (_CURRENT, keep):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
