"""Transitions, interruptions and agreed actions on one timed meeting written for this test,
worked out by hand, with the near-misses."""

import pytest

from hymnsheet_talk.tables import build_tables
from hymnsheet_talk.meeting import Meeting, Speaker, Turn
from hymnsheet_talk.language import build_pipeline

LINES = [
    ("Helen Marsh", "Social care", "Welcome. I'll be honest, it's been a hard month."),           # 1: not an action
    ("Tom Okafor", "Police", "We could put extra lighting along the canal path."),                   # 2: proposal
    ("Janine Walsh", "Community safety", "We can fund temporary lighting along the canal path."),   # 3: offer only
    ("Helen Marsh", "Social care", "Janine, could you look at the canal path lighting?"),            # 4: request…
    ("Janine Walsh", "Community safety", "Yes, I'll do that."),                                      # 5: …accepted
    ("Helen Marsh", "Social care", "Priya, can you speak to the head about finish times?"),         # 6: request…
    ("Priya Shah", "Education", "I'm not sure that's mine to do."),                                  # 7: …not accepted
    ("Helen Marsh", "Social care", "Action for housing: board up the empty flats on Mill Lane."),    # 8: marker
    ("Helen Marsh", "Social care", "Tom and Priya will meet the bus company next week."),            # 9: two owners
    ("Tom Okafor", "Police", "I'll take the registrations to the disruption meeting."),              # 10: commitment
]
ROLES = {"Helen Marsh": "Chair"}
# Ten-second turns, back to back, except turn 7 (Priya) starting at 59.0 while Helen's turn 6 runs
# to 60.0 and stops there: one interruption, made by Priya, received by Helen.
STARTS = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 59.0, 70.0, 80.0, 90.0]


@pytest.fixture(scope="module")
def tables():
    turns = [Turn(n, speaker, text, n, start_s=start, end_s=start + 10.0 if n != 6 else 60.0,
                  seconds=10.0, agency=agency)
             for n, ((speaker, agency, text), start) in enumerate(zip(LINES, STARTS), 1)]
    people = {speaker: agency for speaker, agency, _text in LINES} | {"Gary Lewis": "Housing"}
    speakers = [Speaker(name, agency, ROLES.get(name, "")) for name, agency in people.items()]
    return build_tables([Meeting("m", "m.txt", "plain", turns, speakers)], build_pipeline())


def test_actions_owners_and_proposers_as_worked_out_by_hand(tables):
    rows = tables["actions"][["turn", "owner", "owner_agency", "proposer_agency", "framing"]].values.tolist()
    assert rows == [
        [4, "Janine Walsh", "Community safety", "Police", "ecological"],   # lighting canal path: Tom proposed it
        [8, "", "Housing", "", "ecological"],
        [9, "Tom Okafor", "Police", "", "ecological"],   # meeting the bus company works on the context
        [9, "Priya Shah", "Education", "", "ecological"],
        [10, "Tom Okafor", "Police", "", "none"],
    ]


def test_offers_requests_and_proposals_are_marked_but_not_actions(tables):
    sentences = tables["sentences"].set_index(["turn", "sentence"])
    assert sentences.loc[(1, 2), ["proposal", "action"]].tolist() == [0, ""]        # "I'll be honest"
    assert sentences.loc[(2, 1), ["proposal", "action"]].tolist() == [1, ""]        # "we could…"
    assert sentences.loc[(3, 1), ["proposal", "action"]].tolist() == [1, ""]        # "we can fund…"
    assert sentences.loc[(6, 1), ["proposal", "action"]].tolist() == [1, "request"]  # asked, never accepted
    assert 6 not in tables["actions"]["turn"].tolist() and 5 not in tables["actions"]["turn"].tolist()


def test_counts_per_meeting_and_agency(tables):
    assert tables["meetings"].iloc[0]["actions"] == 4
    agencies = tables["agencies"].set_index("agency")
    assert agencies.loc["Police", ["actions_owned", "actions_proposed"]].tolist() == [2, 1]
    assert agencies.loc["Housing", ["actions_owned", "actions_proposed"]].tolist() == [1, 0]


def test_transitions_and_interruptions_as_worked_out_by_hand(tables):
    transitions = {(row.from_agency, row.to_agency): row.count for row in tables["transitions"].itertuples()}
    # Turn pairs 1→2 … 9→10: SC→Pol, Pol→CS, CS→SC, SC→CS, CS→SC, SC→Edu, Edu→SC, SC→SC, SC→Pol.
    assert transitions == {("Social care", "Police"): 2, ("Police", "Community safety"): 1,
                           ("Community safety", "Social care"): 2, ("Social care", "Community safety"): 1,
                           ("Social care", "Education"): 1, ("Education", "Social care"): 1,
                           ("Social care", "Social care"): 1}
    meeting = tables["meetings"].iloc[0]
    assert meeting["interruptions"] == 1
    assert meeting["chair_brokerage"] == pytest.approx(8 / 9)  # every pair but 2→3 touches Helen
    speakers = tables["speakers"].set_index("speaker")
    assert speakers.loc["Priya Shah", ["interruptions_made", "interruptions_received"]].tolist() == [1, 0]
    assert speakers.loc["Helen Marsh", ["interruptions_made", "interruptions_received"]].tolist() == [0, 1]
    # Flagged actions: turns 4, 8 and 9, all ecological; turn 10 frames nothing.
    assert meeting["actions_ecological_share"] == 1.0


def test_a_meeting_of_one_turn_has_no_actions_and_no_error():
    turn = Turn(1, "Ann Lee", "Could housing look at the lighting?", 1, agency="Police")
    tables = build_tables([Meeting("m", "m.txt", "plain", [turn], [Speaker("Ann Lee", "Police")])])
    assert tables["actions"].empty and tables["meetings"].loc[0, "actions"] == 0


# An evidence session, where nothing is agreed: a witness asked for examples answers yes, a
# commitment is said twice in a row, a speaker "tries", and the chair moves the meeting along.
EVIDENCE = [
    ("Lynne Hale", "Committee", "Sally, can you give us a couple of examples?"),
    ("Sally Grant", "Council", "Yes, of course. One council closed its youth centres."),
    ("Lynne Hale", "Committee", "We'll now go to Hefin."),
    ("Hefin Rhys", "Committee", "I'll take that as a no, then."),
    ("Sally Grant", "Council", "I'll try."),
    ("Sally Grant", "Council", "I will write to the committee with the figures. I'll write to the committee "
                               "with those figures."),
]


def test_an_evidence_session_agrees_one_action_said_twice_and_nothing_else():
    turns = [Turn(n, speaker, text, n, agency=agency) for n, (speaker, agency, text) in enumerate(EVIDENCE, 1)]
    speakers = [Speaker(name, agency, "Chair" if name == "Lynne Hale" else "")
                for name, agency in dict((s, a) for s, a, _t in EVIDENCE).items()]
    tables = build_tables([Meeting("e", "e.txt", "plain", turns, speakers)], build_pipeline())
    assert tables["actions"][["turn", "sentence", "owner"]].values.tolist() == [[6, 1, "Sally Grant"]]
    assert tables["meetings"]["actions"].tolist() == [1]
