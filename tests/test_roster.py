"""Roster loading, forgiving name matching and attribution of turns to people and agencies."""

import pytest

from hymnsheet_talk import InputError, Roster, attribute, load_roster, parse_transcript
from hymnsheet_talk.roster import Member, name_key

from conftest import SAMPLES


@pytest.mark.parametrize(
    "written",
    ["Karen Doyle", "karen  doyle", "Doyle, Karen", "Karen Doyle (She/Her)", "Karen Doyle [NA]", "Cllr Karen Doyle",
     "KAREN DOYLE", "Dr. Karen Doyle"],
)
def test_name_key_forgives_how_transcripts_write_names(written):
    assert name_key(written) == "karen doyle"


def test_name_key_folds_accents_and_drops_post_nominals():
    assert name_key("Siân Gwenllian AM") == name_key("Sian Gwenllian")


@pytest.mark.parametrize("label, roster_name", [
    ("Zoe O’Shaughnessy", "Zoë O'Shaughnessy"), ("Zoe\u0308 OShaughnessy", "Zoë O'Shaughnessy"),
    ("Ilker Yilmaz", "İlker Yılmaz"), ("ŁUKASZ WIŚNIEWSKI", "Lukasz Wisniewski"), ("Nguyen Thi Minh", "Nguyễn Thị Minh"),
])
def test_name_key_folds_apostrophes_and_letters_without_a_decomposition(label, roster_name):
    assert name_key(label) == name_key(roster_name)


def test_names_in_scripts_without_latin_letters_are_told_apart():
    roster = Roster((Member("Σοφία Παπαδοπούλου", "Health"), Member("محمد علي", "Police"), Member("王小明", "Housing")))
    assert roster.match("Σοφία Παπαδοπούλου").agency == "Health"
    assert roster.match("ΣΟΦΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ").agency == "Health"
    assert roster.match("محمد علي").agency == "Police" and roster.match("王小明").agency == "Housing"
    assert roster.match("דוד כהן") is None  # not on the roster: not given to anyone else


def test_match_by_alias_and_by_a_unique_first_name_or_surname():
    roster = Roster((
        Member("Helen Marsh", "Children's social care", aliases=("HM",)),
        Member("Tom Okafor", "Police"),
        Member("Tom Reid", "Housing"),
    ))
    assert roster.match("HM").name == "Helen Marsh"
    assert roster.match("Helen").name == "Helen Marsh"
    assert roster.match("Okafor").name == "Tom Okafor"
    assert roster.match("Tom") is None  # two Toms: no guess
    assert roster.match("Speaker 1") is None


def test_load_roster_reads_optional_columns_and_skips_blank_rows(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "Name,Agency,Role,Aliases,Meeting\n"
        "Helen Marsh,Children's social care,Chair,HM;Helen M,a.txt\n"
        ",,,,\n"
        "Gary Lewis,Housing,,,\n"
    )
    roster = load_roster(path)
    assert roster.members == (
        Member("Helen Marsh", "Children's social care", "Chair", ("HM", "Helen M"), ("a.txt",), 2),
        Member("Gary Lewis", "Housing", "", (), (), 4),
    )
    assert [m.name for m in roster.for_meeting("folder/b.txt").members] == ["Gary Lewis"]
    assert [m.name for m in roster.for_meeting("folder/a.txt").members] == ["Helen Marsh", "Gary Lewis"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("name,role\nA,B\n", r"roster\.csv:1: roster needs the column\(s\) agency"),
        ("name,agency\nAnn Lee,Police\nann lee,Health\n", r"roster\.csv:3: 'ann lee' is listed with agency 'Health' here and 'Police' on line 2"),
        ("name,agency\nAnn Lee,\n", r"roster\.csv:2: roster row has no agency"),
        ("name,agency\nZoë Lee,Police\nAnn Lee,Health\nAnn L\udce9e,Police\n",
         r"roster\.csv:4: this line holds bytes that are not UTF-8"),
    ],
)
def test_roster_problems_name_the_line(tmp_path, content, message):
    path = tmp_path / "roster.csv"
    path.write_bytes(content.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(InputError, match=message):
        load_roster(path)


def test_attribution_uses_roster_then_written_agency_then_unknown_and_adds_silent_attendees():
    meeting = parse_transcript(
        "DS Tom Okafor (Community safety): One.\n"
        "Priya (Education): Two three.\n"
        "Tom: Four.\n"
        "Okafor: Five six.\n"
        "Visitor: Seven.\n",
        source="panel.txt",
    )
    roster = Roster((Member("Tom Okafor", "Police", "Chair"), Member("Gary Lewis", "Housing")))
    attributed = attribute(meeting, roster)
    assert [(t.number, t.speaker, t.agency, t.words) for t in attributed.turns] == [
        (1, "Tom Okafor", "Police", 1),
        (2, "Priya", "Education", 2),
        (3, "Tom Okafor", "Police", 3),  # "Tom" and "Okafor" are one person: one turn
        (4, "Visitor", "Unknown", 1),
    ]
    assert [(s.name, s.agency, s.role) for s in attributed.speakers] == [
        ("Tom Okafor", "Police", "Chair"),
        ("Gary Lewis", "Housing", ""),
        ("Priya", "Education", ""),
        ("Visitor", "Unknown", ""),
    ]
    assert attributed.warnings == [
        "meeting: 'DS Tom Okafor' is written as 'Community safety' in the transcript but 'Police' in the roster; "
        "the roster is used",
        "meeting: no agency for Visitor; add them to the roster (name, agency) to place them",
    ]


def test_a_roster_that_fits_few_speakers_says_so_naming_both_sides():
    meeting = parse_transcript("Ann Lee: One two three four.\nBob Ray: Five six.\nTom: Seven.\nCat Day: Eight.\n",
                               source="panel.txt")
    roster = Roster((Member("Tom Okafor", "Police"), Member("Gary Lewis", "Housing")), "roster.csv")
    attributed = attribute(meeting, roster)
    expected = ("meeting: the roster roster.csv matches speakers of only 12% of the words, so most speakers keep the "
                "transcript's labels and have no agency. Not on the roster: Ann Lee, Bob Ray, Cat Day. On the roster "
                "but not heard: Gary Lewis.")
    assert attributed.roster_warning == expected
    assert attributed.warnings[0] == expected


def test_rows_for_other_meetings_are_named_in_the_warning_when_a_roster_is_reused(tmp_path):
    """The sample roster names the sample meetings in its meeting column: reused for another
    meeting, none of its rows apply, and the warning says why."""
    meeting = parse_transcript("Ann Lee: Hello there.\nHelen Marsh: Hi.\n", source=str(tmp_path / "my_panel.txt"))
    attributed = attribute(meeting, load_roster(SAMPLES / "roster.csv"))
    assert attributed.roster_warning == (
        f"meeting: the roster {SAMPLES / 'roster.csv'} matches speakers of only 0% of the words, so most speakers "
        "keep the transcript's labels and have no agency. Not on the roster: Ann Lee, Helen Marsh. On the roster but "
        "not heard: nobody. 19 roster rows name other meetings in their meeting column and were left out: a row "
        "with a meeting applies only to the meetings it names (leave it blank for every meeting).")
    assert attributed.speakers[0].name == "Ann Lee"


def test_a_roster_matching_half_the_words_or_more_gives_no_warning_and_no_roster_none():
    meeting = parse_transcript("Tom: One two.\nAnn Lee: Three four.\n", source="panel.txt")
    assert attribute(meeting, Roster((Member("Tom Okafor", "Police"),))).roster_warning == ""
    assert attribute(meeting, None).roster_warning == ""
