"""The hymnsheet command driven through click's CliRunner, as a user would run it."""

import shutil

import pytest

import pandas as pd
from click.testing import CliRunner

from hymnsheet_talk.tables.actions import ACTION_COLUMNS
from hymnsheet_talk.tables.divergence import AGENCY_DIVERGENCE_COLUMNS, MEETING_DIVERGENCE_COLUMNS
from hymnsheet_talk.cli import main
from hymnsheet_talk.manifest import METADATA_COLUMNS
from hymnsheet_talk.tables.framing import FRAMING_COLUMNS, SPLIT_COLUMNS
from hymnsheet_talk.tables.participation import AGENCY_COLUMNS, MEETING_COLUMNS, SPEAKER_COLUMNS, TURN_COLUMNS
from hymnsheet_talk.tables.reflection import INVITATION_COLUMNS, RATE_COLUMNS
from hymnsheet_talk.tables.tagging import SENTENCE_COLUMNS, TURN_LABEL_COLUMNS
from hymnsheet_talk.tables.terms import HISTORY_TERM_COLUMNS, TERM_COLUMNS
from hymnsheet_talk.tables.turn_taking import MEETING_TURN_TAKING_COLUMNS, TRANSITION_COLUMNS, TURN_TAKING_COLUMNS

from conftest import DATA, SAMPLES

MEETINGS = ["2025-01-14-northgate-context-panel", "2025-02-11-riverside-park-review", "2025-03-11-eastfield-school-gate"]


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_analyse_with_no_arguments_reads_transcripts_and_writes_reports(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "transcripts")
    monkeypatch.chdir(tmp_path)
    result = run("analyse")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == ["Analysed 3 meetings, 4,635 words, into reports/",
                                                "Open reports/index.html to read the reports."]
    reports = tmp_path / "reports"
    language = [*SPLIT_COLUMNS, *FRAMING_COLUMNS, *RATE_COLUMNS, "reflection_spread", "questions_answered"]
    agency_actions, meeting_actions = ["actions_owned", "actions_proposed"], ["actions", "actions_ecological_share"]
    agency_partners = [*AGENCY_DIVERGENCE_COLUMNS, "action_terms_share"]
    meeting_partners = [*MEETING_DIVERGENCE_COLUMNS, "framing_spread"]
    for name, columns in (("turns", TURN_COLUMNS + TURN_LABEL_COLUMNS), ("speakers", SPEAKER_COLUMNS + TURN_TAKING_COLUMNS),
                          ("agencies", AGENCY_COLUMNS + TURN_TAKING_COLUMNS + language + agency_actions + agency_partners),
                          ("meetings", ["meeting_id", *METADATA_COLUMNS, "meeting_type", *MEETING_COLUMNS[1:]]
                           + MEETING_TURN_TAKING_COLUMNS + language + meeting_actions + meeting_partners),
                          ("sentences", SENTENCE_COLUMNS), ("invitations", INVITATION_COLUMNS),
                          ("transitions", TRANSITION_COLUMNS), ("actions", [*ACTION_COLUMNS, "terms_from_agency"]),
                          ("agency_terms", TERM_COLUMNS), ("agency_terms_all", HISTORY_TERM_COLUMNS)):
        assert list(pd.read_csv(reports / f"{name}.csv").columns) == columns
    assert pd.read_csv(reports / "meetings.csv")["meeting_id"].tolist() == MEETINGS
    for meeting_id in MEETINGS:
        folder = reports / meeting_id
        # Only Northgate's agreed actions flag enough sentences (5) to chart their framing as shares.
        charted = ["action-framing.png"] if meeting_id == MEETINGS[0] else []
        assert sorted(p.name for p in folder.iterdir()) == [
            *charted, "agency-shares.png", "agency-terms.png", "framing.png", "markers.png", "reflection-timeline.png",
            "report.html", "report.md", "speaker-words.png", "speaker_transitions.csv", "timeline.png", "transitions.png"]
    index = (reports / "index.html").read_text()
    assert all(f'href="{m}/report.html"' in index for m in MEETINGS)


