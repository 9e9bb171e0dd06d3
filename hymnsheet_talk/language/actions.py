"""The actions component: does a sentence agree an action, or only propose one?

Per sentence it sets ``hs_action`` — ``marker`` ("Action for community safety: …", "agreed"),
``assignment`` ("Jo will…"), ``commitment`` ("I'll take that to both heads"), ``request`` ("could
housing look at…?") or empty — and ``hs_proposal`` (1 for requests, offers and proposals such as
"we could" or "let's"). Requests and offers are proposals, not actions: a request becomes an
action only when the person asked says yes, which ``tables.actions`` reads from the next turn.
"I'll be honest" is no commitment: the lexicon lists the verbs an action is made of. A move in the
meeting's own business ("we'll now go to Mr. Deltell", "I'll take that as a no"), a sentence that
gives the floor or keeps house, and a commitment or assignment asked as a question ("Will the
minister take action…?") are not actions; an assignment needs someone to own it, so "Monday will
bring…" is not one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import PROPOSING
from .sentences import NAMES_KEY, SentenceCues, labels_of, sentence_cues, sentence_extension

# Strongest first: a sentence that records an action and also offers one is an action.
ACTION_KINDS = ("action_marker", "assignment", "commitment", "request")
# Cue labels that make a sentence part of running the meeting, never an action.
NOT_ACTIONS = ("meeting_move", "floor", "floor_to", "procedural")
# Who can be given an action by name when nobody's names are known: an agency or a service.
AGENCY_WORDS = frozenset("police housing education health school schools council youth social care services "
                         "safety team officer officers nurse worker workers".split())

for _name, _default in (("hs_action", ""), ("hs_proposal", 0), ("hs_action_cues", "")):
    sentence_extension(_name, _default)


@Language.factory("hymnsheet_actions", default_config={"spans_key": "hymnsheet"},
                  assigns=["span._.hs_action", "span._.hs_proposal", "span._.hs_action_cues"],
                  requires=["doc.spans", "doc.sents"])
def make_actions(nlp: Language, name: str, spans_key: str) -> "ActionsComponent":
    return ActionsComponent(spans_key)


class ActionsComponent:
    """Sets ``hs_action``, ``hs_proposal`` and ``hs_action_cues`` on each sentence."""

    def __init__(self, spans_key: str):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        names = doc.user_data.get(NAMES_KEY, frozenset())
        for cues in sentence_cues(doc, self.spans_key):
            kind = next((label for label in ACTION_KINDS if _counts(label, cues, names)), "")
            spans = cues.get(*ACTION_KINDS, "offer")
            labels_of(cues.sentence).update(
                hs_action=kind.replace("action_", ""),
                hs_proposal=int(any(cues.get(label) for label in PROPOSING) and not cues.get(*NOT_ACTIONS)),
                hs_action_cues="; ".join(f"{span.id_}={span.text}" for span in spans),
            )
        return doc


def _counts(label: str, cues: SentenceCues, names) -> bool:
    """Whether the sentence's cues of kind ``label`` make it that kind of action."""
    found = cues.get(label)
    if not found or cues.get(*NOT_ACTIONS):
        return False
    # A question does not agree an action, unless it asks the meeting to agree one ("Can we agree that…?").
    if label not in ("request", "action_marker") and cues.is_question and not cues.get("action_marker"):
        return False
    if label == "assignment":
        return any(_owned(span, names) for span in found)
    return True


def _owned(span, names) -> bool:
    """An assignment names its owner: the word before "will" ("Jo will…") or before the verb ("Priya
    takes…"), someone present or an agency."""
    doc = span.doc
    candidates = [doc[span.start]] + ([doc[span.start - 1]] if span.start > span.sent.start else [])
    for token in candidates:
        word = token.lower_
        if word in names or word in AGENCY_WORDS or (not names and token.is_title and not token.is_stop):
            return True
    return False
