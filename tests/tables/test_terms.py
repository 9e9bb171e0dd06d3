"""Each agency's distinctive terms, how far apart the agencies' words are, and whose words the
agreed actions use, on meetings written for these tests; every expected value is worked out here
from the formulas in docs/methods.md §8, not by the code under test."""

import math

import numpy as np
import pandas as pd
import pytest

from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.meeting import Meeting, Speaker, Turn
from hymnsheet_talk.tables import build_tables
from hymnsheet_talk.tables.divergence import chance_divergences, jensen_shannon
from hymnsheet_talk.tables.framing import add_framing_spread
from hymnsheet_talk.tables.terms import History, add_action_terms, agency_terms_table, history_terms_table

# Each agency has words of its own, said more or less often, and two words everyone says. Words
# are separated by commas, so no two of them make a two-word phrase.
OWN = {
    ("Ann Lee", "Police"): "Warrant, warrant, warrant, patrol, patrol, arrest, park, school.",
    ("Bob Ray", "Education"): "Pupils, pupils, pupils, lessons, lessons, exclusion, park, school.",
    ("Cat Day", "Housing"): "Tenancy, tenancy, tenancy, landlord, landlord, eviction, park, school, school.",
}
SHARED = "Warrant, pupils, tenancy, park, school, warrant, lessons, landlord."
ROUNDS, SENTENCES = 4, 4  # four turns each, of four sentences


def meeting(meeting_id: str, lines: dict) -> Meeting:
    turns = [Turn(number, speaker, " ".join([text] * SENTENCES), number, agency=agency)
             for number, ((speaker, agency), text) in enumerate(
                 [item for _ in range(ROUNDS) for item in lines.items()], start=1)]
    return Meeting(meeting_id, f"{meeting_id}.txt", "plain", turns,
                   [Speaker(speaker, agency, "") for speaker, agency in lines])


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="module")
def tables(nlp):
    return build_tables([meeting("distinct", OWN), meeting("shared", {key: SHARED for key in OWN})], nlp)


def counts_said(lines: dict) -> dict[str, dict[str, int]]:
    """Each agency's word counts, read off the text: every word lower-cased, commas and stops dropped."""
    counts = {}
    for (_speaker, agency), text in lines.items():
        words = [word.strip(",.").lower() for word in text.split()] * (ROUNDS * SENTENCES)
        counts[agency] = {word: words.count(word) for word in words}
    return counts


def expected_z(counts: dict[str, dict[str, int]]) -> dict[tuple[str, str], float]:
    """Monroe, Colaresi & Quinn's z for each agency and word, the prior from the meeting itself
    (α_w = the word's count in the meeting, α_0 = all the meeting's words)."""
    total = {}
    for words in counts.values():
        for word, count in words.items():
            total[word] = total.get(word, 0) + count
    n = sum(total.values())
    found = {}
    for agency, words in counts.items():
        n_i = sum(words.values())
        for word, y in words.items():
            alpha, others = total[word], total[word] - y
            delta = (math.log((y + alpha) / (n_i + n - y - alpha))
                     - math.log((others + alpha) / (n - n_i + n - others - alpha)))
            found[(agency, word)] = delta / math.sqrt(1 / (y + alpha) + 1 / (others + alpha))
    return found


def jsd(p: dict[str, int], q: dict[str, int]) -> float:
    """Jensen–Shannon divergence in bits, written out from its definition."""
    words = set(p) | set(q)
    p_n, q_n = sum(p.values()), sum(q.values())
    total = 0.0
    for word in words:
        a, b = p.get(word, 0) / p_n, q.get(word, 0) / q_n
        m = (a + b) / 2
        total += (a * math.log2(a / m) if a else 0) / 2 + (b * math.log2(b / m) if b else 0) / 2
    return total


def test_each_agencys_own_words_rank_top_with_the_z_worked_out_by_hand(tables):
    terms = tables["agency_terms"]
    distinct = terms[terms["meeting_id"] == "distinct"]
    ranked = {agency: rows.sort_values("rank")["term"].tolist() for agency, rows in distinct.groupby("agency")}
    assert ranked == {"Education": ["pupils", "lessons", "exclusion", "park"],
                      "Housing": ["tenancy", "landlord", "eviction", "school"],
                      "Police": ["warrant", "patrol", "arrest", "park"]}
    expected = expected_z(counts_said(OWN))
    for row in distinct.itertuples():
        assert row.z == pytest.approx(expected[(row.agency, row.term)], rel=1e-12), row.term
        assert row.z > 0
    police = distinct.set_index(["agency", "term"]).loc[("Police", "warrant")]
    assert (police["count"], police["others_count"], police["rank"]) == (48, 0, 1)
    # A meeting where everyone says the same words has nothing distinctive to show.
    assert (terms["meeting_id"] == "shared").sum() == 0


