"""Scoring against human coding: kappa worked by hand, exact scores for a small coding, per-family
scores, the false-behaviour rate, and the evaluate command on text files and on sentence labels."""

import pandas as pd
import pytest
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.errors import InputError
from hymnsheet_talk.evaluation import cohen_kappa, evaluate, family_scores, read_gold
from hymnsheet_talk.evaluation.sets import false_flag_rate
from hymnsheet_talk.language import build_pipeline

from conftest import DATA


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def write(path, *lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cohen_kappa_matches_a_hand_worked_example():
    human = pd.Series(["b", "b", "e", "e", "n", "n", "b", "e"])
    tool = pd.Series(["b", "e", "e", "e", "n", "b", "b", "e"])
    # p_o = 6/8; p_e = (3·3 + 3·4 + 2·1) / 64 = 23/64
    assert cohen_kappa(human, tool) == pytest.approx((6 / 8 - 23 / 64) / (1 - 23 / 64))


def test_evaluate_scores_a_small_coding_exactly(tmp_path):
    path = write(tmp_path / "mine.csv", "text,framing,uncertainty",
                 "He keeps choosing to go back there.,behaviour,0",
                 "The underpass has no lighting.,ecological,no",
                 "I'm not sure what's going on.,none,yes",
                 "He's fifteen.,Behavior,0")  # American spelling accepted; the tool will say none
    scores = evaluate(read_gold(path), build_pipeline(classifier=False)).scores.set_index(["label", "class"])
    columns = ["support", "predicted", "precision", "recall", "f1"]
    assert scores.loc[("framing", "behaviour"), columns].tolist() == [2, 1, 1.0, 0.5, pytest.approx(2 / 3)]
    assert scores.loc[("framing", "none"), columns].tolist() == [1, 2, 0.5, 1.0, pytest.approx(2 / 3)]
    assert scores.loc[("framing", "ecological"), "agreement"] == 0.75
    assert scores.loc[("uncertainty", "1"), ["support", "predicted", "f1"]].tolist() == [1, 1, 1.0]


def test_evaluate_rejects_bad_files_with_file_and_line(tmp_path):
    with pytest.raises(InputError, match="needs a 'text' column"):
        read_gold(write(tmp_path / "a.csv", "sentence,framing", "x,none"))
    with pytest.raises(InputError) as caught:
        read_gold(write(tmp_path / "b.csv", "text,framing", "x,none", "y,blaming"))
    assert str(caught.value).startswith(f"{tmp_path / 'b.csv'}:3: framing 'blaming' is not one of")


def test_evaluate_command_prints_scores_and_writes_rows(tmp_path):
    rows = tmp_path / "rows.csv"
    result = run("evaluate", DATA / "gold.csv", "--rows", rows)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["label", "class", "support", "predicted", "precision", "recall", "f1", "kappa",
                                "agreement"]
    assert any(line.split()[:2] == ["framing", "behaviour"] for line in lines)
    written = pd.read_csv(rows)
    assert {"tool_framing", "tool_framing_cues", "tool_uncertainty"} <= set(written.columns)
    assert len(written) == len(read_gold(DATA / "gold.csv"))


def test_an_unknown_model_is_a_usage_error():
    result = run("evaluate", DATA / "gold.csv", "--model", "en_core_web_nope")
    assert result.exit_code == 2
    assert "Invalid value for --model: no spaCy pipeline called 'en_core_web_nope' is installed" in result.output


def _rows(framing, tool, family):
    return pd.DataFrame({"framing": framing, "tool_framing": tool, "family": family})


def test_family_scores_count_right_answers_within_each_family():
    rows = _rows(["ecological", "ecological", "none", "none", None],
                 ["ecological", "none", "none", "behaviour", "none"],
                 ["eco.funding_provision", "eco.funding_provision", "none.fact", "none.fact", "none.fact"])
    rows["uncertainty"] = [1.0, 0.0, 1.0, None, 0.0]
    rows["tool_uncertainty"] = [1, 1, 0, 0, 0]
    rows["marker_family"] = ["unc.early_days", "unc_no.courtesy", "unc.early_days;oq.direct", "unc.early_days", ""]
    found = family_scores(rows).set_index(["label", "family"])
    assert found.loc[("framing", "eco.funding_provision"), ["rows", "right"]].tolist() == [2, 1]
    assert found.loc[("framing", "none.fact"), ["rows", "right"]].tolist() == [2, 1]  # the unscored row left out
    assert found.loc[("uncertainty", "unc.early_days"), ["rows", "right", "share_right"]].tolist() == [2, 1, 0.5]
    assert found.loc[("uncertainty", "unc_no.courtesy"), "right"] == 0
    assert ("open_question", "oq.direct") not in found.index  # no tool column for that marker here


def test_the_false_behaviour_rate_counts_only_sentences_coded_otherwise():
    rows = _rows(["none", "ecological", "behaviour", "mixed", None, "none"],
                 ["behaviour", "ecological", "behaviour", "behaviour", "behaviour", "none"], [""] * 6)
    assert false_flag_rate(rows) == pytest.approx(1 / 3)  # of none, ecological, none: one flagged behaviour
    assert false_flag_rate(rows, "ecological") == pytest.approx(0)


def test_evaluate_command_reads_sentence_labels_and_prints_families(tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "m.txt").write_text("Ann Lee: Thank you. The service is stretched too thin.\n\n"
                                  "Bob Roe: Why is that? Ann, tell us more.\n", encoding="utf-8")
    labels = write(tmp_path / "m.labels.csv", "file,turn,sent,framing,invitation,family,marker_family",
                   "m.txt,0,0,none,0,none.procedure,inv_no.thanks", "m.txt,0,1,ecological,0,eco.funding_provision,",
                   "m.txt,1,1,none,1,none.info_question,inv.name_only")
    result = run("evaluate", labels, "--transcripts", folder, "--families")
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.output.splitlines()]
    assert ["invitation", "1", "1", "1", "1.000", "1.000", "1.000", "1.000", "1.000"] in lines
    assert ["framing", "eco.funding_provision", "1", "1", "1.000"] in lines
    assert "False behaviour flags: 0.0% of the sentences not coded behaviour" in result.output
    missing = run("evaluate", labels)
    assert missing.exit_code == 1 and "say where they are with --transcripts" in missing.output
