"""Labels as parliaments write them (the shapes of the House of Commons of Canada's committee
records in ``../shared/real-transcripts/more/qmsum_covid_*.txt``), and role labels such as ``The Chair``.
The speech in these tests is written for them."""

import pytest

from hymnsheet_talk import Roster, attribute, parse_transcript
from hymnsheet_talk.readers.labels import looks_like_name, split_label
from hymnsheet_talk.readers.titled import role_of, titled_label
from hymnsheet_talk.roster import Member

from conftest import per_speaker


@pytest.mark.parametrize("raw, name, agency", [
    ("The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.))", "The Chair (Hon. Anthony Rota)", None),
    ("Mr. Garnett Genuis (Sherwood Park—Fort Saskatchewan, CPC)", "Mr. Garnett Genuis", None),
    ("The Acting Chair (Mrs. Carol Hughes)", "The Acting Chair (Mrs. Carol Hughes)", None),
    ("Hon. Bill Blair (Minister of Public Safety and Emergency Preparedness)",
     "Hon. Bill Blair (Minister of Public Safety and Emergency Preparedness)", None),
    ("Jo Bloggs (Lab)", "Jo Bloggs", None),
    ("Helen Marsh (Chair)", "The Chair (Helen Marsh)", None),
    ("The Chair", "The Chair", None),
    # Labels that are not parliamentary read as before: a bracket is the agency unless it is a tag.
    ("Tom Okafor (Police)", "Tom Okafor", "Police"),
    ("Ruth Adeyemi (She/Her)", "Ruth Adeyemi", None),
    ("Sam Reid (Children's social care)", "Sam Reid", "Children's social care"),
])
def test_labels_with_titles_nested_brackets_parties_offices_and_roles(raw, name, agency):
    assert split_label(raw) == (name, agency)
    assert looks_like_name(raw)


@pytest.mark.parametrize("label, role", [
    ("The Chair", "Chair"), ("Chair", "Chair"), ("Madam Chair", "Chair"), ("The Chairman", "Chair"),
    ("The Acting Chair", "Acting Chair"), ("The Deputy Chair", "Deputy Chair"), ("The Vice-Chair", "Vice-Chair"),
    ("The Convener", "Chair"), ("Mr Deputy Speaker", "Deputy Speaker"), ("The Presiding Officer", "Presiding Officer"),
    ("Speaker 2", None), ("Speaker", None), ("Chair of governors", None), ("Helen Marsh", None),
])
def test_role_labels(label, role):
    assert role_of(label) == role


def test_an_unbalanced_bracket_is_left_to_the_ordinary_rules():
    assert titled_label("The Chair (Hon. Anthony Rota") is None


SITTING = (
    "The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.)): I call this meeting to order.\n\n"  # 6 words
    "Mr. Garnett Genuis (Sherwood Park—Fort Saskatchewan, CPC): Thank you, Chair.\n\n"  # 3
    "The Chair: Thank you. The Acting Chair takes over now.\n\n"  # 8
    "The Acting Chair (Mrs. Carol Hughes): We resume with questions.\n\n"  # 4
    "Hon. Bill Blair (Minister of Public Safety and Emergency Preparedness): The answer is yes.\n\n"  # 4
    "The Acting Chair: Thank you, Minister.\n\n"  # 3
    "Mr. Garnett Genuis: One more question.\n"  # 3
)


def test_role_labels_are_the_person_they_name_and_bare_ones_the_last_person_named_in_that_role():
    meeting = parse_transcript(SITTING)
    assert per_speaker(meeting) == {
        "Hon. Anthony Rota": (2, 14, None),
        "Mr. Garnett Genuis": (2, 6, None),
        "Mrs. Carol Hughes": (2, 7, None),
        "Hon. Bill Blair": (1, 4, None),
    }
    assert [(s.name, s.agency, s.role) for s in meeting.speakers] == [
        ("Hon. Anthony Rota", "Unknown", "Chair"),
        ("Mr. Garnett Genuis", "Unknown", ""),
        ("Mrs. Carol Hughes", "Unknown", "Acting Chair"),
        ("Hon. Bill Blair", "Unknown", "Minister of Public Safety and Emergency Preparedness"),
    ]
    assert meeting.unattributed == []


def test_a_role_label_naming_nobody_goes_to_the_roster_attendee_with_that_role():
    meeting = parse_transcript("The Chair: Welcome, all.\nTom Okafor: Thanks.\nChair: Tom, go on.\n"
                               "Helen Marsh: And from me.\n", source="panel.txt")
    roster = Roster((Member("Helen Marsh", "Children's social care", "Chair"), Member("Tom Okafor", "Police")))
    attributed = attribute(meeting, roster)
    # "The Chair", "Chair" and "Helen Marsh" are one person, counted as her everywhere.
    assert [(t.speaker, t.agency, t.words) for t in attributed.turns] == [
        ("Helen Marsh", "Children's social care", 2), ("Tom Okafor", "Police", 1),
        ("Helen Marsh", "Children's social care", 6)]
    assert attributed.warnings == []


def test_titled_names_match_a_roster_written_without_titles_and_keep_the_transcripts_role():
    meeting = parse_transcript(SITTING, source="sitting.txt")
    roster = Roster((Member("Anthony Rota", "Chair's office"), Member("Garnett Genuis", "Conservative"),
                     Member("Carol Hughes", "NDP"), Member("Bill Blair", "Government")))
    attributed = attribute(meeting, roster)
    assert [(s.name, s.role) for s in attributed.speakers] == [
        ("Anthony Rota", "Chair"), ("Garnett Genuis", ""), ("Carol Hughes", "Acting Chair"),
        ("Bill Blair", "Minister of Public Safety and Emergency Preparedness")]
    assert {t.speaker for t in attributed.turns} == {"Anthony Rota", "Garnett Genuis", "Carol Hughes", "Bill Blair"}


def test_a_bare_role_label_before_anyone_is_named_goes_to_the_first_named_later():
    meeting = parse_transcript("The Chair: Welcome, all.\nBob Ray: Hello.\nThe Chair (Ann Lee): Next item.\n")
    assert [(t.speaker, t.words) for t in meeting.turns] == [("Ann Lee", 2), ("Bob Ray", 1), ("Ann Lee", 2)]
    assert [(s.name, s.role) for s in meeting.speakers] == [("Ann Lee", "Chair"), ("Bob Ray", "")]
