"""Each chart in words, for tables built here: alt text with the top figures, tables of every
figure (cut short for a roster of hundreds), no interval for a group too small to compare, and the
index's figures with no share or rate from too little."""

import pandas as pd

from hymnsheet_talk.report.describe import (
    INDEX_COLUMNS, MAX_TABLE_ROWS, compare_panel, index_figures, markers, speaker_words,
)


def test_alt_text_reads_out_the_top_figures_and_counts_the_rest():
    speakers = pd.DataFrame({"speaker": ["Ann", "Bo", "Cy", "Di", "Ed"], "agency": ["Police", "Health", "Unknown", "Police", "Health"],
                             "words": [50, 30, 15, 5, 0], "word_share": [0.5, 0.3, 0.15, 0.05, 0.0]})
    about = speaker_words(speakers)
    assert about.alt == ("Bar chart of the words spoken by each of the 5 attendees: Ann (Police) 50; Bo (Health) 30; "
                         "Cy (no agency) 15; and 1 more speaker. 1 attendee did not speak.")
    assert about.table.rows[:3] == [("Ann", "Police", "50", "50%"), ("Bo", "Health", "30", "30%"), ("Cy", "No agency", "15", "15%")]
    assert about.table.note == ""


def test_a_table_of_hundreds_of_attendees_lists_the_first_and_counts_the_rest():
    count = MAX_TABLE_ROWS + 25
    speakers = pd.DataFrame({"speaker": [f"P{n:03d}" for n in range(count)], "agency": "Health",
                             "words": [count - n for n in range(count)], "word_share": 1 / count})
    table = speaker_words(speakers).table
    assert len(table.rows) == MAX_TABLE_ROWS and table.rows[0][0] == "P000"
    assert table.note == "…and 25 more attendees, each with fewer words: speakers.csv lists everyone."


def test_an_agency_of_few_words_has_its_marker_counts_not_rates():
    rows = pd.DataFrame({"agency": ["Police", "Police", "Health", "Health", "(all)"],
                         "marker": ["uncertainty", "open_question"] * 2 + ["uncertainty"],
                         "per_1k": [4.0, 2.0, 30.3, 0.0, 5.0], "sentences": [2, 1, 2, 0, 4]})
    agencies = pd.DataFrame({"agency": ["Police", "Health"], "words": [500, 66]})
    about = markers(rows, agencies)
    assert about.table.rows == [("Police", "500", "4.0", "2.0"), ("Health", "66", "2", "0")]
    # The alt text's highest rate is Police's 4.0, not Health's 30.3 from 66 words.
    assert about.alt.split("highest: ")[1].startswith("Police uncertainty 4.0 per 1,000 words")


def test_a_group_too_small_to_compare_gets_no_interval():
    table = pd.DataFrame({"department": ["North", "South"], "meetings": [4, 1], "gini": [0.4, 0.39],
                          "gini_low": [0.3, 0.39], "gini_high": [0.5, 0.39]})
    about = compare_panel(table, by="department", column="gini", name="How unevenly people spoke (Gini)", min_meetings=3)
    assert about.table.rows == [("North", "4", "0.40", "0.30–0.50"), ("South", "1", "0.39", "–")]
    assert about.alt == ("Dot chart, How unevenly people spoke (Gini): each department's mean per meeting. North 0.40 "
                         "(4 meetings, 95% interval 0.30–0.50) and South 0.39 (1 meeting, too few to compare).")


def test_the_index_gives_plain_words_first_and_no_share_or_rate_from_too_little():
    meeting = {"words": 150, "minutes": float("nan"), "speakers": 3, "attendees": 4, "gini": 0.41,
               "chair_word_share": float("nan"), "behaviour": 1, "ecological": 3, "ecological_share": 0.75,
               "open_question_per_1k": 13.3, "uncertainty_per_1k": 0.0}
    assert index_figures(meeting, 5) == list(zip(INDEX_COLUMNS, (
        "150", "–", "3 / 4", "somewhat uneven (Gini 0.41)", "–", "4", "–", "(2)", "(0)")))
