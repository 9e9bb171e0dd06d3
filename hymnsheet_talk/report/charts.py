"""Charts of who speaks, how they frame and how they reflect: each takes a meeting's table first and returns the Axes it drew on.

Figures are built with ``matplotlib.figure.Figure`` (no pyplot state) at the size the page shows
them (``style``), so nothing here shows or saves a chart: the report layer does that. A chart's
title and caption are the page's text, not the picture's: they reflow with the page.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..tables import ALL_AGENCIES
from .prose import MIN_RATE_WORDS, marker_name, person
from .style import (
    CHART_WIDTH, FRAMING_COLOURS, GRID_COLOURS, GRID_DARKEST, ROW, TWO_LINE_ROW, UNKNOWN_COLOUR, agency_label,
    largest_first, sized_figure, unknown_last, wrap,
)

# Room in CSS pixels for what sits above and below the bars: the axis and a legend's rows.
AXIS_ROOM = 56
LEGEND_ROW = 26
# A timeline row: the speaker's name with their turns beneath it.
NAMED_ROW = 40
# A chart draws a row per attendee or agency up to this many; past it, those with the fewest words
# share one row ("9,961 more attendees, all silent"): a roster of thousands still draws in a moment.
MAX_ROWS = 40


def plot_agency_shares(agencies: pd.DataFrame, *, colours: dict[str, str], ax: Axes | None = None) -> Axes:
    """Share of words beside share of attendees for each agency (who is over- and under-heard),
    largest share of words at the top and ``Unknown`` at the foot.

    Solid bars are the share of words, hatched bars the share of attendees. Past ``MAX_ROWS``
    agencies, those with the fewest words share the last row.
    """
    frame = _with_others(agencies, "word_share", ["word_share", "headcount_share"],
                         lambda rest: {"agency": f"{len(rest):,} more agencies"},
                         order=lambda shown: largest_first(shown, "word_share"))
    ax = ax or _axes(len(frame) * TWO_LINE_ROW + AXIS_ROOM + LEGEND_ROW)
    rows = np.arange(len(frame))
    bar = 0.38
    face = [colours.get(a, UNKNOWN_COLOUR) for a in frame["agency"]]
    ax.barh(rows - bar / 2, frame["word_share"], height=bar, color=face, edgecolor="#333333", linewidth=0.6)
    ax.barh(rows + bar / 2, frame["headcount_share"], height=bar, color="white", edgecolor=face,
            hatch="///", linewidth=1.2)
    _agency_ticks(ax, frame["agency"])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlabel("share of the meeting")
    ax.figure.legend(handles=[Patch(facecolor="#777777", edgecolor="#333333", label="share of words"),
                              Patch(facecolor="white", edgecolor="#777777", hatch="///", label="of attendees")],
                     loc="outside lower center", ncol=2)
    return ax


def plot_speaker_words(speakers: pd.DataFrame, *, colours: dict[str, str], ax: Axes | None = None) -> Axes:
    """Words spoken by each attendee (most at the top), coloured by agency; silent attendees are
    marked. Past ``MAX_ROWS`` attendees, those with the fewest words share the last row."""
    frame = _with_others(speakers, "words", ["words"], lambda rest: {"speaker": _more_attendees(rest), "agency": ""},
                         order=lambda shown: shown.sort_values(["words", "speaker"], ascending=[False, True]))
    labels = [person(s, a, sep="\n") for s, a in zip(frame["speaker"], frame["agency"])]
    ax = ax or _axes(len(frame) * TWO_LINE_ROW + AXIS_ROOM)
    rows = np.arange(len(frame))
    ax.barh(rows, frame["words"], color=[colours.get(a, UNKNOWN_COLOUR) for a in frame["agency"]],
            edgecolor="#333333", linewidth=0.5)
    for row, words in zip(rows, frame["words"]):
        ax.annotate("silent" if words == 0 else f"{words:,}", (words, row), xytext=(3, 0),
                    textcoords="offset points", va="center")
    ax.set_yticks(rows, labels)
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(3, integer=True))
    ax.set_xlabel("words")
    ax.margins(x=0.3)
    return ax


def plot_timeline(turns: pd.DataFrame, speakers: pd.DataFrame, *, colours: dict[str, str],
                  ax: Axes | None = None) -> Axes:
    """Who held the floor when: one row per attendee (grouped by agency, ``Unknown`` last), a bar
    per turn.

    The x axis is minutes when every turn has a start time, otherwise turn order. Past ``MAX_ROWS``
    attendees, those with the fewest words share the last row.
    """
    agencies = unknown_last(speakers["agency"])
    shown = _with_others(speakers, "words", [], lambda rest: {"speaker": _more_attendees(rest), "agency": ""},
                         order=lambda kept: kept.assign(rank=kept["agency"].map(agencies.index))
                         .sort_values(["rank", "speaker"]))
    order = shown["speaker"].tolist()
    legend_rows = -(-len(agencies) // 2)
    ax = ax or _axes(len(order) * NAMED_ROW + AXIS_ROOM + legend_rows * LEGEND_ROW)
    if turns["start_s"].notna().all():
        left = turns["start_s"] / 60
        # A turn with no end stamp (the last one in Otter or stamped text) is drawn at an
        # ordinary speaking pace of 150 words a minute; the tables leave its seconds empty.
        end = turns["end_s"].fillna(turns["start_s"] + turns["words"] / 2.5)
        width = (end - turns["start_s"]).clip(lower=0) / 60
        ax.set_xlabel("minutes into the meeting")
    else:
        left = turns["turn"] - 1
        width = pd.Series(1, index=turns.index)
        ax.set_xlabel("turn (no times in this transcript)")
    # One collection of bars per row: a bar per turn as its own patch made a long meeting's
    # timeline the slowest chart to draw. Turns of attendees summarised away go to the last row.
    summarised = len(shown) < len(speakers)
    place = {name: index for index, name in enumerate(order)}
    rows = turns["speaker"].map(place).fillna(len(order) - 1 if summarised else -1).astype(int)
    bars = pd.DataFrame({"row": rows, "left": left, "width": width, "agency": turns["agency"]})
    for index, own in bars[bars["row"] >= 0].groupby("row"):
        ax.broken_barh(list(zip(own["left"], own["width"])), (index, 0.4),
                       facecolors=[colours.get(a, UNKNOWN_COLOUR) for a in own["agency"]])
    # Each name sits over its row of bars, so the bars get the chart's whole width on a phone.
    for index, name in enumerate(order):
        ax.text(0, index - 0.06, name, transform=ax.get_yaxis_transform(), va="bottom")
    ax.set_xlim(left=0)
    ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(len(order) - 0.5, -0.6)
    ax.figure.legend(handles=[Patch(color=colours.get(a, UNKNOWN_COLOUR), label=wrap(agency_label(a), 14)) for a in agencies],
                     loc="outside lower center", ncol=2)
    return ax


def plot_framing(agencies: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Behaviour-based and ecological sentences per agency, each split into problem and response.

    Behaviour counts run left of zero and ecological ones right, so each agency's lean shows at a
    glance; most flagged sentences at the top, ``Unknown`` at the foot.
    """
    frame = agencies.assign(flagged=agencies["behaviour"] + agencies["ecological"])
    frame = largest_first(frame[frame["flagged"] > 0], "flagged")
    ax = ax or _axes(len(frame) * TWO_LINE_ROW + AXIS_ROOM + 4 * LEGEND_ROW)
    rows = np.arange(len(frame))
    ax.barh(rows, -frame["behaviour_problem"], color=FRAMING_COLOURS["behaviour_problem"], label="behaviour: problem")
    ax.barh(rows, -frame["behaviour_response"], left=-frame["behaviour_problem"],
            color=FRAMING_COLOURS["behaviour_response"], label="behaviour: response")
    ax.barh(rows, frame["ecological_problem"], color=FRAMING_COLOURS["ecological_problem"], label="ecological: problem")
    ax.barh(rows, frame["ecological_response"], left=frame["ecological_problem"],
            color=FRAMING_COLOURS["ecological_response"], label="ecological: response")
    ax.axvline(0, color="#333333", linewidth=0.8)
    _agency_ticks(ax, frame["agency"])
    ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
    ax.xaxis.set_major_formatter(lambda value, _pos: f"{abs(value):.0f}")
    ax.set_xlabel("← behaviour | ecological →\n(sentences)")
    # One column: two labels of this length side by side are wider than the chart.
    ax.figure.legend(loc="outside lower center", ncol=1)
    return ax


