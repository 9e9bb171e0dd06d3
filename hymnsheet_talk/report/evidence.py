"""Evidence for the report: quoted sentences with their cue words marked, and quiet stretches.

Every count in the report should be traceable to what was said; these helpers pick the quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

EXAMPLES = 3
# A framing quoted as an example must be one the tool is sure of (its classifier's probability).
QUOTE_SURE = 0.7
# Sentences that argue against a framing rather than use it ("if we put him on a curfew, the men are
# still there", "is it really his choice?") open like this or carry a set-aside counter-frame.
_ARGUING = re.compile(r"^\W*(if|unless|whether|rather than|instead of)\b", re.IGNORECASE)
# A stretch without a question or admitted uncertainty is pointed out when it holds this share
# of the meeting's words and at least this many turns.
QUIET_SHARE = 0.25
QUIET_TURNS = 6
_COUNTER = "a counter-frame"


@dataclass(frozen=True)
class Quote:
    """A sentence cut into pieces; ``marked`` pieces are cue words."""

    speaker: str
    agency: str
    pieces: list[tuple[str, bool]]


@dataclass(frozen=True)
class Stretch:
    first_turn: int
    last_turn: int
    turns: int
    words: int
    share: float


def counted_cues(cues: str) -> list[tuple[str, str]]:
    """The (id, phrase) pairs that counted towards a label, from a ``framing_cues`` or
    ``reflection_cues`` cell (``id=phrase`` items; a phrase followed by a bracketed reason was
    set aside, unless it was a counter-frame)."""
    counted = []
    for item in filter(None, re.split(r"; | \| ", cues or "")):
        cue_id, _, rest = item.partition("=")
        phrase, _, why = rest.partition(" (")
        if not why or _COUNTER in why:
            counted.append((cue_id, phrase))
    return counted


def counted_phrases(cues: str) -> list[str]:
    return [phrase for _cue_id, phrase in counted_cues(cues)]


def counted_ids(cues: str) -> list[str]:
    return [cue_id for cue_id, _phrase in counted_cues(cues)]


def quotes(sentences: pd.DataFrame, column: str, value, cues: str, limit: int = EXAMPLES) -> list[Quote]:
    """Up to ``limit`` sentences where ``column == value``, from different speakers where possible,
    with the words that decided it marked (for a marker, only that marker's words)."""
    chosen = sentences[sentences[column] == value]
    if cues == "reflection_cues":
        prefix = f"{column}/"
        chosen = chosen.assign(reflection_cues=chosen[cues].map(
            lambda cell: "; ".join(item for item in cell.split("; ") if item.startswith(prefix))))
    # Clearest first: most cue words that counted, settings (a place named) counting least.
    strength = chosen[cues].map(lambda cell: sum(1 if phrase_id.startswith("setting.") else 3
                                                 for phrase_id in counted_ids(cell)))
    chosen = chosen.assign(strength=strength).sort_values(["strength", "turn", "sentence"],
                                                           ascending=[False, True, True], kind="stable")
    chosen = pd.concat([chosen.drop_duplicates("speaker"), chosen]).drop_duplicates(["turn", "sentence"]).head(limit)
    return [Quote(row.speaker, row.agency, mark(row.text, counted_phrases(getattr(row, cues))))
            for row in chosen.itertuples()]


def framing_quotes(sentences: pd.DataFrame, side: str, limit: int = EXAMPLES) -> list[Quote]:
    """The clearest sentences framed ``side``, among those the tool is sure of, leaving out
    questions, hypotheticals and sentences with a framing set aside in them: an example must use
    the framing, not argue with it."""
    sure = sentences["framing_score"].fillna(1.0) >= QUOTE_SURE if "framing_score" in sentences else True
    plain = ~sentences["text"].str.rstrip().str.endswith("?") & ~sentences["text"].str.match(_ARGUING)
    arguing = sentences["framing_cues"].str.contains(r"\((?:negated|after|in a question|talk about|challenged|"
                                                     r"judged not|explained by)", regex=True)
    return quotes(sentences[sure & plain & ~arguing], "framing", side, "framing_cues", limit)


def mark(text: str, phrases: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_cue) pieces, marking each phrase where it first appears."""
    spans = []
    for phrase in sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase)):  # ties: the same every run
        start = text.find(phrase)
        if start >= 0 and not any(start < end and begin < start + len(phrase) for begin, end in spans):
            spans.append((start, start + len(phrase)))
    pieces, position = [], 0
    for begin, end in sorted(spans):
        pieces += [(text[position:begin], False), (text[begin:end], True)]
        position = end
    pieces.append((text[position:], False))
    return [piece for piece in pieces if piece[0]]


def quiet_stretch(turns: pd.DataFrame) -> Stretch | None:
    """The longest run of turns with no open question and no admitted uncertainty, when it is long
    enough to mention."""
    total = turns["words"].sum()
    if not total:
        return None
    opening = (turns["open_question"] == 1) | (turns["uncertainty"] == 1)
    run = opening.cumsum()
    quiet = turns[~opening].groupby(run[~opening]).agg(
        first_turn=("turn", "min"), last_turn=("turn", "max"), turns=("turn", "size"), words=("words", "sum")
    )
    if quiet.empty:
        return None
    longest = quiet.sort_values(["words", "first_turn"], ascending=[False, True]).iloc[0]
    share = longest["words"] / total
    if share < QUIET_SHARE or longest["turns"] < QUIET_TURNS:
        return None
    return Stretch(int(longest["first_turn"]), int(longest["last_turn"]), int(longest["turns"]),
                   int(longest["words"]), float(share))
