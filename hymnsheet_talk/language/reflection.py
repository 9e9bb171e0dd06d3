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
# A question word followed by one of these, this near, asks for a figure or a date, not an explanation.
FIGURE_WORDS = frozenset("many much long often soon old far budget cost costs percentage proportion number numbers "
                         "figure figures date dates amount total rate deadline timeline price average size".split())
FIGURE_REACH = 3
# A question opening with one of these is a yes/no question, whatever words follow inside it.
YES_NO_OPENERS = frozenset("do does did will would can could is are was were has have had should shall may might "
                           "must isn't aren't don't doesn't didn't won't wouldn't can't couldn't".split())
# Titles a person can be addressed by ("Minister, …"), and the chair's, which is only a courtesy.
TITLES = frozenset("minister ministers secretary commissioner inspector ombudsman councillor cllr professor "
                   "director president premier".split())
CHAIR_WORDS = frozenset("chair chairman chairwoman chairperson convener convenor speaker".split())
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. hon hon. honourable prof prof. sir dame cllr".split())
# A question is put to a title named this near its start ("Will the minister…?", "Can the government…?").
ADDRESSEE_REACH = 8
BARE_NAME_WORDS = 4
BARE_NAME_FILLERS = frozenset("on this then first next please and now of all".split())
# Words that name a person after a hand-over phrase, and how far after it to look.
PERSON_WORDS = frozenset("member minister secretary colleague leader witness".split())
PERSON_REACH = 4
COURTESY_REACH = 5
# Not knowing said while bringing someone in is a courtesy, not doubt about the matter.
COURTESY_DOUBTS = frozenset({"uncertainty.dont_know_short", "uncertainty.dont_know_adverb"})
COURTESY_OPENERS = frozenset("thank thanks welcome good morning afternoon evening hello hi".split())

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
                (cues.get("open_request") or _open_question_words(cues, self.discourse)) if cues.is_question else []
            )
            addressee, addressing = self._invitation(cues, names, bool(evidence["open_question"]))
            if addressee:
                evidence["invitation"] = addressing
                labels_of(sentence)["hs_addressee"] = addressee
                # "Steve, I don't know if you want to add anything": a courtesy when handing over.
                if all(_courtesy_doubt(span) for span in evidence["uncertainty"]):
                    evidence["uncertainty"] = []
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

    def _invitation(self, cues: SentenceCues, names, open_question: bool) -> tuple[str, list[Span]]:
        """Who a sentence brings in ("Priya", "agency:Health", "anyone", "the minister") and the words
        that say so, or ``("", [])``: the floor given ("questions now from Jenny"), a name said on
        its own ("Llyr."), a question or request put to someone, or a hand-over to a named person."""
        doc = cues.sentence.doc
        handed = [span for span in cues.get("floor_to") if _person_follows(span, names)]
        if cues.get("floor") or handed:
            named = _named(cues.sentence, names)
            return (named.text if named is not None else "the floor"), cues.get("floor") + handed
        bare = _bare_name(cues.sentence, names, self.discourse)
        if bare is not None:
            return bare.text, [doc[bare.i:bare.i + 1]]
        if _courtesy(cues.sentence):
            return "", []
        vocative = _vocative(cues, names, self.discourse)
        asking = cues.is_question or cues.get("invitation") or open_question
        # A title said first is how a minister is put a question ("Minister, in my constituency…").
        if vocative is not None and (asking or vocative.lower_ in TITLES):
            return vocative.text, cues.get("invitation") + [doc[vocative.i:vocative.i + 1]]
        addressees = [span for span in cues.get("addressee") if span.start - cues.sentence.start <= ADDRESSEE_REACH]
        if asking and addressees:
            agency = self.agencies.get(addressees[0].id_, "")
            return (f"agency:{agency}" if agency else addressees[0].text.lower()), cues.get("invitation") + addressees[:1]
        named = _named(cues.sentence, names) if cues.get("invitation") else None
        if named is not None:  # "I don't know if Steve wants to add anything"
            return named.text, cues.get("invitation") + [doc[named.i:named.i + 1]]
        return "", []


