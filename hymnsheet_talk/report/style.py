"""How every chart looks: its size on the page, its type, and the colours that mean one thing each.

Charts are drawn for the size they are shown at. A chart is ``CHART_WIDTH`` CSS pixels wide and
its text is ``TEXT_PX``: shown at that width on a wide screen, its text matches the page's body
text; on a 390 px phone the page narrows it by a few per cent, and its text is still no smaller
than the phone's body text (15 px; see ``templates/base.html.j2``). The PNG holds twice the
pixels, for sharp text on high-density screens.

Colours: each agency keeps one colour on every chart of every page (the usual partners always
the same one), each with at least 3:1 contrast on white; framing (purple for behaviour-based,
green for ecological) and the shaded grids use colours no agency has, so a colour never means two
things.
"""

from __future__ import annotations

import contextlib
import textwrap
import warnings
from typing import Iterable, Iterator

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from ..meeting import UNKNOWN_AGENCY

# CSS pixels: 1/96 inch. A chart is drawn this wide, with text this tall.
CSS_PX_PER_INCH = 96
CHART_WIDTH = 384
TEXT_PX = 16
DENSITY = 2
# Row heights in CSS pixels for bar charts: one line of label, and two.
ROW = 28
TWO_LINE_ROW = 44
# Characters per line of a wrapped label (an agency, a group, a marker).
LABEL_CHARACTERS = 16

STYLE = {
    "font.size": TEXT_PX * 72 / CSS_PX_PER_INCH,
    "axes.titlesize": "medium",
    "axes.labelsize": "medium",
    "xtick.labelsize": "medium",
    "ytick.labelsize": "medium",
    "legend.fontsize": "medium",
    "figure.titlesize": "medium",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "savefig.dpi": CSS_PX_PER_INCH * DENSITY,
    "savefig.pad_inches": 0,
    "legend.frameon": False,
    "legend.handlelength": 1.5,
    "legend.columnspacing": 1.0,
    # Constrained layout keeps every label inside the figure at this fixed size.
    "figure.constrained_layout.h_pad": 4 / 72,
    "figure.constrained_layout.w_pad": 4 / 72,
    # Names, agencies and groups are the transcript's and the manifest's text: "$5 fund" or "Jo $"
    # must print as written, never be parsed (and fail) as mathtext or LaTeX, whatever the
    # user's own matplotlibrc says.
    "text.parse_math": False,
    "text.usetex": False,
}

# Agencies: Okabe & Ito's blue and vermilion, the rest chosen for at least 3:1 contrast on white
# and away from the framing colours' purple and green.
PALETTE = (
    "#0072B2", "#D55E00", "#00829B", "#A6761D", "#CC3377", "#5E6A8C", "#8C510A",
    "#27408B", "#A51C30", "#7D6B5D",
)
UNKNOWN_COLOUR = "#767676"
NO_AGENCY = "No agency"

# The usual partners keep the same colour in every meeting and every run.
USUAL_AGENCIES = (
    ("police", "#0072B2"),
    ("social care", "#D55E00"),
    ("education", "#00829B"),
    ("school", "#00829B"),
    ("youth", "#A6761D"),
    ("community safety", "#CC3377"),
    ("health", "#5E6A8C"),
    ("housing", "#8C510A"),
)

# Framing: ColorBrewer's purple-green pair, colour-blind safe and used by no agency; the darker
# shade is a response, the lighter a problem.
FRAMING_COLOURS = {
    "behaviour_problem": "#C2A5CF", "behaviour_response": "#762A83",
    "ecological_problem": "#A6DBA0", "ecological_response": "#1B7837",
}
# Grids of counts and rates (markers, transitions): shades of grey, a scale no agency uses, with
# the darkest cells kept light enough to read a number on.
GRID_COLOURS = "Greys"
GRID_DARKEST = 0.75
# Compare and trend: groups of meetings are not agencies, so they are told apart by a neutral
# ink and the shape of their dots and lines.
GROUP_INK = ("#1A1A1A", "#5C5C5C")
GROUP_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
GROUP_LINES = ("-", "--", ":", "-.")
NOT_COMPARED = "#9E9E9E"


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """The house style for every chart the report draws."""
    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        # A name in a script the chart font lacks (Chinese, say) draws as boxes in the chart; the
        # tables and the report's text have it right, so the warning per letter is only noise.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def sized_figure(height_px: float, *, width_px: float = CHART_WIDTH) -> Figure:
    """An empty figure of the given size in CSS pixels, laid out so that its labels fit."""
    return Figure(figsize=(width_px / CSS_PX_PER_INCH, height_px / CSS_PX_PER_INCH), layout="constrained")


def wrap(label: str, width: int = LABEL_CHARACTERS) -> str:
    """A label broken into lines of about ``width`` characters (never cut short)."""
    return "\n".join(textwrap.wrap(str(label), width, break_long_words=False, break_on_hyphens=False)) or str(label)


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


def agency_label(agency: str) -> str:
    """An agency as a chart names it: speakers with no agency are "No agency", never an agency called ``Unknown``."""
    return NO_AGENCY if agency == UNKNOWN_AGENCY else agency


def largest_first(agencies: pd.DataFrame, by: str) -> pd.DataFrame:
    """Agencies' rows with the largest ``by`` first and ``Unknown`` at the foot whatever its size."""
    return (agencies.assign(unknown=agencies["agency"] == UNKNOWN_AGENCY)
            .sort_values(["unknown", by, "agency"], ascending=[True, False, True]).reset_index(drop=True))


def unknown_last(agencies: Iterable[str]) -> list[str]:
    """Agencies in name order with ``Unknown`` (speakers with no agency) after the real ones."""
    return sorted(set(agencies), key=lambda agency: (agency == UNKNOWN_AGENCY, agency))
