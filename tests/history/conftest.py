import pytest

from conftest import write_meeting


@pytest.fixture
def corpus(tmp_path):
    """Two dated meetings and a roster, one of whose rows applies to the second meeting only."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_meeting(folder, "2025-01-07_one.txt", [("Ann", "The park has no lighting."), ("Bob", "I'm not sure why.")])
    write_meeting(folder, "2025-02-04_two.txt", [("Ann", "He chooses to go there."), ("Cal", "What would help?")])
    (folder / "roster.csv").write_text("name,agency,role,meeting\nAnn,Police,Chair,\nBob,Education,,\n"
                                       "Cal,Housing,,2025-02-04_two.txt\n", encoding="utf-8")
    return folder