def test_a_shared_vocabulary_diverges_less_than_distinct_ones(tables):
    meetings = tables["meetings"].set_index("meeting_id")
    counts = counts_said(OWN)
    police, education, housing = counts["Police"], counts["Education"], counts["Housing"]
    pairs = [jsd(police, education), jsd(police, housing), jsd(education, housing)]
    assert meetings.loc["distinct", "vocabulary_divergence"] == pytest.approx(sum(pairs) / 3, rel=1e-12)
    assert meetings.loc["distinct", "vocabulary_divergence"] == pytest.approx(0.7290527, abs=1e-7)
    assert meetings.loc["shared", "vocabulary_divergence"] == 0.0
    assert meetings.loc["shared", "vocabulary_divergence"] < meetings.loc["distinct", "vocabulary_divergence"]
    # Every turn of the shared meeting says the same words, so no dealing of turns moves them apart.
    assert meetings.loc["shared", "vocabulary_divergence_chance"] == 0.0
    agencies = tables["agencies"].set_index(["meeting_id", "agency"])
    rest = {word: education.get(word, 0) + housing.get(word, 0) for word in set(education) | set(housing)}
    assert agencies.loc[("distinct", "Police"), "divergence_from_rest"] == pytest.approx(jsd(police, rest), rel=1e-12)


def test_divergence_needs_two_agencies_with_a_hundred_words(nlp):
    lines = {("Ann Lee", "Police"): OWN[("Ann Lee", "Police")], ("Bob Ray", "Education"): "Pupils, lessons."}
    built = build_tables([meeting("short", lines)], nlp)
    assert built["agencies"].set_index("agency").loc["Education", "words"] == ROUNDS * SENTENCES * 2
    assert math.isnan(built["meetings"]["vocabulary_divergence"].iloc[0])
    assert math.isnan(built["agencies"].set_index("agency").loc["Education", "divergence_from_rest"])
    assert not math.isnan(built["agencies"].set_index("agency").loc["Police", "divergence_from_rest"])


def test_jensen_shannon_by_its_definition():
    assert jensen_shannon(np.array([1.0, 1, 0]), np.array([0.0, 1, 1])) == pytest.approx(0.5, abs=1e-15)
    assert jensen_shannon(np.array([3.0, 0]), np.array([0.0, 5])) == 1.0
    assert jensen_shannon(np.array([2.0, 6]), np.array([1.0, 3])) == 0.0
    assert math.isnan(jensen_shannon(np.array([0.0, 0]), np.array([1.0, 0])))


def test_chance_deals_whole_turns_each_agency_keeping_its_number():
    # Two turns, one each, with no word in common: however they are dealt, the agencies are apart.
    mean, apart = chance_divergences(np.array([0, 1]), np.array([0, 0, 1]), np.array([0, 0, 1]), (2, 2), [0, 1])
    assert (mean, apart) == (1.0, {0: 1.0, 1: 1.0})


def test_framing_spread_over_agencies_with_five_flagged_sentences():
    agencies = pd.DataFrame({
        "meeting_id": ["a", "a", "a", "b", "b"],
        "agency": ["Police", "Youth work", "Health", "Police", "Health"],
        "behaviour": [4, 1, 0, 3, 0], "ecological": [1, 9, 4, 3, 2],
    })
    agencies["ecological_share"] = agencies["ecological"] / (agencies["behaviour"] + agencies["ecological"])
    spread = add_framing_spread(pd.DataFrame({"meeting_id": ["a", "b"]}), agencies)["framing_spread"].tolist()
    assert spread[0] == pytest.approx(0.9 - 0.2)  # Health's 4 sentences are too few to count
    assert math.isnan(spread[1])                 # only Police has five


