"""The tool's labels as codes of a qualitative data analysis (QDA) project: the codebook that
``hymnsheet export-qdpx`` writes, and the code names ``hymnsheet evaluate`` reads back.

Framing (``docs/methods.md`` §2) is a tree: behaviour and ecological, each with a problem and a
response code beneath it; the seven reflection markers (§3) sit under one grouping code. Every
code's description is the methods' own account of it. Names are read back forgivingly (case,
``_`` or ``-`` for spaces), so ``Open_Question`` and ``open question`` are one code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..language import BEHAVIOUR, ECOLOGICAL, MARKERS

# A ``--code NAME=ignore`` mapping: the code (and the codes beneath it) says nothing the tool labels.
IGNORE = "ignore"
SIDES = {BEHAVIOUR: "#d95f02", ECOLOGICAL: "#1b9e77"}
KINDS = {"problem": "explains or describes harm", "response": "proposes, agrees or reports an action"}
SIDE_DESCRIPTIONS = {
    BEHAVIOUR: "the young person (or a parent, or a member of the public) is the thing to change or the "
               "explanation: their choices, attitude, lifestyle, compliance, understanding or conduct. Responses "
               "of this kind educate, warn, reward, sanction, contract or monitor the individual.",
    ECOLOGICAL: "the explanation or the target is around the young person: a place and what it lacks, a peer "
                "group, adults who exploit or could protect, a school's or service's practice, capacity and "
                "culture, funding, provision, policy and law, accountability measures, multi-agency working, or "
                "conditions such as poverty, racism, trauma or additional needs. Responses of this kind change "
                "the place, the group, the service or the rule.",
}
# What each marker is, and is not: the table in docs/methods.md §3.
MARKER_DESCRIPTIONS = {
    "uncertainty": ("the speaker admits not knowing or being unsure about the matter in hand",
                    "courtesy (\"I don't know if Steve wants to add\"), plain opinion, a detail not to hand"),
    "open_question": ("a what/how/why question asking for an explanation or ideas, direct or indirect",
                      "yes/no questions, requests for a figure or date, housekeeping"),
    "invitation": ("someone brought in by name, title, agency, or the room as a whole",
                   "a question to nobody in particular, a welcome or a thank-you"),
    "reasoning": ("the speaker explains why", "\"because\" in a past event told as a fact"),
    "challenge": ("respectful disagreement, or questioning an assumption or a word", "disagreement about housekeeping"),
    "building_on": ("taking up someone else's point and extending it", "plain agreement"),
    "certainty": ("closing down: \"clearly\", \"nothing we can do\", \"not our remit\"", ""),
}


@dataclass(frozen=True)
class Code:
    """A code of the codebook: its name, description, the labels a selection coded with it
    carries (column → value, as in ``sentences.csv``) and the codes beneath it."""

    name: str
    description: str
    labels: dict = field(default_factory=dict)
    children: tuple["Code", ...] = ()
    codable: bool = True
    colour: str | None = None


def _side(side: str) -> Code:
    kinds = tuple(Code(f"{side} {kind}", f"{side} framing, {kind}: {meaning} (docs/methods.md §2)",
                       {"framing": side, "framing_kind": kind}, colour=SIDES[side]) for kind, meaning in KINDS.items())
    return Code(side, f"{SIDE_DESCRIPTIONS[side]} (docs/methods.md §2)", {"framing": side}, kinds, colour=SIDES[side])


def _marker(marker: str) -> Code:
    what, what_not = MARKER_DESCRIPTIONS[marker]
    description = f"{what}; not {what_not}" if what_not else what
    return Code(marker.replace("_", " "), f"{description} (docs/methods.md §3)", {marker: 1})


CODEBOOK = (
    Code("framing", "What a sentence means to change, or what it blames: behaviour-based or ecological, "
                    "split into problem and response (docs/methods.md §2)", children=(_side(BEHAVIOUR), _side(ECOLOGICAL)),
         codable=False),
    Code("reflection", "Room to reflect: the seven markers counted per sentence (docs/methods.md §3)",
         children=tuple(_marker(marker) for marker in MARKERS), codable=False),
)


def walk(codes: tuple[Code, ...] = CODEBOOK) -> Iterator[tuple[Code, tuple[str, ...]]]:
    """Every code with the names of the codes above it, parents before children."""
    for code in codes:
        yield code, ()
        for child, path in walk(code.children):
            yield child, (code.name, *path)


def normal(name: str) -> str:
    """A code name as it is matched: lower case, ``_`` and ``-`` read as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[_\-]", " ", name).lower().split())


# Every name the tool knows, with the labels it stands for; a code named "problem" or "response"
# takes its framing from the code above it.
NAMES = {normal(code.name): code.labels for code, _path in walk() if code.labels}
NAMES |= {kind: {"framing_kind": kind} for kind in KINDS}


def label_for(name: str) -> dict | None:
    """The labels a code ``name`` (or ``ignore``) stands for, ``{}`` for ignore; None if unknown."""
    return {} if normal(name) == IGNORE else NAMES.get(normal(name))
