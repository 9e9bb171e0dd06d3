"""Pseudonymised outputs: no attendee or listed name survives anywhere, and nothing else changes."""

import re
import sqlite3

import pandas as pd
import pytest
from click.testing import CliRunner

from hymnsheet_talk.cli import main

from conftest import SAMPLES

ROSTER = pd.read_csv(SAMPLES / "roster.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    plain, hidden = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("hidden")
    names = hidden / "names.txt"
    names.write_text("# young people discussed\nKian\nLeah\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["analyse", str(SAMPLES), "--out", str(plain)]).exit_code == 0
    result = runner.invoke(main, ["analyse", str(SAMPLES), "--out", str(hidden / "out"), "--pseudonymise",
                                  "--redact", str(names)])
    assert result.exit_code == 0, result.output
    return plain, hidden / "out"


def test_no_attendee_alias_or_listed_name_is_left_in_any_output(outputs):
    _plain, hidden = outputs
    names = set(ROSTER["name"]) | {alias for cell in ROSTER["aliases"] for alias in cell.split(";") if alias.strip()}
    parts = {part.strip(",") for name in names for part in name.split() if len(part.strip(",")) >= 3}
    parts |= {"Kian", "Leah"}
    # A chart embedded in a page is base64, whose letters can spell anything ("+Lee/"): its pictures are not text.
    texts = [re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", path.read_text(encoding="utf-8"))
             for path in hidden.rglob("*") if path.suffix in (".csv", ".html", ".md")]
    assert len(texts) > 10
    for part in sorted(parts):
        assert not any(re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) for text in texts), part


def test_names_to_mask_are_masked_among_each_agencys_terms_and_in_the_history(outputs):
    plain, hidden = outputs
    named = re.compile(r"\b(kian|leah)\b")
    assert "kian" in set(pd.read_csv(plain / "agency_terms.csv")["term"])  # distinctive of Police at Northgate
    for name in ("agency_terms.csv", "agency_terms_all.csv"):
        assert not [term for term in pd.read_csv(hidden / name)["term"] if named.search(term)], name
    assert "[name]" in set(pd.read_csv(hidden / "agency_terms.csv")["term"])
    with sqlite3.connect(hidden / "hymnsheet.sqlite") as db:
        stored = {term for (term,) in db.execute("SELECT term FROM term_counts")}
    assert "[name]" in stored and not [term for term in stored if named.search(term)]


def test_speakers_become_stable_agency_labels(outputs):
    _plain, hidden = outputs
    speakers = pd.read_csv(hidden / "speakers.csv")
    northgate = speakers[speakers["meeting_id"] == "2025-01-14-northgate-context-panel"]
    # Children's social care: Helen Marsh and Sam Reid, numbered in name order.
    assert sorted(northgate.loc[northgate["agency"] == "Children's social care", "speaker"]) == [
        "Children's social care 1", "Children's social care 2"]
    assert set(northgate["speaker"]) == {
        "Children's social care 1", "Children's social care 2", "Police 1", "Youth work 1", "Education 1",
        "Community safety 1", "Health 1", "Housing 1"}
    turns = pd.read_csv(hidden / "turns.csv")
    assert set(turns["speaker"]) <= set(speakers["speaker"])


def test_figures_are_unchanged_and_the_report_says_what_is_hidden(outputs):
    plain, hidden = outputs
    for name in ("meetings", "agencies"):
        before, after = pd.read_csv(plain / f"{name}.csv"), pd.read_csv(hidden / f"{name}.csv")
        numbers = before.select_dtypes("number").columns
        pd.testing.assert_frame_equal(before[numbers], after[numbers])
    assert (pd.read_csv(plain / "turns.csv")["words"] == pd.read_csv(hidden / "turns.csv")["words"]).all()
    report = (hidden / "2025-01-14-northgate-context-panel" / "report.html").read_text(encoding="utf-8")
    assert "Pseudonymised: speakers appear as agency labels" in report
    assert "2 further names given to mask were replaced by [name]" in report


def test_the_transcript_is_in_a_report_only_when_asked_for(outputs, tmp_path):
    plain, _hidden = outputs
    line = "the youth club on Ridgeway Road closed in September"
    assert line not in (plain / "2025-01-14-northgate-context-panel" / "report.html").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["analyse", str(SAMPLES / "2025-01-14_northgate_context_panel.txt"),
                                       "--out", str(tmp_path), "--include-transcript", "--format", "html"])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "2025-01-14-northgate-context-panel" / "report.html").read_text(encoding="utf-8")
    assert "<h2>Transcript</h2>" in report and line in report


