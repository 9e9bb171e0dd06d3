"""The words a sentence is about: its content words, lower-cased, and the two-word phrases they form.

What each agency talks about is told from these (``tables.terms``, docs/methods.md §8). The blank
English pipeline has no lemmatizer, so a term is the lower-cased word as said. Stop words (spaCy's
``is_stop``), punctuation, numbers ("four", "2019") and the names of the people present
(``doc.user_data[NAMES_KEY]``) are left out: they say who spoke and how, not about what.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .sentences import NAMES_KEY


def sentence_terms(sentence: Span) -> list[str]:
    """The sentence's content words in order, then each pair of content words said one after the
    other ("youth club", "temporary accommodation") as a phrase."""
    names = sentence.doc.user_data.get(NAMES_KEY, frozenset())
    words = [token.lower_ if _is_content(token, names) else "" for token in sentence]
    phrases = [f"{first} {second}" for first, second in zip(words, words[1:]) if first and second]
    return [word for word in words if word] + phrases


def _is_content(token: Token, names: frozenset[str]) -> bool:
    # ``is_alpha`` leaves out punctuation, digits and contractions' pieces ("n't", "'s").
    return (token.is_alpha and len(token) > 1 and not token.is_stop and not token.like_num
            and token.lower_ not in names)
