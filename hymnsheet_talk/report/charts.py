"""Charts of who speaks, how they frame and how they reflect: each takes a meeting's table first and returns the Axes it drew on.

Figures are built with ``matplotlib.figure.Figure`` (no pyplot state), so nothing here shows or
saves a chart: the report layer does that.
"""

from __future__ import annotations

import contextlib
import warnings
from typing import Iterable, Iterator

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
import pandas as pd
from matplotlib.ticker import PercentFormatter

from ..meeting import UNKNOWN_AGENCY
from ..tables import ALL_AGENCIES

# Okabe & Ito's colour-blind-safe palette, then Paul Tol's muted scheme for larger meetings.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442",
    "#332288", "#44AA99", "#999933", "#882255", "#88CCEE", "#DDCC77", "#117733", "#AA4499",
)
UNKNOWN_COLOUR = "#9E9E9E"
# A chart draws a row per attendee or agency up to this many; past it, those with the fewest words
# share one row ("9,961 more attendees, all silent"): a roster of thousands still draws in a moment.
MAX_ROWS = 40

# The usual partners keep the same colour in every meeting and every run.
USUAL_AGENCIES = (
    ("police", "#0072B2"),
    ("social care", "#D55E00"),
    ("education", "#009E73"),
    ("school", "#009E73"),
    ("youth", "#E69F00"),
    ("community safety", "#CC79A7"),
    ("health", "#56B4E9"),
    ("housing", "#F0E442"),
)

STYLE = {
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "savefig.dpi": 120,
    # No "tight" bounding box: constrained layout already keeps every label inside the figure,
    # and trimming to the tight box meant drawing each chart twice.
    "savefig.pad_inches": 0.05,
    # Names, agencies and groups are the transcript's and the manifest's text: "$5 fund" or "Jo $"
    # must print as written, never be parsed (and fail) as mathtext or LaTeX, whatever the
    # user's own matplotlibrc says.
    "text.parse_math": False,
    "text.usetex": False,
}


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """The house style for every chart the report draws."""
    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        # A name in a script the chart font lacks (Chinese, say) draws as boxes in the chart; the
        # tables and the report's text have it right, so the warning per letter is only noise.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def agency_colours(agencies: Iterable[str]) -> dict[str, str]:
    """A colour per agency: fixed ones for the usual partners, the rest in sorted order."""
    colours: dict[str, str] = {}
    rest = []
    for agency in sorted(set(agencies)):
        usual = next((colour for key, colour in USUAL_AGENCIES if key in agency.lower()), None)
        if agency == UNKNOWN_AGENCY:
            colours[agency] = UNKNOWN_COLOUR
        elif usual and usual not in colours.values():
            colours[agency] = usual
        else:
            rest.append(agency)
    # Other agencies take the colours no usual partner owns before borrowing an unused one.
    usual_colours = {colour for _key, colour in USUAL_AGENCIES}
    spare = [c for c in PALETTE if c not in usual_colours] + [
        c for c in PALETTE if c in usual_colours and c not in colours.values()
    ]
    for index, agency in enumerate(rest):
        colours[agency] = spare[index % len(spare)]
    return colours


def plot_agency_shares(agencies: pd.DataFrame, *, colours: dict[str, str], ax: Axes | None = None) -> Axes:
    """Share of words beside share of attendees for each agency (who is over- and under-heard).

    Solid bars are the share of words, hatched bars the share of attendees. Past ``MAX_ROWS``
    agencies, those with the fewest words share one row.
    """
    frame = _with_others(agencies, "word_share", ["word_share", "headcount_share"],
                         lambda rest: {"agency": f"{len(rest):,} more agencies"},
                         order=lambda shown: shown.sort_values("word_share"), others_first=True)
    ax = ax or _axes(height=0.5 * len(frame) + 1.2)
    rows = range(len(frame))
    bar = 0.38
    face = [colours.get(a, UNKNOWN_COLOUR) for a in frame["agency"]]
    ax.barh([r + bar / 2 for r in rows], frame["word_share"], height=bar, color=face, edgecolor="#333333")
    ax.barh([r - bar / 2 for r in rows], frame["headcount_share"], height=bar, color="white", edgecolor=face,
            hatch="///", linewidth=1.2)
    ax.set_yticks(list(rows), frame["agency"])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel("share of the meeting")
    ax.set_title("Share of words (solid) and of attendees (hatched), by agency")
    ax.legend(handles=[Patch(facecolor="#777777", edgecolor="#333333", label="share of words"),
                       Patch(facecolor="white", edgecolor="#777777", hatch="///", label="share of attendees")],
              loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, frameon=False)
    return ax


