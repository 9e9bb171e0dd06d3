"""The cue matcher component: marks every lexicon cue in a doc as a span in ``doc.spans``.

Each phrase step of every cue goes into one phrase index on ``NORM`` (``phrases.py``); a cue with
gaps is found by chaining its steps from the matches (a Matcher with ``{0,3}`` wildcards was fifty
times slower on meeting talk). Token-dict patterns and prefix wildcards use spaCy's Matcher. Every
span carries its cue's label and id, so each hit can be traced back to the lexicon line behind it.

Cues are compiled (``compile_cue``) into plain JSON data, which ``cache.py`` keeps on disk between
runs: a run whose lexicon has not changed starts without tokenising a single pattern.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.tokenizer import Tokenizer

from .cache import cached
from .lexicon import Cue, Lexicon
from .patterns import Step, compile_steps, is_word_syntax, pattern_phrases, token_patterns
from .phrases import PhraseIndex

_COMPILERS = ("matcher.py", "patterns.py", "phrases.py")


class _Link(NamedTuple):
    """One step of a compiled cue; ``excluded`` holds ``NORM`` hashes."""

    kind: str
    low: int = 0
    high: int = 0
    excluded: frozenset[int] = frozenset()


class _Plan(NamedTuple):
    order: int  # the cue's place in the lexicon
    links: tuple[_Link, ...]
    anchor: int
    phrase_steps: tuple[int, ...]


@Language.factory("hymnsheet_cues", default_config={"spans_key": "hymnsheet"}, assigns=["doc.spans"],
                  requires=["doc.sents"])
def make_cue_matcher(nlp: Language, name: str, spans_key: str) -> "CueMatcher":
    return CueMatcher(nlp, spans_key)


def compile_cue(cue: Cue, tokenizer: Tokenizer) -> dict:
    """A cue as JSON data the matcher adds without a tokenizer: ``tokens`` (spaCy Matcher patterns)
    or ``steps``, each ``["phrase", [[NORM hash, ...], ...]]``, ``["gap", low, high]``,
    ``["other", [NORM hash, ...]]`` or ``["start"]``. A pattern that cannot compile raises ``ValueError``."""
    entry = {"id": cue.id, "label": cue.label}
    if isinstance(cue.pattern, list):
        return {**entry, "tokens": [cue.pattern]}
    if is_word_syntax(cue.pattern):
        steps = compile_steps(cue.pattern, tokenizer)
    else:
        steps = [Step("phrase", phrases=frozenset(pattern_phrases(cue.pattern, tokenizer)))]
    if steps is None:
        return {**entry, "tokens": token_patterns(cue.pattern, tokenizer)}
    return {**entry, "steps": [_encode(step) for step in steps]}


def _compile_all(cues: list[Cue], tokenizer: Tokenizer) -> CompiledCues:
    compiled = CompiledCues()
    for cue in cues:
        compiled.add(compile_cue(cue, tokenizer))
    return compiled


def _source_digest() -> str:
    """The compiling modules' source: a cache made by other code is never read back."""
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in _COMPILERS)).hexdigest()


def _encode(step: Step) -> list:
    if step.kind == "phrase":
        return ["phrase", sorted([get_string_id(norm) for norm in phrase] for phrase in step.phrases)]
    if step.kind == "gap":
        return ["gap", step.low, step.high]
    if step.kind == "other":
        return ["other", sorted(get_string_id(norm) for norm in step.excluded)]
    return [step.kind]


class CompiledCues:
    """Cues ready to match: the phrase index, each chained cue's plan, and the Matcher patterns of
    the rest. Plain data, so a whole lexicon's worth can be pickled into the cache."""

    def __init__(self) -> None:
        self.phrases = PhraseIndex()
        self.plans: dict[str, _Plan] = {}
        self.labels: dict[str, str] = {}
        self.token_patterns: dict[str, list[list[dict]]] = {}
        self.order: dict[str, int] = {}

    def add(self, entry: dict) -> None:
        """Add one cue compiled by ``compile_cue``."""
        cue_id = entry["id"]
        self.labels[cue_id] = entry["label"]
        self.order[cue_id] = len(self.order)
        if "tokens" in entry:
            self.token_patterns[cue_id] = entry["tokens"]
            return
        links = []
        for index, (kind, *data) in enumerate(entry["steps"]):
            if kind == "phrase":
                self.phrases.add((cue_id, index), map(tuple, data[0]))
                links.append(_Link(kind))
            elif kind == "gap":
                links.append(_Link(kind, low=data[0], high=data[1]))
            else:
                links.append(_Link(kind, excluded=frozenset(data[0]) if data else frozenset()))
        phrase_steps = tuple(index for index, link in enumerate(links) if link.kind == "phrase")
        self.plans[cue_id] = _Plan(self.order[cue_id], tuple(links), phrase_steps[0], phrase_steps)


