"""Charts are checked on what they draw (bars, labels, numbers), never on pixels; figures are closed."""

import pandas as pd
import pytest

from hymnsheet_talk.report.charts import (
    plot_agency_terms, plot_framing, plot_marker_timeline, plot_markers, plot_timeline, plot_transitions,
)

from conftest import SAMPLES, outside_or_small

AGENCIES = pd.DataFrame({
    "agency": ["Police", "Youth work", "Housing"],
    "behaviour_problem": [2, 0, 0], "behaviour_response": [3, 0, 0],
    "ecological_problem": [1, 4, 0], "ecological_response": [0, 2, 0],
    "behaviour": [5, 0, 0], "ecological": [1, 6, 0],
})


@pytest.fixture
def close():
    figures = []
    yield figures.append
    for figure in figures:
        figure.clear()


def test_framing_chart_draws_behaviour_left_and_ecological_right(close):
    ax = plot_framing(AGENCIES)
    close(ax.figure)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Police", "Youth work"]  # Housing flagged nothing
    widths = [round(bar.get_width()) for bar in ax.patches]
    # Four series of two agencies: behaviour problem and response drawn leftwards, ecological rightwards.
    assert widths == [-2, 0, -3, 0, 1, 4, 0, 2]


def test_markers_chart_writes_each_rate_and_only_counts_for_an_agency_of_few_words(close):
    markers = pd.DataFrame({
        "agency": ["Police", "Police", "Education", "Education", "Health", "Health", "(all)"],
        "marker": ["uncertainty", "open_question"] * 3 + ["uncertainty"],
        "per_1k": [4.0, 0.0, 12.4, 3.0, 30.3, 0.0, 7.0],
        "sentences": [2, 0, 5, 1, 2, 0, 9],
    })
    ax = plot_markers(markers, words={"Police": 500, "Education": 400, "Health": 66})
    close(ax.figure)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Education", "Health", "Police"]
    # Health said 66 words: its counts in brackets, on white, never a rate of 30 per 1,000 atop the grid.
    assert [text.get_text() for text in ax.texts] == ["12", "3", "(2)", "(0)", "4", "0"]
    shaded = ax.images[0].get_array()
    assert shaded.mask[1].all() and not shaded.mask[0].any()


def test_marker_timeline_is_a_grid_of_counts_per_part(close):
    timeline = pd.DataFrame({"part": [1, 2], "unit": ["tenth", "tenth"], "start": [0, 10],
                             "uncertainty": [1, 0], "open_question": [2, 1]})
    ax = plot_marker_timeline(timeline, markers=["uncertainty", "open_question"])
    close(ax.figure)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["uncertainty", "open question"]
    assert [label.get_text() for label in ax.get_xticklabels()] == ["0", "10"]
    assert [text.get_text() for text in ax.texts] == ["1", "0", "2", "1"]
    assert ax.get_xlabel().startswith("each part starts at this % of")


def test_transitions_chart_is_a_square_grid_of_counts(close):
    transitions = pd.DataFrame({"from_agency": ["Police", "Education", "Police"],
                                "to_agency": ["Education", "Police", "Police"], "count": [3, 2, 1]})
    ax = plot_transitions(transitions)
    close(ax.figure)
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Education", "Police"]
    assert [text.get_text() for text in ax.texts] == ["0", "2", "3", "1"]


def test_agency_terms_chart_has_a_panel_per_agency_with_its_top_terms(close):
    terms = pd.DataFrame({"agency": ["Police", "Police", "Police", "Youth work", "Housing"],
                          "term": ["knife", "contract", "patrol", "detached", "tenancy"],
                          "z": [2.5, 1.25, 0.5, 3.0, 1.0], "rank": [1, 2, 3, 1, 1]})
    axes = plot_agency_terms(terms, colours={"Police": "#0072B2"}, top=2)
    close(axes.flat[0].figure)
    assert axes.shape == (3, 1)
    shown = [(ax.get_title(), [label.get_text() for label in ax.get_yticklabels()], [bar.get_width() for bar in ax.patches])
             for ax in axes.flat]
    assert shown == [("Housing", ["tenancy"], [1.0]), ("Police", ["knife", "contract"], [2.5, 1.25]),
                     ("Youth work", ["detached"], [3.0])]
    assert axes.flat[1].patches[0].get_facecolor()[:3] == pytest.approx((0, 0x72 / 255, 0xB2 / 255))


