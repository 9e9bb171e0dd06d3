"""The quotes a report shows as examples of a framing use it; they never argue against it."""

import pandas as pd

from hymnsheet_talk.report.evidence import framing_quotes

SENTENCES = pd.DataFrame({
    "turn": [1, 2, 3, 4, 5, 6], "sentence": 1,
    "speaker": ["Ann", "Bob", "Cal", "Dee", "Eve", "Fay"], "agency": "Police",
    "framing": "behaviour",
    "framing_score": [0.9, 0.95, 0.9, 0.9, 0.55, 0.9],
    "framing_cues": ["behaviour.choice.chooses_to=chooses to",
                     "behaviour.choice.chooses_to=choosing to (in a question)",
                     "behaviour.change.better_choices=better choices",
                     "behaviour.sanction.curfew=curfew",
                     "behaviour.choice.chooses_to=chooses to",
                     "behaviour.choice.chooses_to=chose to (negated by 'not': a counter-frame)"],
    "text": ["He chooses to go back there.",
             "Is he really choosing to go there?",
             "If the message she gets is that she needs to make better choices, we're putting it on her.",
             "Unless we put him on a curfew, nothing changes.",
             "She chooses that route home.",
             "He did not choose to be there."],
})


def test_only_sure_plain_uses_of_a_framing_are_quoted():
    quotes = framing_quotes(SENTENCES, "behaviour")
    assert [quote.speaker for quote in quotes] == ["Ann"]
    assert quotes[0].pieces == [("He ", False), ("chooses to", True), (" go back there.", False)]
