"""Publishing the history: the CSV tables and the index written from the store, for every meeting
it holds, and ``agency_terms_all.csv``, each agency's distinctive terms over all of them."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..atomic import table_set, write_csv, write_csv_rows
from ..errors import OutputError
from ..manifest import is_output_table
from ..output import HISTORY_ONLY_TABLES, HISTORY_TERMS_FILE, MEETING_FOLDER_TABLES
from ..report.prose import privacy_note
from ..tables.terms import history_terms_table
from .store import Store


def write_history(store: Store, out: Path, formats: Iterable[str], *, failures: list[str] = (),
                  privacy: str = "") -> None:
    """Write the stored tables into ``out`` as one set, switched in at once (when they changed since
    last written, or a file is missing), and the index. Call it inside a store transaction, so
    that one run at a time writes them. Raises ``OutputError`` rather than replace a file of that
    name that this tool did not write (a manifest named ``meetings.csv``, say)."""
    formats = set(formats)
    names = [name for name in store.table_names() if name not in (*MEETING_FOLDER_TABLES, *HISTORY_ONLY_TABLES)]
    files = [f"{name}.csv" for name in names] + ([HISTORY_TERMS_FILE] if "term_counts" in store.table_names() else [])
    generation = store.setting("generation")
    if "csv" in formats and names and (
        store.setting("tables_generation") != generation or not all((out / file).is_file() for file in files)
    ):
        for path in (out / f"{name}.csv" for name in names):
            if path.is_file() and not path.is_symlink() and not is_output_table(path):
                raise OutputError("this file was not written by hymnsheet (a manifest or a transcript?) and "
                                  "would be replaced by its table: use another --out", path)
        with table_set(out) as folder:
            for name in names:
                columns, types, rows = store.rows(name)
                write_csv_rows(folder / f"{name}.csv", columns, rows, [kind == "TEXT" for kind in types])
            if HISTORY_TERMS_FILE in files:
                totals = store.summed("term_counts", ["agency", "term"], "count")
                write_csv(folder / HISTORY_TERMS_FILE, history_terms_table(totals))
        store.set_setting("tables_generation", generation or "")
    if "html" in formats and "meetings" in names:
        from ..report.pages import write_index  # Jinja2 only for HTML

        meetings = store.table("meetings")
        links = {m: f"{m}/report.html" for m in meetings["meeting_id"] if (out / m / "report.html").is_file()}
        pages = sorted(path.name for pattern in ("compare-*.html", "trend-*.html") for path in out.glob(pattern))
        write_index(meetings, links, list(failures), out / "index.html", privacy=privacy, pages=pages)


def refresh_index(store: Store, out: Path) -> None:
    """The index links every compare and trend page: rewrite it when it is there to rewrite."""
    if (out / "index.html").is_file():
        with store.transaction():
            write_history(store, out, {"html"}, privacy=stored_privacy(store))


def stored_privacy(store: Store) -> str:
    """The privacy sentence for pages rewritten outside an analysis run (no redaction list known)."""
    return privacy_note(store.setting("pseudonymised") == "yes", 0)