def test_speaking_timeline_draws_each_turn_in_its_speakers_row(close):
    speakers = pd.DataFrame({"speaker": ["Ann", "Bo", "Cy"], "agency": ["Police", "Education", "Police"]})
    turns = pd.DataFrame({"turn": [1, 2, 3], "speaker": ["Ann", "Bo", "Ann"], "agency": ["Police", "Education", "Police"],
                          "start_s": [0.0, 60.0, 150.0], "end_s": [60.0, 150.0, None], "words": [100, 200, 75]})
    ax = plot_timeline(turns, speakers, colours={"Police": "#0072B2", "Education": "#009E73"})
    close(ax.figure)
    # Each name is written over its row, so the bars keep the chart's whole width on a phone.
    assert [text.get_text() for text in ax.texts] == ["Bo", "Ann", "Cy"]
    rows = {}
    for collection in ax.collections:
        for path in collection.get_paths():
            (x0, y0), (x1, y1) = path.vertices.min(axis=0), path.vertices.max(axis=0)
            rows.setdefault(round((y0 + y1) / 2), []).append((round(x0, 2), round(x1, 2)))
    # Bo (Education) sorts first, then Ann and Cy (Police); Ann's last turn has no end: 75 words at 150 a minute.
    assert rows == {0: [(1.0, 2.5)], 1: [(0.0, 1.0), (2.5, 3.0)]}
    assert ax.get_xlim()[0] == 0


MATH = ["$\\frac$ Bell", "Jo $x^$", "$5 fund"]


def test_dollar_signs_and_backslashes_in_names_print_as_written_not_as_mathtext(close):
    from hymnsheet_talk.report.charts import plot_agency_shares, plot_speaker_words
    from hymnsheet_talk.report.pages import _png
    from hymnsheet_talk.report.style import chart_style

    speakers = pd.DataFrame({"speaker": MATH, "agency": ["$y^$", "Police", "$y^$"], "words": [3, 2, 0]})
    agencies = pd.DataFrame({"agency": ["$y^$", "Police"], "word_share": [0.6, 0.4], "headcount_share": [0.5, 0.5]})
    with chart_style():
        for ax in (plot_speaker_words(speakers, colours={}), plot_agency_shares(agencies, colours={})):
            close(ax.figure)
            assert _png(ax.figure).startswith(b"\x89PNG")
    assert [label.get_text() for label in ax.get_yticklabels()] == ["$y^$", "Police"]


def test_a_chart_of_thousands_of_attendees_draws_the_busiest_and_sums_the_rest(close):
    from hymnsheet_talk.report.charts import MAX_ROWS, plot_agency_shares, plot_speaker_words, plot_timeline

    speakers = pd.DataFrame({"speaker": [f"Person {n:05d}" for n in range(10_000)], "agency": "Health",
                             "words": [30, 12] + [0] * 9_998})
    ax = plot_speaker_words(speakers, colours={})
    close(ax.figure)
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert len(ax.patches) == len(labels) == MAX_ROWS
    assert labels[:2] == ["Person 00000\n(Health)", "Person 00001\n(Health)"]
    assert labels[-1] == "9,961 more attendees, all silent"
    turns = pd.DataFrame({"speaker": ["Person 00000", "Person 00001", "Person 00000"], "agency": "Health",
                          "turn": [1, 2, 3], "start_s": [None] * 3, "end_s": [None] * 3, "words": [10, 12, 20]})
    ax = plot_timeline(turns, speakers, colours={})
    close(ax.figure)
    names = [text.get_text() for text in ax.texts]
    assert len(names) == MAX_ROWS and names[-1].startswith("9,961 more")
    agencies = pd.DataFrame({"agency": [f"Agency {n}" for n in range(100)], "word_share": [0.5, 0.5] + [0.0] * 98,
                             "headcount_share": [0.01] * 100})
    ax = plot_agency_shares(agencies, colours={})
    close(ax.figure)
    assert [label.get_text() for label in ax.get_yticklabels()][-1] == "61 more agencies"
    assert len(ax.get_yticklabels()) == MAX_ROWS


@pytest.fixture(scope="module")
def samples():
    from hymnsheet_talk import analyse

    return analyse([SAMPLES]).tables


def test_every_sample_chart_keeps_its_text_inside_the_picture_at_body_size(samples, close):
    from hymnsheet_talk.report.charts import plot_action_framing, plot_agency_shares, plot_speaker_words
    from hymnsheet_talk.report.style import agency_colours, chart_style
    from hymnsheet_talk.language import MARKERS
    from hymnsheet_talk.tables.actions import framing_mix

    colours = agency_colours(samples["agencies"]["agency"])
    for meeting_id in samples["meetings"]["meeting_id"]:
        own = {name: table[table["meeting_id"] == meeting_id] for name, table in samples.items() if "meeting_id" in table}
        agencies = own["agencies"]
        with chart_style():
            figures = [
                plot_agency_shares(agencies, colours=colours).figure, plot_speaker_words(own["speakers"], colours=colours).figure,
                plot_timeline(own["turns"], own["speakers"], colours=colours).figure, plot_framing(agencies).figure,
                plot_markers(own["markers"], words=dict(zip(agencies["agency"], agencies["words"]))).figure,
                plot_marker_timeline(own["reflection_timeline"], markers=MARKERS).figure,
                plot_transitions(own["transitions"]).figure,
                plot_action_framing(framing_mix(own["sentences"], own["actions"])).figure,
                plot_agency_terms(own["agency_terms"], colours=colours).flat[0].figure,
            ]
            for number, figure in enumerate(figures):
                close(figure)
                assert outside_or_small(figure) == [], f"{meeting_id}, chart {number}"
