"""Labels as parliaments and committees write them: titles, nested brackets, party and seat
brackets, offices, and role labels.

``The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.))`` is the chair, Anthony Rota;
``Mr. Garnett Genuis (Sherwood Park—Fort Saskatchewan, CPC)`` names a seat and a party, not an
agency; ``Hon. Bill Blair (Minister of Public Safety)`` names an office. ``labels.split_label`` asks
``titled_label`` first and leaves every other label (``Name (Agency)``) to its own rules. Role
labels keep their shape through the readers (``The Chair (Hon. Anthony Rota)``) and
``resolve_roles`` turns them into the person, once the whole transcript has been read.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from ..meeting import Segment

# Chairing roles, with "The", "Mr" or "Madam" before them or not; a chairman, chairwoman,
# chairperson or convener is the meeting's chair. "Speaker" is a role only after "The", "Mr" or
# "Madam": a bare "Speaker 2" is a transcription service's generic label.
_QUALIFIER = r"(?P<qualifier>(?:(?:acting|deputy|vice|temporary|co)(?:\s+|-))*)"
_CHAIR_ROLE = re.compile(
    rf"^(?:(?:the|mr\.?|madam|madame)\s+)?{_QUALIFIER}"
    r"(?P<office>chair(?:man|woman|person)?|conven[eo]r|presiding\s+officer)$",
    re.IGNORECASE,
)
_SPEAKER_ROLE = re.compile(rf"^(?:the|mr\.?|madam|madame)\s+{_QUALIFIER}(?P<office>speaker)$", re.IGNORECASE)
_CHAIR_WORDS = re.compile(r"^(?:chair\w*|conven[eo]r)$", re.IGNORECASE)
# Every role label holds one of these words: looking for them first passes over other labels quickly.
_ROLE_WORD = re.compile(r"chair|conven|speaker|officer", re.IGNORECASE)

# Offices held by members of a parliament or government: a bracket naming one is a role.
_OFFICE = re.compile(
    r"^(?:(?:deputy|associate|acting)\s+)?(?:prime\s+minister|first\s+minister|minister|secretary\s+of\s+state|"
    r"cabinet\s+secretary|parliamentary\s+secretary|leader\s+of|president\s+of|attorney\s+general|chancellor)\b",
    re.IGNORECASE,
)
# Party abbreviations written after a member's seat, "(Burnaby South, NDP)", or alone, "(Lab)".
# "PC" is left out: in a safeguarding meeting it is a police constable.
PARTIES = frozenset(
    """
    lib cpc ndp bq gp ind con lab ld snp dup sdlp uup sf alba green grn reform plaid alp lnp
    """.split()
)


@dataclass(frozen=True)
class Label:
    """A speaker label taken apart: the person (or the role, when nobody is named), the agency
    written with it, and the role or office it gives."""

    name: str
    agency: str | None = None
    role: str | None = None


def role_of(label: str) -> str | None:
    """The role a bare role label gives (``The Acting Chair`` → ``Acting Chair``), else None."""
    if not _ROLE_WORD.search(label):
        return None
    text = " ".join(label.split())
    found = _CHAIR_ROLE.match(text) or _SPEAKER_ROLE.match(text)
    if not found:
        return None
    office = "Chair" if _CHAIR_WORDS.match(found["office"]) else found["office"]
    return " ".join(f"{found['qualifier']}{office}".split()).title()


# A meeting repeats its few labels hundreds of times, and every reader asks about each one twice.
@lru_cache(maxsize=4096)
def titled_label(raw: str) -> Label | None:
    """``raw`` taken apart when it is a role label or carries party, seat or office brackets;
    None for any other label, which the ordinary rules read.

    The name keeps the titles it was written with (``Hon. Anthony Rota``): a roster matches it
    without them.
    """
    if "(" not in raw:
        # The common case, read without walking the brackets: a plain name, or a bare role.
        role = role_of(raw)
        return Label(" ".join(raw.split()), None, role) if role else None
    parts = _bracketed(raw)
    if parts is None:
        return None
    outside, inner = parts
    role = role_of(outside)
    if role:
        named = [person for person in map(titled_or_plain, inner) if person]
        return Label(named[0] if named else outside, None, role)
    if not inner or not outside or not all(_is_party(part) or _OFFICE.match(part) or role_of(part) for part in inner):
        return None
    # "Helen Marsh (Chair)": a role in brackets after a name; "(Minister of Health)": an office.
    held = [role_of(part) or part for part in inner if role_of(part) or _OFFICE.match(part)]
    return Label(outside, None, held[0] if held else None)


def titled_or_plain(text: str) -> str:
    """The person named in ``text``, leaving out any bracket after the name."""
    parts = _bracketed(text)
    return parts[0] if parts else " ".join(text.split())


def written_label(label: Label) -> str:
    """How a reader carries a titled label until ``resolve_roles`` reads it again: the name, with
    its role in brackets after a role label or an office (``The Chair (Hon. Anthony Rota)``)."""
    if label.role is None:
        return label.name
    if role_of(label.name):
        return label.name
    if _OFFICE.match(label.role):
        return f"{label.name} ({label.role})"
    return f"The {label.role} ({label.name})"


def resolve_roles(segments: list[Segment]) -> tuple[list[Segment], dict[str, str]]:
    """Segments with role labels given to the person, and each such speaker's role.

    ``The Acting Chair (Mrs. Carol Hughes)`` is Mrs. Carol Hughes; a bare ``The Acting Chair`` is
    whoever was last named in that role (or, before anyone was, the first named later); with
    nobody named it stays ``The Acting Chair``, for a roster to place by its ``role`` column.
    """
    read = [titled_label(segment.label) for segment in segments]
    named = [label.name if label and label.role and not role_of(label.name) else None for label in read]
    first: dict[str, str] = {}
    for label, person in zip(read, named):
        if person:
            first.setdefault(label.role, person)
    last: dict[str, str] = {}
    roles: dict[str, str] = {}
    resolved = []
    for segment, label, person in zip(segments, read, named):
        if label is None or label.role is None:
            resolved.append(segment)
            continue
        if person:
            last[label.role] = person
        name = person or last.get(label.role) or first.get(label.role) or label.name
        roles.setdefault(name, label.role)
        resolved.append(dataclasses.replace(segment, label=name))
    return resolved, roles


def _is_party(text: str) -> bool:
    last = text.rsplit(",", 1)[-1].strip().rstrip(".").lower()
    return last in PARTIES


def _bracketed(raw: str) -> tuple[str, list[str]] | None:
    """The text outside brackets and each outermost round bracket's content (nested brackets
    kept inside it), or None when the brackets do not balance. Square brackets are tags, dropped."""
    outside: list[str] = []
    inner: list[str] = []
    stack: list[str] = []
    current: list[str] = []
    pairs = {")": "(", "]": "["}
    for char in raw:
        if char in "([":
            if stack:
                current.append(char)
            stack.append(char)
        elif char in ")]":
            if not stack or stack.pop() != pairs[char]:
                return None
            if stack:
                current.append(char)
            elif char == ")":
                inner.append(" ".join("".join(current).split()))
                current = []
            else:
                current = []
        elif stack:
            current.append(char)
        else:
            outside.append(char)
    if stack:
        return None
    return " ".join("".join(outside).split()), [part for part in inner if part]