def plot_markers(markers: pd.DataFrame, *, words: Mapping[str, int] | None = None, ax: Axes | None = None) -> Axes:
    """Each reflection marker per 1,000 words, agency by agency, as a shaded grid with the rates
    written in. An agency that said fewer than ``MIN_RATE_WORDS`` words (``words`` maps agency to
    words) gets its counts in brackets on white instead: a rate from a few words says little."""
    grid = markers[markers["agency"] != ALL_AGENCIES].pivot(index="agency", columns="marker", values="per_1k")
    counts = markers[markers["agency"] != ALL_AGENCIES].pivot(index="agency", columns="marker", values="sentences")
    order = unknown_last(grid.index)
    columns = list(dict.fromkeys(markers["marker"]))
    grid = grid.reindex(index=order, columns=columns).fillna(0)
    counts = counts.reindex(index=order, columns=columns).fillna(0)
    few = [words is not None and words.get(agency, 0) < MIN_RATE_WORDS for agency in order]
    text = [[f"({count:.0f})" if small else f"{rate:.0f}" for rate, count in zip(rates, numbers)]
            for small, rates, numbers in zip(few, grid.to_numpy(), counts.to_numpy())]
    shaded = grid.to_numpy(dtype=float).copy()
    shaded[np.array(few, dtype=bool)] = np.nan
    ax = ax or _axes(len(order) * TWO_LINE_ROW + 120)
    _grid(ax, shaded, text, rows=[wrap(agency_label(a)) for a in order], columns=[wrap(marker_name(m), 9) for m in columns])
    return ax