def test_report_html_is_self_contained_with_eight_charts(tmp_path):
    assert run("analyse", str(SAMPLES), "--out", str(tmp_path), "--format", "html").exit_code == 0
    html = (tmp_path / MEETINGS[1] / "report.html").read_text()
    # The agreed actions flag only 4 sentences, too few for shares: their framing is given in words, not charted.
    assert html.count('<img src="data:image/png;base64,') == 8
    assert "the agreed actions had 0 behaviour-based sentences and 4 ecological" in html
    # The note on what counts as an interruption sits under the interruptions table, before the actions.
    table, note, actions = (html.index(text) for text in ("<h3>Interruptions</h3>", "An interruption is a turn",
                                                          "<h3>Agreed actions</h3>"))
    assert table < note < actions
    assert "http://" not in html and "https://" not in html
    assert "Karen Doyle (Community safety) spoke most" in html
    assert not (tmp_path / "turns.csv").exists()


def test_csv_only_writes_tables_and_no_reports(tmp_path):
    assert run("analyse", str(SAMPLES), "--out", str(tmp_path), "--format", "csv").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tables", *MEETINGS,
        "actions.csv", "agencies.csv", "agency_terms.csv", "agency_terms_all.csv", "hymnsheet.sqlite", "invitations.csv", "markers.csv", "meetings.csv", "reflection_timeline.csv",
        "sentences.csv", "speakers.csv", "transitions.csv", "turns.csv"]
    # Only the per-meeting table goes into a meeting's folder: no report was asked for.
    assert [p.name for p in (tmp_path / MEETINGS[0]).iterdir()] == ["speaker_transitions.csv"]


