"""Bytes to text for transcripts saved by Word, Windows tools, Teams, Zoom or Otter."""

from __future__ import annotations

import codecs

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``.

    A byte-order mark decides first; then UTF-8; then Windows-1252, which is what Word and Notepad
    on Windows save as "ANSI" in the UK. Empty and binary files are input errors.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding), encoding
    if not data.strip():
        raise InputError("the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError("this looks like a binary file, not a transcript")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode(data, "cp1252"), "cp1252"


def _decode(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"cannot read the text as {encoding} (byte {error.start})") from None
    if not text.strip():
        raise InputError("the file is empty")
    return text