def test_names_are_matched_after_folding_case_accents_and_apostrophes_at_any_length():
    from hymnsheet_talk.privacy import Names

    names = Names(["Jo O'Shaughnessy", "Zoë", "Ruth van der Berg", "Dr Aisha Rahman", "Ilker Yılmaz", "Al Reid"])
    assert names.mask("Jo said O’Shaughnessy’s idea was JO's too") == "[name] said [name] idea was [name] too"
    assert names.mask("ZOE, Zoe\u0308 and zoë; not Zoey") == "[name], [name] and [name]; not Zoey"
    assert names.mask("Ruth van der Berg left in a van") == "[name] [name] [name] [name] left in a van"
    assert names.mask("Al said so, al fresco") == "[name] said so, [name] fresco"
    assert names.mask("Dr Rahman, İlker Yilmaz") == "Dr [name], [name] [name]"
    assert names.mask_id("2025-03-14-review-jo-oshaughnessy") == "2025-03-14-review-name-name"
    assert names.mask("no names here, Joanne") == "no names here, Joanne"


@pytest.fixture(scope="module")
def named_files(tmp_path_factory):
    """A meeting whose folder and file are named after the young person discussed, with attendees'
    names written every which way, analysed with --pseudonymise and with --redact alone."""
    root = tmp_path_factory.mktemp("named")
    folder = root / "kian_oneill_case"
    folder.mkdir()
    (folder / "2025-03-14_review_for_kian_oneill.txt").write_text(
        "Jo Bell: Kian O’Neill's mum rang. Zoe said ZOË and Zoe\u0308 would come.\n"
        "Zoë O'Shaughnessy: Thanks JO. O’Shaughnessy here: Kian is safe.\n"
        "Kian O'Neill: I am here too.\n", encoding="utf-8")
    (folder / "roster.csv").write_text("name,agency\nJo Bell,Police\nZoë O'Shaughnessy,Education\n", encoding="utf-8")
    (folder / "meetings.csv").write_text("file,title,department\n2025-03-14_review_for_kian_oneill.txt,"
                                         "Review for Kian O'Neill,Kian's team\n", encoding="utf-8")
    names = root / "names.txt"
    names.write_text("Kian O'Neill\n", encoding="utf-8")
    outs = {}
    for option in ("--pseudonymise", None):
        out = root / f"out{'-pseudonymised' if option else '-redacted'}"
        args = ["analyse", str(folder), "--out", str(out), "--redact", str(names)] + ([option] if option else [])
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        outs[option or "--redact"] = out
    return outs


@pytest.mark.parametrize("option, left", [("--pseudonymise", []), ("--redact", ["Jo Bell", "O'Shaughnessy"])])
def test_no_listed_name_is_left_in_any_file_folder_id_or_the_store(named_files, option, left):
    out = named_files[option]
    everything = "\n".join([str(path.relative_to(out)) for path in out.rglob("*")]
                           + [path.read_bytes().decode("utf-8", errors="replace") for path in out.rglob("*")
                              if path.is_file() and path.suffix in (".csv", ".html", ".md", ".sqlite")])
    gone = {"kian", "oneill", "o'neill", "o’neill"} | ({"jo", "zoe", "zoë", "oshaughnessy", "o'shaughnessy",
                                                         "o’shaughnessy", "bell"} if option == "--pseudonymise" else set())
    for name in sorted(gone):
        assert not re.search(rf"(?<![\w'’]){re.escape(name)}(?![\w'’])", everything, re.IGNORECASE), name
    meetings = pd.read_csv(out / "meetings.csv")
    assert meetings[["meeting_id", "title", "department"]].values.tolist() == [
        ["2025-03-14-review-for-name-name", "Review for [name] [name]", "[name] team"]]
    assert "[name]_[name]_case" in meetings.loc[0, "source"]
    speakers = set(pd.read_csv(out / "speakers.csv")["speaker"])
    # The young person speaks: under --redact alone only they become an agency label.
    assert speakers == ({"Police 1", "Education 1", "Unknown 1"} if option == "--pseudonymise"
                        else {"Jo Bell", "Zoë O'Shaughnessy", "Unknown 1"})
    assert all(name in everything for name in left)  # the speakers keep their names under --redact alone
