"""Bytes to text for transcripts saved by Word, Windows tools, Teams, Zoom or Otter."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
REPLACEMENT = "\ufffd"
# Lines named in a warning; past these the count says how many more.
_LINES_NAMED = 10


@dataclass(frozen=True)
class Decoded:
    """Text read from bytes: the encoding used, and the lines (from 1) where bytes that were not
    text in it were replaced by U+FFFD (``�``)."""

    text: str
    encoding: str
    replaced: tuple[int, ...] = ()

    def strict(self, path: str | Path) -> str:
        """The text, or an ``InputError`` naming the first line with replaced bytes (for rosters and
        manifests, whose names and file names must be exact)."""
        if self.replaced:
            raise InputError("this line holds bytes that are not UTF-8 (shown as \ufffd): save the file as UTF-8",
                             path, self.replaced[0])
        return self.text

    def warning(self, path: str | Path) -> str | None:
        """What to tell the user about replaced bytes, naming the file and lines; None when there are none."""
        if not self.replaced:
            return None
        named = ", ".join(map(str, self.replaced[:_LINES_NAMED]))
        more = f" and {len(self.replaced) - _LINES_NAMED} more" if len(self.replaced) > _LINES_NAMED else ""
        lines = "line {} holds" if len(self.replaced) == 1 else "lines {} hold"
        return (f"{path}: {lines.format(named + more)} bytes that are not UTF-8, shown as \ufffd; the rest of the "
                "file is read as UTF-8")


def decode(data: bytes) -> Decoded:
    """The text of a file's bytes.

    A byte-order mark decides first. Otherwise UTF-8; a file that is not valid UTF-8 is read as
    Windows-1252 (what Word and Notepad on Windows save as "ANSI" in the UK) only when nothing in it
    reads as UTF-8 beyond plain ASCII, so one stray byte in a UTF-8 file never turns the whole file
    to mojibake: it is replaced by ``�`` and its line listed in ``replaced``. Empty and binary files
    are input errors; UTF-16 that cannot be read names its line.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8):], "utf-8-sig")
    if data.startswith(_UTF16_BOMS):
        return Decoded(_utf16(data), "utf-16")
    if not data.strip():
        raise InputError("the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError("this looks like a binary file, not a transcript")
    return _utf8(data, "utf-8")


def _utf8(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(_not_empty(data.decode("utf-8")), encoding)
    except UnicodeDecodeError:
        pass
    text = _not_empty(data.decode("utf-8", errors="replace"))
    if encoding == "utf-8" and text.replace(REPLACEMENT, "").isascii():
        # Nothing in it needed UTF-8: a file saved as Windows-1252 (unless it has bytes that are not
        # Windows-1252 either).
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    lines = tuple(number for number, line in enumerate(text.splitlines(), start=1) if REPLACEMENT in line)
    return Decoded(text, encoding, lines)


def _utf16(data: bytes) -> str:
    try:
        return _not_empty(data.decode("utf-16"))
    except UnicodeDecodeError as error:
        line = data[:error.start].decode("utf-16", errors="replace").count("\n") + 1
        raise InputError(f"cannot read the text as UTF-16 (byte {error.start})", line=line) from None


def _not_empty(text: str) -> str:
    if not text.strip():
        raise InputError("the file is empty")
    return text
