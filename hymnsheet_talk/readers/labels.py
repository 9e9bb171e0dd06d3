"""Speaker labels: telling a name from a colon inside speech, and taking labels apart.

Shared by every reader that finds ``Name: text`` style labels, so that all layouts agree on what
a speaker label is.
"""

from __future__ import annotations

import re
import unicodedata

from .titled import titled_label, written_label

# Words people say before a colon in the middle of speech, or that head minutes and agendas.
# A label made only of these is speech, not a speaker.
NOT_NAMES = frozenset(
    """
    note notes nb ps action actions agreed decision decisions update updates item items agenda re
    subject example examples question questions answer answers summary outcome outcomes warning
    quote reminder important apologies present attendees date time venue location minutes
    transcript meeting title also so well okay ok yes no but and then now first second third
    finally listen look honestly basically fact point problem issue thing truth key headline
    plan next step steps risk risks concern concerns context background purpose aim aims update
    """.split()
)

# Lower-case words allowed inside a person's name ("Ruth van der Berg", "Ali bin Omar").
NAME_PARTICLES = frozenset("de del della der di du la le van von bin al da dos das ter ten y".split())

# Bracketed label suffixes that say nothing about agency: pronouns and Teams/Zoom account tags.
_PRONOUNS = re.compile(r"^(?:she|he|they|ze|xe)(?:\s*/\s*\w+)+$", re.IGNORECASE)
_ACCOUNT_TAGS = frozenset("guest external unverified host co-host cohost me".split())

_BRACKETS = re.compile(r"\s*[\(\[]([^\)\]]*)[\)\]]\s*")
_SPEAKER_N = re.compile(r"^(?:unknown )?speaker(?: \d+)?$", re.IGNORECASE)
# Characters that show nothing (zero-width space, direction marks, word joiner, soft hyphen, a stray
# byte-order mark): pasted into a label they would make one person two speakers.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Besides letters of any script and their combining marks, what a name's words carry: apostrophes
# ("O’Neil", "Da’Shawn"), hyphens, full stops of initials, and the joiners some scripts write.
_NAME_MARKS = frozenset("'’ʼ-.\u200c\u200d")

MAX_NAME_WORDS = 6


def split_label(raw: str) -> tuple[str, str | None]:
    """Return ``(name, agency)`` from a raw label such as ``Priya Shah (She/Her)``.

    Pronouns and account tags in brackets (``[NA]``, ``(Guest)``) are dropped; any other
    round-bracketed text is taken as the agency written in the transcript. Square-bracketed tags
    never name an agency: Teams uses them for tenant codes. Role labels and parliamentary labels
    (titles, nested brackets, party and seat) are read by ``titled``.
    """
    titled = titled_label(raw)
    if titled is not None:
        return written_label(titled), titled.agency
    agency = None
    for match in _BRACKETS.finditer(raw):
        inside = match.group(1).strip()
        is_round = match.group(0).strip().startswith("(")
        if is_round and inside and not _PRONOUNS.match(inside) and inside.lower() not in _ACCOUNT_TAGS:
            agency = inside
    name = " ".join(_BRACKETS.sub(" ", _INVISIBLE.sub("", raw)).split())
    return name, agency


def looks_like_name(raw: str) -> bool:
    """True when ``raw`` (a label before a colon) reads as a speaker's name, not as speech.

    Names are one to six capitalised words in any script (particles such as ``van`` allowed,
    initials and ``Surname, First`` too) or generic labels such as ``Speaker 2``; clock times, sentences and
    words like ``Note`` or ``Action`` are not.
    """
    titled = titled_label(raw)
    name = titled.name if titled else split_label(raw)[0]
    if not name or _SPEAKER_N.match(name):
        return bool(name)
    words = name.replace(",", " ").split()
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return False
    if all(word.lower().strip(".") in NOT_NAMES for word in words):
        return False
    if name.count(",") > 1:
        return False
    for word in words:
        if not _is_name_word(word):
            return False
        if _capitalised(word):
            continue
        if word.lower() not in NAME_PARTICLES:
            return False
    return _capitalised(words[0])


def _is_name_word(word: str) -> bool:
    return all(char.isalpha() or unicodedata.category(char).startswith("M") or char in _NAME_MARKS for char in word)


def _capitalised(word: str) -> bool:
    """True for a word that opens with a capital, or with a letter of a script that has no case
    (Arabic, Hebrew, Chinese…), where every name "looks capitalised"."""
    return word[0].isalpha() and not word[0].islower()
