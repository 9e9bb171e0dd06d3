"""The framing component: is a sentence behaviour-based, ecological or neither, and problem or response?

It decides by what is meant to change, read from the lexicon cues (docs/methods.md §2), never
from who is speaking. The rules, in order:

1. A cue inside a longer one is dropped ("exclusion" inside "exclusion policy").
2. A choice or blame cue after *not/never* in its clause is a counter-frame, counted as
   ecological ("it isn't about his choices", "he didn't choose to"); other negated conduct
   ("mum isn't enforcing any rules") stays behaviour; a negated behaviour *response* still counts ("I don't
   think the contract is the answer" is talk of a contract). After *rather than / instead of / not
   about* a behaviour explanation is a counter-frame too, and any other cue is set aside.
3. Talk about wording ("are we victim-blaming?") and questions that propose nothing ("is it
   really his choice?") set behaviour cues aside: they challenge a framing rather than use it.
   A challenge ("I'd push back") sets aside behaviour explanations, not behaviour responses.
4. A response followed by a verdict that it does not work ("a dispersal order only moves them")
   is set aside, and so is conduct named as what the context explains ("the men are the reason
   he keeps going back"). A setting (a place, platform or the people around the young person) counts as
   ecological, except where something individual is said in the same clause ("a
   knife-awareness session in the park" is behaviour) and in a question that neither proposes
   nor names a concern.
5. When both framings remain, the clause after a contrast wins ("but", "rather"); otherwise a
   side that proposes an action beats one that only describes; otherwise the side with more
   cues, and on a tie the one that comes last.

A sentence is a ``response`` when a proposal or response cue ("let's", "we'll", "referred",
"action") is in the clause that decided, or a deciding cue is a response in itself ("detached
youth work", "acceptable behaviour contract"); otherwise a flagged sentence is a ``problem``. With a trained model the parse adds
two cues: the young person as the subject of a choice verb (behaviour), a place as the subject
of the sentence (ecological).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import PROPOSING
from .sentences import SentenceCues, labels_of, sentence_cues, sentence_extension

BEHAVIOUR, ECOLOGICAL, NONE = "behaviour", "ecological", "none"
FRAMINGS = (BEHAVIOUR, ECOLOGICAL, NONE)
MIXED = "mixed"
# A negation reaches this many words ahead, and no further than the end of its clause.
NEGATION_REACH = 5
# An institution this many words before a behaviour word, in its clause, is the one behaving.
AGENT_REACH = 6
PREPOSITIONS = frozenset("by to from at in with for of about on into".split())
# Cue labels naming what is around the young person: ecological once a point is made about them.
CONTEXTS = ("setting", "system")
# A negation stops at punctuation and at words that open a new clause ("I don't know why he…").
CLAUSE_BREAKS = {",", ";", ":", "—", "–", "-", "(", ")", "what", "why", "how", "whether", "if", "that", "because",
                 "when", "who", "which", "but", "and", "so"}
CHOICE_LEMMAS = {"choose", "decide", "prefer", "opt", "refuse"}
# Cues whose denial is a counter-frame ("it isn't his choice", "it's not laziness"): the young
# person's choices, conduct and the blame put on them; a parent's conduct is not among them.
CHOICE_FAMILY = ("behaviour.choice.", "behaviour.blame.", "behaviour.compliance.")
YOUNG_PERSON = {"he", "she", "they", "him", "her", "them"}

for _name, _default in (("hs_framing", NONE), ("hs_framing_kind", ""), ("hs_framing_cues", ""), ("hs_reported", False),
                         ("hs_evidence", ())):
    sentence_extension(_name, _default)


@dataclass(frozen=True)
class Hit:
    """A cue as the decision sees it: which side it counts for, and why it was set aside, if it was."""

    span: Span
    side: str
    kind: str
    aside: str = ""
    note: str = ""

    def describe(self) -> str:
        text = f"{self.span.id_}={self.span.text}"
        why = self.aside or self.note
        return f"{text} ({why})" if why else text


@Language.factory("hymnsheet_framing", default_config={"spans_key": "hymnsheet", "response_cues": []},
                  assigns=["span._.hs_framing", "span._.hs_framing_kind", "span._.hs_framing_cues", "span._.hs_reported",
                           "span._.hs_evidence"],
                  requires=["doc.spans", "doc.sents"])
def make_framing(nlp: Language, name: str, spans_key: str, response_cues: list[str]) -> "FramingComponent":
    return FramingComponent(spans_key, response_cues)


class FramingComponent:
    """Sets ``hs_framing``, ``hs_framing_kind``, ``hs_framing_cues`` and ``hs_reported`` on each sentence.

    ``response_cues`` are the ids of framing cues that are responses in themselves (lexicon
    ``"kind": "response"``); every other framing cue describes a problem.
    """

    def __init__(self, spans_key: str, response_cues: list[str]):
        self.spans_key = spans_key
        self.response_cues = frozenset(response_cues)

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.has_annotation("DEP")
        for cues in sentence_cues(doc, self.spans_key):
            self._decide(cues, parsed)
        return doc

    def _decide(self, cues: SentenceCues, parsed: bool) -> None:
        sentence = cues.sentence
        framing_cues = cues.get("behaviour", "ecological", "setting", "system")
        if not framing_cues and not parsed:
            labels_of(sentence).update(hs_framing=NONE, hs_framing_kind="", hs_framing_cues="",
                                       hs_reported=bool(cues.get("reported")), hs_evidence=evidence(cues, [], NONE))
            return
        hits = [Hit(span, span.label_, "response" if span.id_ in self.response_cues else "problem") for span in framing_cues]
        if parsed:
            hits += _parse_hits(sentence, cues)
        hits = _set_aside(_negate(_outermost(hits), cues), cues)
        contrasts = cues.get("contrast")
        counted = [hit for hit in hits if not hit.aside]
        side = _winner(counted, contrasts)
        labels_of(sentence).update(
            hs_framing=side, hs_framing_kind=framing_kind(cues, counted, side),
            hs_framing_cues="; ".join(hit.describe() for hit in hits), hs_reported=bool(cues.get("reported")),
            hs_evidence=evidence(cues, hits, side),
        )


def _set_aside(hits: list[Hit], cues: SentenceCues) -> list[Hit]:
    """The hits with those that do not frame this sentence set aside, each with the reason."""
    proposing = bool(cues.get(*PROPOSING))
    meta = cues.get("meta")
    hits = [_aside(hit, "talk about wording") if _inside(hit.span, meta) and not hit.aside else hit for hit in hits]
    neutral = cues.get("neutral")
    hits = [_aside(hit, "part of a name or motion") if _inside(hit.span, neutral) else hit for hit in hits]
    hits = _institution_agents(hits, cues)
    if meta or (cues.is_question and not proposing):
        why = "talk about wording" if meta else "in a question"
        hits = [_aside(hit, why) if hit.side in (BEHAVIOUR, "counter") else hit for hit in hits]
    elif cues.get("challenge"):
        # Challenging a behaviour *explanation* is a counter-frame; arguing about a behaviour
        # *response* ("I'd resist the contract") still puts that response on the table.
        hits = [_aside(hit, "challenged") if hit.side == "counter" or (hit.side == BEHAVIOUR and hit.kind == "problem")
                else hit for hit in hits]
    # "The men are the reason he keeps going back": the conduct after it is explained by the
    # context, not offered as the explanation.
    effects = cues.get("effect")
    hits = [_aside(hit, f"explained by what comes before '{effect.text}'")
            if hit.side == BEHAVIOUR and hit.kind == "problem" and effect is not None else hit
            for hit, effect in ((hit, next((e for e in effects if e.end <= hit.span.start), None)) for hit in hits)]
    dismissals = cues.get("dismissal")
    hits = [_aside(hit, f"judged not to work: '{d.text}'") if hit.kind == "response" and d is not None else hit
            for hit, d in ((hit, next((d for d in dismissals if hit.span.end <= d.start), None)) for hit in hits)]
    contrasts = cues.get("contrast")
    if cues.is_question and not (proposing or cues.get("response") or cues.get("concern")):
        hits = [_aside(hit, f"a {hit.side} with no concern or action") if hit.side in CONTEXTS else hit for hit in hits]
    hits = _systems_need_a_point(hits, cues, contrasts)
    # A setting is only the scene of something individual said in the same clause of a contrast.
    individual = {_segment(hit.span, contrasts) for hit in hits if hit.side == BEHAVIOUR and not hit.aside}
    return [_aside(hit, "only the setting") if hit.side in CONTEXTS and _segment(hit.span, contrasts) in individual
            else hit for hit in hits]


def _systems_need_a_point(hits: list[Hit], cues: SentenceCues, contrasts: list[Span]) -> list[Hit]:
    """A system named in passing frames nothing: it counts only in a clause that gives a deficit,
    a cause or a change ("the service is stretched", "because schools are judged on results",
    "we've put more money into CAMHS")."""
    pointed = {_segment(span, contrasts) for span in cues.get("concern", "reasoning", "response", *PROPOSING)}
    return [_aside(hit, "a system named with no deficit, cause or change")
            if hit.side == "system" and _segment(hit.span, contrasts) not in pointed else hit for hit in hits]


def _institution_agents(hits: list[Hit], cues: SentenceCues) -> list[Hit]:
    """Behaviour words said of an institution frame no young person: "the school decided to…",
    "universities are keen to…", "holding schools to account"."""
    doc = cues.sentence.doc
    # "described by school as…", "excluded from school": an institution after a preposition is not the one behaving.
    systems = [span for span in cues.get("system")
               if not (span.start > 0 and doc[span.start - 1].lower_ in PREPOSITIONS)]
    if not systems:
        return hits
    return [_aside(hit, f"said of '{agent.text}'") if hit.side == BEHAVIOUR and agent is not None else hit
            for hit, agent in ((hit, next((s for s in systems if _reaches(s, hit.span, doc, AGENT_REACH)), None))
                               for hit in hits)]


def framing_kind(cues: SentenceCues, counted: list[Hit], side: str) -> str:
    """``response`` when the deciding clause proposes or reports an action, else ``problem``
    (empty for no framing)."""
    if side == NONE:
        return ""
    contrasts = cues.get("contrast")
    deciding = [hit for hit in counted if _side(hit) == side]
    # An action word counts for the clause it is in: "he's been warned, but the problem is the
    # flat" describes a problem.
    segments = {_segment(hit.span, contrasts) for hit in deciding} or {_segment(cues.sentence, contrasts)}
    acting = any(hit.kind == "response" for hit in deciding) or any(
        _segment(span, contrasts) in segments for span in cues.get(*PROPOSING, "response"))
    return "response" if acting else "problem"


def evidence(cues: SentenceCues, hits: list[Hit], side: str) -> tuple[str, ...]:
    """What the rules saw in a sentence, as words a trained classifier can weigh beside the
    sentence's own: the rules' decision, each cue family counted or set aside, and the marks that
    change a framing (a question, a proposal, a negation, talk about wording, reported speech)."""
    words = [f"rule:{side}"]
    for hit in hits:
        family = ".".join(hit.span.id_.split(".")[:2])
        words.append(f"{'aside' if hit.aside else 'cue'}:{'counter' if hit.side == 'counter' else family}")
    marks = {"question": cues.is_question, "proposal": cues.get(*PROPOSING), "response": cues.get("response"),
             "negation": cues.get("negation"), "meta": cues.get("meta"), "reported": cues.get("reported"),
             "challenge": cues.get("challenge"), "procedural": cues.get("procedural")}
    return tuple(words + [f"mark:{name}" for name, present in marks.items() if present])


def roll_up(labels) -> str:
    """A turn's framing from its sentences': ``mixed`` when both framings occur."""
    found = set(labels)
    if BEHAVIOUR in found and ECOLOGICAL in found:
        return MIXED
    return BEHAVIOUR if BEHAVIOUR in found else ECOLOGICAL if ECOLOGICAL in found else NONE


def _side(hit: Hit) -> str:
    return ECOLOGICAL if hit.side in (*CONTEXTS, "counter") else hit.side


def _aside(hit: Hit, why: str) -> Hit:
    return hit if hit.aside else Hit(hit.span, hit.side, hit.kind, why, hit.note)


def _segment(span: Span, contrasts: list[Span]) -> int:
    """Which stretch of the sentence, between contrast words, a cue falls in."""
    return sum(contrast.start <= span.start for contrast in contrasts)


def _inside(span: Span, others: list[Span]) -> bool:
    return any(other.start <= span.start and span.end <= other.end for other in others)


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop a cue lying inside a longer one ("exclusion" in "exclusion policy")."""
    return [
        hit for hit in hits
        if not any(other is not hit and len(other.span) > len(hit.span) and _inside(hit.span, [other.span])
                   for other in hits)
    ]


