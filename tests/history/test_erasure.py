"""Forgetting a meeting removes every trace of it from an output folder."""

import pandas as pd
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.history import STORE_FILE, update

from conftest import write_meeting


def test_a_forgotten_meeting_leaves_no_trace_in_the_folder(corpus, tmp_path):
    out = tmp_path / "out"
    write_meeting(corpus, "2025-03-04_three.txt", [("Bob", "Keep away from the zebra crossing by the chip shop."),
                                            ("Ann", "Agreed.")])
    update([corpus], out)
    assert b"zebra crossing" in (out / STORE_FILE).read_bytes()
    result = CliRunner().invoke(main, ["forget", "2025-03-04-three", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert not (out / "2025-03-04-three").exists()
    assert pd.read_csv(out / "meetings.csv")["meeting_id"].tolist() == ["2025-01-07-one", "2025-02-04-two"]
    assert "2025-03-04-three" not in (out / "index.html").read_text()
    everything = b"".join(path.read_bytes() for path in out.rglob("*") if path.is_file())
    assert b"zebra crossing" not in everything and b"2025-03-04-three" not in everything
    # The next run sees the transcript as new again.
    assert update([corpus], out).analysed == ["2025-03-04-three"]
    result = CliRunner().invoke(main, ["forget", "no-such-meeting", "--out", str(out)])
    assert result.exit_code == 2 and "holds no meeting 'no-such-meeting'" in result.output
