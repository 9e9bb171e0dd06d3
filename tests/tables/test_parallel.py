"""Labelling in several processes gives exactly what one process gives, forked or not."""

import pandas as pd
import pytest

from hymnsheet_talk.tables import parallel
from hymnsheet_talk.loading import MeetingLoader, find_transcripts
from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.tables.tagging import tag_meetings

from conftest import SAMPLES


@pytest.fixture(scope="module")
def meetings():
    loader = MeetingLoader()
    return [loader.load(path) for path in find_transcripts([SAMPLES]).transcripts]


@pytest.mark.parametrize("methods", [["fork", "spawn"], ["spawn"]], ids=["inherit the pipeline", "build it in each"])
def test_parallel_tags_equal_one_process(meetings, monkeypatch, methods):
    nlp = build_pipeline()
    monkeypatch.setattr(parallel.multiprocessing, "get_all_start_methods", lambda: methods)
    together = parallel.tag_in_parallel(meetings, 2, nlp)
    alone = tag_meetings(meetings, nlp)
    pd.testing.assert_frame_equal(together.sentences, alone.sentences)
    pd.testing.assert_frame_equal(together.turns.reset_index(drop=True), alone.turns.reset_index(drop=True))


def test_meetings_are_shared_out_by_words(meetings):
    shares = parallel.balanced_shares(meetings, 2, size=lambda m: m.words)
    assert sorted(len(share) for share in shares) == [1, 2]
    assert sum(len(share) for share in parallel.balanced_shares(meetings, 8, size=lambda m: m.words)) == 3  # never more workers than meetings
