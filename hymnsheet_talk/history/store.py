"""The history kept in an output folder: every analysed meeting's rows in one SQLite file.

Each output table (``turns``, ``speakers``…) is an SQL table of the same name with the same
columns, so the store can also be queried directly (``sqlite3 reports/hymnsheet.sqlite``). The
``analysed`` table records, per meeting, the key of the inputs it was worked out from; a meeting
whose key is unchanged need not be analysed again. A meeting's rows are replaced in one
transaction, so a store is never half-written, whatever happens to the process writing it.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import sqlite3
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..errors import OutputError, StoreError
from ..loading import STORE_FILE

# Long enough for another run to finish writing its tables (SQLite waits, then retries).
BUSY_SECONDS = 600
_SQL_TYPES = {"i": "INTEGER", "u": "INTEGER", "b": "INTEGER", "f": "REAL"}


class Store:
    """An output folder's SQLite history. Use as a context manager, or call ``close``."""

    def __init__(self, folder: str | Path):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STORE_FILE
        # Autocommit mode: every change below opens its own explicit transaction.
        self._db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        # A write-ahead log: readers never wait for a writer, and a commit is one sync, not
        # several. A crash can lose the last commit but never leaves the file half-written.
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        with self.transaction():
            self._db.execute("CREATE TABLE IF NOT EXISTS analysed (meeting_id TEXT PRIMARY KEY, key TEXT NOT NULL, "
                             "source TEXT, date TEXT, version TEXT, analysed_at TEXT, origin TEXT)")
            if "origin" not in self._columns("analysed"):  # kept by a version before meetings had origins
                self._db.execute("ALTER TABLE analysed ADD COLUMN origin TEXT")
            self._db.execute("CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT)")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it lands, or none. Other writers wait until it ends.
        Inside one, a further ``transaction()`` joins it."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def keys(self) -> dict[str, str]:
        """The input key each stored meeting was analysed from, by meeting id."""
        return dict(self._db.execute("SELECT meeting_id, key FROM analysed"))

    def identities(self) -> dict[str, tuple[str, str | None]]:
        """Each stored meeting's input key and origin (the hash of its file's resolved path; None
        when an older version stored it), by meeting id."""
        return {meeting_id: (key, origin) for meeting_id, key, origin
                in self._db.execute("SELECT meeting_id, key, origin FROM analysed")}

    def set_origins(self, origins: dict[str, str]) -> None:
        """Record which file each of these stored meetings now comes from (by meeting id)."""
        with self.transaction():
            self._db.executemany("UPDATE analysed SET origin = ? WHERE meeting_id = ?",
                                 [(origin, meeting_id) for meeting_id, origin in origins.items()])

    def setting(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_setting(self, name: str, value: str) -> None:
        with self.transaction():
            self._db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (name, value))

    def metadata_columns(self) -> list[str]:
        """The metadata columns (title, date, department, partnership and manifest extras) any
        stored meeting has."""
        return json.loads(self.setting("metadata_columns") or "[]")

    def add_metadata_columns(self, columns: list[str]) -> None:
        known = self.metadata_columns()
        self.set_setting("metadata_columns", json.dumps(known + [c for c in columns if c not in known]))

    def replace(self, analysed: list[dict], tables: dict[str, pd.DataFrame], version: str) -> None:
        """Store the meetings in ``analysed`` (dicts with ``meeting_id``, ``key``, ``source``,
        ``date`` and optionally ``origin``) with their rows of ``tables``, dropping whatever was
        stored for them before."""
        ids = [row["meeting_id"] for row in analysed]
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        with self.transaction():
            for name in self.table_names():
                self._db.executemany(f"DELETE FROM {quoted(name)} WHERE meeting_id = ?", [(i,) for i in ids])
            for name, table in tables.items():
                self._insert(name, table)
            self._db.executemany(
                "INSERT OR REPLACE INTO analysed (meeting_id, key, source, date, version, analysed_at, origin) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(row["meeting_id"], row["key"], row["source"], row["date"], version, now, row.get("origin"))
                 for row in analysed],
            )
            self._bump_generation()

    def _bump_generation(self) -> None:
        """Count a change to the stored meetings: tables written before it are out of date."""
        self._db.execute("INSERT OR REPLACE INTO settings VALUES ('generation', "
                         "COALESCE((SELECT value FROM settings WHERE name = 'generation'), 0) + 1)")

    def forget(self, ids: list[str]) -> None:
        """Delete every row of the meetings ``ids``, then compact the file so that nothing of
        them is left in it (SQLite otherwise keeps deleted rows in free pages until reused)."""
        with self.transaction():
            for name in [*self.table_names(), "analysed"]:
                self._db.executemany(f"DELETE FROM {quoted(name)} WHERE meeting_id = ?", [(i,) for i in ids])
            self._bump_generation()
        self._db.execute("VACUUM")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def table(self, name: str) -> pd.DataFrame:
        """A stored table (empty if there is none), meetings in date order (undated last), then by id."""
        if name not in self.table_names():
            return pd.DataFrame()
        return pd.read_sql_query(self._query(name), self._db)

    def summed(self, name: str, by: list[str], column: str) -> pd.DataFrame:
        """A stored table's ``column`` summed per ``by`` over every stored meeting, with
        ``meetings``, how many meetings each group has rows in (empty when there is no such table)."""
        if name not in self.table_names():
            return pd.DataFrame(columns=[*by, column, "meetings"])
        keys = ", ".join(f'"{key}"' for key in by)
        return pd.read_sql_query(f'SELECT {keys}, SUM("{column}") AS "{column}", COUNT(DISTINCT meeting_id) AS meetings '
                                 f'FROM "{name}" GROUP BY {keys} ORDER BY {keys}', self._db)

    def rows(self, name: str) -> tuple[list[str], list[str], Iterator[tuple]]:
        """A stored table as its column names, their SQL types and an iterator of rows, meetings
        in date order (undated last), then by id: for writing a table too large to hold as a DataFrame."""
        info = list(self._db.execute(f"PRAGMA table_info({quoted(name)})"))
        return [row[1] for row in info], [row[2] for row in info], self._db.execute(self._query(name))

    @staticmethod
    def _query(name: str) -> str:
        return (f"SELECT t.* FROM {quoted(name)} t JOIN analysed a USING (meeting_id) "
                "ORDER BY a.date IS NULL OR a.date = '', a.date, a.meeting_id, t.rowid")

    def table_names(self) -> list[str]:
        """The output tables held, in the order they were first stored."""
        rows = self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                "AND name NOT IN ('analysed', 'settings') ORDER BY rowid")
        return [name for (name,) in rows]

    def _insert(self, name: str, table: pd.DataFrame) -> None:
        if "meeting_id" not in table.columns:
            raise ValueError(f"table {name!r} has no meeting_id column")
        columns = self._columns(name)
        if not columns:
            self._db.execute(f"CREATE TABLE {quoted(name)} ({', '.join(_column_sql(table, c) for c in table.columns)})")
            self._db.execute(f"CREATE INDEX {quoted(name + '_meeting')} ON {quoted(name)} (meeting_id)")
        else:
            # A newer version, or a manifest with more columns, adds columns: older rows get NULL.
            for column in table.columns:
                if column not in columns:
                    self._db.execute(f"ALTER TABLE {quoted(name)} ADD COLUMN {_column_sql(table, column)}")
        if table.empty:
            return
        names = ", ".join(quoted(column) for column in table.columns)
        marks = ", ".join("?" for _ in table.columns)
        # Columns as Python values (``tolist`` converts NumPy's); SQLite stores a NaN as NULL.
        values = zip(*(_python_values(table[column]) for column in table.columns))
        self._db.executemany(f"INSERT INTO {quoted(name)} ({names}) VALUES ({marks})", values)

    def _columns(self, name: str) -> list[str]:
        return [row[1] for row in self._db.execute(f"PRAGMA table_info({quoted(name)})")]