def _negate(hits: list[Hit], cues: SentenceCues) -> list[Hit]:
    """Behaviour cues after a negation become counter-frames; any cue after a rejection is set aside."""
    negations, rejections = cues.get("negation"), cues.get("rejection")
    if not (negations or rejections):
        return hits
    doc = cues.sentence.doc
    result = []
    for hit in hits:
        rejection = next((r for r in rejections if _reaches(r, hit.span, doc)), None)
        negation = next((n for n in negations if _reaches(n, hit.span, doc)), None) if hit.side == BEHAVIOUR else None
        if negation is not None and hit.kind != "response" and not hit.span.id_.startswith(CHOICE_FAMILY):
            # "Mum isn't enforcing any rules" still blames conduct: only a denied *choice* reframes.
            negation = None
        if rejection is not None and hit.side == BEHAVIOUR and hit.kind != "response":
            # "It's not about his attitude" rejects an individual explanation: a counter-frame.
            result.append(Hit(hit.span, "counter", "problem", note=f"after '{rejection.text}': a counter-frame"))
        elif rejection is not None:
            result.append(_aside(hit, f"after '{rejection.text}'"))
        elif negation is None:
            result.append(hit)
        elif hit.kind == "response":
            # "I don't think the contract is the answer" still puts a behaviour response on the table.
            result.append(Hit(hit.span, hit.side, hit.kind, note=f"negated by '{negation.text}'"))
        else:
            result.append(Hit(hit.span, "counter", "problem", note=f"negated by '{negation.text}': a counter-frame"))
    return result


