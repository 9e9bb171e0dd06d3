"""The report's sentences on how far apart the partners are, for rows built here."""

import pandas as pd

from hymnsheet_talk.report.partners import partner_sentences

AGENCIES = pd.DataFrame({"agency": ["Police", "Youth work", "Health"], "behaviour": [4, 0, 0],
                         "ecological": [3, 14, 2], "ecological_share": [3 / 7, 1.0, 1.0]})
ACTIONS = pd.DataFrame({"turn": [4, 4, 9, 12], "sentence": [1, 1, 2, 1],
                        "terms_from_agency": ["Police", "Police", "Youth work", ""]})


def test_partner_sentences_say_how_near_the_words_and_framing_are_and_whose_words_the_plan_uses():
    meeting = pd.Series({"vocabulary_divergence": 0.62, "vocabulary_divergence_chance": 0.40, "framing_spread": 4 / 7})
    assert partner_sentences(meeting, AGENCIES, ACTIONS, 5, 100) == [
        "The agencies' vocabularies overlap little: their words were much further apart than one shared vocabulary "
        "would leave them (Jensen–Shannon divergence 0.62, and 0.40 expected by chance in talk like this; 0 = the same "
        "words in the same proportions, 1 = no word in common).",
        "They framed problems and responses very differently: ecological shares ran from 43% (Police) to 100% "
        "(Youth work), 57 points apart.",
        "Agreed actions (3) by the agency whose distinctive words they use most: Police 1, Youth work 1, none 1. "
        "Set this beside who owns and who proposed them, in the table.",
    ]


def test_partner_sentences_say_when_there_is_too_little_to_compare():
    meeting = pd.Series({"vocabulary_divergence": float("nan"), "vocabulary_divergence_chance": float("nan"),
                         "framing_spread": float("nan")})
    assert partner_sentences(meeting, AGENCIES.iloc[:1], ACTIONS.iloc[:0], 5, 100) == [
        "Fewer than two agencies said 100 words or more, so their vocabularies are not compared.",
        "Fewer than two agencies had 5 or more flagged sentences, so their framing is not compared.",
    ]
    close = pd.Series({"vocabulary_divergence": 0.80, "vocabulary_divergence_chance": 0.78, "framing_spread": 0.1})
    assert partner_sentences(close, AGENCIES, ACTIONS.iloc[:0], 5, 100)[0].startswith(
        "The agencies' vocabularies overlap a lot: their words were no further apart than if they had all drawn on one "
        "shared vocabulary (Jensen–Shannon divergence 0.80, and 0.78")