def _python_values(column: pd.Series) -> list:
    if column.dtype.kind in "iufb":
        return column.tolist()
    return [None if value is pd.NA or value is pd.NaT else value for value in column.astype(object).tolist()]


def _column_sql(table: pd.DataFrame, column: str) -> str:
    return f'{quoted(column)} {_SQL_TYPES.get(table[column].dtype.kind, "TEXT")}'


def quoted(identifier: str) -> str:
    """``identifier`` (a table or column name, which may come from a manifest) as an SQL identifier:
    in double quotes, its own double quotes doubled, so no name can end the quoting."""
    return '"' + identifier.replace('"', '""') + '"'


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Around work that writes into ``out``: a folder that cannot be made or written, or a full
    disk, becomes an ``OutputError`` naming the file (what was stored before is kept: the store
    rolls back an unfinished transaction, and files are replaced only once written whole)."""
    try:
        yield
    except sqlite3.Error as error:
        raise OutputError(f"cannot write the history: {error}", out / STORE_FILE) from None
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", error.filename or out) from None


@contextlib.contextmanager
def open_history(out: Path) -> Iterator[Store]:
    """The history in ``out``, for reading and rewriting; ``StoreError`` when it holds no meeting."""
    if not (out / STORE_FILE).is_file():
        raise StoreError(f"{out} holds no analysed meetings: run hymnsheet analyse --out {out} first")
    with Store(out) as store:
        if not store.keys():
            raise StoreError(f"{out} holds no analysed meetings: run hymnsheet analyse --out {out} first")
        yield store
