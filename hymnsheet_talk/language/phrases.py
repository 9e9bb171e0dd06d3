"""Every phrase of every cue, found in one pass over a doc's ``NORM`` values.

spaCy's PhraseMatcher takes each phrase as a ``Doc``: the shipped lexicons spell some 34,000
phrases, and making their Docs was two seconds of every run's start. Here a phrase is a tuple of
``NORM`` hashes in a trie of dicts, built from the compiled cues in a few milliseconds and walked
once per token, which finds the same matches as the PhraseMatcher did.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Iterator

_END = -1  # NORM hashes are unsigned, so -1 can only mean "a phrase ends here"


class PhraseIndex:
    """Phrases (tuples of ``NORM`` hashes), each under a key, and where they occur in a doc."""

    def __init__(self) -> None:
        self.root: dict = {}
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def add(self, key: Hashable, phrases: Iterable[tuple[int, ...]]) -> None:
        for phrase in phrases:
            node = self.root
            for norm in phrase:
                node = node.setdefault(norm, {})
            node.setdefault(_END, []).append(key)
            self.size += 1

    def find(self, norms: list[int]) -> Iterator[tuple[Hashable, int, int]]:
        """``(key, start, end)`` for every phrase in ``norms`` (a doc's ``NORM`` column), overlaps included."""
        root, length = self.root, len(norms)
        for start, norm in enumerate(norms):
            node = root.get(norm)
            end = start + 1
            while node is not None:
                for key in node.get(_END, ()):
                    yield key, start, end
                if end == length:
                    break
                node = node.get(norms[end])
                end += 1
