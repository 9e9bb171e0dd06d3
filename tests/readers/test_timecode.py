"""Clock values in every form the layouts write them."""

import pytest

from hymnsheet_talk.readers.timecode import clock_seconds


def test_clock_values():
    assert clock_seconds("01:02:03.5") == 3723.5
    assert clock_seconds("2:05") == 125
    assert clock_seconds("00:00:04,250") == 4.25
    assert clock_seconds("12.5") == 12.5
    with pytest.raises(ValueError):
        clock_seconds("soon")
