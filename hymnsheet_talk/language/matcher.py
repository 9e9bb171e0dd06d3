"""The cue matcher component: marks every lexicon cue in a doc as a span in ``doc.spans``.

Each phrase step of every cue goes into one spaCy PhraseMatcher on ``NORM``; a cue with gaps is
found by chaining its steps from the matches (a Matcher with ``{0,3}`` wildcards was fifty times
slower on meeting talk). Token-dict patterns and prefix wildcards use spaCy's Matcher. Every span
carries its cue's label and id, so each hit can be traced back to the lexicon line behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .lexicon import Cue, Lexicon
from .patterns import Step, compile_steps, is_word_syntax, pattern_phrases, token_patterns


@dataclass(frozen=True)
class _Plan:
    cue_id: str
    label: int  # label and id as StringStore hashes: spans are made by the thousand
    span_id: int
    steps: tuple[Step, ...]
    anchor: int
    phrase_steps: tuple[int, ...]


@Language.factory("hymnsheet_cues", default_config={"spans_key": "hymnsheet"}, assigns=["doc.spans"],
                  requires=["doc.sents"])
def make_cue_matcher(nlp: Language, name: str, spans_key: str) -> "CueMatcher":
    return CueMatcher(nlp, spans_key)


class CueMatcher:
    """Finds the cues added with ``add_lexicon`` and stores them in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, spans_key: str):
        self.spans_key = spans_key
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self.plans: dict[str, _Plan] = {}
        self.labels: dict[str, str] = {}
        self.keys: dict[int, tuple[str, int]] = {}  # PhraseMatcher match id → (cue id, step)

    def add_lexicon(self, lexicon: Lexicon, skip: set[str] = frozenset()) -> None:
        """Add every active cue, except those whose label is in ``skip``."""
        for cue in lexicon.active():
            if cue.label not in skip:
                self.add(cue)

    def add(self, cue: Cue) -> None:
        """Add one cue; a pattern that cannot be compiled raises ``ValueError``."""
        self.labels[cue.id] = cue.label
        if isinstance(cue.pattern, list):
            self.tokens.add(cue.id, [cue.pattern])
            return
        if is_word_syntax(cue.pattern):
            steps = compile_steps(cue.pattern, self.tokenizer)
        else:
            steps = [Step("phrase", phrases=frozenset(pattern_phrases(cue.pattern, self.tokenizer)))]
        if steps is None:
            self.tokens.add(cue.id, token_patterns(cue.pattern, self.tokenizer))
            return
        anchor = next(index for index, step in enumerate(steps) if step.kind == "phrase")
        for index, step in enumerate(steps):
            if step.kind == "phrase":
                key = f"{cue.id}\t{index}"
                self.keys[self.vocab.strings.add(key)] = (cue.id, index)
                self.phrases.add(key, [Doc(self.vocab, words=list(phrase)) for phrase in sorted(step.phrases)])
        phrase_steps = tuple(index for index, step in enumerate(steps) if step.kind == "phrase")
        strings = self.vocab.strings
        self.plans[cue.id] = _Plan(cue.id, strings.add(cue.label), strings.add(cue.id), tuple(steps), anchor,
                                   phrase_steps)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[tuple[str, int], dict[int, list[int]]] = {}
        keys = self.keys
        for match_id, start, end in self.phrases(doc):
            found.setdefault(keys[match_id], {}).setdefault(start, []).append(end)
        spans = []
        for (cue_id, index), starts in found.items():
            plan = self.plans[cue_id]
            if index != plan.anchor:
                continue
            if len(plan.steps) == 1:  # most cues: one phrase, nothing to chain
                found_spans = [Span(doc, start, max(ends), label=plan.label, span_id=plan.span_id)
                               for start, ends in starts.items()]
            elif any((cue_id, step) not in found for step in plan.phrase_steps):
                continue  # some part of the cue is nowhere in this doc
            else:
                found_spans = []
                for start, ends in starts.items():
                    first = _backward(doc, plan.steps[:plan.anchor], start)
                    reached = [last for last in (_forward(doc, plan, found, end) for end in ends) if last is not None]
                    if first is not None and reached:
                        found_spans.append(Span(doc, first, max(reached), label=plan.label, span_id=plan.span_id))
            # One cue, one span per stretch of text: "behaviour contract" inside "acceptable behaviour contract" goes.
            spans += filter_spans(found_spans) if len(found_spans) > 1 else found_spans
        strings = self.vocab.strings
        for match_id, start, end in self.tokens(doc) if len(self.tokens) else ():
            cue_id = strings[match_id]
            spans.append(Span(doc, start, end, label=self.labels[cue_id], span_id=cue_id))
        doc.spans[self.spans_key] = spans
        return doc


def _backward(doc: Doc, steps: tuple[Step, ...], start: int) -> int | None:
    """Where a match really starts, given the steps before its first phrase, or ``None``."""
    for step in reversed(steps):
        if step.kind == "start":
            if not doc[start].is_sent_start:
                return None
        elif step.kind == "other":
            if start == 0 or doc[start - 1].norm_ in step.excluded:
                return None
            start -= 1
        elif step.kind == "gap":
            if start < step.low:
                return None
            start -= step.low
    return start


def _forward(doc: Doc, plan: _Plan, found, end: int) -> int | None:
    """The furthest end the steps after the first phrase can reach from ``end``, or ``None``."""
    positions = {end}
    gap = (0, 0)
    for index in range(plan.anchor + 1, len(plan.steps)):
        step = plan.steps[index]
        if step.kind == "gap":
            gap = (gap[0] + step.low, gap[1] + step.high)
            continue
        reachable = {p + k for p in positions for k in range(gap[0], gap[1] + 1) if p + k <= len(doc)}
        gap = (0, 0)
        if step.kind == "other":
            positions = {p + 1 for p in reachable if p < len(doc) and doc[p].norm_ not in step.excluded}
        else:
            starts = found.get((plan.cue_id, index), {})
            positions = {e for p in reachable for e in starts.get(p, ())}
        if not positions:
            return None
    return max(positions)
