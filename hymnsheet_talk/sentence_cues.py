"""Lexicon cues grouped by the sentence they fall in: the common input of the rule components."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

@dataclass
class SentenceCues:
    """A sentence and its cue spans by label (a cue inside a longer cue of the same label is dropped)."""

    sentence: Span
    by_label: dict[str, list[Span]] = field(default_factory=dict)

    def get(self, *labels: str) -> list[Span]:
        found = [span for label in labels for span in self.by_label.get(label, ())]
        return sorted(found, key=lambda span: (span.start, span.end)) if len(labels) > 1 else found

    @property
    def is_question(self) -> bool:
        tokens = [token for token in self.sentence if not token.is_space]
        return bool(tokens) and "?" in tokens[-1].text


def sentence_cues(doc: Doc, spans_key: str) -> list[SentenceCues]:
    """Every sentence of ``doc`` with its cues, in order."""
    sentences = [SentenceCues(sentence) for sentence in doc.sents]
    spans = sorted(doc.spans[spans_key] if spans_key in doc.spans else (), key=lambda s: (s.start, -len(s)))
    index = 0
    for span in spans:
        while index < len(sentences) - 1 and span.start >= sentences[index].sentence.end:
            index += 1
        bucket = sentences[index].by_label.setdefault(span.label_, [])
        if not any(other.start <= span.start and span.end <= other.end for other in bucket):
            bucket.append(span)
    return sentences
