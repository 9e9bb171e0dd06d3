"""The word syntax of lexicon patterns, compiled into steps the cue matcher can chain.

A pattern is split on spaces (outside brackets) into elements. Runs of ordinary elements become
one *phrase step*: every phrase they can spell, as tuples of spaCy ``NORM`` values, looked up with
spaCy's PhraseMatcher. Wildcards between them become *gap steps* ("any one word", "up to three
words", "any word but these") or a sentence start. Patterns with a prefix wildcard (``exploit*``)
are turned into spaCy Matcher token patterns instead, which is slower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokenizer import Tokenizer

PATTERN_HELP = """\
Pattern words are separated by spaces; each matches one word, whatever its case:
  word          that word                a|b|c         any of these words
  (a b|c d)     any of these phrases     [a|b c]       optional: may be left out
  _             any one word             _{0,3}        up to three words of any kind
  ~i|we         any one word but these   ^             the start of a sentence
  exploit*      any word starting with "exploit" (slower: use sparingly)
A pattern with none of these marks is a plain phrase. A list of spaCy token dicts is also accepted."""
# Past this many phrases one step is better split into several cues.
MAX_PHRASES = 20_000
_GAP = re.compile(r"^_(?:\{(\d*),(\d+)\})?$")
_PLAIN = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Step:
    """One link of a compiled pattern: a set of phrases, a gap, one word but some, or a sentence start."""

    kind: str
    phrases: frozenset[tuple[str, ...]] = frozenset()
    low: int = 0
    high: int = 0
    excluded: frozenset[str] = frozenset()


def is_word_syntax(pattern: str) -> bool:
    return any(mark in pattern for mark in "|[]()*~^") or any(_GAP.match(word) for word in pattern.split())


def compile_steps(pattern: str, tokenizer: Tokenizer) -> list[Step] | None:
    """The steps of a pattern, or ``None`` when it needs spaCy's Matcher (a prefix wildcard)."""
    steps: list[Step] = []
    run: list[list[tuple[str, ...]]] = []
    for element in elements(pattern):
        optional, body = _unwrap(element)
        if body.endswith("*") and "|" not in body and " " not in body:
            return None
        special = _special(body, optional, tokenizer)
        if special is None:
            run.append(_choices(body, optional, tokenizer))
            continue
        if run:
            steps.append(_phrase_step(run))
            run = []
        if special.kind == "start" and steps:
            raise ValueError("^ (start of a sentence) can only open a pattern")
        steps.append(special)
    if run:
        steps.append(_phrase_step(run))
    if not any(step.kind == "phrase" for step in steps):
        raise ValueError("a pattern needs at least one word that is not a wildcard")
    return steps


def pattern_phrases(pattern: str | list, tokenizer: Tokenizer) -> set[tuple[str, ...]]:
    """Every phrase a pattern without wildcards can match, as ``NORM`` tuples (empty if it has any)."""
    if not isinstance(pattern, str):
        return set()
    if not is_word_syntax(pattern):
        return {norms(pattern, tokenizer)}
    steps = compile_steps(pattern, tokenizer) or []
    return set(steps[0].phrases) if len(steps) == 1 and steps[0].kind == "phrase" else set()


def token_patterns(pattern: str, tokenizer: Tokenizer) -> list[list[dict]]:
    """Matcher token patterns for a pattern with a prefix wildcard; other words become ``NORM`` sets."""
    patterns: list[list[dict]] = [[]]
    for element in elements(pattern):
        optional, body = _unwrap(element)
        gap = _GAP.match(body)
        if gap:
            options = [[{"OP": f"{{{gap.group(1) or 0},{gap.group(2)}}}"} if gap.group(2) else {}]]
        elif body.endswith("*"):
            options = [[{"NORM": {"REGEX": "^" + re.escape(body[:-1].lower())}}]]
        elif body.startswith("~") or body == "^":
            raise ValueError(f"{body[0]} cannot be combined with a prefix wildcard (word*)")
        else:
            options = [[{"NORM": norm} for norm in choice] for choice in _choices(body, False, tokenizer)]
        if optional:
            options.append([])
        patterns = [done + option for done in patterns for option in options]
    return patterns


def norms(text: str, tokenizer: Tokenizer) -> tuple[str, ...]:
    """The ``NORM`` of each token spaCy makes of ``text``.

    Plain lower-case words that no tokenizer rule splits ("cannot" is one that does) are looked
    up in the vocabulary directly: tokenizing 17,000 pattern words one Doc at a time was most of
    the time it took to build the pipeline.
    """
    words = text.split()
    if all(_PLAIN.fullmatch(word) and word not in tokenizer.rules for word in words):
        return tuple(tokenizer.vocab[word].norm_ for word in words)
    return tuple(token.norm_ for token in tokenizer(text))


def elements(pattern: str) -> list[str]:
    """Split on spaces outside brackets: ``(a b|c) d`` → ``["(a b|c)", "d"]``."""
    found, current, depth = [], "", 0
    for char in pattern:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth < 0:
                raise ValueError(f"unmatched {char!r}")
        if char.isspace() and depth == 0:
            if current:
                found.append(current)
            current = ""
        else:
            current += char
    if depth:
        raise ValueError("unclosed bracket")
    return found + ([current] if current else [])


def _unwrap(element: str) -> tuple[bool, str]:
    optional = element.startswith("[") and element.endswith("]")
    if optional or (element.startswith("(") and element.endswith(")")):
        element = element[1:-1].strip()
    if any(mark in element for mark in "()[]"):
        raise ValueError(f"brackets cannot nest: {element!r}")
    return optional, element


def _special(body: str, optional: bool, tokenizer: Tokenizer) -> Step | None:
    gap = _GAP.match(body)
    if gap:
        low, high = (int(gap.group(1) or 0), int(gap.group(2))) if gap.group(2) else (1, 1)
        return Step("gap", low=0 if optional else low, high=high)
    if body.startswith("~"):
        excluded = [norm for choice in _choices(body[1:], False, tokenizer) for norm in choice]
        return Step("other", excluded=frozenset(excluded))
    if body == "^":
        return Step("start")
    return None


def _choices(body: str, optional: bool, tokenizer: Tokenizer) -> list[tuple[str, ...]]:
    choices = [norms(choice.strip(), tokenizer) for choice in body.split("|")]
    if not all(choices):
        raise ValueError(f"empty choice in {body!r}")
    return choices + ([()] if optional else [])


def _phrase_step(run: list[list[tuple[str, ...]]]) -> Step:
    phrases: list[tuple[str, ...]] = [()]
    for choices in run:
        phrases = [done + choice for done in phrases for choice in choices]
        if len(phrases) > MAX_PHRASES:
            raise ValueError(f"pattern spells more than {MAX_PHRASES:,} phrases; split it into several cues")
    if not all(phrases):
        raise ValueError("every word of a phrase is optional: it could match nothing")
    return Step("phrase", phrases=frozenset(phrases))