def _reaches(negation: Span, target: Span, doc: Doc, reach: int = 0) -> bool:
    # A negation that starts the cue itself ("not engaging") is part of what the cue means.
    if not (negation.start < target.start <= negation.end + (reach or NEGATION_REACH)):
        return False
    return not any(token.lower_ in CLAUSE_BREAKS for token in doc[negation.end:target.start])


def _winner(hits: list[Hit], contrasts: list[Span]) -> str:
    sides = {_side(hit) for hit in hits}
    if not sides:
        return NONE
    if len(sides) == 1:
        return sides.pop()
    if contrasts:
        last = max(contrast.start for contrast in contrasts)
        after = {_side(hit) for hit in hits if hit.span.start >= last}
        if len(after) == 1:
            return after.pop()
    responding = {_side(hit) for hit in hits if hit.kind == "response"}
    if len(responding) == 1:
        return responding.pop()
    counts = {side: sum(_side(hit) == side for hit in hits) for side in sides}
    if counts[BEHAVIOUR] != counts[ECOLOGICAL]:
        return max(counts, key=counts.get)
    return _side(max(hits, key=lambda hit: hit.span.start))


def _parse_hits(sentence: Span, cues: SentenceCues) -> list[Hit]:
    """Cues only a parse can give: who chooses, and whether a place is what the sentence is about."""
    hits = []
    places = cues.get("setting")
    doc = sentence.doc
    for token in sentence:
        if token.lemma_ in CHOICE_LEMMAS and token.pos_ == "VERB" and not any(c.dep_ == "neg" for c in token.children):
            if any(c.dep_ == "nsubj" and (c.lower_ in YOUNG_PERSON or c.pos_ == "PROPN") for c in token.children):
                hits.append(Hit(_parse_span(doc, token, "parse.choice_subject", "behaviour"), BEHAVIOUR, "problem"))
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            place = next((p for p in places if p.start <= token.i < p.end), None)
            if place is not None:
                hits.append(Hit(_parse_span(doc, token, "parse.place_subject", "ecological"), ECOLOGICAL, "problem"))
    return hits


def _parse_span(doc: Doc, token, cue_id: str, label: str) -> Span:
    return Span(doc, token.i, token.i + 1, label=label, span_id=cue_id)
