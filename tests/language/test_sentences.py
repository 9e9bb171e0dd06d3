"""Sentences as the rules see them: speech with no full stops is cut into pieces."""

from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.language.sentences import MAX_SENTENCE_TOKENS


def test_speech_without_full_stops_is_cut_every_so_many_tokens_and_punctuated_speech_is_not():
    nlp = build_pipeline(classifier=False)
    doc = nlp(" ".join(["the park is dark"] * 300))  # 1,200 words, no full stop
    assert [len(sentence) for sentence in doc.sents] == [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 200]
    doc = nlp("The park is dark. Why? " + " ".join(["word"] * 120) + ".")
    assert [len(sentence) for sentence in doc.sents] == [5, 2, 121]
