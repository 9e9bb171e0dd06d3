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
from typing import Iterable

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
from ..tables import ALL_AGENCIES
from . import describe, prose
from .charts import (
    plot_action_framing, plot_agency_shares, plot_agency_terms, plot_framing, plot_marker_timeline, plot_markers,
    plot_speaker_words, plot_timeline, plot_transitions,
)
from .describe import Description
from .evidence import framing_quotes, quiet_stretch, quotes
from .partners import partner_sentences
from .group_charts import agency_names, group_styles, measure_name, ordered_measures, plot_compare, plot_key, plot_trend
from .prose import HEADLINE_MEASURES, participation_sentences
from .style import CSS_PX_PER_INCH, chart_style, largest_first


# Each agency's distinctive words shown in the report (the table holds more).
WORDS_SHOWN = 8
# Metadata shown under a report's heading, when the meeting has it.
ABOUT_COLUMNS = ("date", "department", "partnership")


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its PNG, the size in CSS pixels it is drawn for, and what it shows in words."""

    file: str
    png: bytes
    width: int
    height: int
    about: Description

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def meeting_charts(tables: dict[str, pd.DataFrame], colours: dict[str, str]) -> list[Chart]:
    """The participation charts for one meeting (``tables`` holds that meeting's rows only),
    drawn and encoded as PNG."""
    agencies, speakers, turns = tables["agencies"], tables["speakers"], tables["turns"]
    with chart_style():
        return [
            _chart("agency-shares", plot_agency_shares(agencies, colours=colours).figure, describe.agency_shares(agencies)),
            _chart("speaker-words", plot_speaker_words(speakers, colours=colours).figure, describe.speaker_words(speakers)),
            _chart("timeline", plot_timeline(turns, speakers, colours=colours).figure, describe.timeline(turns, speakers)),
        ]


def section_charts(tables: dict[str, pd.DataFrame], colours: dict[str, str] | None = None) -> dict[str, Chart]:
    """The framing, reflection, turn-taking and distinctive-words charts for one meeting, keyed by
    name; a chart with nothing to show is left out, and so is the actions' framing beside the
    discussion's when either has too few flagged sentences for a share."""
    charts = {}
    agencies = tables["agencies"]
    with chart_style():
        if "agency_terms" in tables and len(tables["agency_terms"]):
            terms = tables["agency_terms"]
            panels = plot_agency_terms(terms, colours=colours or {}, top=WORDS_SHOWN)
            charts["agency_terms"] = _chart("agency-terms", panels.flat[0].figure, describe.agency_terms(terms, WORDS_SHOWN))
        if (agencies["behaviour"] + agencies["ecological"]).sum():
            charts["framing"] = _chart("framing", plot_framing(agencies).figure, describe.framing(agencies))
        if "markers" in tables and tables["markers"]["sentences"].sum():
            words = dict(zip(agencies["agency"], agencies["words"]))
            charts["markers"] = _chart("markers", plot_markers(tables["markers"], words=words).figure,
                                       describe.markers(tables["markers"], agencies))
        if "transitions" in tables and len(tables["transitions"]):
            charts["transitions"] = _chart("transitions", plot_transitions(tables["transitions"]).figure,
                                           describe.transitions(tables["transitions"]))
        if "actions" in tables and len(tables["actions"]):
            mix = framing_mix(tables["sentences"], tables["actions"])
            if (mix[["behaviour", "ecological"]].sum(axis=1) >= MIN_FLAGGED).all():
                charts["action_framing"] = _chart("action-framing", plot_action_framing(mix).figure,
                                                  describe.action_framing(mix))
        if "reflection_timeline" in tables and len(tables["reflection_timeline"]):
            timeline = tables["reflection_timeline"]
            charts["timeline"] = _chart("reflection-timeline", plot_marker_timeline(timeline, markers=MARKERS).figure,
                                        describe.reflection_timeline(timeline, MARKERS))
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
    speakers, agencies = tables["speakers"], largest_first(tables["agencies"], "words")
    context = {
        **_section_context(tables, sections, row, agencies),
        "meeting": row,
        "heading": prose.title(row),
        "about": [str(row[column]) for column in ABOUT_COLUMNS if row.get(column)],
        "sentences": participation_sentences(row, speakers, agencies, roster_matched=not meeting.roster_warning),
        "md_sentences": participation_sentences(row, speakers, agencies, roster_matched=not meeting.roster_warning,
                                                label=_markdown_text),
        "roster_warning": meeting.roster_warning,
        "charts": charts,
        "speakers": list(speakers.head(describe.MAX_TABLE_ROWS).itertuples()),
        "more_speakers": max(0, len(speakers) - describe.MAX_TABLE_ROWS),
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


def _section_context(tables: dict[str, pd.DataFrame], sections: dict[str, Chart], row: pd.Series,
                     agencies: pd.DataFrame) -> dict:
    """What the framing, partners, reflection and influence sections of a report print."""
    whole = tables["markers"][tables["markers"]["agency"] == ALL_AGENCIES].set_index("marker") if "markers" in tables else None
    actions = tables.get("actions", pd.DataFrame(columns=["turn", "sentence", "terms_from_agency"]))
    sentences = tables.get("sentences", pd.DataFrame(columns=["framing", "framing_cues", "framing_score", "text",
                                                              "open_question", "uncertainty"]))
    terms = tables.get("agency_terms", pd.DataFrame(columns=["agency"]))
    return {
        "sections": sections,
        "framing_examples": {side: framing_quotes(sentences, side) for side in ("behaviour", "ecological")},
        "reflection_examples": {
            marker: quotes(sentences, marker, 1, "reflection_cues") for marker in ("uncertainty", "open_question")
        },
        "marker_lines": [prose.marker_line(marker, REFLECTION_LABELS[marker], _count(whole, marker, "sentences"),
                                           row["words"], row[f"{marker}_per_1k"]) for marker in MARKERS],
        "spread": prose.spread_sentence(row, _count(whole, "open_question", "turns_with")),
        "action_mix": describe.action_mix(framing_mix(sentences, actions), MIN_FLAGGED)
        if len(actions) and "action_framing" not in sections else "",
        "quiet": quiet_stretch(tables["turns"]),
        "invitations": list(tables.get("invitations", pd.DataFrame()).itertuples()),
        "actions": list(actions.itertuples()),
        "min_flagged": MIN_FLAGGED,
        "partners": partner_sentences(row, agencies, actions, MIN_FLAGGED, MIN_WORDS),
        "terms_by_agency": {agency: rows.sort_values("rank")["term"].head(WORDS_SHOWN).tolist()
                            for agency, rows in terms.groupby("agency")},
        "accuracy": prose.accuracy_sentence(classifier_about().get("real_talk", {})),
    }


def write_index(meetings: pd.DataFrame, links: dict[str, str], failures: list[str], path: Path, *,
                privacy: str = "", pages: list[str] = ()) -> Path:
    """Write the ``index.html`` that lists every meeting (with its metadata where the table has
    it) and links its report and the compare and trend ``pages``."""
    rows = [dict(row, link=links.get(row["meeting_id"]), figures=describe.index_figures(row, MIN_FLAGGED),
                 about=" · ".join(str(row[c]) for c in ("department", "partnership") if not prose.missing(row.get(c)) and row[c]))
            for row in meetings.to_dict("records")]
    html = _environment("html").get_template("index.html.j2").render(
        meetings=rows, failures=failures, version=__version__, privacy=privacy, notes=describe.index_notes(MIN_FLAGGED),
        columns=describe.INDEX_COLUMNS, pages=list(pages),
        dated=meetings["date"].fillna("").ne("").any() if "date" in meetings.columns else False,
    )
    return write_text(path, html)


def write_compare_page(table: pd.DataFrame, path: Path, *, by: str, measures: list[str], meetings: int,
                       slug: str, agencies: Iterable[str] = ()) -> Path:
    """Write ``compare-<slug>.html``: the groups' means and intervals, a small chart per measure
    and a table. ``agencies`` names the agencies whose share-of-words columns ``measures`` holds."""
    names = agency_names(agencies)
    measures = ordered_measures(measures)
    titles = {column: measure_name(column, names) for column in measures}
    with chart_style():
        charts = [_chart(f"compare-{slug}-{column}", plot_compare(table, by=by, column=column, min_meetings=MIN_MEETINGS).figure,
                         describe.compare_panel(table, by=by, column=column, name=titles[column], min_meetings=MIN_MEETINGS))
                  for column in measures]
    groups = table.to_dict("records")
    html = _environment("html").get_template("compare.html.j2").render(
        by=by, slug=slug, groups=groups, measures=measures, names=titles, meetings=meetings, charts=charts,
        small=[str(g[by]) for g in groups if g["too_small"]], min_meetings=MIN_MEETINGS, resamples=f"{RESAMPLES:,}",
        version=__version__)
    return write_text(path, html)


def write_trend_page(trend: pd.DataFrame, measures: pd.DataFrame, path: Path, *, by: str, every: str,
                     columns: list[str], sentences: list[str], undated: int, slug: str,
                     agencies: Iterable[str] = ()) -> Path:
    """Write ``trend-<slug>.html``: each measure over time per group (a small chart each, with the
    groups' key beside them), the change in words, the table. ``measures`` has one row per dated
    meeting, with its ``period``; ``agencies`` names the agencies whose share-of-words columns it holds."""
    names = agency_names(agencies)
    columns = ordered_measures(columns)
    titles = {column: measure_name(column, names) for column in columns}
    styles = group_styles(sorted(trend[by].unique()))
    with chart_style():
        charts = [_chart(f"trend-{slug}-{column}", plot_trend(measures, trend, by=by, column=column, styles=styles).figure,
                         describe.trend_panel(trend, by=by, column=column, name=titles[column], every=every))
                  for column in columns]
        key = _chart(f"trend-{slug}-key", plot_key(styles), describe.trend_key(styles)) if len(styles) > 1 else None
    html = _environment("html").get_template("trend.html.j2").render(
        by=by, slug=slug, every=every, rows=trend.to_dict("records"), measures=columns, names=titles,
        meetings=int(trend["meetings"].sum()), undated=undated, headline=[c for c in HEADLINE_MEASURES if c in columns],
        charts=charts, key=key, sentences=sentences, version=__version__)
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


def _count(whole: pd.DataFrame | None, marker: str, column: str) -> int:
    """A marker's count over the whole meeting (0 when the meeting has no markers table)."""
    return int(whole.loc[marker, column]) if whole is not None and marker in whole.index else 0


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _chart(name: str, figure: Figure, about: Description) -> Chart:
    """A drawn chart as a PNG named after it, with its size on the page and what it shows."""
    width, height = (round(size * CSS_PX_PER_INCH) for size in figure.get_size_inches())
    return Chart(f"{name}.png", _png(figure), width, height, about)
