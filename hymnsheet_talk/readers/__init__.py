"""Transcript readers, one module per layout (``plain``, ``webvtt``, ``srt``, ``otter``, ``csv``,
``teams``, ``meet``, ``zoom``), each a ``parse(text) -> Transcript`` function; ``transcript`` sniffs
the layout and builds the Meeting. Shared pieces: ``labels`` (what a speaker label is), ``titled``
(parliamentary and role labels), ``subtitles`` (timed caption blocks), ``lines`` (label-line
layouts), ``timecode``, and ``decode`` and ``word`` (bytes and Word files to text)."""

from .transcript import READERS, SUFFIXES, parse_transcript, read_transcript, sniff

__all__ = ["READERS", "SUFFIXES", "parse_transcript", "read_transcript", "sniff"]
