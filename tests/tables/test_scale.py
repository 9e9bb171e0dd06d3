"""Cost follows the words: a long turn costs in proportion to its words, and attendees who never
speak cost next to nothing, however many a roster lists."""

import random
import time
import tracemalloc

import numpy as np
import pytest

from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.meeting import Speaker
from hymnsheet_talk.readers import parse_transcript
from hymnsheet_talk.tables import build_tables
from hymnsheet_talk.tables.participation import PAIRWISE_LIMIT, gini

WORDS = ("the park is dark and we should look at the lighting near the underpass because the group goes there "
         "after school and nobody has asked them why so maybe housing could help").split()


def _cpu_seconds(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _turn(words: int) -> str:
    rng = random.Random(words)
    return "Ann Lee: " + " ".join(rng.choice(WORDS) for _ in range(words)) + "\nBob Ray: Right.\n"


def test_an_unpunctuated_turn_costs_in_proportion_to_its_words():
    nlp = build_pipeline()
    short, long = parse_transcript(_turn(5_000)), parse_transcript(_turn(40_000))
    build_tables([short], nlp)  # warm up
    ratio = _cpu_seconds(lambda: build_tables([long], nlp)) / _cpu_seconds(lambda: build_tables([short], nlp))
    # Eight times the words: about eight times the time (it was over forty before pieces were cut).
    assert ratio < 16, ratio


def test_a_turn_over_many_lines_is_read_in_proportion_to_its_lines():
    def lines(count: int) -> str:
        return "Ann Lee: start\n" + "more words here\n" * count + "".join(f"Ann Lee: again {n}\n" for n in range(count))

    short, long = lines(5_000), lines(40_000)
    parse_transcript(short)
    ratio = _cpu_seconds(lambda: parse_transcript(long)) / _cpu_seconds(lambda: parse_transcript(short))
    assert ratio < 16, ratio


def test_the_gini_of_thousands_of_attendees_needs_no_table_of_pairs():
    rng = np.random.default_rng(1)
    words = np.concatenate([rng.integers(1, 500, 40), np.zeros(PAIRWISE_LIMIT + 500)])
    shares = words / words.sum()
    pairwise = np.abs(shares[:, None] - shares[None, :]).sum() / (2 * len(words)) * len(words) / (len(words) - 1)
    assert gini(words) == pytest.approx(pairwise, rel=1e-12)
    tracemalloc.start()
    gini(np.concatenate([words, np.zeros(10_000)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 10**6  # an n-by-n table would take 1.4 GB


def test_a_roster_of_ten_thousand_costs_a_short_meeting_little():
    meeting = parse_transcript("Ann Lee: The park has no lighting.\nBob Ray: Why not? Could housing help?\n")
    crowd = [Speaker(f"Person {n}", ["Police", "Health", "Housing"][n % 3]) for n in range(10_000)]
    listed = meeting.replace(speakers=[*meeting.speakers, *crowd])
    nlp = build_pipeline()
    build_tables([meeting], nlp)
    alone = _cpu_seconds(lambda: build_tables([meeting], nlp))
    tables = {}
    crowded = _cpu_seconds(lambda: tables.update(build_tables([listed], nlp)))
    assert len(tables["speakers"]) == 10_002 and tables["meetings"]["attendees"].tolist() == [10_002]
    assert crowded < alone + 1.0, (alone, crowded)  # it took 4.5 s more, and 1.7 GB
