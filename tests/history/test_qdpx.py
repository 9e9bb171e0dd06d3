"""The sample meetings exported as a REFI-QDA project: valid against the standard's schema, each
meeting's text as turns.csv has it, each coded selection exactly its sentence, and as many codings
per code as sentences.csv has labels."""

import collections
import datetime
import re
import xml.etree.ElementTree as ET
import zipfile

import pandas as pd
import pytest
import xmlschema
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.evaluation.qdpx import Q
from hymnsheet_talk.history import export_qdpx
from hymnsheet_talk.language import MARKERS

from conftest import ROOT, SAMPLES, write_meeting

SCHEMA = ROOT.parent / "shared" / "qda" / "Project.xsd"


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The samples analysed into a history and exported: (output folder, project file)."""
    folder = tmp_path_factory.mktemp("samples")
    assert run("analyse", SAMPLES, "--out", folder / "out", "--format", "csv").exit_code == 0
    result = run("export-qdpx", folder / "samples.qdpx", "--out", folder / "out")
    assert result.exit_code == 0, result.output
    coded = len(_labelled(pd.read_csv(folder / "out" / "sentences.csv", keep_default_na=False)))
    assert result.output == f"Exported 3 meetings, {coded} coded sentences, to {folder / 'samples.qdpx'}\n"
    return folder / "out", folder / "samples.qdpx"


def _labelled(sentences):
    return sentences[(sentences["framing"] != "none") | (sentences[MARKERS].sum(axis=1) > 0)]


def _project(path):
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("project.qde"))
        texts = {source.get("guid"): archive.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
                 for source in root.iter(f"{Q}TextSource")}
    return root, texts


@pytest.mark.skipif(not SCHEMA.is_file(), reason="the REFI-QDA schema is not in ../shared/qda")
def test_the_export_validates_against_the_refi_qda_schema(samples):
    xml = zipfile.ZipFile(samples[1]).read("project.qde").decode("utf-8")
    xmlschema.XMLSchema(SCHEMA).validate(xml)


def test_each_meeting_is_its_turns_as_speaker_paragraphs_with_its_metadata(samples):
    out, project = samples
    root, texts = _project(project)
    turns, meetings = pd.read_csv(out / "turns.csv"), pd.read_csv(out / "meetings.csv").set_index("meeting_id")
    names = {v.get("guid"): v.get("name") for v in root.iter(f"{Q}Variable")}
    sources = list(root.iter(f"{Q}TextSource"))
    assert [source.get("name") for source in sources] == meetings.index.tolist()
    for source in sources:
        meeting = turns[turns["meeting_id"] == source.get("name")]
        assert texts[source.get("guid")] == "\n\n".join(f"{s}: {t}" for s, t in zip(meeting["speaker"], meeting["text"]))
        values = {names[value.find(f"{Q}VariableRef").get("targetGUID")]: value[1] for value in source.iter(f"{Q}VariableValue")}
        row = meetings.loc[source.get("name")]
        assert {name: (value.tag, value.text) for name, value in values.items() if name != "meeting_type"} == {
            "title": (f"{Q}TextValue", row["title"]), "date": (f"{Q}DateValue", row["date"]),
            "department": (f"{Q}TextValue", row["department"]), "partnership": (f"{Q}TextValue", row["partnership"])}
        assert source.find(f"{Q}Description").text == row["title"]


def test_each_selection_is_exactly_its_sentence_and_codes_count_as_the_labels(samples):
    out, project = samples
    root, texts = _project(project)
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False).set_index(["meeting_id", "turn", "sentence"])
    codes = {code.get("guid"): code.get("name") for code in root.iter(f"{Q}Code")}
    counted, selected = collections.Counter(), set()
    for source in root.iter(f"{Q}TextSource"):
        for selection in source.iter(f"{Q}PlainTextSelection"):
            turn, sentence = map(int, re.fullmatch(r"turn (\d+), sentence (\d+)", selection.get("name")).groups())
            key = (source.get("name"), turn, sentence)
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert texts[source.get("guid")][start:end] == sentences.loc[key, "text"]
            selected.add(key)
            counted.update(codes[c.get("targetGUID")] for c in selection.iter(f"{Q}CodeRef"))
    labelled = _labelled(sentences.reset_index())
    assert selected == set(zip(labelled["meeting_id"], labelled["turn"], labelled["sentence"]))
    expected = collections.Counter({marker.replace("_", " "): int(sentences[marker].sum()) for marker in MARKERS})
    expected.update(f"{side} {kind}" for side, kind in zip(sentences["framing"], sentences["framing_kind"]) if side != "none")
    assert counted == expected
    assert counted["ecological problem"] == 111 and counted["behaviour response"] == 21  # as the samples stand


def test_a_pseudonymised_history_exports_only_agency_labels(tmp_path):
    out = tmp_path / "shared"
    assert run("analyse", SAMPLES, "--out", out, "--format", "csv", "--pseudonymise").exit_code == 0
    when = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    first, again = (export_qdpx(out, tmp_path / folder / "shared.qdpx", when=when).path for folder in "ab")
    assert first.read_bytes() == again.read_bytes()  # GUIDs come from the meetings, not from chance
    root, texts = _project(first)
    whole = ET.tostring(root, encoding="unicode") + "".join(texts.values())
    roster = pd.read_csv(SAMPLES / "roster.csv")
    assert not [name for name in roster["name"] if name in whole]
    assert texts[next(root.iter(f"{Q}TextSource")).get("guid")].startswith("Children's social care 1: Okay")


def test_exporting_a_folder_with_no_history_is_a_usage_error(tmp_path):
    result = run("export-qdpx", tmp_path / "x.qdpx", "--out", tmp_path / "none")
    assert result.exit_code == 2
    assert "holds no analysed meetings: run hymnsheet analyse" in result.output
    assert not (tmp_path / "x.qdpx").exists()


@pytest.mark.skipif(not SCHEMA.is_file(), reason="the REFI-QDA schema is not in ../shared/qda")
def test_an_undated_meeting_has_no_date_and_still_validates(tmp_path):
    write_meeting(tmp_path, "panel.txt", [("Ann", "The park has no lighting."), ("Bob", "Thanks.")])
    assert run("analyse", tmp_path / "panel.txt", "--out", tmp_path / "out", "--format", "csv").exit_code == 0
    exported = export_qdpx(tmp_path / "out", tmp_path / "panel.qdpx")
    assert (exported.meetings, exported.selections) == (1, 1)
    root, texts = _project(exported.path)
    assert list(texts.values()) == ["Ann: The park has no lighting.\n\nBob: Thanks."]
    assert not list(root.iter(f"{Q}DateValue"))
    xmlschema.XMLSchema(SCHEMA).validate(ET.tostring(root, encoding="unicode"))
