"""The actions component: does a sentence agree an action, or only propose one?

Per sentence it sets ``hs_action`` — ``marker`` ("Action for community safety: …", "agreed"),
``assignment`` ("Jo will…"), ``commitment`` ("I'll take that to both heads"), ``request`` ("could
housing look at…?") or empty — and ``hs_proposal`` (1 for requests, offers and proposals such as
"we could" or "let's"). Requests and offers are proposals, not actions: a request becomes an
action only when the person asked says yes, which ``tables.actions`` reads from the next turn.
"I'll be honest" is no commitment: the lexicon lists the verbs an action is made of.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import PROPOSING
from .sentences import labels_of, sentence_cues, sentence_extension

# Strongest first: a sentence that records an action and also offers one is an action.
ACTION_KINDS = ("action_marker", "assignment", "commitment", "request")

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
        for cues in sentence_cues(doc, self.spans_key):
            kind = next((label for label in ACTION_KINDS if cues.get(label)), "")
            spans = cues.get(*ACTION_KINDS, "offer")
            labels_of(cues.sentence).update(
                hs_action=kind.replace("action_", ""),
                hs_proposal=int(any(cues.get(label) for label in PROPOSING)),
                hs_action_cues="; ".join(f"{span.id_}={span.text}" for span in spans),
            )
        return doc
