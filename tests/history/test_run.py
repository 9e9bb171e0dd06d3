"""The output folder as a history: meetings added, replaced and skipped; interrupted and
concurrent runs never leave it half-written."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pandas as pd
import pytest

from hymnsheet_talk import analyse, write_outputs
from hymnsheet_talk.history import update
from hymnsheet_talk.errors import StoreError
from hymnsheet_talk.history.store import STORE_FILE

from conftest import write_meeting

TABLES = ["turns", "sentences", "speakers", "agencies", "meetings", "markers", "invitations",
          "reflection_timeline", "transitions", "actions"]


def test_a_second_run_skips_unchanged_meetings_and_keeps_the_tables(corpus, tmp_path):
    out = tmp_path / "out"
    first = update([corpus], out, formats={"csv", "html"})
    assert first.analysed == ["2025-01-07-one", "2025-02-04-two"] and first.unchanged == []
    before = {name: (out / f"{name}.csv").read_bytes() for name in TABLES}
    stamps = {name: (out / f"{name}.csv").stat().st_mtime_ns for name in TABLES}
    second = update([corpus], out, formats={"csv", "html"})
    assert second.analysed == [] and second.unchanged == ["2025-01-07-one", "2025-02-04-two"]
    assert {name: (out / f"{name}.csv").read_bytes() for name in TABLES} == before
    # Nothing changed, so the tables were not even rewritten.
    assert {name: (out / f"{name}.csv").stat().st_mtime_ns for name in TABLES} == stamps


def test_new_meetings_are_added_and_changed_ones_replaced(corpus, tmp_path):
    out = tmp_path / "out"
    update([corpus], out, formats={"csv"})
    write_meeting(corpus, "2025-03-04_three.txt", [("Bob", "The youth club closed."), ("Ann", "Right.")])
    write_meeting(corpus, "2025-01-07_one.txt", [("Ann", "The park has no lighting at all, none."), ("Bob", "Agreed.")])
    run = update([corpus], out, formats={"csv"})
    assert sorted(run.analysed) == ["2025-01-07-one", "2025-03-04-three"] and run.unchanged == ["2025-02-04-two"]
    meetings = pd.read_csv(out / "meetings.csv")
    assert meetings["meeting_id"].tolist() == ["2025-01-07-one", "2025-02-04-two", "2025-03-04-three"]
    assert meetings.set_index("meeting_id")["words"].to_dict() == {
        "2025-01-07-one": 9, "2025-02-04-two": 8, "2025-03-04-three": 5}
    turns = pd.read_csv(out / "turns.csv")
    # The replaced meeting's old rows are gone, not doubled.
    assert turns.groupby("meeting_id").size().to_dict() == {"2025-01-07-one": 2, "2025-02-04-two": 2,
                                                            "2025-03-04-three": 2}


def test_roster_rows_metadata_and_reports_decide_what_is_redone(corpus, tmp_path):
    out = tmp_path / "out"
    update([corpus], out, formats={"csv", "html"})
    # Cal's row applies only to meeting two: changing it redoes meeting two alone.
    (corpus / "roster.csv").write_text("name,agency,role,meeting\nAnn,Police,Chair,\nBob,Education,,\n"
                                       "Cal,Health,,2025-02-04_two.txt\n", encoding="utf-8")
    assert update([corpus], out, formats={"csv", "html"}).analysed == ["2025-02-04-two"]
    assert pd.read_csv(out / "speakers.csv").set_index("speaker").loc["Cal", "agency"] == "Health"
    (corpus / "meetings.csv").write_text("file,department\n2025-01-07_one.txt,North\n", encoding="utf-8")
    assert update([corpus], out, formats={"csv", "html"}).analysed == ["2025-01-07-one"]
    assert pd.read_csv(out / "meetings.csv")["department"].fillna("").tolist() == ["North", ""]
    (out / "2025-02-04-two" / "report.html").unlink()
    assert update([corpus], out, formats={"csv", "html"}).analysed == ["2025-02-04-two"]
    assert update([corpus], out, formats={"csv", "html"}, rebuild=True).analysed == ["2025-01-07-one", "2025-02-04-two"]


def test_meetings_from_earlier_runs_stay_in_the_history(corpus, tmp_path):
    out = tmp_path / "out"
    update([corpus / "2025-01-07_one.txt"], out, formats={"csv", "html"})
    run = update([corpus / "2025-02-04_two.txt"], out, formats={"csv", "html"}, given={"department": "South"})
    assert run.stored == 2
    assert pd.read_csv(out / "meetings.csv")[["meeting_id", "department"]].fillna("").values.tolist() == [
        ["2025-01-07-one", ""], ["2025-02-04-two", "South"]]
    index = (out / "index.html").read_text()
    assert 'href="2025-01-07-one/report.html"' in index and 'href="2025-02-04-two/report.html"' in index


def test_a_folder_is_pseudonymised_or_named_never_both(corpus, tmp_path):
    out = tmp_path / "out"
    update([corpus], out, formats={"csv"})
    with pytest.raises(StoreError, match="analysed without --pseudonymise"):
        update([corpus], out, formats={"csv"}, pseudonymise=True)
    assert "Ann" in pd.read_csv(out / "speakers.csv")["speaker"].tolist()


SLOW_RUN = """
import sys, time
from hymnsheet_talk.history import run as history
history.CHUNK_BYTES = 1  # one meeting per chunk, each stored in its own transaction
slow = history.analyse_chunk
def analyse_chunk(nlp, work):
    time.sleep(0.4)
    return slow(nlp, work)
