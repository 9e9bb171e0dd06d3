"""What each chart and figure shows, in words and as a table: a chart's title and caption for the
page, alt text that gives its top figures, and the table of every figure it draws (for screen
readers, for copying, and for anyone who would rather read numbers than bars); and the notes
that explain each column of the index.

Each chart's function takes the same table as the chart it describes (``charts``, ``group_charts``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..tables import ALL_AGENCIES
from .prose import (
    MIN_RATE_WORDS, MISSING, dec, evenness, framing_share, listed, marker_name, measure_value, missing, more_attendees,
    pct, percent, person, plural, short_rate,
)
from .style import agency_label, largest_first, unknown_last

# How many of a chart's figures its alt text reads out.
TOP = 3
# A table of attendees lists this many, most words first, and counts the rest (speakers.csv has them all).
MAX_TABLE_ROWS = 100


@dataclass(frozen=True)
class Table:
    """A chart's figures: the first column names each row."""

    caption: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    numeric: tuple[bool, ...]
    # Under the table: the rows it leaves out, when there were too many to list.
    note: str = ""


@dataclass(frozen=True)
class Description:
    """A chart in words: its title and caption on the page, its alt text and the table of its figures."""

    title: str
    caption: str
    alt: str
    table: Table | None = None


def agency_shares(agencies: pd.DataFrame) -> Description:
    """The agency shares chart: each agency's share of words and of attendees."""
    frame = largest_first(agencies, "word_share")
    attendees = int(agencies["attendees"].sum())
    names = frame["agency"].map(agency_label)
    figures = [f"{a} {percent(w)} of the words from {n} of {attendees} attendees"
               for a, w, n in zip(names, frame["word_share"], frame["attendees"])]
    rows = [(a, f"{n} of {attendees}", percent(w), dec(v))
            for a, n, w, v in zip(names, frame["attendees"], frame["word_share"], frame["voice_ratio"])]
    return Description(
        "Share of words beside share of attendees",
        "Solid bars are each agency's share of the words, hatched bars its share of the people present: a solid "
        "bar longer than the hatched one means the agency was heard more than its numbers.",
        "Bar chart of each agency's share of the words beside its share of the attendees: " + _some(figures, "agency", "agencies"),
        Table("Each agency's share of the words and of the attendees", ("Agency", "Attendees", "Share of words", "Voice ratio"),
              rows, (False, True, True, True)))


def speaker_words(speakers: pd.DataFrame) -> Description:
    """The words-by-speaker chart."""
    frame = speakers.sort_values(["words", "speaker"], ascending=[False, True])
    spoke = frame[frame["words"] > 0]
    figures = [f"{person(s, a)} {w:,}" for s, a, w in zip(spoke["speaker"], spoke["agency"], spoke["words"])]
    silent = len(frame) - len(spoke)
    alt = f"Bar chart of the words spoken by each of the {plural(len(frame), 'attendee')}: " + _some(figures, "speaker", "speakers")
    if silent:
        alt += f" {plural(silent, 'attendee')} did not speak."
    shown = frame.head(MAX_TABLE_ROWS)
    rows = [(s, agency_label(a), f"{w:,}", percent(share)) for s, a, w, share in
            zip(shown["speaker"], shown["agency"], shown["words"], shown["word_share"])]
    return Description("Words by speaker", "Everyone present, most words at the top; a silent attendee's bar is empty.",
                       alt, Table("Words spoken by each attendee", ("Speaker", "Agency", "Words", "Share of words"),
                                  rows, (False, False, True, True), _left_out(frame)))


def timeline(turns: pd.DataFrame, speakers: pd.DataFrame) -> Description:
    """The who-spoke-when chart."""
    timed = turns["start_s"].notna().all()
    frame = speakers.sort_values(["turns", "speaker"], ascending=[False, True])
    figures = [f"{person(s, a)} {plural(t, 'turn')}" for s, a, t in zip(frame["speaker"], frame["agency"], frame["turns"]) if t]
    span = (f"over {plural(round(turns['end_s'].fillna(turns['start_s']).max() / 60), 'minute')}" if timed and len(turns)
            else f"in {plural(len(turns), 'turn')}")
    place = turns.assign(at=turns["start_s"] / 60 if timed else turns["turn"]).groupby("speaker")["at"]
    first, last = place.min(), place.max()
    rows = [(s, agency_label(a), str(t), _whole(first.get(s)), _whole(last.get(s)))
            for s, a, t in frame.head(MAX_TABLE_ROWS)[["speaker", "agency", "turns"]].itertuples(index=False)]
    unit = "minute" if timed else "turn"
    return Description(
        "Who spoke when", "Each bar is a turn; rows are attendees grouped by agency, colours as in every chart.",
        f"Timeline of turns by speaker {span}; most turns: " + _some(figures, "speaker", "speakers"),
        Table("Each attendee's turns", ("Speaker", "Agency", "Turns", f"First ({unit})", f"Last ({unit})"),
              rows, (False, False, True, True, True), _left_out(frame)))


