"""Drafting a roster from transcripts: every speaker once, with what the labels say."""

import pytest

from hymnsheet_talk import draft_roster, load_roster
from hymnsheet_talk.roster_draft import untitled

from conftest import ROOT, SAMPLES

REAL = ROOT.parent / "shared" / "real-transcripts"


def rows(frame):
    return [tuple(row) for row in frame.itertuples(index=False)]


def test_the_sample_meetings_draft_one_row_per_person_with_the_agencies_their_labels_carry():
    drafted = draft_roster([SAMPLES])
    assert list(drafted.columns) == ["name", "agency", "role", "aliases"]
    unplaced = [(name, "", "", "") for name in (
        "Ruth Adeyemi", "Lee Jordan", "Daniel Price", "Ben Carter", "Mike Dunn", "Sophie Green",  # Riverside
        "Farah Khan", "Owen Hughes", "Lucy Tran", "Speaker 3", "Unknown Speaker")]  # Eastfield
    assert rows(drafted) == [
        # Northgate: each label once with its agency in brackets; "Aisha" in Eastfield is the one Aisha.
        ("Helen Marsh", "Children's social care", "", ""),
        ("Tom Okafor", "Police", "", ""),
        ("Priya Shah", "Education", "", ""),
        ("Marcus Bell", "Youth work", "", ""),
        ("Janine Walsh", "Community safety", "", ""),
        ("Aisha Rahman", "Health", "", "Aisha"),
        ("Sam Reid", "Children's social care", "", ""),
        # Riverside (Teams WebVTT): names as Teams shows them, pronouns and tenant tags dropped.
        ("Karen Doyle", "", "", "Doyle, Karen"),
        # Riverside and Eastfield (Otter): no agencies written; the people Otter could not name keep its labels.
        *unplaced,
    ]


def test_spellings_of_one_person_are_one_row_and_role_labels_give_the_role(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The Chair (Cllr Jo Price): Welcome, all of you.\n"  # the chair, named
        "DS Tom Okafor (Police): Thanks.\n"
        "Tom: One more thing from me.\n"
        "The Chair: Go on.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Jo Price: Welcome back.\nThomas Okafor: Hello.\nOkafor, Tom: Yes.\n",
                                    encoding="utf-8")
    assert rows(draft_roster([tmp_path / "a.txt", tmp_path / "b.txt"])) == [
        ("Jo Price", "", "Chair", "Cllr Jo Price"),
        ("Tom Okafor", "Police", "", "DS Tom Okafor; Okafor, Tom; Tom"),
        ("Thomas Okafor", "", "", ""),
    ]


def test_a_drafted_roster_is_a_roster_that_matches_every_label(tmp_path):
    path = tmp_path / "roster.csv"
    draft_roster([SAMPLES]).assign(agency="Somewhere").to_csv(path, index=False)
    roster = load_roster(path)
    for label in ("Doyle, Karen", "Aisha", "Speaker 3", "DS Okafor"):
        assert roster.match(label) is not None, label


@pytest.mark.parametrize("written, name", [
    ("Hon. Anthony Rota", "Anthony Rota"), ("Right Hon. Justin Trudeau", "Justin Trudeau"),
    ("Lynne Neagle AM", "Lynne Neagle"), ("Doyle, Karen", "Karen Doyle"), ("The Chair", "The Chair"), ("Dr", "Dr"),
])
def test_names_are_written_without_titles(written, name):
    assert untitled(written) == name


@pytest.mark.skipif(not REAL.is_dir(), reason="the real transcripts are not beside the project")
def test_real_committee_sittings_draft_their_members_chairs_and_ministers():
    senedd = draft_roster(sorted(REAL.glob("senedd_*.txt")))
    assert rows(senedd)[:3] == [("Lynne Neagle", "", "", "Lynne Neagle AM"), ("Alastair Birch", "", "", ""),
                                ("Sally Jenkins", "", "", "")]
    assert len(senedd) == 12
    commons = draft_roster([REAL / "more" / "qmsum_covid_0.txt"]).set_index("name")
    assert commons.loc["Anthony Rota", ["role", "aliases"]].tolist() == ["Chair", "Hon. Anthony Rota"]
    assert commons.loc["Garnett Genuis", ["agency", "role"]].tolist() == ["", ""]
    assert "The Chair" not in commons.index
