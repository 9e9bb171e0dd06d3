"""Lexicon files, the pattern syntax, the cue matcher, and the lexicon command."""

import json

import pytest
import spacy
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.language.matcher import CueMatcher
from hymnsheet_talk.language.patterns import compile_steps
from hymnsheet_talk.errors import InputError
from hymnsheet_talk.language.lexicon import Cue, load_lexicon
from hymnsheet_talk.language import build_pipeline
from hymnsheet_talk.language import roll_up_rows, sentence_rows

from conftest import DATA


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def write(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def matches(pattern, text):
    """The phrases a single cue with ``pattern`` finds in ``text``."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = CueMatcher(nlp, "cues")
    matcher.add(Cue("test.cue", "behaviour", pattern))
    doc = matcher(nlp(text))
    return [span.text for span in doc.spans["cues"]]


@pytest.mark.parametrize("pattern, text, found", [
    ("chose|choosing to", "He chose to go and is choosing to stay.", ["chose to", "choosing to"]),
    ("(put himself|putting herself) at risk", "She is putting herself at risk.", ["putting herself at risk"]),
    ("[acceptable] behaviour contract", "An acceptable behaviour contract, or a behaviour contract.",
     ["acceptable behaviour contract", "behaviour contract"]),
    ("(fix|install) _{0,2} lighting", "Fix the broken lighting and install lighting.", ["Fix the broken lighting", "install lighting"]),
    ("as ~i|we said", "As Sam said, and as I said.", ["As Sam said"]),
    ("^ he was", "He was late. Then he was early.", ["He was"]),
    ("do not know", "I don't know.", ["don't know"]),
    ("exploit*", "They exploited him; exploitation.", ["exploited", "exploitation"]),
])
def test_pattern_syntax(pattern, text, found):
    assert sorted(matches(pattern, text)) == sorted(found)


def test_a_pattern_spelling_too_many_phrases_must_be_split():
    words = "|".join(f"w{n}" for n in range(30))
    with pytest.raises(ValueError, match="split it"):
        compile_steps(" ".join([words] * 3), spacy.blank("en").tokenizer)


@pytest.mark.parametrize("line, reason", [
    ('{"id": "x", "label": "behaviour", "pattern": "a"', "not a JSON object"),
    ('["x"]', "must be a JSON object"),
    ('{"label": "behaviour", "pattern": "a"}', 'needs an "id"'),
    ('{"id": "x", "label": "blame", "pattern": "a"}', "label 'blame' is not one of"),
    ('{"id": "x", "label": "behaviour", "kind": "cause", "pattern": "a"}', "kind 'cause'"),
    ('{"id": "x", "label": "behaviour", "pattern": "(a|b"}', "bad pattern: unclosed bracket"),
    ('{"id": "x", "label": "behaviour", "pattern": [{"NORM": {"ON": ["a"]}}]}', "bad pattern"),
    ('{"id": "x", "label": "behaviour", "pattern": "a", "colour": "red"}', "unknown field(s) colour"),
    ('{"id": "nope", "off": true}', "cannot switch off 'nope'"),
])
def test_an_invalid_lexicon_names_file_and_line(tmp_path, line, reason):
    path = write(tmp_path / "mine.jsonl", "# my cues", "", line)
    with pytest.raises(InputError) as caught:
        load_lexicon([path])
    assert str(caught.value).startswith(f"{path}:3: ")
    assert reason in str(caught.value)


def test_a_user_lexicon_adds_replaces_and_switches_off_cues(tmp_path):
    nlp = build_pipeline(classifier=False)
    text = "He's a proper wrong'un, hanging about with the olders."
    assert roll_up_rows(list(sentence_rows(nlp(text))))["framing"] == "behaviour"
    path = write(tmp_path / "mine.jsonl",
                 '{"id": "behaviour.blame.hanging_around", "off": true}',
                 '{"id": "local.wrongun", "label": "ecological", "pattern": "wrong\'un"}')
    lexicon = load_lexicon([path])
    assert lexicon.cues["behaviour.blame.hanging_around"].off
    labels = roll_up_rows(list(sentence_rows(build_pipeline(lexicon=lexicon, classifier=False)(text))))
    assert labels["framing"] == "ecological"
    assert labels["framing_cues"] == "local.wrongun=wrong'un; setting.people.groups=the olders"


def test_shipped_lexicons_load_and_every_cue_compiles():
    lexicon = load_lexicon()
    assert len(lexicon.active()) > 150
    nlp = spacy.blank("en")
    matcher = CueMatcher(nlp, "cues")
    for cue in lexicon.active():
        matcher.add(cue)  # raises on a bad shipped pattern
    assert not len(matcher.tokens)  # the shipped cues never need the slow token Matcher


def test_lexicon_command_prints_cues_and_round_trips_as_jsonl(tmp_path):
    result = run("lexicon", "--label", "negation")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("negation\tnegation.not\tnot|never ~just")
    jsonl = run("lexicon", "--jsonl", "--label", "rejection").stdout.strip().splitlines()
    assert [json.loads(line)["label"] for line in jsonl] == ["rejection"] * 4
    copy = write(tmp_path / "copy.jsonl", *jsonl)
    assert run("lexicon", "--lexicon", copy, "--label", "rejection").stdout.splitlines()[0].endswith(f"{copy}:1")


def test_a_bad_lexicon_stops_analyse_with_file_and_line(tmp_path):
    bad = write(tmp_path / "bad.jsonl", '{"id": "x", "label": "nonsense", "pattern": "a"}')
    result = run("analyse", DATA / "plain_tricky.txt", "--out", tmp_path / "out", "--lexicon", bad)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(f"Error: {bad}:1: label 'nonsense' is not one of")
