"""The compare and trend commands over a built history: their tables, pages and errors."""

import pandas as pd
from click.testing import CliRunner

from hymnsheet_talk.cli import main
from hymnsheet_talk.history import update


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