class CueMatcher:
    """Finds the cues added with ``add_lexicon`` and stores them in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, spans_key: str):
        self.spans_key = spans_key
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.identity = [nlp.lang, nlp.meta.get("name", ""), nlp.meta.get("version", "")]
        self.cues = CompiledCues()
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.names: dict[str, tuple[int, int]] = {}  # cue id → label and id hashes, as a Span takes them

    def add_lexicon(self, lexicon: Lexicon, skip: set[str] = frozenset()) -> None:
        """Add every active cue, except those whose label is in ``skip``. Compiled once per lexicon and
        tokenizer; later runs read the compiled cues from the cache (``cache.py``)."""
        cues = [cue for cue in lexicon.active() if cue.label not in skip]
        if self.cues.labels:
            for cue in cues:
                self.add(cue)
            return
        content = self.identity + [_source_digest()] + [cue.to_json() for cue in cues]
        self.cues = cached("cues", content, lambda: _compile_all(cues, self.tokenizer))
        for cue_id in self.cues.labels:
            self._name(cue_id)
        for cue_id, patterns in self.cues.token_patterns.items():
            self.tokens.add(cue_id, patterns)

    def add(self, cue: Cue) -> None:
        """Add one cue; a pattern that cannot be compiled raises ``ValueError``."""
        entry = compile_cue(cue, self.tokenizer)
        self.cues.add(entry)
        self._name(cue.id)
        if "tokens" in entry:
            self.tokens.add(cue.id, entry["tokens"])

    def _name(self, cue_id: str) -> None:
        strings = self.vocab.strings
        self.names[cue_id] = (strings.add(self.cues.labels[cue_id]), strings.add(cue_id))

    def __call__(self, doc: Doc) -> Doc:
        norms = doc.to_array(NORM).tolist()
        found: dict[tuple[str, int], dict[int, list[int]]] = {}
        plans = self.cues.plans
        for key, start, end in self.cues.phrases.find(norms):
            found.setdefault(key, {}).setdefault(start, []).append(end)
        hits: list[tuple[int, int, int, str]] = []  # start, end, the cue's place in the lexicon, its id
        for (cue_id, index), starts in found.items():
            plan = plans[cue_id]
            if index != plan.anchor:
                continue
            if len(plan.links) == 1:  # most cues: one phrase, nothing to chain
                stretches = [(start, max(ends)) for start, ends in starts.items()]
            elif any((cue_id, step) not in found for step in plan.phrase_steps):
                continue  # some part of the cue is nowhere in this doc
            else:
                stretches = []
                for start, ends in starts.items():
                    first = _backward(doc, norms, plan.links[:plan.anchor], start)
                    reached = [last for last in (_forward(norms, plan, cue_id, found, end) for end in ends)
                               if last is not None]
                    if first is not None and reached:
                        stretches.append((first, max(reached)))
            # One cue, one hit per stretch of text: "behaviour contract" inside "acceptable behaviour contract" goes.
            if len(stretches) > 1:
                stretches = [(span.start, span.end) for span in filter_spans([Span(doc, *stretch) for stretch in stretches])]
            hits += [(start, end, plan.order, cue_id) for start, end in stretches]
        strings = self.vocab.strings
        for match_id, start, end in self.tokens(doc) if len(self.tokens) else ():
            cue_id = strings[match_id]
            hits.append((start, end, self.cues.order[cue_id], cue_id))
        # In text order; where two cues cover the same words, the one listed first in the lexicon leads.
        hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1], hit[2]))
        names = self.names
        doc.spans[self.spans_key] = [Span(doc, start, end, label=names[cue_id][0], span_id=names[cue_id][1])
                                     for start, end, _order, cue_id in hits]
        return doc


def _backward(doc: Doc, norms: list[int], links: tuple[_Link, ...], start: int) -> int | None:
    """Where a match really starts, given the steps before its first phrase, or ``None``."""
    for link in reversed(links):
        if link.kind == "start":
            if not doc[start].is_sent_start:
                return None
        elif link.kind == "other":
            if start == 0 or norms[start - 1] in link.excluded:
                return None
            start -= 1
        elif link.kind == "gap":
            if start < link.low:
                return None
            start -= link.low
    return start


def _forward(norms: list[int], plan: _Plan, cue_id: str, found, end: int) -> int | None:
    """The furthest end the steps after the first phrase can reach from ``end``, or ``None``."""
    positions = {end}
    gap = (0, 0)
    length = len(norms)
    for index in range(plan.anchor + 1, len(plan.links)):
        link = plan.links[index]
        if link.kind == "gap":
            gap = (gap[0] + link.low, gap[1] + link.high)
            continue
        reachable = {p + k for p in positions for k in range(gap[0], gap[1] + 1) if p + k <= length}
        gap = (0, 0)
        if link.kind == "other":
            positions = {p + 1 for p in reachable if p < length and norms[p] not in link.excluded}
        else:
            starts = found.get((cue_id, index), {})
            positions = {e for p in reachable for e in starts.get(p, ())}
        if not positions:
            return None
    return max(positions)
