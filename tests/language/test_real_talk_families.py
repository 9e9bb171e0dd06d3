"""Each family of real meeting talk the tool once got wrong, pinned with sentences written for this
test in the register of committee and partnership meetings (none is copied from a transcript).

The families are those measured on real sittings (docs/labelling.md lists them); the full shipped
pipeline, rules and classifier together, labels every sentence as a meeting's would be labelled.
"""

import pytest

from hymnsheet_talk.language import NAMES_KEY, build_pipeline, roll_up_rows, sentence_rows

PRESENT = frozenset("jenny llyr sam steve price jones mark".split())

ECOLOGICAL = {
    "school practice": ["Where the head teacher changes every year, the school never settles on a way of working.",
                        "Too many schools still treat wellbeing as an add-on rather than part of how they are run."],
    "family and community engagement": ["The barriers families face in reaching the service are mostly opening "
                                        "hours and transport."],
    "performance measures": ["Because schools are judged only on their exam results, pupils who won't score well "
                             "get moved on.",
                             "League tables push schools to steer weaker pupils away from the harder exams."],
    "funding and provision": ["There are nowhere near enough places in the pupil referral unit.",
                              "Mental health services are stretched far too thin to see anyone quickly."],
    "needs and conditions": ["A lot of these children have additional learning needs that were never picked up."],
    "multi-agency working": ["We need a joined-up team across the council, the police and the health board."],
    "training and curriculum": ["Staff haven't been trained to spot the signs of exploitation."],
    "a question proposing a cause": ["Is the rise in exclusions down to the pressure on school budgets?"],
    "an area as the context": ["In the poorest wards the youth clubs have all closed."],
}
NOT_BEHAVIOUR = {
    "accountability of institutions": "Schools have to be held to account for how they spend the grant.",
    "a motion to exclude the public": "Item 3 is a motion to exclude the public from the rest of the meeting.",
    "exclusions as a trend": "What is driving the rise in exclusions across the county?",
    "punishment in a bill's title": "This is our fourth session on the Children (Abolition of Defence of "
                                    "Reasonable Punishment) (Wales) Bill.",
    "an institution choosing": "The council decided to close two of its youth centres.",
    "incentives for schools": "The funding formula gives schools a perverse incentive to keep pupils off the roll.",
}
NOT_FRAMED = {
    "procedure": ["Item 2 is papers to note.", "We have received apologies from Mark.",
                  "I propose that the committee meets in private for the rest of the meeting."],
    "a question that proposes nothing": ["How many pupils were excluded last year?"],
    "a denied cause with nothing in its place": ["I don't think it's down to the budget cuts at all."],
}
BEHAVIOUR = {
    "persuading parents": ["We need to get parents to see why turning up every day matters.",
                           "We keep telling families how much attendance matters."],
    "a learner's mindset or attitude": ["Pupils need to change their mindset about learning.",
                                        "His attitude is the real obstacle here."],
}
INVITATIONS = {
    "the floor by name alone": ["Jenny.", "Llyr, on this."],
    "someone who wanted to come in": ["Sam, you wanted to come in."],
    "a question opening with a title": ["Cabinet Secretary, how will the money be shared out?"],
    "a hand-over": ["Sam, perhaps you could pick that up."],
    "the room": ["Any further questions?", "Could you introduce yourselves for the record?"],
    "an organisation at the table": ["Does the association want to add anything?"],
    "the next questioner announced": ["We've got some questions now on funding from Llyr."],
}
NOT_INVITATIONS = ["Thank you, Minister.", "Chair, could I just ask a question?",
                   "I'd like to welcome Ms Price and Dr Jones."]
UNCERTAIN = ["It's difficult to say at this stage.", "It's early days for the new scheme.",
             "There's no evidence yet either way.", "The evidence we have is only anecdotal.",
             "We haven't looked at that in any detail."]
NOT_UNCERTAIN = ["Steve, I don't know if you want to add anything.", "I wonder if I could ask about the funding.",
                 "I think it's important."]
OPEN = ["I'd like to understand what has held this back.", "Can you clarify what that means?",
        "How does that work, then?"]
NOT_OPEN = ["How many pupils were excluded last year?", "Will the report be published before the summer?"]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def labels(nlp, text):
    doc = nlp.make_doc(text)
    doc.user_data[NAMES_KEY] = PRESENT
    return roll_up_rows(list(sentence_rows(nlp(doc))))


def _cases(families):
    return [(family, text) for family, texts in families.items() for text in texts]


@pytest.mark.parametrize("family, text", _cases(ECOLOGICAL))
def test_institutional_and_system_framing_is_ecological(nlp, family, text):
    assert labels(nlp, text)["framing"] == "ecological"


@pytest.mark.parametrize("family, text", list(NOT_BEHAVIOUR.items()))
def test_framing_words_said_of_institutions_are_not_behaviour(nlp, family, text):
    assert labels(nlp, text)["framing"] != "behaviour"


@pytest.mark.parametrize("family, text", _cases(NOT_FRAMED))
def test_procedure_plain_questions_and_denials_frame_nothing(nlp, family, text):
    assert labels(nlp, text)["framing"] == "none"


@pytest.mark.parametrize("family, text", _cases(BEHAVIOUR))
def test_changing_parents_and_pupils_is_behaviour_without_a_cue_word(nlp, family, text):
    assert labels(nlp, text)["framing"] == "behaviour"


@pytest.mark.parametrize("family, text", _cases(INVITATIONS))
def test_invitations_by_name_title_organisation_or_to_the_room(nlp, family, text):
    assert labels(nlp, text)["invitation"] == 1


@pytest.mark.parametrize("text", NOT_INVITATIONS)
def test_thanks_welcomes_and_the_chair_addressed_are_not_invitations(nlp, text):
    assert labels(nlp, text)["invitation"] == 0


@pytest.mark.parametrize("text", UNCERTAIN)
def test_hard_to_say_early_days_no_evidence_and_not_looked_are_uncertainty(nlp, text):
    assert labels(nlp, text)["uncertainty"] == 1


@pytest.mark.parametrize("text", NOT_UNCERTAIN)
def test_courtesy_and_opinion_are_not_uncertainty(nlp, text):
    assert labels(nlp, text)["uncertainty"] == 0


@pytest.mark.parametrize("text", OPEN)
def test_indirect_and_short_open_questions(nlp, text):
    assert labels(nlp, text)["open_question"] == 1


@pytest.mark.parametrize("text", NOT_OPEN)
def test_figures_and_yes_no_questions_are_not_open(nlp, text):
    assert labels(nlp, text)["open_question"] == 0