def test_one_bad_file_fails_with_its_name_and_the_rest_are_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "zoom.vtt", folder)
    (folder / "notes.txt").write_text("Just some prose with no speakers.\n")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")
    result = run("analyse", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"Error: {folder / 'notes.txt'}:1: found no speaker labels" in result.output
    assert f"Skipped 1 file that is not a transcript: {folder / 'photo.png'}" in result.output
    assert "Traceback" not in result.output
    assert pd.read_csv(tmp_path / "out" / "meetings.csv")["meeting_id"].tolist() == ["zoom"]


def test_a_run_in_which_every_file_fails_leaves_no_output_folder_behind(tmp_path):
    (tmp_path / "notes.txt").write_text("Just some prose with no speakers.\n")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    result = run("analyse", str(tmp_path / "notes.txt"), str(tmp_path / "blob.txt"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (f"Analysed no meeting, so nothing was written to {tmp_path / 'out'}/; 2 files "
                                              f"failed: {tmp_path / 'notes.txt'}, {tmp_path / 'blob.txt'}")
    assert not (tmp_path / "out").exists()
    # Into a folder with a history already, the history stays and so does the folder.
    assert run("analyse", str(DATA / "zoom.vtt"), "--out", str(tmp_path / "out"), "--format", "csv").exit_code == 0
    result = run("analyse", str(tmp_path / "blob.txt"), "--out", str(tmp_path / "out"), "--format", "csv")
    assert result.exit_code == 1 and "Open " not in result.output
    assert pd.read_csv(tmp_path / "out" / "meetings.csv")["meeting_id"].tolist() == ["zoom"]


def test_the_command_list_gives_each_command_in_full():
    result = run("--help")
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert len(listed) == len(main.commands)
    for line, (name, command) in zip(listed, sorted(main.commands.items())):
        assert line.split() == [name, *command.short_help.split()] and not line.endswith("...")


def test_bad_roster_is_an_error_naming_file_and_line(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name\nAnn\n")
    result = run("analyse", str(DATA / "zoom.vtt"), "--roster", str(roster), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {roster}:1: roster needs the column(s) agency"


def test_usage_errors_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("analyse").exit_code == 2
    assert run("analyse", str(SAMPLES), "--format", "pdf").exit_code == 2
    assert run("analyse", "missing.txt").exit_code == 2


def test_unattributed_lines_are_reported_with_file_and_line(tmp_path):
    result = run("analyse", str(DATA / "plain_tricky.txt"), "--out", str(tmp_path))
    assert result.exit_code == 0
    assert f"Warning: {DATA / 'plain_tricky.txt'}:1: no speaker for this line (8 words)" in result.output
    report = (tmp_path / "plain-tricky" / "report.md").read_text()
    assert "Line 1 could not be given to a speaker (8 words)" in report


def test_transcript_markup_is_shown_as_text_in_the_report(tmp_path):
    transcript = tmp_path / "hostile.csv"
    transcript.write_text('speaker,text\n"Ann <b>Lee</b>",hello there\n,<script>alert(1)</script>\n'
                          'Bob,The park has no lighting <img src=x onerror=alert(1)>\n')
    out = tmp_path / "out"
    assert run("analyse", str(transcript), "--out", str(out), "--include-transcript").exit_code == 0
    html = (out / "hostile" / "report.html").read_text()
    assert "<script>alert" not in html and "<b>Lee" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Ann &lt;b&gt;Lee&lt;/b&gt;" in html
    # Quoted as a framing example (cue words marked) and again in the transcript appendix: text both times.
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 2
    assert "<mark>no lighting</mark>" in html


def test_help_teaches_with_examples():
    result = run("analyse", "--help")
    assert "  Examples:\n    hymnsheet analyse\n    hymnsheet analyse meeting.vtt --roster roster.csv" in result.output
    for option in ("--roster", "--out", "--format"):
        assert option in result.output


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    transcript = tmp_path / "formula.csv"
    transcript.write_text('speaker,text\nAnn Lee,"=HYPERLINK(""http://x"")"\n"@Bob",-1 is not a number here\n')
    assert run("analyse", str(transcript), "--out", str(tmp_path / "out"), "--format", "csv").exit_code == 0
    turns = pd.read_csv(tmp_path / "out" / "turns.csv")
    assert turns["text"].tolist() == ["'=HYPERLINK(\"http://x\")", "'-1 is not a number here"]
    assert turns["speaker"].tolist() == ["Ann Lee", "'@Bob"]
    assert turns["words"].tolist() == [1, 6]


def test_analyse_opens_no_network_connection(tmp_path, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("hymnsheet tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = run("analyse", str(SAMPLES), "--out", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "index.html").exists()


def test_an_interrupted_run_leaves_the_previous_outputs_untouched(tmp_path, monkeypatch):
    from hymnsheet_talk import analyse, write_outputs
    from hymnsheet_talk.report import pages as report

    first = analyse([SAMPLES])
    write_outputs(first, tmp_path)
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}

    real = report.write_meeting_report
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # Ctrl-C while the second meeting's report is being drawn
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "write_meeting_report", interrupted)
    smaller = analyse([SAMPLES / "2025-01-14_northgate_context_panel.txt", SAMPLES / "2025-02-11_riverside_park_review.vtt"])
    with pytest.raises(KeyboardInterrupt):
        write_outputs(smaller, tmp_path)
    after = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert after == before  # same files, same bytes: no half-written table, no staging folder left


def test_jobs_give_exactly_the_tables_of_one_process(tmp_path):
    for jobs in ("1", "2"):
        assert run("analyse", str(SAMPLES), "--out", str(tmp_path / jobs), "--format", "csv", "--jobs", jobs).exit_code == 0
    for name in ("sentences", "turns", "speakers", "agencies", "meetings", "actions", "markers"):
        assert (tmp_path / "1" / f"{name}.csv").read_bytes() == (tmp_path / "2" / f"{name}.csv").read_bytes(), name


def test_metadata_options_are_checked_and_carried_into_the_tables(tmp_path):
    transcript = SAMPLES / "2025-01-14_northgate_context_panel.txt"
    assert run("analyse", str(transcript), "--date", "14/01/2025", "--out", str(tmp_path)).exit_code == 2
    result = run("analyse", str(SAMPLES), "--title", "One title", "--out", str(tmp_path))
    assert result.exit_code == 2 and "--title and --date describe one meeting" in result.output
    result = run("analyse", str(transcript), "--out", str(tmp_path), "--format", "csv", "--title", "January panel",
                 "--department", "North")
    assert result.exit_code == 0, result.output
    row = pd.read_csv(tmp_path / "meetings.csv").iloc[0]
    # The options win over the manifest beside the transcript, which still gives what they do not.
    assert (row["title"], row["date"], row["department"], row["meeting_type"]) == (
        "January panel", "2025-01-14", "North", "context panel")


def test_a_manifest_alone_names_the_meetings_and_its_errors_name_the_line(tmp_path):
    folder = tmp_path / "study"
    shutil.copytree(SAMPLES, folder)
    manifest = folder / "meetings.csv"
    manifest.write_text("file,date,department\n2025-02-11_riverside_park_review.vtt,2025-02-11,Riverside\n",
                        encoding="utf-8")
    result = run("analyse", "--manifest", str(manifest), "--out", str(tmp_path / "out"), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert pd.read_csv(tmp_path / "out" / "meetings.csv")["meeting_id"].tolist() == [MEETINGS[1]]
    manifest.write_text("file,date\n2025-02-11_riverside_park_review.vtt,11 Feb 2025\n", encoding="utf-8")
    result = run("analyse", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (f"Error: {manifest}:2: '11 Feb 2025' is not a date written YYYY-MM-DD "
                                              "(for example 2025-03-14)")


def test_many_meetings_on_one_core_get_a_tip_about_jobs(tmp_path, monkeypatch):
    import hymnsheet_talk.cli.analysis as cli

    monkeypatch.setattr(cli, "MANY_MEETINGS", 3)
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 4)
    result = run("analyse", str(SAMPLES), "--out", str(tmp_path), "--format", "csv")
    assert result.output.splitlines()[-1] == "Tip: --jobs 4 analyses meetings on all 4 cores of this computer."
    result = run("analyse", str(SAMPLES), "--out", str(tmp_path / "again"), "--format", "csv", "--jobs", "2")
    assert "Tip:" not in result.output


def test_a_roster_that_does_not_fit_is_loud_on_stderr_and_opens_the_report(tmp_path):
    """A roster brought from other meetings: one row for every meeting, one for a meeting of its own."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "roster.csv").write_text("name,agency,role,aliases,meeting\nHelen Marsh,Children's social care,Chair,,\n"
                                       "Tom Okafor,Police,,,2025-01-14_northgate_context_panel.txt\n")
    (folder / "my_panel.txt").write_text("Ann Lee: The park is unlit after four.\nBob Ray: We can look at that.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyse", str(folder), "--out", str(out), "--format", "md,html"])
    assert result.exit_code == 0
    warning = (f"my-panel: the roster {folder / 'roster.csv'} matches speakers of only 0% of the words, so most "
               "speakers keep the transcript's labels and have no agency. Not on the roster: Ann Lee, Bob Ray. On the "
               "roster but not heard: Helen Marsh. 1 roster row names another meeting in its meeting column and was "
               "left out: a row with a meeting applies only to the meetings it names (leave it blank for every meeting).")
    assert f"Warning: {warning}\n" in result.stderr
    report = (out / "my-panel" / "report.md").read_text().splitlines()
    assert report[4] == ("**The roster does not fit this transcript: check it before reading the figures below.** "
                         + warning.replace("_", "\\_"))
    assert report[6] == "## In brief"
    html = (out / "my-panel" / "report.html").read_text()
    assert html.index("The roster does not fit this transcript") < html.index("In brief")
    # Helen Marsh is still listed with 0 words, but not said to have been there in silence.
    assert "at the meeting but did not speak" not in html and "at the meeting but did not speak" not in "\n".join(report)
    assert any(line.startswith("| Helen Marsh | Children's social care | Chair | 0 | 0 |") for line in report)
    assert "The chair, Helen Marsh" not in html


def test_roster_drafts_a_csv_from_the_samples_and_never_overwrites_a_file(tmp_path):
    result = CliRunner().invoke(main, ["roster", str(SAMPLES)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == ["name,agency,role,aliases", "Helen Marsh,Children's social care,,",
                                              "Tom Okafor,Police,,"]
    assert result.stderr == "Drafted 19 attendees, 12 without an agency to fill in\n"
    output = tmp_path / "roster.csv"
    assert run("roster", str(SAMPLES), "--output", str(output)).exit_code == 0
    assert output.read_text() == result.stdout
    again = CliRunner().invoke(main, ["roster", str(SAMPLES), "--output", str(output)])
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_analyse_help_names_the_layouts_read():
    result = run("analyse", "--help")
    for layout in ("Teams (Word .docx", "Zoom", "Google Meet"):
        assert layout in " ".join(result.output.split())


def test_dollar_signs_in_names_agencies_and_metadata_never_stop_the_charts(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "a.csv").write_text('speaker,agency,text\n"Jo $\\frac$",$x^$ Police,The park has no lighting.\n'
                                  "Ann,Youth $work$,Why not? What would help?\n", encoding="utf-8")
    (folder / "b.txt").write_text("Ann Lee (Police): The underpass is dark.\nBob Ray (Health): Why?\n", encoding="utf-8")
    (folder / "meetings.csv").write_text("file,date,department,partnership\na.csv,2025-01-02,Dept $\\frac$,P $y^$\n"
                                         "b.txt,2025-04-02,Dept $\\frac$,P $y^$\n", encoding="utf-8")
    result = run("analyse", str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(pd.read_csv(out / "meetings.csv")["meeting_id"]) == ["a", "b"]
    assert (out / "a" / "speaker-words.png").is_file() and "Jo $\\frac$" in (out / "a" / "report.html").read_text()
    for command in (["compare", "--by", "department"], ["trend", "--by", "partnership"]):
        result = run(*command, "--out", str(out))
        assert result.exit_code == 0, result.output
