"""Meeting ids follow the file a meeting was read from, not its name."""

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.history import update
from hymnsheet_talk.history.keys import Job, assign_ids

from conftest import write_meeting


def job(origin, key="k", base="x"):
    return Job(Path(f"{origin}/x.txt"), key, {}, 1, origin, base)


def test_a_file_keeps_its_id_and_another_of_the_same_name_takes_the_next():
    stored = {"x": ("k1", "a"), "x-2": ("k2", "b")}
    assert [j.meeting_id for j in assign_ids([job("b"), job("c"), job("a")], stored)] == ["x-2", "x-3", "x"]
    assert [j.meeting_id for j in assign_ids([job("b"), job("a")], {})] == ["x", "x-2"]


def test_a_moved_file_and_one_an_older_version_stored_keep_their_ids():
    # Exactly the same inputs from another path: the transcript was moved or renamed.
    assert assign_ids([job("new place", key="k1")], {"x": ("k1", "old place")})[0].meeting_id == "x"
    assert assign_ids([job("new place", key="k9")], {"x": ("k1", "old place")})[0].meeting_id == "x-2"
    # Stored before meetings had origins: the file of that name, as then.
    assert assign_ids([job("a", key="k9")], {"x": ("k1", None)})[0].meeting_id == "x"


@pytest.fixture
def twins(tmp_path):
    """Two different meetings in two folders, under one file name."""
    paths = []
    for name, said in (("north", "The park has no lighting."), ("south", "He chooses to go there.")):
        (tmp_path / name).mkdir()
        paths.append(write_meeting(tmp_path / name, "panel.txt", [("Ann", said), ("Bob", "Why?")]))
    return paths


def test_files_of_one_name_in_two_folders_stay_two_meetings_run_after_run(twins, tmp_path):
    north, south = twins
    out = tmp_path / "out"
    assert update([north], out, formats={"csv"}).analysed == ["panel"]
    assert update([south], out, formats={"csv"}).analysed == ["panel-2"]
    write_meeting(south.parent, "panel.txt", [("Ann", "The youth club closed."), ("Bob", "Why?")])
    run = update([south], out, formats={"csv"})
    assert run.analysed == ["panel-2"] and run.stored == 2
    assert update([south, north], out, formats={"csv"}).unchanged == ["panel-2", "panel"]
    turns = pd.read_csv(out / "turns.csv")
    assert turns.groupby("meeting_id")["text"].first().to_dict() == {
        "panel": "The park has no lighting.", "panel-2": "The youth club closed."}


def test_one_file_given_by_a_relative_and_an_absolute_path_is_analysed_once(twins, tmp_path, monkeypatch):
    north, _south = twins
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["analyse", "north/panel.txt", str(north), "north", "--out", "out",
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Analysed 1 meeting, 6 words" in result.output
    assert pd.read_csv(tmp_path / "out" / "meetings.csv")["meeting_id"].tolist() == ["panel"]


def test_an_output_folder_that_is_also_the_input_folder_is_read_for_its_transcripts_only(twins):
    north, _south = twins
    folder = north.parent
    first = update([folder], folder, formats={"csv", "html"})
    assert first.analysed == ["panel"] and not first.failures
    CliRunner().invoke(main, ["compare", "--by", "department", "--out", str(folder)])
    again = update([folder], folder, formats={"csv", "html"})
    assert again.analysed == [] and again.unchanged == ["panel"] and not again.failures and not again.skipped


def test_tables_never_replace_a_manifest_or_a_transcript_of_the_same_name(twins):
    north, _south = twins
    folder = north.parent
    manifest = "file,title\npanel.txt,North panel\n"
    (folder / "meetings.csv").write_text(manifest)
    result = CliRunner().invoke(main, ["analyse", str(folder), "--out", str(folder), "--format", "csv"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(f"Error: {folder / 'meetings.csv'}: this file was not written by "
                                                     "hymnsheet")
    assert (folder / "meetings.csv").read_text() == manifest and not (folder / "turns.csv").exists()