history.analyse_chunk = analyse_chunk
history.update([sys.argv[1]], sys.argv[2], formats={"csv"})
"""


def many(folder, count, extra=""):
    for number in range(count):
        write_meeting(folder, f"m{number:02d}.txt", [("Ann", f"The park has no lighting {extra}."), ("Bob", "Why not?")])


def generation(out):
    with sqlite3.connect(out / STORE_FILE, timeout=30) as db:
        row = db.execute("SELECT value FROM settings WHERE name = 'generation'").fetchone()
    return int(row[0]) if row else 0


def test_a_run_killed_mid_way_leaves_the_tables_intact_and_the_next_run_finishes_the_job(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    many(folder, 12)
    update([folder], out, formats={"csv"})
    before = {name: (out / f"{name}.csv").read_bytes() for name in TABLES}
    many(folder, 12, extra="again")
    started = generation(out)
    child = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(folder), str(out)])
    deadline = time.monotonic() + 60
    while generation(out) < started + 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert generation(out) >= started + 2, "the run ended before it could be interrupted"
    assert {name: (out / f"{name}.csv").read_bytes() for name in TABLES} == before
    with sqlite3.connect(out / STORE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # Every stored meeting is whole: two turns each, old or new.
        assert set(db.execute("SELECT COUNT(*) FROM turns GROUP BY meeting_id").fetchall()) == {(2,)}
    done = generation(out) - started
    resumed = update([folder], out, formats={"csv"})
    assert len(resumed.analysed) == 12 - done and len(resumed.unchanged) == done
    assert (pd.read_csv(out / "turns.csv")["text"].str.contains("again").sum()) == 12


def test_two_runs_at_once_both_land(tmp_path):
    out = tmp_path / "out"
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for number in range(3):
            write_meeting(folder, f"{name}{number}.txt", [("Ann", "The park has no lighting."), ("Bob", "Why not?")])
        folders.append(folder)
    runs = [subprocess.Popen([sys.executable, "-m", "hymnsheet_talk", "analyse", str(folder), "--out", str(out),
                              "--format", "csv,html"], stderr=subprocess.DEVNULL) for folder in folders]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    assert sorted(pd.read_csv(out / "meetings.csv")["meeting_id"]) == ["a0", "a1", "a2", "b0", "b1", "b2"]
    assert pd.read_csv(out / "turns.csv").groupby("meeting_id").size().tolist() == [2] * 6
    # Nothing of either run is left behind but the one set of tables in use.
    assert [path.name for path in out.iterdir() if path.name.startswith(".")] == [".tables"]
    sets = sorted(path.name for path in (out / ".tables").iterdir())
    assert len(sets) == 2 and sets[0] == "current" and os.readlink(out / ".tables" / "current") == sets[1]


def test_tables_written_from_the_history_match_tables_written_straight_from_memory(corpus, tmp_path):
    write_meeting(corpus, "2025-03-04_three.txt", [("Bob", "=HYPERLINK(\"x\") said the note, 50% of it."),
                                            ("Ann", "-1 is what he said, \"quoted\", with a comma.")])
    write_outputs(analyse([corpus]), tmp_path / "memory", {"csv"})
    update([corpus], tmp_path / "history", formats={"csv"})
    for name in TABLES:
        assert (tmp_path / "history" / f"{name}.csv").read_bytes() == (tmp_path / "memory" / f"{name}.csv").read_bytes()
    assert "'=HYPERLINK" in (tmp_path / "history" / "turns.csv").read_text()


