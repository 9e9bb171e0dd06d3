"""Every exception the library raises: about its inputs, its outputs, the spaCy model asked for,
and an output folder's history."""

from __future__ import annotations

from pathlib import Path


class FileError(Exception):
    """A file the library cannot use or write as asked.

    ``str(error)`` reads ``FILE:LINE: reason`` (``FILE: reason`` when no line applies), the form
    the command line prints after ``Error:``.
    """

    def __init__(self, reason: str, path: str | Path | None = None, line: int | None = None):
        self.reason = reason
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.reason}"

    def at(self, path: str | Path) -> "FileError":
        """The same error, naming ``path`` as the file (readers work on text and do not know it)."""
        return type(self)(self.reason, path, self.line)


class InputError(FileError):
    """An input (transcript, roster, lexicon) that cannot be used as it is."""


class OutputError(FileError):
    """An output folder or file that cannot be written: not a folder, no permission, a full disk."""


class UnknownModel(Exception):
    """A ``--model`` name that is not an installed spaCy pipeline."""


class StoreError(Exception):
    """An output folder whose history cannot be used as asked."""
