"""Distinctive terms across a history: the prior comes from the meetings already in the output
folder, and ``agency_terms_all.csv`` covers all of them. Expected values are worked out here."""

import math

import pandas as pd
import pytest

from hymnsheet_talk import analyse, write_outputs
from hymnsheet_talk.history import update

from conftest import write_meeting

ROSTER = "name,agency\nAnn,Police\nCat,Housing\n"
# Words separated by commas: no two-word phrases, so the counts can be read off the text.
FIRST = [("Ann", "Knife, knife, knife, park."), ("Cat", "Rent, rent, park, park.")]
SECOND = [("Ann", "Knife, knife, park."), ("Cat", "Rent, rent, rent, park.")]


def z(y: int, others: int, n_i: int, n: int, share: float) -> float:
    alpha = n * share
    delta = math.log((y + alpha) / (n_i + n - y - alpha)) - math.log((others + alpha) / (n - n_i + n - others - alpha))
    return delta / math.sqrt(1 / (y + alpha) + 1 / (others + alpha))


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    write_meeting(folder, "2025-01-07_first.txt", FIRST)
    return folder


def test_a_later_meeting_takes_its_prior_from_the_history(folder, tmp_path):
    out = tmp_path / "out"
    update([folder], out, formats={"csv"})
    first = pd.read_csv(out / "agency_terms.csv").set_index(["agency", "term"])["z"]
    # Alone in the folder, the first meeting is its own prior: knife 3 of 8 words, rent 2, park 3.
    assert first[("Police", "knife")] == pytest.approx(z(3, 0, 4, 8, 3 / 8), rel=1e-12)
    write_meeting(folder, "2025-02-04_second.txt", SECOND)
    update([folder], out, formats={"csv"})
    terms = pd.read_csv(out / "agency_terms.csv")
    second = terms[terms["meeting_id"] == "2025-02-04-second"].set_index(["agency", "term"])["z"]
    # The second meeting joins the first in the prior: knife 5, rent 5, park 4 of 15 … of 8 + 7.
    assert second.to_dict() == pytest.approx({("Housing", "rent"): z(3, 0, 4, 7, 5 / 15),
                                              ("Police", "knife"): z(2, 0, 3, 7, 5 / 15)}, rel=1e-12)
    assert not [path for path in out.iterdir() if path.name.startswith(".hymnsheet")]


def test_history_terms_cover_every_meeting_and_match_an_analysis_in_memory(folder, tmp_path):
    write_meeting(folder, "2025-02-04_second.txt", SECOND)
    update([folder], tmp_path / "history", formats={"csv"})
    write_outputs(analyse([folder]), tmp_path / "memory", {"csv"})
    table = pd.read_csv(tmp_path / "history" / "agency_terms_all.csv")
    # Over both meetings: Police knife 5, park 2; Housing rent 5, park 3; 15 words in all.
    assert table[["agency", "term", "count", "others_count", "rank", "meetings"]].values.tolist() == [
        ["Housing", "rent", 5, 0, 1, 2], ["Housing", "park", 3, 2, 2, 2], ["Police", "knife", 5, 0, 1, 2]]
    assert table["z"].tolist() == pytest.approx([z(5, 0, 8, 15, 5 / 15), z(3, 2, 8, 15, 5 / 15),
                                                 z(5, 0, 7, 15, 5 / 15)], rel=1e-12)
    for name in ("agency_terms", "agency_terms_all", "meetings", "agencies", "actions"):
        assert (tmp_path / "history" / f"{name}.csv").read_bytes() == (tmp_path / "memory" / f"{name}.csv").read_bytes()
    assert not (tmp_path / "history" / "term_counts.csv").exists()
