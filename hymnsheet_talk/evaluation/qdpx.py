"""Reading a REFI-QDA project (``.qdpx``), the file NVivo, ATLAS.ti, MAXQDA and QualCoder exchange:
its codebook, and every text source with its coded selections.

A ``.qdpx`` is a zip holding ``project.qde`` (XML in the namespace ``urn:QDA-XML:project:1.0``) and
the sources in a ``sources/`` folder, referred to as ``internal://FILE``. Selections count code
points from 0 and, as QualCoder reads them, end before ``endPosition``. Whatever cannot be read as
that is an ``InputError`` naming the project file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputError

NAMESPACE = "urn:QDA-XML:project:1.0"
Q = f"{{{NAMESPACE}}}"
PROJECT_FILE = "project.qde"
SOURCES = "sources"
INTERNAL = "internal://"
SUFFIX = ".qdpx"
# No project member is read past this size (its declared size, which zipfile holds it to):
# transcripts are far smaller, a zip bomb far larger.
MAX_MEMBER_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class ProjectCode:
    """A code of the project's codebook, with the GUID of the code above it (None at the top)."""

    guid: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class Selection:
    """A coded stretch of a source: characters ``start`` to ``end`` (exclusive), and the code's GUID."""

    start: int
    end: int
    code: str


@dataclass
class TextSource:
    """A text source: its name, its plain text and its coded selections."""

    name: str
    text: str
    selections: list[Selection] = field(default_factory=list)


@dataclass
class Project:
    """A project's codes by GUID (parents before children) and its text sources."""

    path: Path
    codes: dict[str, ProjectCode]
    sources: list[TextSource]


def read_project(path: str | Path) -> Project:
    """The codebook and text sources of the REFI-QDA project at ``path``. Raises ``InputError`` for
    a file that is not a zip, has no ``project.qde``, or whose XML, sources or selections cannot
    be used (a selection outside its source, a coding of a code not in the codebook)."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"not a REFI-QDA project (.qdpx is a zip file): {error}", path) from None
    with archive:
        root = _root(archive, path)
        codes = {code.guid: code for code in _codes(root.find(f"{Q}CodeBook/{Q}Codes"), None)}
        # ATLAS.ti counts a Windows line end as one character (QualCoder's importer does the same).
        one_char_line_ends = "atlas" in (root.get("origin") or "").lower()
        sources = [_source(element, archive, codes, path, one_char_line_ends)
                   for element in root.iterfind(f"{Q}Sources/{Q}TextSource")]
    return Project(path, codes, sources)


def _member(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(f"{name} is {info.file_size:,} bytes unpacked: too large to be a transcript project", path)
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InputError(f"cannot unpack {name}: {error}", path) from None


def _root(archive: zipfile.ZipFile, path: Path) -> ET.Element:
    if PROJECT_FILE not in archive.namelist():
        raise InputError(f"no {PROJECT_FILE} in it: not a REFI-QDA project", path)
    try:
        root = ET.fromstring(_member(archive, PROJECT_FILE, path))
    except ET.ParseError as error:
        raise InputError(f"{PROJECT_FILE} is not well-formed XML: {error}", path) from None
    if root.tag != f"{Q}Project":
        raise InputError(f"{PROJECT_FILE} is not a REFI-QDA project (its root is {root.tag}, not Project "
                         f"in {NAMESPACE})", path)
    return root


def guid(value: str | None) -> str:
    """A GUID as compared here: lower case, without braces."""
    return (value or "").strip().strip("{}").lower()


def _codes(parent: ET.Element | None, parent_guid: str | None) -> Iterator[ProjectCode]:
    for element in parent.iterfind(f"{Q}Code") if parent is not None else ():
        code = ProjectCode(guid(element.get("guid")), element.get("name") or "", parent_guid)
        yield code
        yield from _codes(element, code.guid)


def _source(element: ET.Element, archive: zipfile.ZipFile, codes: dict[str, ProjectCode], path: Path,
            one_char_line_ends: bool) -> TextSource:
    name = element.get("name") or element.get("guid") or "?"
    text = _text(element, name, archive, path)
    if one_char_line_ends:
        text = text.replace("\r\n", "\n")
    source = TextSource(name, text)
    # A coding of the source itself codes all of it.
    source.selections += [Selection(0, len(text), _code(coding, codes, name, path))
                          for coding in element.iterfind(f"{Q}Coding")]
    for selection in element.iterfind(f"{Q}PlainTextSelection"):
        start, end = (_position(selection, attribute, name, path) for attribute in ("startPosition", "endPosition"))
        if not 0 <= start <= end <= len(text):
            raise InputError(f"selection {selection.get('guid')} ({start}-{end}) lies outside source {name!r}, "
                             f"which is {len(text):,} characters long", path)
        source.selections += [Selection(start, end, _code(coding, codes, name, path))
                              for coding in selection.iterfind(f"{Q}Coding")]
    return source


def _text(element: ET.Element, name: str, archive: zipfile.ZipFile, path: Path) -> str:
    location = element.get("plainTextPath")
    if location is None:
        content = element.find(f"{Q}PlainTextContent")
        if content is None:
            raise InputError(f"source {name!r} has no plain text (neither plainTextPath nor PlainTextContent)", path)
        return content.text or ""
    if not location.startswith(INTERNAL):
        raise InputError(f"source {name!r} keeps its text outside the project ({location}): export the project "
                         "with its sources inside", path)
    file = location[len(INTERNAL):].lstrip("/")
    # The specification says sources/; NVivo writes Sources/.
    member = next((m for m in (f"{SOURCES}/{file}", f"Sources/{file}") if m in archive.namelist()), None)
    if member is None:
        raise InputError(f"source {name!r}: its text {location} is not in the project", path)
    try:
        return _member(archive, member, path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"source {name!r}: {member} is not UTF-8 text ({error})", path) from None


def _position(selection: ET.Element, attribute: str, name: str, path: Path) -> int:
    value = selection.get(attribute)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(f"selection {selection.get('guid')} in source {name!r}: {attribute} {value!r} is not "
                         "a number", path) from None


def _code(coding: ET.Element, codes: dict[str, ProjectCode], name: str, path: Path) -> str:
    target = coding.find(f"{Q}CodeRef")
    reference = guid(target.get("targetGUID") if target is not None else None)
    if reference not in codes:
        raise InputError(f"a coding in source {name!r} refers to code {reference or '(none)'}, which is not in "
                         "the codebook", path)
    return reference