def framing(agencies: pd.DataFrame) -> Description:
    """The framing chart: behaviour-based and ecological sentences per agency."""
    frame = largest_first(agencies.assign(flagged=agencies["behaviour"] + agencies["ecological"]), "flagged")
    frame = frame[frame["flagged"] > 0]
    figures = [f"{agency_label(a)} {e} ecological and {b} behaviour-based"
               for a, e, b in zip(frame["agency"], frame["ecological"], frame["behaviour"])]
    columns = ("behaviour_problem", "behaviour_response", "ecological_problem", "ecological_response")
    rows = [(agency_label(row["agency"]), *(str(row[c]) for c in columns)) for _, row in frame.iterrows()]
    return Description(
        "How each agency framed problems and responses",
        "Left of the line (purple): sentences about the young person's behaviour; right (green): sentences about the "
        "places, groups and conditions around them. Darker shades propose or report an action.",
        "Bar chart of flagged sentences per agency, behaviour-based to the left and ecological to the right: "
        + _some(figures, "agency", "agencies"),
        Table("Flagged sentences per agency", ("Agency", "Behaviour: problem", "Behaviour: response", "Ecological: problem",
                                              "Ecological: response"), rows, (False, True, True, True, True)))


def markers(markers_: pd.DataFrame, agencies: pd.DataFrame) -> Description:
    """The markers grid: each marker per 1,000 words per agency (counts below ``MIN_RATE_WORDS``)."""
    own = markers_[markers_["agency"] != ALL_AGENCIES].merge(agencies[["agency", "words"]], on="agency")
    names = list(dict.fromkeys(markers_["marker"]))
    rated = own[own["words"] >= MIN_RATE_WORDS].sort_values(["per_1k", "agency"], ascending=[False, True])
    figures = [f"{agency_label(a)} {marker_name(m)} {r:.1f} per 1,000 words" for a, m, r in
               zip(rated["agency"], rated["marker"], rated["per_1k"]) if r > 0]
    rows = []
    for agency in largest_first(agencies, "words")["agency"]:
        cells = own[own["agency"] == agency].set_index("marker")
        words = int(agencies.loc[agencies["agency"] == agency, "words"].iloc[0])
        rows.append((agency_label(agency), f"{words:,}", *(
            (str(int(cells.loc[m, "sentences"])) if words < MIN_RATE_WORDS else f"{cells.loc[m, 'per_1k']:.1f}")
            if m in cells.index else MISSING for m in names)))
    return Description(
        "Reflection markers per 1,000 words, by agency",
        f"How often each agency's talk carried each marker, per 1,000 of its words; darker is more. An agency with "
        f"fewer than {MIN_RATE_WORDS} words has its counts of sentences in brackets instead: a rate from so few words "
        "says little.",
        "Grid of reflection markers per 1,000 words for each agency; highest: " + _some(figures, "rate", "rates"),
        Table(f"Sentences with each marker per 1,000 words (counts for agencies under {MIN_RATE_WORDS} words)",
              ("Agency", "Words", *(marker_name(m).capitalize() for m in names)), rows, (False, True, *([True] * len(names)))))


def transitions(transitions_: pd.DataFrame) -> Description:
    """The who-speaks-after-whom grid."""
    frame = transitions_.groupby(["from_agency", "to_agency"], as_index=False)["count"].sum()
    frame = frame[frame["count"] > 0].sort_values(["count", "from_agency", "to_agency"], ascending=[False, True, True])
    pairs = list(zip(frame["from_agency"].map(agency_label), frame["to_agency"].map(agency_label), frame["count"]))
    figures = [f"{t} after {f} {plural(c, 'time')}" for f, t, c in pairs]
    return Description(
        "Who speaks after whom", "Read across a row: after that agency spoke, who came next and how often (turns).",
        "Grid of how often each agency spoke straight after each other agency; most often: " + _some(figures, "pair", "pairs"),
        Table("Changes of speaker from one agency to the next", ("Speaking", "Next to speak", "Times"),
              [(f, t, str(c)) for f, t, c in pairs],
              (False, False, True)))


