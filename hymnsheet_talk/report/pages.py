"""Pages: a meeting's charts and tables rendered as self-contained HTML and as Markdown, and the
index, compare and trend pages.

The only module that saves figures. Templates are package data (``templates/``), rendered by
Jinja2 with autoescaping on for HTML, so transcript text can never become markup.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import pandas as pd
from matplotlib.figure import Figure

from .._version import __version__
from ..atomic import write_bytes, write_text
from ..language import MARKERS, REFLECTION_LABELS
from ..language.classifier import about as classifier_about
from ..meeting import Meeting
from ..tables.actions import framing_mix
from ..tables.divergence import MIN_WORDS
from ..tables.framing import MIN_FLAGGED
from ..tables.groups import MIN_MEETINGS, RESAMPLES
from .charts import (
    chart_style, plot_agency_shares, plot_framing, plot_marker_timeline, plot_markers, plot_speaker_words,
    plot_action_framing, plot_timeline, plot_transitions,
)
from .charts import plot_agency_terms
from .evidence import framing_quotes, quiet_stretch, quotes
from .group_charts import measure_name, plot_compare, plot_trend
from . import prose
from .prose import HEADLINE_MEASURES, participation_sentences


# Each agency's distinctive words shown in the report (the table holds more).
WORDS_SHOWN = 8
# A report's speaker table shows this many attendees, most words first; speakers.csv has them all.
MAX_SPEAKER_ROWS = 100
# Metadata shown under a report's heading, when the meeting has it.
ABOUT_COLUMNS = ("date", "department", "partnership")


@dataclass(frozen=True)
class Chart:
    file: str
    png: bytes
    alt: str
    caption: str

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def meeting_charts(tables: dict[str, pd.DataFrame], colours: dict[str, str]) -> list[Chart]:
    """The participation charts for one meeting (``tables`` holds that meeting's rows only),
    drawn and encoded as PNG."""
    agencies, speakers, turns = tables["agencies"], tables["speakers"], tables["turns"]
    with chart_style():
        return [
            _chart("agency-shares", plot_agency_shares(agencies, colours=colours).figure),
            _chart("speaker-words", plot_speaker_words(speakers, colours=colours).figure),
            _chart("timeline", plot_timeline(turns, speakers, colours=colours).figure),
        ]


def section_charts(tables: dict[str, pd.DataFrame], colours: dict[str, str] | None = None) -> dict[str, Chart]:
    """The framing, reflection, turn-taking and distinctive-words charts for one meeting, keyed by
    name; a chart with nothing to show is left out."""
    charts = {}
    with chart_style():
        if "agency_terms" in tables and len(tables["agency_terms"]):
            panels = plot_agency_terms(tables["agency_terms"], colours=colours or {}, top=WORDS_SHOWN)
            charts["agency_terms"] = _chart("agency-terms", panels.flat[0].figure)
        if (tables["agencies"]["behaviour"] + tables["agencies"]["ecological"]).sum():
            charts["framing"] = _chart("framing", plot_framing(tables["agencies"]).figure)
        if "markers" in tables and tables["markers"]["sentences"].sum():
            charts["markers"] = _chart("markers", plot_markers(tables["markers"]).figure)
        if "transitions" in tables and len(tables["transitions"]):
            charts["transitions"] = _chart("transitions", plot_transitions(tables["transitions"]).figure)
        if "actions" in tables and len(tables["actions"]):
            mix = framing_mix(tables["sentences"], tables["actions"])
            if (mix[["behaviour", "ecological"]].sum(axis=1) > 0).all():
                charts["action_framing"] = _chart("action-framing", plot_action_framing(mix).figure)
        if "reflection_timeline" in tables and len(tables["reflection_timeline"]):
            charts["timeline"] = _chart("reflection-timeline",
                                        plot_marker_timeline(tables["reflection_timeline"], markers=MARKERS).figure)
    return charts


def write_meeting_report(meeting: Meeting, tables: dict[str, pd.DataFrame], colours: dict[str, str],
                         folder: Path, formats: set[str], *, privacy: str = "",
                         include_transcript: bool = False) -> list[Path]:
    """Write ``report.html`` and/or ``report.md`` and the chart PNGs into ``folder``; return the paths.

    ``tables`` holds this meeting's rows of each table.
    """
    charts = meeting_charts(tables, colours)
    sections = section_charts(tables, colours)
    row = tables["meetings"].iloc[0]
    speakers, agencies = tables["speakers"], tables["agencies"]
    sentences = tables.get("sentences", pd.DataFrame(columns=["framing", "framing_cues", "framing_score", "text",
                                                              "open_question", "uncertainty"]))
    context = {
        "sections": sections,
        "framing_examples": {
            side: framing_quotes(sentences, side) for side in ("behaviour", "ecological")
        },
        "reflection_examples": {
            marker: quotes(sentences, marker, 1, "reflection_cues") for marker in ("uncertainty", "open_question")
        },
        "marker_meanings": {marker: REFLECTION_LABELS[marker] for marker in MARKERS},
        "quiet": quiet_stretch(tables["turns"]),
        "invitations": list(tables.get("invitations", pd.DataFrame()).itertuples()),
        "actions": list(tables.get("actions", pd.DataFrame()).itertuples()),
        "min_flagged": MIN_FLAGGED,
        "partners": prose.partner_sentences(row, agencies, tables.get("actions", pd.DataFrame(
            columns=["turn", "sentence", "terms_from_agency"])), MIN_FLAGGED, MIN_WORDS),
        "terms_by_agency": {agency: rows.sort_values("rank")["term"].head(WORDS_SHOWN).tolist()
                            for agency, rows in tables.get("agency_terms", pd.DataFrame(columns=["agency"])).groupby("agency")},
        "accuracy": prose.accuracy_sentence(classifier_about().get("real_talk", {})),
        "meeting": row,
        "heading": row.get("title") or row["meeting_id"],
        "about": [str(row[column]) for column in ABOUT_COLUMNS if row.get(column)],
        "sentences": participation_sentences(row, speakers, agencies, roster_matched=not meeting.roster_warning),
        "md_sentences": participation_sentences(row, speakers, agencies, roster_matched=not meeting.roster_warning,
                                                label=_markdown_text),
        "roster_warning": meeting.roster_warning,
        "charts": charts,
        "speakers": list(speakers.head(MAX_SPEAKER_ROWS).itertuples()),
        "more_speakers": max(0, len(speakers) - MAX_SPEAKER_ROWS),
        "agencies": list(agencies.itertuples()),
        "colours": colours,
        "timed": meeting.timed,
        "warnings": meeting.warnings,
        "unattributed": meeting.unattributed,
        "roster": meeting.roster,
        "privacy": privacy,
        "transcript": list(tables["turns"].itertuples()) if include_transcript else [],
        "version": __version__,
    }
    written = [write_bytes(folder / chart.file, chart.png) for chart in [*charts, *sections.values()]]
    if "html" in formats:
        written.append(write_text(folder / "report.html", _environment("html").get_template("report.html.j2").render(context)))
    if "md" in formats:
        written.append(write_text(folder / "report.md", _environment("md").get_template("report.md.j2").render(context)))
    return written


def write_index(meetings: pd.DataFrame, links: dict[str, str], failures: list[str], path: Path, *,
                privacy: str = "", pages: list[str] = ()) -> Path:
    """Write the ``index.html`` that lists every meeting (with its metadata where the table has
    it) and links its report and the compare and trend ``pages``."""
    rows = [dict(row, link=links.get(row["meeting_id"])) for row in meetings.to_dict("records")]
    html = _environment("html").get_template("index.html.j2").render(
        meetings=rows, failures=failures, version=__version__, min_flagged=MIN_FLAGGED, privacy=privacy,
        pages=list(pages), has=lambda column: column in meetings.columns and meetings[column].fillna("").ne("").any(),
    )
    return write_text(path, html)


def write_compare_page(table: pd.DataFrame, path: Path, *, by: str, measures: list[str], meetings: int,
                       slug: str) -> Path:
    """Write ``compare-<slug>.html``: the groups' means and intervals as a chart and a table."""
    with chart_style():
        chart = Chart(f"compare-{slug}.png", _png(plot_compare(table, by=by, measures=measures)),
                      *prose.compare_chart_text(by))
    groups = table.to_dict("records")
    html = _environment("html").get_template("compare.html.j2").render(
        by=by, slug=slug, groups=groups, measures=measures, names={c: measure_name(c) for c in measures},
        meetings=meetings, chart=chart, small=[str(g[by]) for g in groups if g["too_small"]],
        min_meetings=MIN_MEETINGS, resamples=f"{RESAMPLES:,}", version=__version__)
    return write_text(path, html)


def write_trend_page(trend: pd.DataFrame, measures: pd.DataFrame, path: Path, *, by: str, every: str,
                     columns: list[str], sentences: list[str], undated: int, slug: str) -> Path:
    """Write ``trend-<slug>.html``: each measure over time per group, the change in words, the table.
    ``measures`` has one row per dated meeting, with its ``period``."""
    with chart_style():
        chart = Chart(f"trend-{slug}.png", _png(plot_trend(measures, trend, by=by, columns=columns)),
                      *prose.trend_chart_text(by, every))
    html = _environment("html").get_template("trend.html.j2").render(
        by=by, slug=slug, every=every, rows=trend.to_dict("records"), measures=columns,
        names={c: measure_name(c) for c in columns}, meetings=int(trend["meetings"].sum()), undated=undated,
        headline=[c for c in HEADLINE_MEASURES if c in columns],
        chart=chart, sentences=sentences, version=__version__)
    return write_text(path, html)


@lru_cache(maxsize=None)
def _environment(kind: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("hymnsheet_talk", "templates"),
        autoescape=kind == "html",
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["pct"] = prose.pct
    environment.filters["dec"] = prose.dec
    environment.filters["md"] = _markdown_text
    environment.filters["measure"] = prose.measure_value
    environment.globals["prose"] = prose
    return environment


def _markdown_text(value) -> str:
    """Text safe inside a Markdown table cell or list item: no markup, no broken table."""
    raw = str(value)
    # Keep one space at either edge: quotes are cut into pieces around the marked cue words.
    text = (" " if raw[:1].isspace() else "") + " ".join(raw.split()) + (" " if raw[-1:].isspace() and raw.strip() else "")
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;")):
        text = text.replace(char, entity)
    for char in "\\`*_[]":
        text = text.replace(char, "\\" + char)
    return text


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _chart(name: str, figure: Figure) -> Chart:
    """A drawn chart as a PNG named after it, with its alt text and caption from ``prose``."""
    alt, caption = prose.CHARTS[name]
    return Chart(f"{name}.png", _png(figure), alt, caption)
