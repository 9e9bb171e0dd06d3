"""Clock values as transcripts write them, turned into seconds."""

from __future__ import annotations

import math
import re

CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_CLOCK = re.compile(rf"^{CLOCK}$")


def clock_seconds(value: str) -> float:
    """Seconds from ``h:mm:ss``, ``mm:ss`` (either with ``.mmm`` or ``,mmm``) or a plain number.

    Raises ``ValueError`` for anything else.
    """
    value = value.strip()
    if _CLOCK.match(value):
        seconds = 0.0
        for part in value.replace(",", ".").split(":"):
            seconds = seconds * 60 + float(part)
        return seconds
    number = float(value)
    if number < 0 or not math.isfinite(number):
        raise ValueError(value)
    return number