def action_framing(mix: pd.DataFrame) -> Description:
    """The chart setting the framing of the discussion beside that of the agreed actions."""
    parts = []
    for part, behaviour, ecological in zip(mix["part"], mix["behaviour"], mix["ecological"]):
        flagged = behaviour + ecological
        parts.append((part, str(behaviour), str(ecological), percent(ecological / flagged) if flagged else MISSING))
    figures = [f"the {p} {s} ecological ({e} of {int(b) + int(e)} flagged sentences)" for p, b, e, s in parts]
    return Description(
        "Framing of the discussion and of the agreed actions",
        "Does the plan carry the framing of the talk? Each bar is the flagged sentences of that part, as shares; the "
        "counts are written on the bars.",
        "Bars comparing the framing of the discussion and of the agreed actions: " + listed(figures) + ".",
        Table("Flagged sentences in the discussion and in the agreed actions",
              ("Part", "Behaviour-based", "Ecological", "Ecological share"), parts, (False, True, True, True)))


def reflection_timeline(timeline_: pd.DataFrame, markers_: list[str]) -> Description:
    """The grid of markers across the meeting's parts."""
    unit = timeline_["unit"].iloc[0] if len(timeline_) else "tenth"
    start = "From (% of words)" if unit == "tenth" else "From (minute)"
    totals = timeline_[markers_].sum(axis=1)
    busiest = timeline_.loc[totals.idxmax()] if len(timeline_) and totals.max() else None
    where = "" if busiest is None else (
        f"; most in the part from {busiest['start']}{'% of the words' if unit == 'tenth' else ' minutes'} "
        f"({plural(int(totals.max()), 'sentence')})")
    rows = [(str(row["start"]), f"{row['words']:,}", *(str(int(row[m])) for m in markers_)) for _, row in timeline_.iterrows()]
    return Description(
        "Reflection markers across the meeting",
        "Sentences with each marker in each part of the meeting (tenths of the words spoken, or ten-minute parts for a "
        "timed meeting of 30 minutes or more): where people asked, wondered, reasoned and challenged.",
        f"Grid of reflection markers in each part of the meeting, {plural(int(totals.sum()), 'sentence')} in all{where}.",
        Table("Sentences with each marker in each part of the meeting", (start, "Words", *(marker_name(m).capitalize() for m in markers_)),
              rows, (True,) * (2 + len(markers_))))


def agency_terms(terms: pd.DataFrame, top: int) -> Description:
    """The panels of each agency's most distinctive words."""
    ranked = terms.sort_values(["agency", "rank"]).groupby("agency").head(top)
    agencies = unknown_last(ranked["agency"])
    figures = [f"{agency_label(a)}: {', '.join(ranked.loc[ranked['agency'] == a, 'term'].head(TOP))}" for a in agencies]
    rows = [(agency_label(a), t, str(c), str(o), f"{z:.1f}") for a in agencies for t, c, o, z in
            ranked.loc[ranked["agency"] == a, ["term", "count", "others_count", "z"]].itertuples(index=False)]
    return Description(
        "Each agency's most distinctive words",
        "One panel per agency: the longer the bar, the more that agency used the word compared with the rest of the "
        "meeting; a z-score above about 2 is unlikely to be chance.",
        "Bar charts of each agency's most distinctive words; " + "; ".join(figures) + ".",
        Table("Each agency's most distinctive words", ("Agency", "Word", "Its uses", "Everyone else's", "z-score"),
              rows, (False, False, True, True, True)))


def compare_panel(table: pd.DataFrame, *, by: str, column: str, name: str, min_meetings: int) -> Description:
    """One measure's panel of the compare page: each group's mean, with its interval when the
    group has ``min_meetings`` or more meetings."""
    rows, figures = [], []
    for _, group in table.iterrows():
        value = measure_value(group[column], column)
        small = group["meetings"] < min_meetings
        interval = MISSING if small or pd.isna(group[f"{column}_low"]) else (
            f"{measure_value(group[f'{column}_low'], column)}–{measure_value(group[f'{column}_high'], column)}")
        rows.append((str(group[by]), str(group["meetings"]), value, interval))
        figures.append(f"{group[by]} {value} ({plural(int(group['meetings']), 'meeting')}"
                       + (", too few to compare)" if small else f", 95% interval {interval})"))
    return Description(name, "", f"Dot chart, {name}: each {by}'s mean per meeting. " + listed(figures) + ".",
                       Table(f"{name}: mean per meeting by {by}", (by.capitalize(), "Meetings", "Mean", "95% interval"),
                             rows, (False, True, True, True)))


def trend_panel(trend: pd.DataFrame, *, by: str, column: str, name: str, every: str) -> Description:
    """One measure's panel of the trend page: each group's mean per period."""
    rows, figures = [], []
    for group, periods in trend.sort_values([by, "period"]).groupby(by, sort=False):
        known = periods.dropna(subset=[column])
        rows += [(str(group), p, str(m), measure_value(v, column)) for p, m, v in
                 zip(periods["period"], periods["meetings"], periods[column])]
        if len(known):
            first, last = known.iloc[0], known.iloc[-1]
            figures.append(f"{group} {measure_value(first[column], column)} in {first['period']}" + (
                "" if len(known) == 1 else f", {measure_value(last[column], column)} in {last['period']}"))
    return Description(name, "", f"Line chart, {name}: the mean per {every}. " + (listed(figures) if figures else "No values") + ".",
                       Table(f"{name}: mean per {every}", (by.capitalize(), every.capitalize(), "Meetings", "Mean"),
                             rows, (False, False, True, True)))