def plot_speaker_words(speakers: pd.DataFrame, *, colours: dict[str, str], ax: Axes | None = None) -> Axes:
    """Words spoken by each attendee, coloured by agency; silent attendees are marked. Past
    ``MAX_ROWS`` attendees, those with the fewest words share one row."""
    frame = _with_others(speakers, "words", ["words"], lambda rest: {"speaker": _more_attendees(rest), "agency": ""},
                         order=lambda shown: shown.sort_values(["words", "speaker"], ascending=[True, False]),
                         others_first=True)
    ax = ax or _axes(height=0.3 * len(frame) + 1.2)
    labels = [f"{s} ({a})" if a else s for s, a in zip(frame["speaker"], frame["agency"])]
    rows = range(len(frame))
    ax.barh(list(rows), frame["words"], color=[colours.get(a, UNKNOWN_COLOUR) for a in frame["agency"]],
            edgecolor="#333333", linewidth=0.5)
    for row, words in zip(rows, frame["words"]):
        ax.annotate("silent" if words == 0 else f"{words:,}", (words, row), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(list(rows), labels)
    ax.set_xlabel("words")
    ax.set_title("Words by speaker")
    ax.margins(x=0.12)
    return ax


def plot_timeline(turns: pd.DataFrame, speakers: pd.DataFrame, *, colours: dict[str, str],
                  ax: Axes | None = None) -> Axes:
    """Who held the floor when: one row per attendee, a bar per turn.

    The x axis is minutes when every turn has a start time, otherwise turn order. Past ``MAX_ROWS``
    attendees, those with the fewest words share the last row.
    """
    shown = _with_others(speakers, "words", [], lambda rest: {"speaker": _more_attendees(rest), "agency": ""},
                         order=lambda kept: kept.sort_values(["agency", "speaker"]), others_first=False)
    summarised = len(shown) < len(speakers)
    order = shown["speaker"].tolist()
    ax = ax or _axes(height=0.3 * len(order) + 1.4, width=9)
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
        ax.set_xlabel("turn (no timestamps in this transcript)")
    # One collection of bars per row: a bar per turn as its own patch made a long meeting's
    # timeline the slowest chart to draw. Turns of attendees summarised away go to the last row.
    place = {name: index for index, name in enumerate(order)}
    rows = turns["speaker"].map(place).fillna(len(order) - 1 if summarised else -1).astype(int)
    bars = pd.DataFrame({"row": rows, "left": left, "width": width, "agency": turns["agency"]})
    for index, own in bars[bars["row"] >= 0].groupby("row"):
        ax.broken_barh(list(zip(own["left"], own["width"])), (index - 0.35, 0.7),
                       facecolors=[colours.get(a, UNKNOWN_COLOUR) for a in own["agency"]])
    ax.set_xlim(left=0)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.invert_yaxis()
    ax.set_title("Who spoke when")
    agencies = sorted((set(shown["agency"]) | set(turns["agency"])) - {""})
    ax.legend(handles=[Patch(color=colours.get(a, UNKNOWN_COLOUR), label=a) for a in agencies],
              loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=min(4, len(agencies)), frameon=False)
    return ax


# Framing colours: blue for behaviour-based, orange for ecological (Okabe–Ito), darker for responses.
FRAMING_COLOURS = {
    "behaviour_problem": "#8DB8DE", "behaviour_response": "#0072B2",
    "ecological_problem": "#F3B27F", "ecological_response": "#D55E00",
}


def plot_framing(agencies: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Behaviour-based and ecological sentences per agency, each split into problem and response.

    Behaviour counts run left of zero and ecological ones right, so each agency's lean shows at a glance.
    """
    frame = agencies.assign(flagged=agencies["behaviour"] + agencies["ecological"])
    frame = frame[frame["flagged"] > 0].sort_values(["flagged", "agency"])
    ax = ax or _axes(height=0.45 * len(frame) + 1.6)
    rows = list(range(len(frame)))
    left = -frame["behaviour_problem"]
    ax.barh(rows, -frame["behaviour_problem"], color=FRAMING_COLOURS["behaviour_problem"], label="behaviour: problem")
    ax.barh(rows, -frame["behaviour_response"], left=left, color=FRAMING_COLOURS["behaviour_response"],
            label="behaviour: response")
    ax.barh(rows, frame["ecological_problem"], color=FRAMING_COLOURS["ecological_problem"], label="ecological: problem")
    ax.barh(rows, frame["ecological_response"], left=frame["ecological_problem"],
            color=FRAMING_COLOURS["ecological_response"], label="ecological: response")
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(rows, frame["agency"])
    ax.xaxis.set_major_formatter(lambda value, _pos: f"{abs(value):.0f}")
    ax.set_xlabel("sentences  (← behaviour-based | ecological →)")
    ax.set_title("How each agency framed problems and responses")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False)
    return ax


def plot_markers(markers: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Each reflection marker per 1,000 words, agency by agency, as a shaded grid with the rates written in."""
    grid = markers[markers["agency"] != ALL_AGENCIES].pivot(index="agency", columns="marker", values="per_1k")
    grid = grid.reindex(columns=list(dict.fromkeys(markers["marker"]))).fillna(0)
    ax = ax or _axes(height=0.42 * len(grid) + 1.8, width=8)
    _grid(ax, grid.rename(columns=lambda name: name.replace("_", " ")), cmap="Greens")
    ax.set_title("Reflection markers per 1,000 words, by agency")
    return ax


def plot_marker_timeline(timeline: pd.DataFrame, *, markers: list[str], ax: Axes | None = None) -> Axes:
    """Markers in each part of the meeting (tenths of its words, or ten-minute parts), stacked."""
    ax = ax or _axes(height=3.2, width=8)
    bottom = np.zeros(len(timeline))
    for colour, marker in zip(PALETTE, markers):
        ax.bar(timeline["part"], timeline[marker], bottom=bottom, color=colour, label=marker.replace("_", " "))
        bottom += timeline[marker].to_numpy()
    unit = timeline["unit"].iloc[0] if len(timeline) else "tenth"
    ax.set_xticks(timeline["part"], [f"{start}{'%' if unit == 'tenth' else ' min'}" for start in timeline["start"]])
    ax.set_xlabel("part of the meeting (by share of words spoken)" if unit == "tenth" else "minutes into the meeting")
    ax.set_ylabel("sentences")
    ax.set_title("Reflection markers across the meeting")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=4, frameon=False)
    return ax


def plot_transitions(transitions: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Who speaks after whom: a grid of agency-to-agency transition counts, with the counts written in."""
    agencies = sorted(set(transitions["from_agency"]) | set(transitions["to_agency"]))
    grid = transitions.pivot_table(index="from_agency", columns="to_agency", values="count", aggfunc="sum",
                                   fill_value=0).reindex(index=agencies, columns=agencies, fill_value=0)
    ax = ax or _axes(height=0.42 * len(agencies) + 2.2, width=8)
    _grid(ax, grid, cmap="Blues")
    ax.set_xlabel("next to speak")
    ax.set_ylabel("speaking")
    ax.set_title("Who speaks after whom (turns, by agency)")
    return ax


def plot_action_framing(mix: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The framing mix of the discussion beside that of the agreed actions, as shares of the
    flagged sentences in each (counts written on the bars)."""
    ax = ax or _axes(height=2.2, width=7)
    rows = list(range(len(mix)))
    flagged = (mix["behaviour"] + mix["ecological"]).replace(0, np.nan)
    left = np.zeros(len(mix))
    for side, colour in (("behaviour", FRAMING_COLOURS["behaviour_response"]),
                         ("ecological", FRAMING_COLOURS["ecological_response"])):
        share = (mix[side] / flagged).fillna(0).to_numpy()
        ax.barh(rows, share, left=left, color=colour, label=side)
        for row, (start, width, count) in enumerate(zip(left, share, mix[side])):
            if width > 0.08:
                ax.annotate(str(count), (start + width / 2, row), ha="center", va="center", color="white", fontsize=8)
        left = left + share
    ax.set_yticks(rows, mix["part"])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlim(0, 1)
    ax.set_title("Framing of the discussion and of the agreed actions")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)
    return ax


def _grid(ax: Axes, grid: pd.DataFrame, *, cmap: str) -> None:
    """A shaded grid of ``grid``'s values with each value written in (white on the dark cells)."""
    values = grid.to_numpy(dtype=float)
    ax.imshow(values, cmap=cmap, aspect="auto", vmin=0)
    dark = values.max() * 0.6 if values.size else 0
    for (row, column), value in np.ndenumerate(values):
        ax.annotate(f"{value:.0f}", (column, row), ha="center", va="center", fontsize=8,
                    color="white" if dark and value > dark else "black")
    ax.set_xticks(range(grid.shape[1]), list(grid.columns), rotation=30, ha="right")
    ax.set_yticks(range(grid.shape[0]), list(grid.index))
    ax.spines[:].set_visible(False)


def _with_others(frame: pd.DataFrame, by: str, sums: list[str], others, *, order, others_first: bool) -> pd.DataFrame:
    """``frame`` in the chart's ``order`` when it has at most ``MAX_ROWS`` rows; else its
    ``MAX_ROWS - 1`` rows with most ``by`` in that order, and one row for the rest (first or last):
    ``sums`` columns summed, the other cells from ``others(rest)``."""
    if len(frame) <= MAX_ROWS:
        return order(frame)
    ranked = frame.sort_values(by, ascending=False, kind="stable")
    rest = ranked.iloc[MAX_ROWS - 1:]
    summary = pd.DataFrame([{column: rest[column].sum() for column in sums} | others(rest)])
    kept = order(ranked.iloc[:MAX_ROWS - 1])
    return pd.concat([summary, kept] if others_first else [kept, summary], ignore_index=True)


def _more_attendees(rest: pd.DataFrame) -> str:
    return f"{len(rest):,} more attendees" + (", all silent" if rest["words"].sum() == 0 else "")


def _axes(*, height: float, width: float = 7) -> Axes:
    figure = Figure(figsize=(width, max(2.0, height)), layout="constrained")
    return figure.subplots()


def plot_agency_terms(terms: pd.DataFrame, *, colours: dict[str, str], top: int = 8, columns: int = 3,
                      figure: Figure | None = None) -> np.ndarray:
    """Each agency's ``top`` most distinctive terms as bars of their z-score, one small panel per
    agency (in name order) on a shared scale; returns the panels' Axes."""
    agencies = sorted(set(terms["agency"]))
    across = max(1, min(columns, len(agencies)))
    down = max(1, -(-len(agencies) // across))
    figure = figure or Figure(figsize=(9, down * (0.2 * top + 0.9)), layout="constrained")
    axes = figure.subplots(down, across, sharex=True, squeeze=False)
    for ax, agency in zip(axes.flat, agencies):
        rows = terms[terms["agency"] == agency].sort_values("rank").head(top)
        ax.barh(range(len(rows)), rows["z"], color=colours.get(agency, UNKNOWN_COLOUR), edgecolor="#333333", linewidth=0.5)
        ax.set_yticks(range(len(rows)), rows["term"])
        ax.set_ylim(top - 0.5, -0.5)
        ax.set_title(agency)
    for ax in axes.flat[len(agencies):]:
        ax.set_visible(False)
    figure.supxlabel("how much more the agency used the word than the rest of the meeting (log-odds z-score)")
    return axes
