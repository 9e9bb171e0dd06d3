"""Every sentence the reports and pages say, in plain words: the headline sentences a chair reads
first, the notes that explain each section, the change over time and what the outputs hide.

The HTML and Markdown templates print these, so the two reports say the same things. A sentence
that needs emphasis comes as pieces, ``(text, style)`` with style ``""``, ``"strong"`` or ``"code"``;
each template renders the styles its own way.
"""

from __future__ import annotations

import math
import re
from typing import Callable

import pandas as pd

from ..meeting import UNKNOWN_AGENCY

# Bands for the participation Gini (0 = everyone equal, 1 = one voice).
EVENNESS = ((0.3, "fairly even"), (0.5, "somewhat uneven"), (0.7, "uneven"), (math.inf, "dominated by a few voices"))


Piece = tuple[str, str]
MISSING = "–"
# Below these a rate or share says little: the count is given instead (docs/methods.md).
MIN_RATE_WORDS = 200
MIN_SHARE_COUNT = 5
_UNNAMED = re.compile(r"^(?:unknown|unidentified|unnamed)?\s*(?:speaker|participant|guest|attendee)?\s*\d*$", re.IGNORECASE)
# The headline names this many silent attendees at most, and counts the rest.
MAX_NAMED = 10


def missing(value) -> bool:
    """No value to print: None or NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def percent(share: float) -> str:
    """A share 0–1 as a whole percentage, keeping small non-zero shares visible ("<1%")."""
    if share > 0 and share < 0.005:
        return "<1%"
    return f"{share:.0%}"


def pct(share) -> str:
    """``percent``, or a dash when there is no share."""
    return MISSING if missing(share) else percent(share)


def dec(value, places: int = 2) -> str:
    """A number to ``places`` decimals with thousands separators, or a dash when there is none."""
    return MISSING if missing(value) else f"{value:,.{places}f}"


def measure_value(value, column: str) -> str:
    """A measure's value as the compare and trend tables print it: shares as percentages, the Gini,
    vocabulary divergence and framing spread to two places, rates to one."""
    if missing(value):
        return MISSING
    if "share" in column:
        return percent(value)
    return f"{value:.2f}" if column in ("gini", "vocabulary_divergence", "framing_spread") else f"{value:.1f}"


def evenness(gini: float) -> str:
    """The words for a Gini value."""
    return next(label for limit, label in EVENNESS if gini < limit)


# The measures the plain-words summary speaks about, and how each is written.
HEADLINE_MEASURES = {
    "ecological_share": ("the ecological share of framed talk", percent),
    "gini": ("how unevenly people spoke (Gini)", lambda value: f"{value:.2f}"),
    "open_question_per_1k": ("open questions per 1,000 words", lambda value: f"{value:.1f}"),
    "uncertainty_per_1k": ("admitted uncertainty per 1,000 words", lambda value: f"{value:.1f}"),
    "challenge_per_1k": ("challenges per 1,000 words", lambda value: f"{value:.1f}"),
}


def participation_sentences(meeting: pd.Series, speakers: pd.DataFrame, agencies: pd.DataFrame, *,
                            roster_matched: bool = True, label: Callable[[str], str] = str) -> list[str]:
    """The headline sentences for one meeting, from its rows of the meetings, speakers and
    agencies tables. Without ``roster_matched`` (the roster fits few of the speakers), nobody is
    said to have been present but silent, nor is a silent chair given a share of nothing: the
    roster's attendees may simply be under other labels. A generic label (``Unknown Speaker``,
    ``Speaker 3``) is never named as who said least, and speakers with no agency are not an agency.
    Every name and agency goes through ``label`` (the Markdown report escapes them there, so a
    label's markup shows as written)."""
    sentences = []
    spoke = speakers[speakers["turns"] > 0].sort_values(["words", "speaker"], ascending=[False, True])
    silent = speakers[speakers["turns"] == 0].sort_values("speaker")
    length = f"{plural(meeting['words'], 'word')} in {plural(meeting['turns'], 'turn')}"
    if not pd.isna(meeting["minutes"]):
        length += f" over {plural(round(meeting['minutes']), 'minute')}"
    spoke_count = "all of them" if meeting["speakers"] == meeting["attendees"] else meeting["speakers"]
    sentences.append(f"{_people(meeting['attendees'], agencies)} {were(meeting['attendees'])} present and "
                     f"{spoke_count} spoke: {length}.")
    top = spoke.iloc[0]
    sentences.append(f"{person(top['speaker'], top['agency'], label=label)} spoke most: "
                     f"{plural(top['words'], 'word')}, {percent(top['word_share'])} of everything said.")
    if len(silent) and roster_matched:
        sentences.append(_silent_sentence(silent, label))
    named = spoke.iloc[1:][[not unnamed(name) for name in spoke["speaker"].iloc[1:]]]
    if len(named):
        least = named.iloc[-1]
        sentences.append(f"Of those who spoke, {person(least['speaker'], least['agency'], label=label)} said least: "
                         f"{plural(least['words'], 'word')} ({percent(least['word_share'])}).")
    known = agencies[agencies["agency"] != UNKNOWN_AGENCY]
    if len(known) > 1:
        loudest = known.sort_values(["word_share", "agency"], ascending=[False, True]).iloc[0]
        quietest = known.sort_values(["voice_ratio", "agency"]).iloc[0]
        attendees = meeting["attendees"]
        sentences.append(f"{label(loudest['agency'])} held the largest share of the talk: "
                         f"{percent(loudest['word_share'])} of the words from {loudest['attendees']} of "
                         f"{plural(attendees, 'attendee')}.")
        sentences.append(f"{label(quietest['agency'])} was heard least for its numbers: "
                         f"{percent(quietest['word_share'])} of the words from {quietest['attendees']} of "
                         f"{plural(attendees, 'attendee')}.")
    if not pd.isna(meeting["gini"]):
        sentences.append(f"The talk was {evenness(meeting['gini'])} (Gini {meeting['gini']:.2f}, where 0 means "
                         "everyone spoke equally and 1 means one person did all the talking).")
    if not pd.isna(meeting["chair_word_share"]) and (roster_matched or meeting["chair_word_share"] > 0):
        sentences.append(f"The chair, {label(meeting['chair'])}, spoke {percent(meeting['chair_word_share'])} of "
                         f"the words and took {percent(meeting['chair_turn_share'])} of the turns.")
    return sentences


def _silent_sentence(silent: pd.DataFrame, label: Callable[[str], str]) -> str:
    people = [person(s, a, label=label) for s, a in zip(silent["speaker"], silent["agency"])]
    if len(people) > MAX_NAMED:
        people = people[:MAX_NAMED - 1] + [f"{len(people) - MAX_NAMED + 1:,} others"]
    return f"{listed(people)} {were(len(silent))} at the meeting but did not speak."


def _people(count: int, agencies: pd.DataFrame) -> str:
    """"10 people from 7 agencies (and 2 with no agency)", "3 people with no agency"."""
    known = int((agencies["agency"] != UNKNOWN_AGENCY).sum())
    unknown = int(agencies.loc[agencies["agency"] == UNKNOWN_AGENCY, "attendees"].sum())
    people = plural(count, "person", "people")
    if not known:
        return f"{people} with no agency"
    text = f"{people} from {plural(known, 'agency', 'agencies')}"
    return text + (f" (and {unknown} with no agency)" if unknown else "")


def person(speaker: str, agency: str, *, sep: str = " ", label: Callable[[str], str] = str) -> str:
    """A person with their agency, once: a pseudonymised label already starts with it; a speaker
    with no agency is said to have none, not to be from one called ``Unknown``. Both go through
    ``label`` (the Markdown report escapes them)."""
    if speaker.startswith(agency):
        return label(speaker)
    return f"{label(speaker)}{sep}({'no agency' if agency == UNKNOWN_AGENCY else label(agency)})"


def unnamed(speaker: str) -> bool:
    """A transcription service's label for someone it could not name (``Unknown Speaker``, ``Speaker 3``)."""
    return bool(_UNNAMED.match(speaker.strip()))


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and its noun, singular or plural: "1 interruption", "3 interruptions"."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def were(count: int) -> str:
    return "was" if count == 1 else "were"


def listed(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
    return plural(int(row["meetings"]), "meeting")


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
        parts.append(f"{plural(redacted, 'further name')} given to mask {were(redacted)} replaced by [name]")
    return ("; ".join(parts) + ". Other names, such as a young person's, are hidden only if they were "
            "listed to mask, and places, dates and details can still identify people: check before sharing.")


# The meeting report, section by section. ``meeting`` is the meeting's row of the meetings table.
FRAMING_NAMES = {"behaviour": "behaviour-based", "ecological": "ecological"}
VOICE_RATIO_NOTE = ("Voice ratio is an agency's share of the words divided by its share of the people present: above "
                    "1 it was heard more than its numbers, below 1 less.")
FRAMING_INTRO: list[Piece] = [
    ("Behaviour-based", "strong"),
    (" talk explains harm by the young person's choices, attitude or conduct, and answers it by changing them: "
     "courses, contracts, warnings, sanctions. ", ""),
    ("Ecological", "strong"),
    (" talk explains harm by the places, groups and conditions around them (the unlit underpass, the adults waiting "
     "outside, the closed youth club) and answers it by changing those. Each sentence is flagged from the words in "
     "it, never from who said it; the marked words below are the ones that decided.", ""),
]
ACTIONS_NOTE = ('Found from the words ("Action for…", "Jo will…", "I\'ll…", a request answered with yes): a pointer '
                'to check against the minutes, not a record. "Proposed by" is the agency of an earlier proposal that '
                'shares several words with the action.')
NO_ACTIONS = "No agreed actions were found in the transcript."
INTERRUPTIONS_NOTE = ('An interruption is a turn that starts before the previous one ends (not a short "yeah" or '
                      '"mm") and stops that speaker, or that follows a line the transcript marks as cut off (—, '
                      '[interrupted]). How transcripts mark this varies: read the counts as a prompt to look.')
TRANSCRIPT_NOTE: list[Piece] = [("Included on request (", ""), ("--include-transcript", "code"),
                                 ("): handle this report as you would the transcript itself.", "")]
ALL_ATTRIBUTED = "Every line was given to a speaker and every speaker has an agency."
ROSTER_MISMATCH = "The roster does not fit this transcript: check it before reading the figures below."


def footer(version: str) -> str:
    return (f"Made by hymnsheet_talk {version} on this computer; nothing was sent anywhere. Figures describe how "
            "the meeting talked, not the worth of anyone in it.")


def title(meeting: pd.Series) -> str:
    """The meeting's title, or one made from its file name when the manifest gives none:
    ``2025-03-11_eastfield_school_gate.txt`` → "Eastfield school gate" (its date is shown beside it)."""
    given, date = (meeting.get(column) for column in ("title", "date"))
    if not missing(given) and given:
        return str(given)
    stem = re.split(r"[\\/]", str(meeting.get("source") or meeting["meeting_id"]))[-1].rsplit(".", 1)[0]
    if not missing(date) and date:
        stem = stem.replace(str(date), " ")
    # Underscores and hyphens are word breaks, except inside a date left in the name.
    parts = re.split(r"(\d{4}-\d{2}-\d{2})", stem)
    words = " ".join("".join(part if index % 2 else re.sub(r"[_-]", " ", part) for index, part in enumerate(parts)).split())
    words = words or str(meeting["meeting_id"])
    return words[:1].upper() + words[1:]


def source_line(meeting: pd.Series, roster: str | None) -> str:
    """Where the meeting was read from."""
    line = f"From {meeting['source']} ({meeting['format']}, {meeting['encoding']})"
    return line + (f"; roster {roster}" if roster else "") + "."


def more_attendees(count: int) -> str:
    """Under a speaker table cut short: how many attendees it leaves out."""
    return f"…and {count:,} more attendees, each with fewer words: speakers.csv lists everyone."


def evenness_note(meeting: pd.Series) -> str:
    words = f"{evenness(meeting['gini'])} " if not missing(meeting["gini"]) else ""
    return (f"How evenly people spoke: {words}(Gini {dec(meeting['gini'])}: 0 = everyone present spoke equally, 1 = one "
            f"person did all the talking; silent attendees count; normalised entropy {dec(meeting['entropy'])}: 1 = "
            "perfectly even).")


def framing_share(behaviour: int, ecological: int, share: float, min_flagged: int) -> str:
    """A group's ecological share, or a dash when it has too few flagged sentences for one (the
    count stands in its own column beside it)."""
    return pct(share) if behaviour + ecological >= min_flagged else MISSING


def framing_count(meeting: pd.Series, min_flagged: int) -> list[Piece]:
    behaviour = meeting["behaviour"]
    counts = f"{plural(behaviour, 'sentence')} {were(behaviour)} behaviour-based and {meeting['ecological']:,} ecological"
    if behaviour + meeting["ecological"] < min_flagged:
        return [(counts + f" (too few to give a share: it takes {min_flagged}).", "")]
    return [(counts + ": an ecological share of ", ""), (pct(meeting["ecological_share"]), "strong"), (".", "")]


def accuracy_sentence(figures: dict) -> str:
    """How far to trust the framing flags, in one sentence, from the classifier's measured figures
    on real talk (``language.classifier.about()["real_talk"]``); empty when none were measured."""
    if not figures:
        return ""
    return (f"How far to trust these flags: on {figures['sentences']:,} sentences from {figures['sittings']} real "
            f"meetings, each labelled without having been trained on its meeting, the tool agreed with a human coder "
            f"on {percent(figures['agreement'])} of sentences (Cohen's kappa {figures['kappa']:.2f}), found "
            f"{percent(figures['ecological_recall'])} of the ecological framing and flagged behaviour where the coder "
            f"did not in {percent(figures['false_behaviour'])} of sentences: read a single quote as a pointer, and "
            "the shares as a rough guide.")


def share_note(min_flagged: int) -> str:
    return (f"The ecological share is ecological ÷ all flagged sentences, given only where an agency has at least "
            f"{min_flagged} flagged sentences (a dash below that: read the counts).")


def marker_name(marker: str) -> str:
    """A marker column as words: ``open_question`` → "open question"."""
    return marker.replace("_", " ")


def rate(count: int, words: int, per_1k) -> str:
    """Sentences with a marker per 1,000 words, with the count beside it; only the count from fewer
    than ``MIN_RATE_WORDS`` words."""
    counted = plural(int(count), "sentence")
    if words < MIN_RATE_WORDS:
        return f"{counted} in {plural(int(words), 'word')} (too few words for a rate)"
    return f"{counted}, {dec(per_1k, 1)} per 1,000 words"


def share_of(share, total: int) -> str:
    """A share of a small whole as a count: "2 of 5" (a dash when there is no share)."""
    return MISSING if missing(share) or not total else f"{round(share * total)} of {total}"


def short_rate(per_1k, words: int) -> str:
    """A rate for a narrow table cell: "4.0", or the count in brackets below ``MIN_RATE_WORDS`` words."""
    if missing(per_1k):
        return MISSING
    return f"{per_1k:.1f}" if words >= MIN_RATE_WORDS else f"({round(per_1k * words / 1000)})"


def marker_line(marker: str, meaning: str, count: int, words: int, per_1k) -> list[Piece]:
    return [(marker_name(marker), "strong"), (f": {meaning}; {rate(count, words, per_1k)}.", "")]


# Bands for how evenly the agencies that spoke shared the reflective moves (normalised entropy).
SPREAD = ((0.5, "came mostly from one or two agencies"), (0.8, "came from some agencies more than others"),
          (math.inf, "came from the agencies fairly evenly"))


def spread_sentence(meeting: pd.Series, questions: int) -> str:
    """How evenly the agencies reflected, and how many of the ``questions`` (turns asking an open
    question) someone else answered."""
    spread = meeting["reflection_spread"]
    sentence = "No reflective moves were found" if missing(spread) else (
        f"Reflective moves {next(text for limit, text in SPREAD if spread < limit)} (evenness {dec(spread)}, where 1 "
        "means every agency that spoke contributed equally)")
    if questions and not missing(meeting["questions_answered"]):
        answered = round(meeting["questions_answered"] * questions)
        sentence += f"; {answered} of {plural(questions, 'turn')} asking an open question {were(answered)} answered by someone else"
        if questions >= MIN_SHARE_COUNT:
            sentence += f" ({pct(meeting['questions_answered'])})"
    return sentence + "."


def quiet_sentence(quiet) -> str:
    return (f"From turn {quiet.first_turn} to turn {quiet.last_turn} ({quiet.turns} turns, {pct(quiet.share)} of the "
            "words) nobody asked an open question or admitted not knowing.")


def influence_sentence(meeting: pd.Series) -> str:
    sentence = ""
    if not missing(meeting["chair_brokerage"]):
        sentence = f"{pct(meeting['chair_brokerage'])} of the changes of speaker went to or from the chair; "
    interruptions = int(meeting["interruptions"])
    sentence += (f"{pct(meeting['direct_exchange_share'])} were direct exchanges between people from different "
                 f"agencies. {plural(interruptions, 'interruption')} {were(interruptions)} found")
    if meeting["long_turn_share"] > 0:
        sentence += f", and {pct(meeting['long_turn_share'])} of the meeting was held in long turns"
    return sentence + "."


def unattributed_sentence(line: int, words: int, excerpt: str) -> str:
    return f"Line {line} could not be given to a speaker ({words} words): “{excerpt}”"


# Do the partners see it the same way? (docs/methods.md §8)
TERMS_NOTE = ("Each agency's distinctive words are the ones it used more than the rest of the meeting, weighed by how "
              "often (a log-odds z-score). Everyday words, numbers, the names of the people present, \"okay\" and \"thank "
              "you\" are left out, and so are the agreed actions, which are set against these words below.")
