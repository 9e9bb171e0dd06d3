"""Lexicon cues grouped by the sentence they fall in, and where the rule components put their labels.

Labels live in one dict per sentence (in ``doc.user_data``, keyed by the sentence's first token);
the ``Span`` extensions (``sentence._.hs_framing`` and the rest) read from it. Reading a plain dict
is what keeps tagging fast: a ``Span._`` lookup per label per sentence was a large share of a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

LABELS_KEY = "hymnsheet_labels"
# Where a doc keeps the lower-case names of the people present (vocatives are read from it).
NAMES_KEY = "hymnsheet_names"
_CACHE_KEY = "hymnsheet_sentence_cues"


def sentence_extension(name: str, default) -> None:
    """Register ``Span._.<name>``, read from the sentence's labels (``default`` until set)."""
    if not Span.has_extension(name):
        Span.set_extension(name, getter=lambda span: sentence_labels(span.doc).get(span.start, {}).get(name, default))


def sentence_labels(doc: Doc) -> dict[int, dict]:
    """Every sentence's labels, keyed by the index of its first token."""
    return doc.user_data.setdefault(LABELS_KEY, {})


def labels_of(sentence: Span) -> dict:
    """The mutable label dict of one sentence."""
    return sentence_labels(sentence.doc).setdefault(sentence.start, {})


def forget_sentence_cues(doc: Doc) -> None:
    """Drop the per-doc cache of cue spans (spans cannot be serialised with the doc)."""
    doc.user_data.pop(_CACHE_KEY, None)


@dataclass
class SentenceCues:
    """A sentence and its cue spans by label (a cue inside a longer cue of the same label is dropped)."""

    sentence: Span
    by_label: dict[str, list[Span]] = field(default_factory=dict)

    def get(self, *labels: str) -> list[Span]:
        if len(labels) == 1:
            return self.by_label.get(labels[0]) or []
        found = [span for label in labels for span in self.by_label.get(label, ())]
        return sorted(found, key=lambda span: (span.start, span.end))

    @cached_property
    def is_question(self) -> bool:
        """Ends with a question mark (the sentencizer ends a sentence at one)."""
        doc, index = self.sentence.doc, self.sentence.end - 1
        while index > self.sentence.start and doc[index].is_space:
            index -= 1
        return "?" in doc[index].text


# Past this many tokens a "sentence" is speech written without full stops (an automatic transcript
# with no punctuation): it is cut into pieces this long. The rules compare every cue of a sentence
# with every other, so an uncut 50,000-word turn cost far more than its words; real meeting talk has
# no sentence near this long (170 tokens at most across the real sittings in ../shared).
MAX_SENTENCE_TOKENS = 500


@Language.component("hymnsheet_long_sentences", assigns=["token.is_sent_start"])
def cut_long_sentences(doc: Doc) -> Doc:
    """Start a new sentence every ``MAX_SENTENCE_TOKENS`` tokens of a longer one."""
    for sentence in list(doc.sents):
        for start in range(sentence.start + MAX_SENTENCE_TOKENS, sentence.end, MAX_SENTENCE_TOKENS):
            doc[start].is_sent_start = True
    return doc


def sentence_cues(doc: Doc, spans_key: str) -> list[SentenceCues]:
    """Every sentence of ``doc`` with its cues, in order (worked out once per doc)."""
    if _CACHE_KEY in doc.user_data:
        return doc.user_data[_CACHE_KEY]
    sentences = [SentenceCues(sentence) for sentence in doc.sents]
    spans = sorted(doc.spans[spans_key] if spans_key in doc.spans else (), key=lambda s: (s.start, -len(s)))
    index = 0
    for span in spans:
        while index < len(sentences) - 1 and span.start >= sentences[index].sentence.end:
            index += 1
        bucket = sentences[index].by_label.setdefault(span.label_, [])
        if not any(other.start <= span.start and span.end <= other.end for other in bucket):
            bucket.append(span)
    doc.user_data[_CACHE_KEY] = sentences
    return sentences
