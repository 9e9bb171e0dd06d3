"""Finding transcripts: each file read once however it is named, and the tool's own outputs never
taken for inputs."""

import os

from hymnsheet_talk.history import update
from hymnsheet_talk.loading import find_transcripts

from conftest import write_meeting


def test_a_file_named_twice_is_found_once(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    path = write_meeting(folder, "a.txt", [("Ann", "Hello.")])
    monkeypatch.chdir(tmp_path)
    found = find_transcripts(["in/a.txt", path, folder, "in/../in"])
    assert found.transcripts == [folder.relative_to(tmp_path) / "a.txt"] and found.skipped == []
    os.symlink(path, folder / "b.txt")  # a link to it is the same file too
    assert [p.name for p in find_transcripts([folder]).transcripts] == ["a.txt"]


def test_an_output_folder_named_as_an_input_yields_only_the_transcripts_in_it(tmp_path):
    folder = tmp_path / "study"
    folder.mkdir()
    write_meeting(folder, "a.txt", [("Ann", "The park has no lighting."), ("Bob", "Why not?")])
    (folder / "notes.csv").write_text("meeting_id,speaker,text\nx,Ann,Hello\n")  # not in an output folder yet
    assert [p.name for p in find_transcripts([folder]).transcripts] == ["a.txt", "notes.csv"]
    (folder / "notes.csv").unlink()
    update([folder], folder)
    (folder / "compare-department.csv").write_text("department,meetings\nNorth,1\n")
    found = find_transcripts([folder])
    assert [p.name for p in found.transcripts] == ["a.txt"] and found.skipped == []