def plot_marker_timeline(timeline: pd.DataFrame, *, markers: list[str], ax: Axes | None = None) -> Axes:
    """Sentences with each marker (rows) in each part of the meeting (columns: tenths of its words,
    or ten-minute parts), as a shaded grid with the counts written in."""
    unit = timeline["unit"].iloc[0] if len(timeline) else "tenth"
    values = timeline[markers].to_numpy(dtype=float).T
    ax = ax or _axes(len(markers) * ROW + 96)
    _grid(ax, values, [[f"{v:.0f}" for v in row] for row in values], rows=[marker_name(m) for m in markers],
          columns=[str(start) for start in timeline["start"]], rotate=False)
    ax.set_xlabel("each part starts at this % of\nthe words spoken" if unit == "tenth" else "each part starts at this minute")
    ax.xaxis.set_label_position("top")
    return ax


def plot_transitions(transitions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Who speaks after whom: a grid of agency-to-agency transition counts, with the counts written in."""
    agencies = unknown_last(set(transitions["from_agency"]) | set(transitions["to_agency"]))
    grid = transitions.pivot_table(index="from_agency", columns="to_agency", values="count", aggfunc="sum",
                                   fill_value=0).reindex(index=agencies, columns=agencies, fill_value=0)
    values = grid.to_numpy(dtype=float)
    ax = ax or _axes(len(agencies) * ROW + 170)
    labels = [wrap(agency_label(a)) for a in agencies]
    _grid(ax, values, [[f"{v:.0f}" for v in row] for row in values], rows=labels, columns=labels)
    ax.set_xlabel("next to speak")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("speaking")
    return ax


def plot_action_framing(mix: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The framing mix of the discussion beside that of the agreed actions, as shares of the
    flagged sentences in each (counts written on the bars)."""
    ax = ax or _axes(2 * TWO_LINE_ROW + AXIS_ROOM + LEGEND_ROW)
    rows = list(range(len(mix)))
    flagged = (mix["behaviour"] + mix["ecological"]).replace(0, np.nan)
    left = np.zeros(len(mix))
    for side, colour in (("behaviour", FRAMING_COLOURS["behaviour_response"]),
                         ("ecological", FRAMING_COLOURS["ecological_response"])):
        share = (mix[side] / flagged).fillna(0).to_numpy()
        ax.barh(rows, share, left=left, color=colour, label=f"{side}-based" if side == "behaviour" else side)
        for row, (start, width, count) in enumerate(zip(left, share, mix[side])):
            if width > 0.1:
                ax.annotate(str(count), (start + width / 2, row), ha="center", va="center", color="white")
        left = left + share
    ax.set_yticks(rows, [wrap(part, 10) for part in mix["part"]])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the flagged sentences")
    ax.figure.legend(loc="outside lower center", ncol=2)
    return ax


def plot_agency_terms(terms: pd.DataFrame, *, colours: dict[str, str], top: int = 8,
                      figure: Figure | None = None) -> np.ndarray:
    """Each agency's ``top`` most distinctive terms as bars of their z-score, one panel per agency
    (in name order, ``Unknown`` last), one under another on a shared scale; returns the panels' Axes."""
    agencies = unknown_last(terms["agency"])
    shown = [min(top, int((terms["agency"] == agency).sum())) for agency in agencies]
    made = figure or sized_figure(sum(shown) * ROW * 0.85 + len(agencies) * 34 + 98)
    axes = made.subplots(len(agencies), 1, sharex=True, squeeze=False,
                         gridspec_kw={"height_ratios": [n + 1.2 for n in shown]})
    for ax, agency, count in zip(axes.flat, agencies, shown):
        rows = terms[terms["agency"] == agency].sort_values("rank").head(top)
        ax.barh(range(count), rows["z"], color=colours.get(agency, UNKNOWN_COLOUR), edgecolor="#333333", linewidth=0.5)
        ax.set_yticks(range(count), rows["term"])
        ax.set_ylim(count - 0.5, -0.5)
        ax.set_title(agency_label(agency))
    made.supxlabel(wrap("how much more the agency used the word (log-odds z-score)", 30))
    return axes


def _agency_ticks(ax: Axes, agencies: pd.Series) -> None:
    ax.set_yticks(range(len(agencies)), [wrap(agency_label(a)) for a in agencies])
    ax.set_ylim(len(agencies) - 0.5, -0.5)


def _grid(ax: Axes, values: np.ndarray, text: list[list[str]], *, rows: list[str], columns: list[str],
          rotate: bool = True) -> None:
    """A grid shaded by ``values`` (NaN cells left white) with ``text`` written in each cell."""
    top = np.nanmax(values) if np.isfinite(values).any() else 0
    ax.imshow(np.ma.masked_invalid(values), cmap=GRID_COLOURS, aspect="auto", vmin=0, vmax=(top or 1) / GRID_DARKEST)
    for (row, column), label in np.ndenumerate(np.array(text, dtype=object).reshape(values.shape)):
        value = values[row, column]
        dark = top and np.isfinite(value) and value > top * 0.6
        ax.annotate(label, (column, row), ha="center", va="center", color="white" if dark else "black")
    ax.set_xticks(range(len(columns)), columns, rotation=90 if rotate else 0)
    ax.set_yticks(range(len(rows)), rows)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)


def _axes(height_px: float) -> Axes:
    return sized_figure(max(120, height_px), width_px=CHART_WIDTH).subplots()


def _with_others(frame: pd.DataFrame, by: str, sums: list[str], others, *, order) -> pd.DataFrame:
    """``frame`` in the chart's ``order`` when it has at most ``MAX_ROWS`` rows; else its
    ``MAX_ROWS - 1`` rows with most ``by`` in that order and one last row for the rest: ``sums``
    columns summed, the other cells from ``others(rest)``."""
    if len(frame) <= MAX_ROWS:
        return order(frame)
    ranked = frame.sort_values(by, ascending=False, kind="stable")
    rest = ranked.iloc[MAX_ROWS - 1:]
    summary = pd.DataFrame([{column: rest[column].sum() for column in sums} | others(rest)])
    return pd.concat([order(ranked.iloc[:MAX_ROWS - 1]), summary], ignore_index=True)


def _more_attendees(rest: pd.DataFrame) -> str:
    return f"{len(rest):,} more attendees" + (", all silent" if rest["words"].sum() == 0 else "")
