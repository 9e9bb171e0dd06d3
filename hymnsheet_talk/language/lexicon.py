"""Lexicons: the cue phrases behind every framing flag and reflection marker, read from data files.

A lexicon is a JSON Lines file, one cue per line (``#`` lines and blank lines are skipped)::

    {"id": "choice.chose_to", "label": "behaviour", "kind": "problem", "pattern": "chose|chooses|choosing to"}

``pattern`` is a phrase in a small word syntax (``patterns.PATTERN_HELP``) or, for anything
that syntax cannot say, a spaCy Matcher token pattern (a list of token dicts). Words are matched on
spaCy's ``NORM``: lower case, with "n't" read as "not" and "'m" as "am", so ``do not`` also
finds "don't". The shipped lexicons live in ``lexicons/``; a user's file adds cues, and a cue
with a shipped ``id`` replaces it (``"off": true`` switches it off).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from importlib import resources
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import spacy
from spacy.matcher import Matcher
from spacy.tokenizer import Tokenizer

from ..errors import InputError
from .patterns import compile_steps, is_word_syntax, token_patterns

FRAMING_LABELS = {
    "behaviour": "the young person's (or parent's) choices, attitude or conduct as cause or target",
    "ecological": "a place, group, service, policy, condition or harmful adult as cause or target",
    "setting": "a place, platform or people around the young person: ecological only beside a concern or a response, with nothing individual said",
    "system": "an institution, service, provision, policy, measure or condition: ecological only beside a deficit, a cause or a change, with nothing individual said",
    "concern": "names harm, worry or a deficit (risk, problem, not enough, waiting lists): makes a setting or a system the problem",
    "neutral": "a fixed phrase that looks like a framing and is not one (a bill's title, a motion to exclude the public): cues inside it are set aside",
    "proposal": "proposes an action (we could, let's, shall we): a response, even as a question",
    "response": "names or reports an action (action, agreed, referred): makes the framing a response",
    "negation": "not, never: turns the next behaviour cue in its clause into a counter-frame",
    "rejection": "rather than, instead of, not about: sets aside the next framing cue of either kind",
    "dismissal": "won't help, only moves them: sets aside the response cues before it (a response judged not to work)",
    "contrast": "the clause after it carries the point (but, rather, instead)",
    "effect": "the reason, that's why: a behaviour cue after it is what is being explained, not the explanation",
    "meta": "talk about words or framings, not a framing itself",
    "reported": "someone else's words reported",
}
REFLECTION_LABELS = {
    "uncertainty": "admits not knowing or being unsure",
    "open_question": "asks for explanation or ideas (what/how/why, tell us, talk us through)",
    "invitation": "brings a named person, an agency or everyone else in",
    "floor": "gives someone the floor (you have the floor, the honourable minister, any further questions?): an invitation in itself",
    "floor_to": "hands the floor on (we'll now go to…, questions from…): an invitation when a person is named just after it",
    "reasoning": "explains why",
    "challenge": "questions an assumption or respectfully disagrees",
    "building_on": "takes up and extends someone else's point",
    "certainty": "closes a question down",
    "question_word": "what, how, why…: opens an open question when it starts a clause",
    "open_request": "explain why, run us through, clarify what…: an open question when the sentence is a question",
    "addressee": "anyone, everyone, colleagues… or an agency named as the one asked",
    "procedural": "meeting housekeeping (can everyone hear me?): never an open question or invitation",
    "weak_uncertainty": "not knowing a detail to hand: not admitted uncertainty",
    "reported_fact": "a past event told as fact: a 'because' in it explains the event, not the speaker's thinking",
    "discourse": "so, okay, right…: not a name when it opens a sentence with a comma (read as a word list: no wildcards)",
}
ACTION_LABELS = {
    "action_marker": "records an agreed action (action for…, agreed)",
    "commitment": "the speaker takes an action on (I'll take that, we'll cover, will do)",
    "assignment": "an action given to someone named (Jo will…, Farah takes…)",
    "request": "asks someone to act (can you…, could housing look at…?): an action once they say yes",
    "offer": "offers to act (we can fund…): a proposal, not yet an action",
    "meeting_move": "a move in the meeting's own business (we'll go to…, I'll take that as a no, I'll ask my question again): never an action",
}
LABELS = {**FRAMING_LABELS, **REFLECTION_LABELS, **ACTION_LABELS}
# Cue labels that put an action forward: the framing lexicon's proposals, the actions lexicon's
# requests ("could housing look at…?") and offers ("we can fund…").
PROPOSING = ("proposal", "request", "offer")
KINDS = ("problem", "response")
FIELDS = {"id", "label", "kind", "pattern", "agency", "note", "off"}
SHIPPED = ("framing.jsonl", "reflection.jsonl", "actions.jsonl")


@dataclass(frozen=True)
class Cue:
    """One lexicon entry, with where it came from."""

    id: str
    label: str
    pattern: str | list
    kind: str = ""
    agency: str = ""
    note: str = ""
    source: str = ""
    line: int = 0
    off: bool = False

    @property
    def pattern_text(self) -> str:
        return self.pattern if isinstance(self.pattern, str) else json.dumps(self.pattern)

    def to_json(self) -> str:
        """The entry as one lexicon line."""
        entry = {"id": self.id, "label": self.label, "kind": self.kind, "agency": self.agency,
                 "pattern": self.pattern, "note": self.note}
        return json.dumps({key: value for key, value in entry.items() if value}, ensure_ascii=False)


@dataclass
class Lexicon:
    """The active cues, keyed by id, in the order they were read."""

    cues: dict[str, Cue] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def active(self) -> list[Cue]:
        return [cue for cue in self.cues.values() if not cue.off]


def load_lexicon(extra: Iterable[str | Path] = ()) -> Lexicon:
    """The shipped lexicons, then each file in ``extra`` adding cues or replacing them by id."""
    lexicon = Lexicon()
    for name in SHIPPED:
        text = resources.files("hymnsheet_talk").joinpath("lexicons", name).read_text(encoding="utf-8")
        _merge(lexicon, text, f"hymnsheet_talk/lexicons/{name}", shipped=True)
    for path in map(Path, extra):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read lexicon: {error}", path) from None
        _merge(lexicon, text, str(path), shipped=False)
    return lexicon


def _merge(lexicon: Lexicon, text: str, source: str, *, shipped: bool) -> None:
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cue = _parse(line, source, number)
        if cue.id in seen:
            raise InputError(f"id {cue.id!r} appears twice in this file", source, number)
        seen.add(cue.id)
        if cue.off:
            if cue.id not in lexicon.cues:
                raise InputError(f"cannot switch off {cue.id!r}: no such cue", source, number)
            lexicon.cues[cue.id] = replace(lexicon.cues[cue.id], off=True)
            continue
        if shipped and cue.id in lexicon.cues:
            raise InputError(f"id {cue.id!r} is already used by another shipped lexicon", source, number)
        if not shipped:  # the shipped patterns are checked by the test suite, not on every run
            _check(cue, _tokenizer())  # fails here, naming the line, rather than when the pipeline is built
        lexicon.cues[cue.id] = cue
    lexicon.sources.append(source)


def _parse(line: str, source: str, number: int) -> Cue:
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not a JSON object: {error.msg} (column {error.colno})", source, number) from None
    if not isinstance(entry, dict):
        raise InputError("each line must be a JSON object {...}", source, number)
    unknown = set(entry) - FIELDS
    if unknown:
        raise InputError(f"unknown field(s) {', '.join(sorted(unknown))}; fields are {', '.join(sorted(FIELDS))}",
                         source, number)
    cue_id = entry.get("id")
    if not isinstance(cue_id, str) or not cue_id.strip():
        raise InputError("every cue needs an \"id\" (text)", source, number)
    if entry.get("off") is True:
        return Cue(id=cue_id, label="", pattern="", source=source, line=number, off=True)
    label = entry.get("label")
    if label not in LABELS:
        raise InputError(f"label {label!r} is not one of: {', '.join(LABELS)}", source, number)
    kind = entry.get("kind", "")
    if kind not in ("", *KINDS):
        raise InputError(f"kind {kind!r} must be problem, response or left out", source, number)
    pattern = entry.get("pattern")
    if not (isinstance(pattern, str) and pattern.strip()) and not (
        isinstance(pattern, list) and pattern and all(isinstance(token, dict) for token in pattern)
    ):
        raise InputError("\"pattern\" must be a phrase or a list of token dicts", source, number)
    return Cue(cue_id, label, pattern.strip() if isinstance(pattern, str) else pattern, kind,
               str(entry.get("agency", "")), str(entry.get("note", "")), source, number)


def _check(cue: Cue, tokenizer: Tokenizer) -> None:
    try:
        if isinstance(cue.pattern, list):
            Matcher(tokenizer.vocab, validate=True).add(cue.id, [cue.pattern])
        elif is_word_syntax(cue.pattern) and compile_steps(cue.pattern, tokenizer) is None:
            Matcher(tokenizer.vocab, validate=True).add(cue.id, token_patterns(cue.pattern, tokenizer))
    except (ValueError, KeyError, TypeError) as error:
        lines = str(error).strip().splitlines()
        raise InputError(f"bad pattern: {lines[0] if lines else error}", cue.source, cue.line) from None


@lru_cache(maxsize=None)
def _tokenizer() -> Tokenizer:
    """A blank English tokenizer: patterns must be split into words exactly as transcripts are."""
    return spacy.blank("en").tokenizer
