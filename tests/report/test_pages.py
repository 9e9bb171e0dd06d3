"""What the pages print of labels: markup from a transcript shows as written, in every format."""

from click.testing import CliRunner

from hymnsheet_talk.cli import main


def test_the_markdown_summary_shows_a_labels_markup_as_text(tmp_path):
    transcript = tmp_path / "m.csv"
    transcript.write_text('speaker,agency,text\n"**Bob** <i>x</i> #1",<b>Police</b>,The park has no lighting.\n'
                          "Ann_Lee,Youth `work`,Why not? What would help?\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyse", str(transcript), "--out", str(tmp_path / "out"), "--format", "md"])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "m" / "report.md").read_text(encoding="utf-8")
    brief = report.split("## In brief")[1].split("##")[0]
    assert ("- \\*\\*Bob\\*\\* &lt;i&gt;x&lt;/i&gt; #1 (&lt;b&gt;Police&lt;/b&gt;) spoke most: 5 words, 50% of "
            "everything said.") in brief
    assert "Ann\\_Lee (Youth \\`work\\`) said least" in brief
    assert "**Bob**" not in brief and "<b>" not in brief


def test_a_roster_of_thousands_makes_a_report_of_the_people_who_spoke_and_a_count_of_the_rest(tmp_path):
    (tmp_path / "m.txt").write_text("Ann Lee: The park has no lighting.\nBob Ray: Why not? Could housing help?\n",
                                    encoding="utf-8")
    (tmp_path / "roster.csv").write_text("name,agency\nAnn Lee,Police\nBob Ray,Health\n"
                                         + "".join(f"Person {n:05d},Housing\n" for n in range(10_000)), encoding="utf-8")
    result = CliRunner().invoke(main, ["analyse", str(tmp_path / "m.txt"), "--out", str(tmp_path / "out"),
                                       "--format", "html,md"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "m"
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert ("- Person 00000 (Housing), Person 00001 (Housing), Person 00002 (Housing), Person 00003 (Housing), "
            "Person 00004 (Housing), Person 00005 (Housing), Person 00006 (Housing), Person 00007 (Housing), "
            "Person 00008 (Housing) and 9,991 others were at the meeting but did not speak.") in report
    assert "…and 9,902 more attendees, each with fewer words: speakers.csv lists everyone." in report
    assert report.count("| Person ") == 98
    sizes = {path.name: path.stat().st_size for path in folder.iterdir()}
    # It was 102 MB and 48 MB. The chart is drawn at twice its size on the page, for sharp text: 40 rows of
    # names at body size make a tall picture.
    assert sizes["report.html"] < 1_500_000 and sizes["speaker-words.png"] < 500_000
    html = (folder / "report.html").read_text(encoding="utf-8")
    # The tables beside the charts list 100 attendees too, and count the rest.
    assert html.count("…and 9,902 more attendees, each with fewer words: speakers.csv lists everyone.") == 3