def trend_key(styles: dict[str, dict]) -> Description:
    """The key to the trend charts: each group's line."""
    lines = {"-": "solid", "--": "dashed", ":": "dotted", "-.": "dash-dot"}
    shapes = {"o": "circles", "s": "squares", "^": "triangles", "D": "diamonds", "v": "down triangles", "P": "pluses",
              "X": "crosses", "*": "stars"}
    return Description("Key", "", "Key to the charts: " + "; ".join(
        f"{group}, a {lines[style['linestyle']]} line with {shapes[style['marker']]}" for group, style in styles.items()) + ".")


def action_mix(mix: pd.DataFrame, min_flagged: int) -> str:
    """Why the agreed actions' framing is not set beside the discussion's as shares, with the counts."""
    parts = [f"the {part} had {plural(int(b), 'behaviour-based sentence')} and {int(e)} ecological"
             for part, b, e in zip(mix["part"], mix["behaviour"], mix["ecological"])]
    return (f"Too few flagged sentences to set the framing of the agreed actions beside the discussion's as shares "
            f"(it takes {min_flagged} in each): " + "; ".join(parts) + ".")


INDEX_COLUMNS = ("Words", "Minutes", "Spoke / present", "How evenly people spoke", "Chair's share of words",
                 "Flagged sentences", "Ecological share", "Open questions per 1,000 words",
                 "Admitted uncertainty per 1,000 words")


def index_figures(meeting: dict, min_flagged: int) -> list[tuple[str, str]]:
    """A meeting's headline figures for the index, each with its column (``INDEX_COLUMNS``): plain
    words first with the statistic beside them, and no share or rate from too little to go on."""
    flagged = meeting["behaviour"] + meeting["ecological"]
    gini = meeting["gini"]
    cells = (dec(meeting["words"], 0), dec(meeting["minutes"], 0), f"{meeting['speakers']} / {meeting['attendees']}",
             MISSING if missing(gini) else f"{evenness(gini)} (Gini {gini:.2f})", pct(meeting["chair_word_share"]),
             f"{flagged:,}", framing_share(meeting["behaviour"], meeting["ecological"], meeting["ecological_share"], min_flagged),
             short_rate(meeting["open_question_per_1k"], meeting["words"]),
             short_rate(meeting["uncertainty_per_1k"], meeting["words"]))
    return list(zip(INDEX_COLUMNS, cells))


def index_notes(min_flagged: int) -> list[tuple[str, str]]:
    """Each index column that holds a figure, and what the figure means."""
    return [
        ("Spoke / present", "people who said anything, of everyone present (roster attendees who never spoke "
                            "count as present)."),
        ("How evenly people spoke", "from fairly even (Gini under 0.3) through somewhat uneven and uneven to "
                                    "dominated by a few voices (0.7 and over). The Gini coefficient of the attendees' "
                                    "words is 0 when everyone spoke equally and 1 when one person did all the talking."),
        ("Chair's share of words", "the share of all words spoken by the attendee whose role is Chair (a dash when "
                                   "no chair is known)."),
        ("Flagged sentences", "sentences framing harm or its answer as behaviour-based (about the young person) or "
                              "ecological (about places, groups and conditions)."),
        ("Ecological share", f"ecological ÷ flagged sentences; a dash when fewer than {min_flagged} were flagged (the "
                             "count is beside it)."),
        ("Open questions, admitted uncertainty", f"sentences with the marker per 1,000 words; in a meeting of fewer "
                                                 f"than {MIN_RATE_WORDS} words, the count of sentences in brackets."),
    ]


def _some(figures: list[str], one: str, many: str) -> str:
    """The first ``TOP`` figures, and how many more there are."""
    shown = figures[:TOP]
    if not shown:
        return f"no {many}."
    rest = len(figures) - len(shown)
    return "; ".join(shown) + (f"; and {rest:,} more {one if rest == 1 else many}." if rest else ".")


def _left_out(attendees: pd.DataFrame) -> str:
    """Under a table of attendees cut at ``MAX_TABLE_ROWS``: how many it leaves out."""
    return more_attendees(len(attendees) - MAX_TABLE_ROWS) if len(attendees) > MAX_TABLE_ROWS else ""


def _whole(value) -> str:
    return MISSING if pd.isna(value) else f"{value:.0f}"

