"""The meetings manifest: metadata per transcript, and every way a manifest can be wrong."""

from pathlib import Path

import pandas as pd
import pytest

from hymnsheet_talk.errors import InputError
from hymnsheet_talk.manifest import Manifest, find_manifests, metadata_for, read_manifest, with_metadata

from conftest import SAMPLES


@pytest.fixture
def folder(tmp_path):
    for name in ("a.txt", "b.txt", "2025-06-03_c.txt"):
        (tmp_path / name).write_text("Ann (Police): Hello.\n", encoding="utf-8")
    return tmp_path


def write(folder, text):
    path = folder / "meetings.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_carry_the_usual_columns_and_any_extra_ones(folder):
    manifest = read_manifest(write(folder, "File,Title,date,department,partnership,meeting type,chair\n"
                                           "a.txt,First panel,2025-03-14,North,Ashby,panel,Helen\n"
                                           "\n"
                                           "b.txt,,,South,,review,\n"))
    assert manifest.extra_columns == ["meeting type", "chair"]
    assert manifest.files() == [folder.resolve() / "a.txt", folder.resolve() / "b.txt"]
    assert metadata_for(folder / "a.txt", manifest) == {
        "title": "First panel", "date": "2025-03-14", "department": "North", "partnership": "Ashby",
        "meeting type": "panel", "chair": "Helen"}
    assert metadata_for(folder / "b.txt", manifest)["department"] == "South"


def test_given_values_win_and_a_file_name_can_supply_the_date(folder):
    manifest = read_manifest(write(folder, "file,department\na.txt,North\n2025-06-03_c.txt,East\n"))
    assert metadata_for(folder / "a.txt", manifest, {"department": "West", "title": None})["department"] == "West"
    assert metadata_for(folder / "2025-06-03_c.txt", manifest)["date"] == "2025-06-03"
    assert metadata_for(Path("senedd_2019-05-08_then_2019-06-01.txt"), manifest)["date"] == "2019-05-08"
    assert metadata_for(Path("panel_2019-13-45.txt"), manifest)["date"] == ""  # not a real date
    assert metadata_for(Path("ref_12025-06-030.txt"), manifest)["date"] == ""
    assert metadata_for(folder / "b.txt", Manifest()) == dict.fromkeys(["title", "date", "department", "partnership"], "")


@pytest.mark.parametrize("text, line, reason", [
    ("name,date\na.txt,2025-01-01\n", 1, "needs a 'file' column"),
    ("file,date\na.txt,14/03/2025\n", 2, "'14/03/2025' is not a date written YYYY-MM-DD"),
    ("file,date\na.txt,2025-02-30\n", 2, "'2025-02-30' is not a date"),
    ("file,date\na.txt,20250314\n", 2, "'20250314' is not a date"),
    ("file,date\na.txt,\nmissing.txt,\n", 3, "no transcript 'missing.txt'"),
    ("file,date\n,2025-01-01\n", 2, "this row names no file"),
    ("file\na.txt\nb.txt\na.txt\n", 4, "'a.txt' is already listed on line 2"),
    ("file\n../outside.txt\n", 2, "'../outside.txt' is outside the manifest's folder"),
    ("file\n/etc/passwd\n", 2, "'/etc/passwd' is outside the manifest's folder"),
])
def test_a_bad_row_is_an_error_naming_the_manifest_line(folder, text, line, reason):
    (folder.parent / "outside.txt").write_text("Ann: hi\n", encoding="utf-8")
    path = write(folder, text)
    with pytest.raises(InputError) as raised:
        read_manifest(path)
    assert raised.value.path == str(path) and raised.value.line == line
    assert reason in raised.value.reason


def test_manifests_are_found_beside_the_transcripts(folder):
    write(folder, "file,department\na.txt,North\n")
    assert find_manifests([folder]).rows[folder.resolve() / "a.txt"]["department"] == "North"
    assert find_manifests([folder / "nothing-here"]).rows == {}


def test_metadata_columns_come_after_the_meeting_id_and_never_overwrite_a_measure():
    meetings = pd.DataFrame({"meeting_id": ["m1", "m2"], "words": [10, 20]})
    table = with_metadata(meetings, {"m1": {"title": "One", "date": "2025-01-01", "department": "", "partnership": "",
                                            "words": "lots"}})
    assert list(table.columns) == ["meeting_id", "title", "date", "department", "partnership", "manifest_words", "words"]
    assert table["words"].tolist() == [10, 20]
    assert table["title"].tolist() == ["One", ""]
    assert table["manifest_words"].tolist() == ["lots", ""]


def test_the_sample_transcripts_have_a_manifest():
    manifest = read_manifest(SAMPLES / "meetings.csv")
    assert len(manifest.files()) == 3 and all(path.is_file() for path in manifest.files())
    assert {row["partnership"] for row in manifest.rows.values()} == {"Bramley and Riverside safeguarding partnership"}