def test_an_action_is_credited_to_the_agency_whose_words_it_uses(nlp):
    lines = [("Ann Lee", "Police", "Warrant, warrant, patrol, park."),
             ("Cat Day", "Housing", "Tenancy, tenancy, landlord, park."),
             ("Dee Fox", "Community safety", "Action for housing: a tenancy check at the flats."),
             ("Ann Lee", "Police", "Patrol, park.")]
    turns = [Turn(n, speaker, text, n, agency=agency) for n, (speaker, agency, text) in enumerate(lines, 1)]
    people = [Speaker(speaker, agency, "") for speaker, agency in {(s, a) for s, a, _t in lines}]
    built = build_tables([Meeting("m", "m.txt", "plain", turns, people)], nlp)
    assert built["actions"][["turn", "owner_agency", "terms_from_agency"]].values.tolist() == [[3, "Housing", "Housing"]]
    shares = built["agencies"].set_index("agency")["action_terms_share"].to_dict()
    assert shares == {"Police": 0.0, "Housing": 1.0, "Community safety": 0.0}
    # The action's own words are not the discussion: "check" was said only there.
    counts = built["term_counts"]
    assert "check" not in set(counts["term"])
    assert counts[counts["agency"] == "Police"].set_index("term")["count"].to_dict() == {"park": 2, "patrol": 2, "warrant": 2}


def test_terms_from_agency_counts_shared_terms_then_their_weight():
    actions = pd.DataFrame({"meeting_id": ["m", "m", "m", "m"], "turn": [5, 5, 6, 7], "sentence": [1, 1, 1, 1]})
    terms = pd.DataFrame({"meeting_id": "m", "turn": [5, 5, 5, 6, 6, 7], "sentence": 1,
                          "term": ["park", "lighting", "bus", "bus", "school", "minutes"]})
    distinctive = pd.DataFrame({"meeting_id": "m", "agency": ["Youth work", "Youth work", "Education", "Police"],
                                "term": ["park", "lighting", "school", "bus"], "z": [2.0, 1.0, 0.5, 3.0]})
    agencies = pd.DataFrame({"meeting_id": "m", "agency": ["Education", "Police", "Youth work"]})
    actions, agencies = add_action_terms(actions, agencies, terms, distinctive)
    # Turn 5 shares two of Youth work's words and one of Police's; turn 6 one each, and Police's
    # weighs more; turn 7 shares none.
    assert actions["terms_from_agency"].tolist() == ["Youth work", "Youth work", "Police", ""]
    assert agencies["action_terms_share"].tolist() == pytest.approx([1 / 3, 2 / 3, 1 / 3])


def test_the_history_gives_the_prior_its_shape():
    counts = pd.DataFrame({"meeting_id": "new", "agency": ["Police", "Police", "Housing", "Housing"],
                           "term": ["park", "knife", "park", "rent"], "count": [4, 3, 1, 5]})
    history = History(pd.Series({"park": 30, "knife": 2, "rent": 8}), frozenset({"old"}))
    scored = agency_terms_table(counts, history).set_index(["agency", "term"])["z"]
    n, held = 13, 40
    # The new meeting joins the history: π_w = (history's count + the meeting's) / (40 + 13).
    share = {"park": (30 + 5) / (held + n), "knife": (2 + 3) / (held + n), "rent": (8 + 5) / (held + n)}

    def z(y, others, n_i, word):
        alpha = n * share[word]
        delta = (math.log((y + alpha) / (n_i + n - y - alpha))
                 - math.log((others + alpha) / (n - n_i + n - others - alpha)))
        return delta / math.sqrt(1 / (y + alpha) + 1 / (others + alpha))

    assert scored.to_dict() == pytest.approx({("Housing", "rent"): z(5, 0, 6, "rent"), ("Police", "knife"): z(3, 0, 7, "knife"),
                                              ("Police", "park"): z(4, 1, 7, "park")}, rel=1e-12)


def test_history_terms_sum_the_meetings():
    totals = pd.DataFrame({"agency": ["Police", "Police", "Housing"], "term": ["knife", "park", "rent"],
                           "count": [6, 2, 4], "meetings": [2, 1, 2]})
    table = history_terms_table(totals)
    assert table[["agency", "term", "count", "others_count", "rank", "meetings"]].values.tolist() == [
        ["Housing", "rent", 4, 0, 1, 2], ["Police", "knife", 6, 0, 1, 2], ["Police", "park", 2, 0, 2, 1]]
