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
from click.testing import CliRunner

from hymnsheet_talk import analyse, write_outputs
from hymnsheet_talk.cli import main
from hymnsheet_talk.history import update
from hymnsheet_talk.errors import StoreError
from hymnsheet_talk.history.store import STORE_FILE, Store

TABLES = ["turns", "sentences", "speakers", "agencies", "meetings", "markers", "invitations",
          "reflection_timeline", "transitions", "actions"]


def meeting(folder, name, lines):
    path = folder / name
    path.write_text("\n".join(f"{speaker}: {text}" for speaker, text in lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    meeting(folder, "2025-01-07_one.txt", [("Ann", "The park has no lighting."), ("Bob", "I'm not sure why.")])
    meeting(folder, "2025-02-04_two.txt", [("Ann", "He chooses to go there."), ("Cal", "What would help?")])
    (folder / "roster.csv").write_text("name,agency,role,meeting\nAnn,Police,Chair,\nBob,Education,,\n"
                                       "Cal,Housing,,2025-02-04_two.txt\n", encoding="utf-8")
    return folder


def csv(out, name="meetings"):
    return pd.read_csv(out / f"{name}.csv")


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
    meeting(corpus, "2025-03-04_three.txt", [("Bob", "The youth club closed."), ("Ann", "Right.")])
    meeting(corpus, "2025-01-07_one.txt", [("Ann", "The park has no lighting at all, none."), ("Bob", "Agreed.")])
    run = update([corpus], out, formats={"csv"})
    assert sorted(run.analysed) == ["2025-01-07-one", "2025-03-04-three"] and run.unchanged == ["2025-02-04-two"]
    meetings = csv(out)
    assert meetings["meeting_id"].tolist() == ["2025-01-07-one", "2025-02-04-two", "2025-03-04-three"]
    assert meetings.set_index("meeting_id")["words"].to_dict() == {
        "2025-01-07-one": 9, "2025-02-04-two": 8, "2025-03-04-three": 5}
    turns = csv(out, "turns")
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
    assert csv(out, "speakers").set_index("speaker").loc["Cal", "agency"] == "Health"
    (corpus / "meetings.csv").write_text("file,department\n2025-01-07_one.txt,North\n", encoding="utf-8")
    assert update([corpus], out, formats={"csv", "html"}).analysed == ["2025-01-07-one"]
    assert csv(out)["department"].fillna("").tolist() == ["North", ""]
    (out / "2025-02-04-two" / "report.html").unlink()
    assert update([corpus], out, formats={"csv", "html"}).analysed == ["2025-02-04-two"]
    assert update([corpus], out, formats={"csv", "html"}, rebuild=True).analysed == ["2025-01-07-one", "2025-02-04-two"]


def test_meetings_from_earlier_runs_stay_in_the_history(corpus, tmp_path):
    out = tmp_path / "out"
    update([corpus / "2025-01-07_one.txt"], out, formats={"csv", "html"})
    run = update([corpus / "2025-02-04_two.txt"], out, formats={"csv", "html"}, given={"department": "South"})
    assert run.stored == 2
    assert csv(out)[["meeting_id", "department"]].fillna("").values.tolist() == [
        ["2025-01-07-one", ""], ["2025-02-04-two", "South"]]
    index = (out / "index.html").read_text()
    assert 'href="2025-01-07-one/report.html"' in index and 'href="2025-02-04-two/report.html"' in index


def test_a_folder_is_pseudonymised_or_named_never_both(corpus, tmp_path):
    out = tmp_path / "out"
    update([corpus], out, formats={"csv"})
    with pytest.raises(StoreError, match="analysed without --pseudonymise"):
        update([corpus], out, formats={"csv"}, pseudonymise=True)
    assert "Ann" in csv(out, "speakers")["speaker"].tolist()


def test_the_store_gives_back_exactly_the_tables_it_was_given(tmp_path):
    table = pd.DataFrame({"meeting_id": ["m", "m"], "n": [1, 2], "share": [0.5, None], "text": ["a", None],
                          "flag": [True, False]})
    with Store(tmp_path) as store:
        store.replace([{"meeting_id": "m", "key": "k", "source": "s", "date": ""}], {"t": table}, "1")
        back = store.table("t")
        assert back["n"].tolist() == [1, 2] and back["share"].tolist()[0] == 0.5 and pd.isna(back["share"][1])
        assert back["text"][0] == "a" and pd.isna(back["text"][1]) and back["flag"].tolist() == [1, 0]
        # A later table with a new column: older rows get it empty.
        store.replace([{"meeting_id": "n", "key": "k", "source": "s", "date": ""}],
                      {"t": table.assign(meeting_id="n", extra="x")}, "1")
        assert store.table("t")["extra"].fillna("").tolist() == ["", "", "x", "x"]


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
        meeting(folder, f"m{number:02d}.txt", [("Ann", f"The park has no lighting {extra}."), ("Bob", "Why not?")])


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
    assert (csv(out, "turns")["text"].str.contains("again").sum()) == 12


def test_two_runs_at_once_both_land(tmp_path):
    out = tmp_path / "out"
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for number in range(3):
            meeting(folder, f"{name}{number}.txt", [("Ann", "The park has no lighting."), ("Bob", "Why not?")])
        folders.append(folder)
    runs = [subprocess.Popen([sys.executable, "-m", "hymnsheet_talk", "analyse", str(folder), "--out", str(out),
                              "--format", "csv,html"], stderr=subprocess.DEVNULL) for folder in folders]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    assert sorted(csv(out)["meeting_id"]) == ["a0", "a1", "a2", "b0", "b1", "b2"]
    assert csv(out, "turns").groupby("meeting_id").size().tolist() == [2] * 6
    assert not [path for path in out.iterdir() if path.name.startswith(".")]


def test_tables_written_from_the_history_match_tables_written_straight_from_memory(corpus, tmp_path):
    meeting(corpus, "2025-03-04_three.txt", [("Bob", "=HYPERLINK(\"x\") said the note, 50% of it."),
                                            ("Ann", "-1 is what he said, \"quoted\", with a comma.")])
    write_outputs(analyse([corpus]), tmp_path / "memory", {"csv"})
    update([corpus], tmp_path / "history", formats={"csv"})
    for name in TABLES:
        assert (tmp_path / "history" / f"{name}.csv").read_bytes() == (tmp_path / "memory" / f"{name}.csv").read_bytes()
    assert "'=HYPERLINK" in (tmp_path / "history" / "turns.csv").read_text()


def test_a_forgotten_meeting_leaves_no_trace_in_the_folder(corpus, tmp_path):
    out = tmp_path / "out"
    meeting(corpus, "2025-03-04_three.txt", [("Bob", "Keep away from the zebra crossing by the chip shop."),
                                            ("Ann", "Agreed.")])
    update([corpus], out)
    assert b"zebra crossing" in (out / STORE_FILE).read_bytes()
    result = CliRunner().invoke(main, ["forget", "2025-03-04-three", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert not (out / "2025-03-04-three").exists()
    assert csv(out)["meeting_id"].tolist() == ["2025-01-07-one", "2025-02-04-two"]
    assert "2025-03-04-three" not in (out / "index.html").read_text()
    everything = b"".join(path.read_bytes() for path in out.rglob("*") if path.is_file())
    assert b"zebra crossing" not in everything and b"2025-03-04-three" not in everything
    # The next run sees the transcript as new again.
    assert update([corpus], out).analysed == ["2025-03-04-three"]
    result = CliRunner().invoke(main, ["forget", "no-such-meeting", "--out", str(out)])
    assert result.exit_code == 2 and "holds no meeting 'no-such-meeting'" in result.output
