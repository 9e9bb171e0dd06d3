"""The words a sentence is about: content words lower-cased, phrases of two adjacent ones, and
nothing of stop words, punctuation, numbers or the names of the people present."""

import spacy

from hymnsheet_talk.language import NAMES_KEY
from hymnsheet_talk.language.terms import sentence_terms


def test_content_words_and_adjacent_pairs_without_names_numbers_or_stop_words():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Tom said the Youth Club on Ridgeway Road closed in 2019, four years ago. It isn't Kian's choice.")
    doc.user_data[NAMES_KEY] = frozenset({"tom"})
    first, second = doc.sents
    assert sentence_terms(first) == ["said", "youth", "club", "ridgeway", "road", "closed", "years", "ago",
                                     "youth club", "ridgeway road", "road closed", "years ago"]
    # "Kian" is not an attendee here, so he stays; "'s" and "n't" are pieces of words, not words.
    assert sentence_terms(second) == ["kian", "choice"]
