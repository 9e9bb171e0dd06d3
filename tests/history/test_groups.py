"""The compare and trend commands over a built history: their tables, pages and errors."""

import math
import re

import pandas as pd
import pytest
from click.testing import CliRunner
from spacy.lang.en.stop_words import STOP_WORDS

from hymnsheet_talk.cli import main
from hymnsheet_talk.history import update

from conftest import write_meeting


def test_compare_and_trend_commands_write_their_tables_and_pages(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for number, (date, department) in enumerate([("2025-01-07", "North"), ("2025-02-04", "North"),
                                                 ("2025-04-01", "North"), ("2025-01-14", "South")]):
        (folder / f"m{number}.txt").write_text("Ann (Police): The park has no lighting.\n"
                                               "Bob (Education): I'm not sure why.\n", encoding="utf-8")
        manifest = (folder / "meetings.csv")
        manifest.write_text((manifest.read_text() if number else "file,date,department\n")
                            + f"m{number}.txt,{date},{department}\n", encoding="utf-8")
    update([folder], out)
    runner = CliRunner()
    result = runner.invoke(main, ["compare", "--by", "department", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "compare-department.csv")
    assert table[["department", "meetings", "words", "too_small"]].values.tolist() == [
        ["North", 3, 27, False], ["South", 1, 9, True]]
    assert "Meetings compared by department" in (out / "compare-department.html").read_text()
    result = runner.invoke(main, ["trend", "--by", "department", "--every", "month", "--out", str(out)])
    assert result.exit_code == 0, result.output
    trend = pd.read_csv(out / "trend-department.csv")
    assert trend[["department", "period", "meetings"]].values.tolist() == [
        ["North", "2025-01", 1], ["North", "2025-02", 1], ["North", "2025-04", 1], ["South", "2025-01", 1]]
    assert result.output.splitlines()[0].startswith("North, from 2025-01 (1 meeting) to 2025-04 (1 meeting): ")
    index = (out / "index.html").read_text()
    assert 'href="compare-department.html"' in index and 'href="trend-department.html"' in index
    result = runner.invoke(main, ["compare", "--by", "region", "--out", str(out)])
    assert result.exit_code == 2 and "no column 'region' in the meetings; metadata columns: title, date" in result.output
    result = runner.invoke(main, ["trend", "--out", str(tmp_path / "empty")])
    assert result.exit_code == 2 and "holds no analysed meetings" in result.output


def test_how_far_apart_the_partners_are_is_compared_and_trended(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    framing = [("Ann (Police)", "The underpass has no lighting. " * 5),   # ecological, five times
               ("Cat (Housing)", "He chooses to go there. " * 4 + "The underpass has no lighting.")]
    apart = [("Ann (Police)", "Minutes, minutes, agenda. " * 40), ("Cat (Housing)", "Calendar, calendar, agenda. " * 40)]
    alike = [("Ann (Police)", "Minutes, calendar, agenda. " * 40), ("Cat (Housing)", "Minutes, calendar, agenda. " * 40)]
    meetings = {"m1.txt": ("2025-01-07", "North", apart), "m2.txt": ("2025-02-04", "North", alike),
                "m3.txt": ("2025-01-14", "South", apart)}
    for name, (_date, _department, lines) in meetings.items():
        write_meeting(folder, name, [*lines, *framing])
    (folder / "meetings.csv").write_text("file,date,department\n" + "".join(
        f"{name},{date},{department}\n" for name, (date, department, _lines) in meetings.items()), encoding="utf-8")

    def words(lines, speaker):
        said = [w for text in (t for s, t in [*lines, *framing] if s == speaker) for w in re.findall(r"[a-z]+", text.lower())]
        return {w: said.count(w) for w in said if w not in STOP_WORDS}

    def jsd(p, q):
        p_n, q_n = sum(p.values()), sum(q.values())
        half = [(p.get(w, 0) / p_n, q.get(w, 0) / q_n) for w in set(p) | set(q)]
        return sum((a * math.log2(2 * a / (a + b)) if a else 0) + (b * math.log2(2 * b / (a + b)) if b else 0)
                   for a, b in half) / 2

    expected = {name: jsd(words(lines, "Ann (Police)"), words(lines, "Cat (Housing)"))
                for name, (_d, _g, lines) in meetings.items()}
    update([folder], out, formats={"csv"})
    assert pd.read_csv(out / "meetings.csv")["framing_spread"].tolist() == [1 - 0.2] * 3  # Police 5/5, Housing 1/5
    runner = CliRunner()
    assert runner.invoke(main, ["compare", "--by", "department", "--out", str(out)]).exit_code == 0
    table = pd.read_csv(out / "compare-department.csv").set_index("department")
    assert table.loc["North", "vocabulary_divergence"] == pytest.approx((expected["m1.txt"] + expected["m2.txt"]) / 2)
    assert table.loc["South", "vocabulary_divergence"] == pytest.approx(expected["m3.txt"])
    assert expected["m2.txt"] < expected["m1.txt"]
    assert table.loc["North", "framing_spread"] == pytest.approx(0.8)
    assert {"vocabulary_divergence_low", "vocabulary_divergence_high", "framing_spread_low"} <= set(table.columns)
    assert "How far apart the agencies" in (out / "compare-department.html").read_text()
    assert runner.invoke(main, ["trend", "--every", "month", "--out", str(out)]).exit_code == 0
    trend = pd.read_csv(out / "trend-all.csv").set_index("period")
    assert trend.loc["2025-01", "vocabulary_divergence"] == pytest.approx((expected["m1.txt"] + expected["m3.txt"]) / 2)
    assert trend.loc["2025-02", "vocabulary_divergence"] == pytest.approx(expected["m2.txt"])
    assert trend["framing_spread"].tolist() == pytest.approx([0.8, 0.8])


def test_manifest_columns_named_with_quotes_or_like_formulas_are_stored_and_written_safely(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for number in range(2):
        (folder / f"m{number}.txt").write_text("Ann (Police): The park has no lighting.\n", encoding="utf-8")
    (folder / "meetings.csv").write_text('file,"say ""hi""",=1+2,@SUM(1),+lead,-note\n'
                                         "m0.txt,a,1,2,3,4\nm1.txt,b,1,2,3,4\n", encoding="utf-8")
    update([folder], out, formats={"csv"})
    header = (out / "meetings.csv").read_text().splitlines()[0]
    assert header.startswith('meeting_id,title,date,department,partnership,"say ""hi""",\'=1+2,\'@SUM(1),\'+lead,\'-note,')
    for by in ('say "hi"', "=1+2"):
        result = CliRunner().invoke(main, ["compare", "--by", by, "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert (out / "compare-1-2.csv").read_text().startswith("'=1+2,meetings,")
    assert pd.read_csv(out / "compare-say-hi.csv")['say "hi"'].tolist() == ["a", "b"]
