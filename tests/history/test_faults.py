"""Faults around the output folder: it cannot be made or written, the disk fills, a run is killed
with its working folder open. Each ends in ``Error: FILE: reason`` (exit 1) with what was kept
before still whole, never in a traceback."""

import errno
import os
import signal
import sqlite3

import pytest
from click.testing import CliRunner

from hymnsheet_talk.atomic import WORKING_PREFIX, remove_abandoned, staged
from hymnsheet_talk.cli import main
from hymnsheet_talk.history import STORE_FILE, Store, update

from conftest import write_meeting

TABLES = ["turns", "speakers", "meetings"]


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def analysed(corpus, tmp_path):
    """An output folder with two meetings analysed, and its tables' bytes."""
    out = tmp_path / "out"
    update([corpus], out, formats={"csv", "html"})
    return out, {name: (out / f"{name}.csv").read_bytes() for name in TABLES}


def test_an_output_folder_under_a_file_is_an_error_naming_it(corpus, tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder")
    result = run("analyse", corpus, "--out", tmp_path / "notes.txt" / "reports")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Error: {tmp_path / 'notes.txt' / 'reports'}: cannot write here: Not a directory"
    for command in (["compare", "--by", "department"], ["trend"], ["forget", "m"]):
        result = run(*command, "--out", tmp_path / "notes.txt" / "reports")
        assert result.exit_code == 2 and "holds no analysed meetings" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind the superuser")
def test_an_output_folder_that_cannot_be_written_is_an_error(corpus, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run("analyse", corpus, "--out", locked / "reports")
    assert result.exit_code == 1 and "Error: " in result.output and "Permission denied" in result.output


def test_a_history_that_cannot_be_opened_is_an_error_naming_it(corpus, tmp_path, monkeypatch):
    def refused(*_args, **_kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlite3, "connect", refused)
    result = run("analyse", corpus, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (f"Error: {tmp_path / 'out' / STORE_FILE}: cannot write the history: "
                                              "unable to open database file")


def test_a_full_disk_while_storing_keeps_the_history_and_tables_as_they_were(analysed, corpus, monkeypatch):
    out, before = analysed
    write_meeting(corpus, "2025-01-07_one.txt", [("Ann", "Something new was said."), ("Bob", "Indeed.")])

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "replace", full)
    result = run("analyse", corpus, "--out", out)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Error: {out / STORE_FILE}: cannot write the history: database or disk is full"
    assert {name: (out / f"{name}.csv").read_bytes() for name in TABLES} == before


@pytest.mark.parametrize("where", ["hymnsheet_talk.history.publish.write_csv_rows",
                                   "hymnsheet_talk.report.pages.write_bytes"])
def test_a_full_disk_while_writing_tables_or_reports_keeps_the_tables_as_they_were(analysed, corpus, monkeypatch,
                                                                                    where):
    out, before = analysed
    write_meeting(corpus, "2025-01-07_one.txt", [("Ann", "Something new was said."), ("Bob", "Indeed.")])

    def full(path, *_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(where, full)
    result = run("analyse", corpus, "--out", out)
    assert result.exit_code == 1
    last = result.output.splitlines()[-1]
    assert last.startswith(f"Error: {out}") and last.endswith(": cannot write here: No space left on device")
    assert {name: (out / f"{name}.csv").read_bytes() for name in TABLES} == before
    assert not list(out.glob(WORKING_PREFIX + "*"))


def test_a_full_disk_while_comparing_is_an_error(analysed, monkeypatch):
    out, _before = analysed

    def full(path, *_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("hymnsheet_talk.history.groups.write_csv", full)
    result = run("compare", "--by", "department", "--out", out)
    assert result.exit_code == 1 and result.output.splitlines()[-1].endswith("No space left on device")
    assert not (out / "compare-department.csv").exists()


def _killed_while_staging(out, meeting_id: str) -> None:
    """A run that has staged a meeting's report in its working folder, killed there."""
    pid = os.fork()
    if pid == 0:
        with staged(out) as staging:
            (staging / meeting_id).mkdir()
            (staging / meeting_id / "report.html").write_text("Zebra crossing by the chip shop")
            os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)


def test_a_killed_runs_working_folder_is_removed_by_the_next_run_and_by_forget(analysed, corpus):
    out, _before = analysed
    _killed_while_staging(out, "2025-01-07-one")
    assert len(list(out.glob(WORKING_PREFIX + "*"))) == 1
    with staged(out) as live:  # a run still going: its folder is left alone
        assert remove_abandoned(out) != [] and list(out.glob(WORKING_PREFIX + "*")) == [live]
    _killed_while_staging(out, "2025-01-07-one")
    assert update([corpus], out, formats={"csv", "html"}).unchanged == ["2025-01-07-one", "2025-02-04-two"]
    assert not list(out.glob(WORKING_PREFIX + "*"))
    _killed_while_staging(out, "2025-01-07-one")
    assert run("forget", "2025-01-07-one", "--out", out).exit_code == 0
    everything = b"".join(path.read_bytes() for path in out.rglob("*") if path.is_file())
    assert b"Zebra crossing" not in everything and not list(out.glob(WORKING_PREFIX + "*"))


def test_a_working_folder_without_its_lock_yet_is_left_until_it_is_plainly_abandoned(tmp_path):
    folder = tmp_path / f"{WORKING_PREFIX}making"
    folder.mkdir()
    assert remove_abandoned(tmp_path) == [] and folder.is_dir()  # a run may be making it this moment
    os.utime(folder, (1, 1))
    assert remove_abandoned(tmp_path) == [folder] and not folder.exists()
