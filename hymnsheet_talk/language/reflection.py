"""The reflection component: signs of space to think together, sentence by sentence (docs/methods.md §3).

Lexicon cues carry most of the work; a little grammar sits on top:

- ``uncertainty``: an uncertainty cue not covered by a ``weak_uncertainty`` one ("not to hand").
- ``open_question``: a question whose clause opens with what/how/why ("Priya, why do we think…?"),
  or a request to explain ("talk us through"); housekeeping ("can everyone hear me?"), "what
  about…?" proposals and yes/no questions are not.
- ``invitation``: a question or request with someone to answer it: a name as vocative ("Priya,
  …?" / "…, Priya?"), an agency ("anyone from health?") or everyone else ("does anyone…?").
- ``reasoning``: a reasoning cue, unless the sentence reports a past event as fact ("he was
  excluded because…"), where "because" explains the event rather than the speaker's thinking.
- ``challenge``: a challenge cue, or a question about the words used ("are we victim-blaming?"),
  unless the sentence is about housekeeping ("I disagree with the date in the minutes").
- ``building_on`` and ``certainty``: their cues.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .sentences import NAMES_KEY, SentenceCues, forget_sentence_cues, labels_of, sentence_cues, sentence_extension

MARKERS = ["uncertainty", "open_question", "invitation", "reasoning", "challenge", "building_on", "certainty"]
CLAUSE_OPENERS = {",", ";", ":", "—", "–", "-", "("}
# Words that can follow "what"/"how" at a clause start without asking for an explanation.
PROPOSAL_AFTER = {"about"}

for _name, _default in (("hs_markers", None), ("hs_reflection_cues", ""), ("hs_addressee", "")):
    sentence_extension(_name, _default)


@Language.factory("hymnsheet_reflection", default_config={"spans_key": "hymnsheet", "agencies": {}, "discourse": []},
                  assigns=["span._.hs_markers", "span._.hs_reflection_cues", "span._.hs_addressee"],
                  requires=["doc.spans", "doc.sents"])
def make_reflection(nlp: Language, name: str, spans_key: str, agencies: dict[str, str],
                    discourse: list[str]) -> "ReflectionComponent":
    return ReflectionComponent(spans_key, agencies, discourse)


class ReflectionComponent:
    """Sets ``hs_markers`` (marker → 0/1), ``hs_reflection_cues`` and ``hs_addressee`` on each sentence.

    ``agencies`` maps addressee cue ids to the agency they name ("from health" → Health);
    ``discourse`` lists the (lower-case) words that open sentences without being names ("so",
    "okay"). They are looked up word by word rather than marked as spans: they occur in almost
    every sentence, and marking each one cost more than the rest of the rules.
    ``doc.user_data[NAMES_KEY]``, when set, holds the lower-case names of the people
    present, so a name is recognised as a vocative even when the transcript has it in lower case.
    """

    def __init__(self, spans_key: str, agencies: dict[str, str], discourse: list[str]):
        self.spans_key = spans_key
        self.agencies = agencies
        self.discourse = frozenset(discourse)

    def __call__(self, doc: Doc) -> Doc:
        names = doc.user_data.get(NAMES_KEY, frozenset())
        for cues in sentence_cues(doc, self.spans_key):
            self._mark(cues, names)
        forget_sentence_cues(doc)  # the last component to read them
        return doc

    def _mark(self, cues: SentenceCues, names) -> None:
        sentence = cues.sentence
        procedural = bool(cues.get("procedural"))
        evidence: dict[str, list[Span]] = {marker: [] for marker in MARKERS}
        weak = cues.get("weak_uncertainty")
        evidence["uncertainty"] = [span for span in cues.get("uncertainty") if not _overlaps(span, weak)]
        if not procedural:
            evidence["open_question"] = cues.get("open_question") or (
                _open_question_words(cues, self.discourse) if cues.is_question else []
            )
            asking = cues.is_question or bool(cues.get("invitation")) or bool(evidence["open_question"])
            addressee, addressing = self._addressee(cues, names) if asking else ("", [])
            if addressee:
                evidence["invitation"] = cues.get("invitation") + addressing
                labels_of(sentence)["hs_addressee"] = addressee
        if not cues.get("reported_fact"):
            evidence["reasoning"] = cues.get("reasoning")
        if not procedural:  # disagreeing about the minutes or a date is housekeeping, not challenge
            evidence["challenge"] = cues.get("challenge") + (cues.get("meta") if cues.is_question else [])
        evidence["building_on"] = cues.get("building_on")
        evidence["certainty"] = cues.get("certainty")
        labels_of(sentence).update(
            hs_markers={marker: int(bool(spans)) for marker, spans in evidence.items()},
            hs_reflection_cues="; ".join(
                f"{marker}/{span.id_ or 'name'}={span.text}" for marker, spans in evidence.items() for span in spans
            ),
        )

    def _addressee(self, cues: SentenceCues, names) -> tuple[str, list[Span]]:
        """Who a sentence is addressed to ("Priya", "agency:Health", "anyone") and the words that say so."""
        vocative = _vocative(cues, names, self.discourse)
        if vocative is not None:
            return vocative.text, [cues.sentence.doc[vocative.i:vocative.i + 1]]
        for span in cues.get("addressee"):
            agency = self.agencies.get(span.id_, "")
            return (f"agency:{agency}" if agency else span.text.lower()), [span]
        return "", []


def _open_question_words(cues: SentenceCues, discourse: frozenset[str]) -> list[Span]:
    doc = cues.sentence.doc
    found = []
    for span in cues.get("question_word"):
        before = span.start - 1
        at_clause_start = (
            span.start == cues.sentence.start
            or doc[before].text in CLAUSE_OPENERS
            or doc[before].norm_ in discourse
        )
        if at_clause_start and (span.end >= len(doc) or doc[span.end].norm_ not in PROPOSAL_AFTER):
            found.append(span)
    return found[:1]


def _vocative(cues: SentenceCues, names, discourse: frozenset[str]) -> Token | None:
    """A name said to someone: before the first comma at the start, or after the last one at the end."""
    sentence = cues.sentence
    doc = sentence.doc
    # Only the first four and last three words can hold a vocative: never walk the whole sentence.
    head = [token for token in doc[sentence.start:min(sentence.start + 4, sentence.end)] if not token.is_space]
    tail = [token for token in doc[max(sentence.end - 4, sentence.start):sentence.end] if not token.is_space][-3:]
    def is_name(token: Token) -> bool:
        return token.is_alpha and token.norm_ not in discourse and (
            token.lower_ in names or (token.is_title and token.text != "I"))

    comma = next((k for k, token in enumerate(head) if token.text == ","), None)
    if comma:
        candidate = next((token for token in head[:comma] if is_name(token)), None)
        if candidate is not None:
            return candidate
    if len(tail) == 3 and tail[-1].is_punct and tail[0].text == ",":
        if is_name(tail[1]):
            return tail[1]
    return None


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)
