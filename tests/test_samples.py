"""The bundled sample meetings: every count checked against a second, deliberately naive reading
of the same files written here in the test."""

import re

import pytest

from hymnsheet_talk import analyse
from hymnsheet_talk.report.prose import participation_sentences

from conftest import SAMPLES

NORTHGATE = "2025-01-14-northgate-context-panel"
RIVERSIDE = "2025-02-11-riverside-park-review"
EASTFIELD = "2025-03-11-eastfield-school-gate"


@pytest.fixture(scope="module")
def result():
    return analyse([SAMPLES])


def speakers_of(result, meeting_id):
    table = result.tables["speakers"]
    rows = table[table["meeting_id"] == meeting_id]
    return {row.speaker: (row.turns, row.words, row.seconds) for row in rows.itertuples()}


def test_the_run_reads_all_three_layouts(result):
    meetings = result.tables["meetings"].set_index("meeting_id")
    assert meetings["format"].to_dict() == {NORTHGATE: "plain", RIVERSIDE: "teams-vtt", EASTFIELD: "otter"}
    assert result.failures == [] and result.skipped == []
    assert (meetings["words"] >= 1500).all()


def test_northgate_plain_text_counts(result):
    words, order = {}, []
    for line in (SAMPLES / "2025-01-14_northgate_context_panel.txt").read_text().splitlines():
        found = re.match(r"^(\w+ \w+)(?: \([^)]*\))?: (.*)$", line)
        if found:
            words[found[1]] = words.get(found[1], 0) + len(found[2].split())
            order.append(found[1])
    runs = [name for i, name in enumerate(order) if i == 0 or order[i - 1] != name]
    turns = {name: runs.count(name) for name in words}
    expected = {name: (turns[name], words[name], None) for name in words}
    got = {name: (t, w, None) for name, (t, w, _s) in speakers_of(result, NORTHGATE).items()}
    expected["Dr Aisha Rahman"] = expected.pop("Aisha Rahman")
    expected["Gary Lewis"] = (0, 0, None)  # on the roster, never speaks
    assert got == expected
    assert sum(words.values()) == 1614


def test_riverside_teams_counts_words_and_seconds(result):
    roster_name = {"Doyle, Karen": "Karen Doyle", "Ruth Adeyemi (She/Her)": "Ruth Adeyemi",
                   "Lee Jordan": "PC Lee Jordan", "Sophie Green [NA]": "Sophie Green"}
    text = (SAMPLES / "2025-02-11_riverside_park_review.vtt").read_text()
    cues = re.findall(r"(\d\d):(\d\d):(\d\d\.\d+) --> (\d\d):(\d\d):(\d\d\.\d+)\n<v ([^>]+)>(.*?)</v>", text)
    totals, order = {}, []
    for h1, m1, s1, h2, m2, s2, label, speech in cues:
        name = roster_name.get(label, label)
        seconds = (int(h2) * 3600 + int(m2) * 60 + float(s2)) - (int(h1) * 3600 + int(m1) * 60 + float(s1))
        _t, w, s = totals.get(name, (0, 0, 0.0))
        totals[name] = (0, w + len(speech.split()), s + seconds)
        order.append(name)
    runs = [name for i, name in enumerate(order) if i == 0 or order[i - 1] != name]
    expected = {name: (runs.count(name), w, round(s, 3)) for name, (_t, w, s) in totals.items()}
    expected["Insp Claire Watts"] = (0, 0, 0.0)
    got = {name: (t, w, round(s, 3)) for name, (t, w, s) in speakers_of(result, RIVERSIDE).items()}
    assert got == expected


def test_eastfield_otter_counts_words_and_seconds_from_header_stamps(result):
    roster_name = {"Aisha": "Dr Aisha Rahman"}
    blocks = re.findall(r"^(.+?)  (\d+):(\d\d)\n(.*?)\n\n", (SAMPLES / "2025-03-11_eastfield_school_gate.txt").read_text(),
                        re.M | re.S)
    starts = [int(m) * 60 + int(s) for _n, m, s, _t in blocks]
    names = [roster_name.get(label, label) for label, _m, _s, _t in blocks]
    totals = {}
    for index, (name, (_l, _m, _s, speech)) in enumerate(zip(names, blocks)):
        turns, words, seconds = totals.get(name, (0, 0, 0.0))
        if index + 1 < len(starts):
            seconds += starts[index + 1] - starts[index]
        new_turn = index == 0 or names[index - 1] != name  # two blocks in a row are one turn
        totals[name] = (turns + new_turn, words + len(speech.split()), seconds)
    totals["Mike Dunn"] = (0, 0, 0.0)
    assert speakers_of(result, EASTFIELD) == totals


def test_agency_table_adds_up_and_names_the_silent_housing_officer(result):
    agencies = result.tables["agencies"]
    northgate = agencies[agencies["meeting_id"] == NORTHGATE].set_index("agency")
    assert northgate["words"].sum() == 1614
    assert northgate.loc["Children's social care", ["attendees", "speakers"]].tolist() == [2, 2]
    assert northgate.loc["Housing", ["attendees", "speakers", "words"]].tolist() == [1, 0, 0]
    assert northgate["headcount_share"].sum() == pytest.approx(1)


def test_summary_sentences_for_northgate(result):
    tables = result.tables
    pick = lambda name: tables[name][tables[name]["meeting_id"] == NORTHGATE]
    sentences = participation_sentences(pick("meetings").iloc[0], pick("speakers"), pick("agencies"))
    speakers = speakers_of(result, NORTHGATE)
    helen = speakers["Helen Marsh"][1]
    share = round(100 * helen / 1614)
    assert sentences[:3] == [
        "8 people from 7 agencies were present and 7 spoke: 1,614 words in 46 turns.",
        f"Helen Marsh (Children's social care) spoke most: {helen} words, {share}% of everything said.",
        "Gary Lewis (Housing) was at the meeting but did not speak.",
    ]
    least = min((w, n) for n, (t, w, _s) in speakers.items() if t)
    assert sentences[3].startswith(f"Of those who spoke, {least[1]} (")
    assert any(s.startswith("Housing was heard least for its numbers: 0% of the words") for s in sentences)
    assert sentences[-1].startswith("The chair, Helen Marsh, spoke")


def test_every_turn_is_split_into_sentences_that_add_up_to_it(result):
    sentences = result.tables["sentences"]
    turns = result.tables["turns"].set_index(["meeting_id", "turn"])
    assert sentences.groupby(["meeting_id", "turn"])["words"].sum().equals(turns["words"])
    assert sentences.groupby(["meeting_id", "turn"]).size().min() >= 1


def test_the_sample_meetings_carry_both_framings_and_every_marker(result):
    meetings = result.tables["meetings"].set_index("meeting_id")
    assert (meetings["behaviour"] > 0).all() and (meetings["ecological"] > meetings["behaviour"]).all()
    markers = result.tables["markers"]
    whole = markers[markers["agency"] == "(all)"].groupby("marker")["sentences"].sum()
    assert (whole > 0).all(), whole


def test_every_sample_meeting_agrees_actions_with_owners(result):
    actions = result.tables["actions"]
    assert sorted(set(actions["meeting_id"])) == [NORTHGATE, RIVERSIDE, EASTFIELD]
    assert (actions["owner_agency"] != "").all()
    assert (result.tables["meetings"]["actions"] >= 5).all()