def _open_question_words(cues: SentenceCues, discourse: frozenset[str]) -> list[Span]:
    """A what/how/why word opening a clause of a question, unless the question asks for a figure
    ("how many…?", "what is the budget…?") or is a yes/no question with the word inside it ("Will
    there be a relaxation of what we call truancy rules?")."""
    doc = cues.sentence.doc
    opening = next((token for token in cues.sentence if not (token.is_punct or token.norm_ in discourse)), None)
    if opening is not None and opening.lower_ in YES_NO_OPENERS:
        return []
    found = []
    for span in cues.get("question_word"):
        before = span.start - 1
        at_clause_start = (
            span.start == cues.sentence.start
            or doc[before].text in CLAUSE_OPENERS
            or doc[before].norm_ in discourse
        )
        following = {token.lower_ for token in doc[span.end:min(span.end + FIGURE_REACH, len(doc))]}
        if at_clause_start and not following & FIGURE_WORDS and (
                span.end >= len(doc) or doc[span.end].norm_ not in PROPOSAL_AFTER):
            found.append(span)
    return found[:1]


def _vocative(cues: SentenceCues, names, discourse: frozenset[str]) -> Token | None:
    """A name or title said to someone: before the first comma at the start ("Priya, …",
    "Minister, …"), or after the last one at the end ("…, Priya?"). The chair addressed as chair is
    a courtesy, not an invitation."""
    sentence = cues.sentence
    doc = sentence.doc
    # Only the first four and last three words can hold a vocative: never walk the whole sentence.
    head = [token for token in doc[sentence.start:min(sentence.start + 4, sentence.end)] if not token.is_space]
    tail = [token for token in doc[max(sentence.end - 4, sentence.start):sentence.end] if not token.is_space][-3:]
    comma = next((k for k, token in enumerate(head) if token.text == ","), None)
    if comma and not any(token.lower_ in CHAIR_WORDS for token in head[:comma]):
        # At the start of a sentence every word is capitalised: a known name or a title will do, and
        # a capitalised word only when nobody's names are known.
        candidate = next((token for token in head[:comma] if token.lower_ in names or token.lower_ in TITLES
                          or (not names and _is_name(token, names, discourse))), None)
        if candidate is not None:
            return candidate
    if len(tail) == 3 and tail[-1].is_punct and tail[0].text == "," and tail[1].lower_ not in CHAIR_WORDS:
        if _is_name(tail[1], names, discourse):
            return tail[1]
    return None


def _is_name(token: Token, names, discourse: frozenset[str]) -> bool:
    return token.is_alpha and token.norm_ not in discourse and (
        token.lower_ in names or (token.is_title and token.text != "I" and not token.is_stop))


def _bare_name(sentence: Span, names, discourse: frozenset[str]) -> Token | None:
    """A sentence that is only a name, perhaps with an honorific and "on this" ("Llyr.", "Mr. Deltell.",
    "Suzy Davies, then."): the chair giving the floor. Not the chair addressed ("Chair.")."""
    words = [token for token in sentence if not (token.is_punct or token.is_space)]
    if not 1 <= len(words) <= BARE_NAME_WORDS:
        return None
    names_said = [token for token in words if _is_name(token, names, discourse) and token.lower_ not in CHAIR_WORDS
                  and not _bracketed(token)]
    fillers = [token for token in words if token.lower_ in HONORIFICS or token.lower_ in BARE_NAME_FILLERS]
    if names_said and len(names_said) + len(fillers) == len(words):
        return names_said[0]
    return None


def _named(sentence: Span, names) -> Token | None:
    """The first attendee's name said anywhere in a sentence (lower-case names of those present)."""
    return next((token for token in sentence if token.lower_ in names and token.is_alpha and token.is_title
                 and not _bracketed(token)), None)


def _person_follows(span: Span, names) -> bool:
    """Whether a person is named just after a hand-over phrase ("we'll go to Mr. Deltell", "questions
    from Hefin", "go ahead, the honourable minister"), not a business ("we'll go to petitions")."""
    after = span.doc[span.end:min(span.end + PERSON_REACH, span.sent.end)]
    return any(token.lower_ in names or token.lower_ in HONORIFICS or token.lower_ in PERSON_WORDS for token in after)


def _bracketed(token: Token) -> bool:
    """A stage direction such as "[Laughter.]", never a name."""
    return token.i > 0 and token.doc[token.i - 1].text in "[("


def _courtesy_doubt(span: Span) -> bool:
    """"I don't know if…" or "I'm not sure whether…": not knowing what someone else would like."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return span.id_ in COURTESY_DOUBTS and after is not None and after.lower_ in ("if", "whether")


def _courtesy(sentence: Span) -> bool:
    """Thanks or a welcome said to someone by name ("Thank you, Minister.", "Well, can I thank you
    all…"): not bringing them in."""
    opening = [token.lower_ for token in sentence[:COURTESY_REACH] if not (token.is_punct or token.is_space)]
    return bool(opening) and (opening[0] in COURTESY_OPENERS or any(word in ("thank", "thanks") for word in opening))


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)
