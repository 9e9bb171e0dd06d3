"""Scoring a researcher's coding in a REFI-QDA project: a round trip (export, recode in the XML as a
researcher would, evaluate) against figures worked out by hand, the half-a-sentence rule, the
turns read from a source, and every kind of unusable project as ``Error: FILE: reason``."""

import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import pytest
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.evaluation.coding import units
from hymnsheet_talk.evaluation.qdpx import NAMESPACE, Q, read_project

from conftest import write_meeting

LINES = [
    ("Ann Lee (Police)", "He keeps choosing to go back there. The underpass has no lighting."),
    ("Bob Roe (Education)", "I'm not sure what's going on. Ann, what do you think is driving it?"),
    ("Ann Lee (Police)", "Because the group meets there after school, we should ask the council to fix the lights."),
    ("Cat Day (Youth work)", "He's fifteen. We will run sessions at the park on Friday evenings."),
    ("Bob Roe (Education)", "Thank you both."),
]


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The small meeting above analysed and exported: (project file, sentences.csv)."""
    folder = tmp_path_factory.mktemp("coding")
    write_meeting(folder, "panel.txt", LINES)
    assert run("analyse", folder / "panel.txt", "--out", folder / "out", "--format", "csv").exit_code == 0
    assert run("export-qdpx", folder / "panel.qdpx", "--out", folder / "out").exit_code == 0
    return folder / "panel.qdpx", pd.read_csv(folder / "out" / "sentences.csv", keep_default_na=False)


def recode(project, target, change):
    """A copy of ``project`` whose project.qde ``change(root, text)`` has edited."""
    ET.register_namespace("", NAMESPACE)
    with zipfile.ZipFile(project) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = ET.fromstring(members["project.qde"])
    source = root.find(f"{Q}Sources/{Q}TextSource")
    text = members["sources/" + source.get("plainTextPath").removeprefix("internal://")].decode("utf-8")
    change(root, source, text)
    members["project.qde"] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def code_guid(root, name):
    return next(code.get("guid") for code in root.iter(f"{Q}Code") if code.get("name") == name)


def selection_of(source, text, sentence):
    start = text.index(sentence)
    return next(s for s in source.iter(f"{Q}PlainTextSelection") if int(s.get("startPosition")) == start)


def add_selection(source, text, sentence, length, guid):
    start = text.index(sentence)
    selection = ET.SubElement(source, f"{Q}PlainTextSelection", guid=f"00000000-0000-4000-8000-{len(source):012d}",
                              startPosition=str(start), endPosition=str(start + length))
    coding = ET.SubElement(selection, f"{Q}Coding", guid=f"00000000-0000-4000-9000-{len(source):012d}")
    ET.SubElement(coding, f"{Q}CodeRef", targetGUID=guid)
    # Selections come before variables in a TextSource.
    source.remove(selection)
    source.insert(1, selection)


def add_code(parent, name, guid):
    return ET.SubElement(parent, f"{Q}Code", guid=guid, name=name, isCodable="true")


def researcher(root, source, text):
    """What a researcher changed: one behaviour sentence recoded ecological, an invitation uncoded,
    two codes of their own (one beneath "behaviour"), a grouping code of themes, and two short
    selections either side of half a sentence."""
    codes = root.find(f"{Q}CodeBook/{Q}Codes")
    behaviour = next(code for code in root.iter(f"{Q}Code") if code.get("name") == "behaviour")
    add_code(codes, "Blaming", "00000000-0000-4000-a000-000000000001")
    add_code(add_code(codes, "Themes", "00000000-0000-4000-a000-000000000002"), "Housing",
             "00000000-0000-4000-a000-000000000003")
    add_code(behaviour, "at home", "00000000-0000-4000-a000-000000000004")
    choosing = selection_of(source, text, "He keeps choosing to go back there.")
    choosing.find(f"{Q}Coding/{Q}CodeRef").set("targetGUID", code_guid(root, "ecological problem"))
    question = selection_of(source, text, "Ann, what do you think is driving it?")
    invitation = code_guid(root, "invitation")
    question.remove(next(c for c in question.iter(f"{Q}Coding") if c.find(f"{Q}CodeRef").get("targetGUID") == invitation))
    add_selection(source, text, "He's fifteen.", 7, "00000000-0000-4000-a000-000000000001")  # 7 of 13: counts
    add_selection(source, text, "Thank you both.", 7, code_guid(root, "uncertainty"))  # 7 of 15: does not
    add_selection(source, text, "The underpass has no lighting.", 30, "00000000-0000-4000-a000-000000000003")
    add_selection(source, text, "Because the group meets there", 60, "00000000-0000-4000-a000-000000000004")


def test_the_round_trip_gives_the_figures_worked_out_by_hand(exported, tmp_path):
    project, sentences = exported
    tool = sentences.set_index(["turn", "sentence"])
    # The tool's own labels, as analysed: what the export coded.
    assert tool["framing"].tolist() == ["behaviour", "ecological", "none", "none", "ecological", "none", "ecological",
                                        "none"]
    assert tool["invitation"].tolist() == [0, 0, 0, 1, 0, 0, 0, 0]
    recoded = recode(project, tmp_path / "recoded.qdpx", researcher)
    rows = tmp_path / "rows.csv"
    result = run("evaluate", recoded, "--code", "blaming=behaviour", "--code", "THEMES=ignore", "--rows", rows)
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.output.splitlines()]
    # Framing, sentence by sentence (human, tool); "Because the group…" is coded both ecological and,
    # through "at home" beneath behaviour, behaviour, so it is not scored:
    # (eco, beh) (eco, eco) (none, none) (none, none) (beh, none) (eco, eco) (none, none).
    # p_o = 5/7; p_e = (1·1 + 3·2 + 3·4) / 49 = 19/49; kappa = (5/7 − 19/49) / (1 − 19/49) = 8/15.
    assert ["framing", "behaviour", "1", "1", "0.000", "0.000", "0.000", "0.533", "0.714"] in lines
    assert ["framing", "ecological", "3", "2", "1.000", "0.667", "0.800", "0.533", "0.714"] in lines
    assert ["framing", "none", "3", "4", "0.750", "1.000", "0.857", "0.533", "0.714"] in lines
    # Kinds are scored where both gave one: four sentences, all alike.
    assert ["framing_kind", "problem", "2", "2", "1.000", "1.000", "1.000", "1.000", "1.000"] in lines
    # The invitation the researcher took away: p_o = 7/8 = p_e, so kappa 0.
    assert ["invitation", "1", "0", "1", "0.000", "–", "0.000", "0.000", "0.875"] in lines
    # 7 characters of "Thank you both." (15) are under half: no uncertainty there.
    assert ["uncertainty", "1", "1", "1", "1.000", "1.000", "1.000", "1.000", "1.000"] in lines
    # Of the six sentences coded neither behaviour nor both, the tool flags one behaviour.
    assert "False behaviour flags: 16.7% of the sentences not coded behaviour" in result.output
    written = pd.read_csv(rows, keep_default_na=False)
    assert written.columns[:7].tolist() == ["source", "turn", "sentence", "speaker", "start", "end", "text"]
    fifteen = written[written["text"] == "He's fifteen."].iloc[0]
    assert (fifteen["framing"], fifteen["tool_framing"], fifteen["speaker"]) == ("behaviour", "none", "Cat Day")


def test_an_unchanged_export_scores_the_tool_perfectly(exported):
    result = run("evaluate", exported[0])
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.output.splitlines()[1:] if line.strip() and "False" not in line]
    assert len(lines) == 12  # framing: 3 classes, kind: 2, and the seven markers
    for label, _class, support, predicted, *figures in lines:
        assert support == predicted, label
        if support != "0":
            assert figures == ["1.000"] * 5, label


def test_unknown_codes_are_named_until_mapped(exported, tmp_path):
    recoded = recode(exported[0], tmp_path / "recoded.qdpx", researcher)
    result = run("evaluate", recoded)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {recoded}: code(s) 'Blaming', 'Housing' stand for none of the tool's "
                                    "labels: map each with --code 'NAME=LABEL'")
    bad = run("evaluate", recoded, "--code", "Blaming=blame")
    assert bad.exit_code == 2 and "'Blaming=blame' is not NAME=LABEL" in bad.output


def test_a_file_that_is_not_a_project_is_an_error(tmp_path):
    not_zip = tmp_path / "coded.qdpx"
    not_zip.write_text("Ann: hello\n", encoding="utf-8")
    result = run("evaluate", not_zip)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {not_zip}: not a REFI-QDA project (.qdpx is a zip file): ")
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("sources/a.txt", "Ann: hello\n")
    result = run("evaluate", empty)
    assert (result.exit_code, result.output) == (1, f"Error: {empty}: no project.qde in it: not a REFI-QDA project\n")


def test_a_selection_outside_its_source_is_an_error(exported, tmp_path):
    def stretch(_root, source, text):
        source.find(f"{Q}PlainTextSelection").set("endPosition", str(len(text) + 5))

    broken = recode(exported[0], tmp_path / "broken.qdpx", stretch)
    result = run("evaluate", broken)
    assert result.exit_code == 1
    selection = ET.fromstring(zipfile.ZipFile(broken).read("project.qde")).find(f".//{Q}PlainTextSelection")
    length = len(read_project(exported[0]).sources[0].text)
    assert result.output == (f"Error: {broken}: selection {selection.get('guid')} ({selection.get('startPosition')}-"
                             f"{length + 5}) lies outside source 'panel', which is {length} characters long\n")


def test_qdpx_projects_are_scored_on_their_own(exported):
    result = run("evaluate", exported[0], "--leave-one-out")
    assert result.exit_code == 2 and "score .qdpx projects on their own" in result.output


def test_a_sentence_has_a_label_from_half_its_characters(exported, tmp_path):
    def halves(root, source, text):
        add_selection(source, text, "Thank you both.", 8, code_guid(root, "challenge"))  # 8 of 15
        add_selection(source, text, "He's fifteen.", 6, code_guid(root, "challenge"))  # 6 of 13

    result = run("evaluate", recode(exported[0], tmp_path / "halves.qdpx", halves))
    assert ["challenge", "1", "1", "0", "–", "0.000", "0.000", "0.000", "0.875"] in [
        line.split() for line in result.output.splitlines()]


def test_turns_are_read_from_labels_and_paragraphs():
    text = ("Ann Lee: One. Two.\ncontinued here\n\nPolice 1: Three.\n[00:01:02] Bob Roe: Four.\nNote: five\n\n"
            "plain paragraph\n\nHe said this: not a label.\r\n\r\nChildren's social care 2:   Six.")
    found = [(text[start:end], speaker) for start, end, speaker in units(text)]
    assert found == [("One. Two.\ncontinued here", "Ann Lee"), ("Three.", "Police 1"), ("Four.\nNote: five", "Bob Roe"),
                     ("plain paragraph", ""), ("He said this: not a label.", ""), ("Six.", "Children's social care 2")]
