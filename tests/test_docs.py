"""The README documents every command, option and output column, and CI runs its test command."""

import click

from hymnsheet_talk.cli import main
from hymnsheet_talk.tables.actions import ACTION_COLUMNS
from hymnsheet_talk.tables.groups import MEETING_MEASURES
from hymnsheet_talk.manifest import METADATA_COLUMNS
from hymnsheet_talk.tables.framing import FRAMING_COLUMNS, SPLIT_COLUMNS
from hymnsheet_talk.tables.participation import AGENCY_COLUMNS, MEETING_COLUMNS, SPEAKER_COLUMNS, TURN_COLUMNS
from hymnsheet_talk.tables.reflection import INVITATION_COLUMNS, MARKER_COLUMNS, RATE_COLUMNS, TIMELINE_COLUMNS
from hymnsheet_talk.tables.tagging import SENTENCE_COLUMNS
from hymnsheet_talk.tables.turn_taking import (
    MEETING_TURN_TAKING_COLUMNS, SPEAKER_TRANSITION_COLUMNS, TRANSITION_COLUMNS, TURN_TAKING_COLUMNS,
)

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_two_set_up_commands_and_ci_runs_the_second():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block[0].endswith("hymnsheet analyse")
    assert (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1] == first_block[1]


def test_every_command_and_option_is_in_the_readme():
    for name, command in main.commands.items():
        assert f"hymnsheet {name}" in README
        assert command.help and "Example" in command.help
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                assert all(f"`{flag}" in README for flag in parameter.opts if flag.startswith("--"))


def test_every_output_column_is_in_the_readme():
    for columns in (TURN_COLUMNS, SPEAKER_COLUMNS, AGENCY_COLUMNS, MEETING_COLUMNS, SENTENCE_COLUMNS, FRAMING_COLUMNS,
                    SPLIT_COLUMNS, RATE_COLUMNS, MARKER_COLUMNS, INVITATION_COLUMNS, TIMELINE_COLUMNS,
                    ["reflection_spread", "questions_answered"], TURN_TAKING_COLUMNS, MEETING_TURN_TAKING_COLUMNS,
                    TRANSITION_COLUMNS, SPEAKER_TRANSITION_COLUMNS, ACTION_COLUMNS, METADATA_COLUMNS, MEETING_MEASURES,
                    ["too_small", "<measure>_low", "<measure>_high", "word_share_<agency>", "period"], ["actions", "actions_ecological_share", "actions_owned", "actions_proposed", "proposal",
                                                         "action", "action_cues"]):
        for column in columns:
            assert column in README, column
