"""Charts of who speaks: each takes a meeting's table first and returns the Axes it drew on.

Figures are built with ``matplotlib.figure.Figure`` (no pyplot state), so nothing here shows or
saves a chart: the report layer does that.
"""

from __future__ import annotations

import contextlib
from typing import Iterable, Iterator

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter
import pandas as pd

from .model import UNKNOWN_AGENCY

# Okabe & Ito's colour-blind-safe palette, then Paul Tol's muted scheme for larger meetings.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442",
    "#332288", "#44AA99", "#999933", "#882255", "#88CCEE", "#DDCC77", "#117733", "#AA4499",
)
UNKNOWN_COLOUR = "#9E9E9E"

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
    "savefig.bbox": "tight",
}


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """The house style for every chart the report draws."""
    with matplotlib.rc_context(STYLE):
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

    Solid bars are the share of words, hatched bars the share of attendees.
    """
    ax = ax or _axes(height=0.5 * len(agencies) + 1.2)
    frame = agencies.sort_values("word_share")
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
    """Words spoken by each attendee, coloured by agency; silent attendees are marked."""
    ax = ax or _axes(height=0.3 * len(speakers) + 1.2)
    frame = speakers.sort_values(["words", "speaker"], ascending=[True, False])
    labels = [f"{s} ({a})" for s, a in zip(frame["speaker"], frame["agency"])]
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

    The x axis is minutes when every turn has a start time, otherwise turn order.
    """
    order = speakers.sort_values(["agency", "speaker"])["speaker"].tolist()
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
    row = {name: index for index, name in enumerate(order)}
    ax.barh(turns["speaker"].map(row), width, left=left, height=0.7,
            color=[colours.get(a, UNKNOWN_COLOUR) for a in turns["agency"]])
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.invert_yaxis()
    ax.set_title("Who spoke when")
    agencies = sorted(set(speakers["agency"]))
    ax.legend(handles=[Patch(color=colours.get(a, UNKNOWN_COLOUR), label=a) for a in agencies],
              loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=min(4, len(agencies)), frameon=False)
    return ax


def _axes(*, height: float, width: float = 7) -> Axes:
    figure = Figure(figsize=(width, max(2.0, height)), layout="constrained")
    return figure.subplots()
