"""Every sentence the reports and pages say, in plain words: the headline sentences a chair reads
first, the change over time, and what the outputs hide. Both report templates print these."""

from __future__ import annotations

import math

import pandas as pd

from ..meeting import UNKNOWN_AGENCY

# Bands for the participation Gini (0 = everyone equal, 1 = one voice).
EVENNESS = ((0.3, "fairly even"), (0.5, "somewhat uneven"), (0.7, "uneven"), (math.inf, "dominated by a few voices"))


def percent(share: float) -> str:
    """A share 0–1 as a whole percentage, keeping small non-zero shares visible ("<1%")."""
    if share > 0 and share < 0.005:
        return "<1%"
    return f"{share:.0%}"


def evenness(gini: float) -> str:
    """The words for a Gini value."""
    return next(label for limit, label in EVENNESS if gini < limit)


# The measures the plain-words summary speaks about, and how each is written.
HEADLINE_MEASURES = {
    "ecological_share": ("the ecological share of framed talk", percent),
    "gini": ("the participation Gini", lambda value: f"{value:.2f}"),
    "open_question_per_1k": ("open questions per 1,000 words", lambda value: f"{value:.1f}"),
    "uncertainty_per_1k": ("admitted uncertainty per 1,000 words", lambda value: f"{value:.1f}"),
    "challenge_per_1k": ("challenges per 1,000 words", lambda value: f"{value:.1f}"),
}


def participation_sentences(meeting: pd.Series, speakers: pd.DataFrame, agencies: pd.DataFrame) -> list[str]:
    """The headline sentences for one meeting, from its rows of the meetings, speakers and
    agencies tables."""
    sentences = []
    spoke = speakers[speakers["turns"] > 0].sort_values(["words", "speaker"], ascending=[False, True])
    silent = speakers[speakers["turns"] == 0].sort_values("speaker")
    length = f"{meeting['words']:,} words in {meeting['turns']} turns"
    if not pd.isna(meeting["minutes"]):
        length += f" over {meeting['minutes']:.0f} minutes"
    spoke_count = "all of them" if meeting["speakers"] == meeting["attendees"] else meeting["speakers"]
    sentences.append(
        f"{meeting['attendees']} people from {_agency_count(agencies)} were present "
        f"and {spoke_count} spoke: {length}."
    )
    top = spoke.iloc[0]
    sentences.append(
        f"{_who(top['speaker'], top['agency'])} spoke most: {top['words']:,} words, "
        f"{percent(top['word_share'])} of everything said."
    )
    if len(silent):
        people = [_who(s, a) for s, a in zip(silent["speaker"], silent["agency"])]
        names = people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
        verb = "was" if len(silent) == 1 else "were"
        sentences.append(f"{names} {verb} at the meeting but did not speak.")
    if len(spoke) > 1:
        least = spoke.iloc[-1]
        sentences.append(
            f"Of those who spoke, {_who(least['speaker'], least['agency'])} said least: "
            f"{least['words']:,} words ({percent(least['word_share'])})."
        )
    if len(agencies) > 1:
        loudest = agencies.sort_values(["word_share", "agency"], ascending=[False, True]).iloc[0]
        quietest = agencies.sort_values(["voice_ratio", "agency"]).iloc[0]
        sentences.append(
            f"{loudest['agency']} held the largest share of the talk: {percent(loudest['word_share'])} "
            f"of the words from {percent(loudest['headcount_share'])} of the attendees."
        )
        sentences.append(
            f"{quietest['agency']} was heard least for its numbers: {percent(quietest['word_share'])} "
            f"of the words from {percent(quietest['headcount_share'])} of the attendees."
        )
    if not pd.isna(meeting["gini"]):
        sentences.append(
            f"The talk was {evenness(meeting['gini'])} (Gini {meeting['gini']:.2f}, where 0 means "
            "everyone spoke equally and 1 means one person did all the talking)."
        )
    if not pd.isna(meeting["chair_word_share"]):
        sentences.append(
            f"The chair, {meeting['chair']}, spoke {percent(meeting['chair_word_share'])} of the words "
            f"and took {percent(meeting['chair_turn_share'])} of the turns."
        )
    return sentences


def _agency_count(agencies: pd.DataFrame) -> str:
    known = agencies[agencies["agency"] != UNKNOWN_AGENCY]
    text = f"{len(known)} {'agency' if len(known) == 1 else 'agencies'}"
    unknown = agencies.loc[agencies["agency"] == UNKNOWN_AGENCY, "attendees"].sum()
    if unknown:
        text += f" (and {unknown} with no agency)"
    return text


def _who(speaker: str, agency: str) -> str:
    """A person with their agency, once: a pseudonymised label already starts with it."""
    return speaker if speaker.startswith(agency) else f"{speaker} ({agency})"


def change_sentences(trend: pd.DataFrame, by: str) -> list[str]:
    """For each group, how the headline measures moved between its first and last periods."""
    sentences = []
    for group, rows in trend.groupby(by, sort=True):
        rows = rows.sort_values("period")
        first, last = rows.iloc[0], rows.iloc[-1]
        if len(rows) < 2:
            sentences.append(f"{group}: one period so far ({first['period']}), so no change to report yet.")
            continue
        moves = []
        for column, (name, written) in HEADLINE_MEASURES.items():
            if column in rows and not pd.isna(first[column]) and not pd.isna(last[column]):
                before, after = written(first[column]), written(last[column])
                verb = "stayed at" if before == after else "rose from" if last[column] > first[column] else "fell from"
                moves.append(f"{name} {verb} {before}" + ("" if before == after else f" to {after}"))
        span = (f"from {first['period']} ({_meetings(first)}) to {last['period']} ({_meetings(last)})")
        sentences.append(f"{group}, {span}: " + ("; ".join(moves) if moves else "no measure in both periods") + ".")
    return sentences


def _meetings(row: pd.Series) -> str:
    return f"{row['meetings']} meeting" + ("" if row["meetings"] == 1 else "s")


def privacy_note(pseudonymised: bool, redacted: int) -> str:
    """What the outputs hide, in a sentence for the top of each report ("" when nothing is hidden):
    whether speakers are pseudonymised, and how many further names were given to mask."""
    if not pseudonymised and not redacted:
        return ""
    parts = []
    if pseudonymised:
        parts.append("Pseudonymised: speakers appear as agency labels (Police 1, Education 2…) and the "
                     "attendees' names and roster aliases are replaced by [name] in quotes")
    if redacted:
        parts.append(f"{redacted} further name(s) given to mask are replaced by [name]")
    return ("; ".join(parts) + ". Other names, such as a young person's, are hidden only if they were "
            "listed to mask, and places, dates and details can still identify people: check before sharing.")
