"""Compare and trend over an output folder's history: the table, its page, and a refreshed index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ..atomic import staged, write_csv
from ..errors import StoreError
from ..meeting import slug
from ..report.prose import change_sentences
from ..tables.groups import compare_table, group_labels, measure_columns, meeting_measures, periods, trend_table
from .publish import refresh_index
from .store import Store, open_history, writing


@dataclass
class Across:
    """What ``compare`` or ``trend`` wrote: the table and the files."""

    table: pd.DataFrame
    written: list[Path]


def compare(out: str | Path, by: str) -> Across:
    """Compare the groups of meetings in ``out``'s history under the metadata column ``by``:
    write ``compare-<by>.csv`` and ``compare-<by>.html`` (see ``tables.groups.compare_table``) and
    refresh the index. Raises ``StoreError`` when ``out`` holds no history or no column ``by``."""
    out = Path(out)
    with writing(out), open_history(out) as store:
        agencies = store.table("agencies")["agency"]
        measures = meeting_measures(store.table("meetings"), store.table("agencies"))
        table = _by_column(compare_table, measures, by, store)
        name = _slug(by)
        with staged(out) as staging:
            from ..report.pages import write_compare_page  # matplotlib and Jinja2 only here

            written = [write_csv(staging / f"compare-{name}.csv", table),
                       write_compare_page(table, staging / f"compare-{name}.html", by=by,
                                          measures=measure_columns(measures), meetings=len(measures), slug=name,
                                          agencies=agencies)]
        refresh_index(store, out)
    return Across(table, [out / path.name for path in written])


def trend(out: str | Path, by: str | None = None, every: str = "quarter") -> Across:
    """The measures in ``out``'s history per ``every`` (month, quarter or year) and per group
    under ``by`` (default: one line for all meetings): write ``trend-<by>.csv`` and
    ``trend-<by>.html`` (see ``tables.groups.trend_table``) and refresh the index. Raises ``StoreError``
    when ``out`` holds no history, no column ``by`` or no dated meeting."""
    out = Path(out)
    with writing(out), open_history(out) as store:
        agencies = store.table("agencies")["agency"]
        measures = meeting_measures(store.table("meetings"), store.table("agencies"))
        column = by or "all"
        if by is None:
            measures[column] = "All meetings"
        table = _by_column(lambda m, c: trend_table(m, c, every), measures, column, store)
        if table.empty:
            raise StoreError(f"no meeting in {out} has a date: give dates in the manifest (date column) or with --date")
        measures["period"] = periods(measures["date"], every)
        name = _slug(column)
        with staged(out) as staging:
            from ..report.pages import write_trend_page  # matplotlib and Jinja2 only here

            written = [write_csv(staging / f"trend-{name}.csv", table),
                       write_trend_page(table, measures.assign(**{column: group_labels(measures, column)}),
                                        staging / f"trend-{name}.html", by=column, every=every,
                                        columns=measure_columns(measures), sentences=change_sentences(table, column),
                                        undated=int((measures["period"] == "").sum()), slug=name,
                                        agencies=agencies)]
        refresh_index(store, out)
    return Across(table, [out / path.name for path in written])


def _by_column(make: Callable[[pd.DataFrame, str], pd.DataFrame], measures: pd.DataFrame, by: str,
               store: Store) -> pd.DataFrame:
    try:
        return make(measures, by)
    except KeyError:
        known = store.metadata_columns()
        raise StoreError(f"no column {by!r} in the meetings; metadata columns: {', '.join(known)}") from None


def _slug(column: str) -> str:
    return slug(column, default="column")
