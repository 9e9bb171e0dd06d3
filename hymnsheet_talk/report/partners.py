"""Do the partners see it the same way? How near the agencies' words and framing were, and whose
words the agreed actions use, in plain words (``docs/methods.md`` §8)."""

from __future__ import annotations

import math

import pandas as pd

from .prose import dec, missing, pct

# Bands for how much further apart the agencies' words were than one shared vocabulary would leave them by chance.
OVERLAP = ((0.05, "overlap a lot: their words were no further apart than if they had all drawn on one shared vocabulary"),
           (0.15, "overlap in part: their words were somewhat further apart than one shared vocabulary would leave them"),
           (math.inf, "overlap little: their words were much further apart than one shared vocabulary would leave them"))
# Bands for the spread of the agencies' ecological shares.
FRAMING_SPREAD = ((0.2, "much alike"), (0.5, "differently"), (math.inf, "very differently"))


def partner_sentences(meeting: pd.Series, agencies: pd.DataFrame, actions: pd.DataFrame, min_flagged: int,
                      min_words: int) -> list[str]:
    """How near the agencies' words and framing were, and whose words the agreed actions use."""
    sentences = [f"Fewer than two agencies said {min_words} words or more, so their vocabularies are not compared."]
    if not missing(meeting["vocabulary_divergence"]):
        excess = meeting["vocabulary_divergence"] - meeting["vocabulary_divergence_chance"]
        sentences = [f"The agencies' vocabularies {next(text for limit, text in OVERLAP if excess < limit)} "
                     f"(Jensen–Shannon divergence {dec(meeting['vocabulary_divergence'])}, and "
                     f"{dec(meeting['vocabulary_divergence_chance'])} expected by chance in talk like this; 0 = the same "
                     "words in the same proportions, 1 = no word in common)."]
    flagged = agencies[agencies["behaviour"] + agencies["ecological"] >= min_flagged].sort_values(["ecological_share", "agency"])
    if missing(meeting["framing_spread"]):
        sentences.append(f"Fewer than two agencies had {min_flagged} or more flagged sentences, so their framing is not compared.")
    else:
        low, high = flagged.iloc[0], flagged.iloc[-1]
        sentences.append(f"They framed problems and responses {next(t for limit, t in FRAMING_SPREAD if meeting['framing_spread'] < limit)}: "
                         f"ecological shares ran from {pct(low['ecological_share'])} ({low['agency']}) to "
                         f"{pct(high['ecological_share'])} ({high['agency']}), {meeting['framing_spread'] * 100:.0f} points apart.")
    agreed = actions.drop_duplicates(["turn", "sentence"])
    if len(agreed):
        sources = agreed["terms_from_agency"].replace("", None).value_counts()
        ranked = sorted(sources.items(), key=lambda item: (-item[1], item[0]))
        none = len(agreed) - int(sources.sum())
        parts = [f"{agency} {count}" for agency, count in ranked] + ([f"none {none}"] if none else [])
        sentences.append(f"Agreed actions ({len(agreed)}) by the agency whose distinctive words they use most: "
                         f"{', '.join(parts)}. Set this beside who owns and who proposed them, in the table.")
    return sentences
