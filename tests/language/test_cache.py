"""The compiled-cue cache: read back when nothing changed, rebuilt when a lexicon changes, and a
run with it writes the same tables as a run without it."""

import filecmp

import pytest
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.language.cache import cache_dir, cached
from hymnsheet_talk.language.lexicon import load_lexicon
from hymnsheet_talk.language.matcher import CueMatcher

from conftest import write_meeting


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("HYMNSHEET_CACHE", str(folder))
    return folder


def cues_found(nlp, text):
    doc = nlp(text)
    return [(span.id_, span.text) for span in doc.spans["hymnsheet"] if span.id_.startswith("local.")]


def test_cache_is_built_once_read_back_and_rebuilt_when_a_lexicon_changes(tmp_path, fresh_cache):
    lexicon = tmp_path / "local.jsonl"
    lexicon.write_text('{"id": "local.rec", "label": "setting", "pattern": "rec ground"}\n', encoding="utf-8")
    first = build_pipeline(lexicon=[lexicon])
    files = sorted(fresh_cache.glob("cues-*.pickle"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    assert cues_found(first, "They meet at the rec ground.") == [("local.rec", "rec ground")]

    again = build_pipeline(lexicon=[lexicon])
    assert sorted(fresh_cache.glob("cues-*.pickle")) == files and files[0].stat().st_mtime_ns == stamp
    assert cues_found(again, "They meet at the rec ground.") == [("local.rec", "rec ground")]

    lexicon.write_text('{"id": "local.rec", "label": "setting", "pattern": "(skate park|rec ground)"}\n',
                       encoding="utf-8")
    changed = build_pipeline(lexicon=[lexicon])
    assert len(list(fresh_cache.glob("cues-*.pickle"))) == 2
    assert cues_found(changed, "The skate park, not the rec ground.") == [("local.rec", "skate park"),
                                                                           ("local.rec", "rec ground")]


def test_a_damaged_cache_file_is_rebuilt_and_an_unwritable_folder_only_costs_time(tmp_path, monkeypatch):
    monkeypatch.setenv("HYMNSHEET_CACHE", str(tmp_path / "cache"))
    assert cached("test", ["a"], lambda: [1, 2]) == [1, 2]
    (path,) = cache_dir().glob("test-*.pickle")
    assert cached("test", ["a"], lambda: [3]) == [1, 2]  # read back, not built
    path.write_bytes(b"not a pickle")
    assert cached("test", ["a"], lambda: [4]) == [4]
    assert cached("test", ["a"], lambda: [5]) == [4]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("HYMNSHEET_CACHE", str(blocker / "cache"))  # a folder under a file: cannot exist
    assert cached("test", ["a"], lambda: [6]) == [6]


def test_runs_with_a_cold_and_a_warm_cache_and_with_single_cues_write_identical_tables(tmp_path, fresh_cache):
    meeting = write_meeting(tmp_path, "meeting.txt", [
        ("Chair", "Thanks all. Sam, can you start? I'm not sure what is driving this."),
        ("Sam Patel (Police)", "The lads keep making bad choices at the park after dark; we could put them on a contract."),
        ("Jo Reid (Youth service)", "Or the council could fix the lighting and reopen the youth club, because there's nowhere to go."),
        ("Chair", "What do others think? Housing, anything to add?"),
    ])
    for out in ("cold", "warm"):
        result = CliRunner().invoke(main, ["analyse", str(meeting), "--format", "csv", "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    tables = sorted(path.name for path in (tmp_path / "cold").glob("*.csv"))
    assert "sentences.csv" in tables
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "cold", tmp_path / "warm", tables, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_cached_cues_find_what_cues_added_one_at_a_time_find(fresh_cache):
    build_pipeline()
    nlp = build_pipeline()  # its cues read back from the cache
    cached_matcher = nlp.get_pipe("hymnsheet_cues")
    single = CueMatcher(nlp, "hymnsheet")
    for cue in load_lexicon().active():
        if cue.label != "discourse":
            single.add(cue)
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(
        "The lads keep making bad choices at the park after dark, so we could put them on a contract. "
        "Or could the council fix the lighting and reopen the youth club? I don't know, to be honest."))
    by_cache = [(span.start, span.end, span.id_) for span in cached_matcher(doc).spans["hymnsheet"]]
    by_one = [(span.start, span.end, span.id_) for span in single(doc).spans["hymnsheet"]]
    assert len(by_cache) > 10 and by_cache == by_one
