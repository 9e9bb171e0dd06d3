"""The README documents every command, option and output column, and CI runs its test command.

Each command, option and column is its own test, so a gap names itself."""

import re

import click
import pytest

from hymnsheet_talk.cli import main
from hymnsheet_talk.manifest import METADATA_COLUMNS
from hymnsheet_talk.tables import (
    AGENCY_DIVERGENCE_COLUMNS, COUNT_COLUMNS, HISTORY_TERM_COLUMNS, MEETING_DIVERGENCE_COLUMNS, TERM_COLUMNS,
    ACTION_COLUMNS, AGENCY_COLUMNS, FRAMING_COLUMNS, INVITATION_COLUMNS, MARKER_COLUMNS, MEETING_COLUMNS,
    MEETING_TURN_TAKING_COLUMNS, RATE_COLUMNS, SENTENCE_COLUMNS, SPEAKER_COLUMNS, SPEAKER_TRANSITION_COLUMNS,
    SPLIT_COLUMNS, TIMELINE_COLUMNS, TRANSITION_COLUMNS, TURN_COLUMNS, TURN_TAKING_COLUMNS,
)
from hymnsheet_talk.tables.groups import MEETING_MEASURES, PARTNER_MEASURES

from conftest import ROOT

README = (ROOT / "README.md").read_text()
# Names written as code in the README (outside fenced blocks): columns are listed as `a, b, c`.
CODE_NAMES = {name for span in re.findall(r"`([^`]+)`", re.sub(r"```.*?```", "", README, flags=re.S))
              for name in re.split(r"[,\s]+", span) if name}
COMMANDS = sorted(main.commands.items())
OPTIONS = sorted({(name, flag) for name, command in COMMANDS for parameter in command.params
                  if isinstance(parameter, click.Option) for flag in parameter.opts if flag.startswith("--")})
# Columns added to other tables, and the names compare and trend write.
OTHER_COLUMNS = [
    "reflection_spread", "questions_answered", "actions", "actions_ecological_share", "actions_owned",
    "actions_proposed", "too_small", "<measure>_low", "<measure>_high", "word_share_<agency>", "period",
    "terms_from_agency", "action_terms_share",
]
COLUMNS = sorted({*TURN_COLUMNS, *SPEAKER_COLUMNS, *AGENCY_COLUMNS, *MEETING_COLUMNS, *SENTENCE_COLUMNS,
                  *FRAMING_COLUMNS, *SPLIT_COLUMNS, *RATE_COLUMNS, *MARKER_COLUMNS, *INVITATION_COLUMNS,
                  *TIMELINE_COLUMNS, *TURN_TAKING_COLUMNS, *MEETING_TURN_TAKING_COLUMNS, *TRANSITION_COLUMNS,
                  *SPEAKER_TRANSITION_COLUMNS, *ACTION_COLUMNS, *METADATA_COLUMNS, *MEETING_MEASURES, *OTHER_COLUMNS,
                  *TERM_COLUMNS, *HISTORY_TERM_COLUMNS, *COUNT_COLUMNS, *MEETING_DIVERGENCE_COLUMNS,
                  *AGENCY_DIVERGENCE_COLUMNS, *PARTNER_MEASURES})


def test_readme_opens_with_the_two_set_up_commands_and_ci_runs_the_second():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block[0].endswith("hymnsheet analyse")
    assert (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1] == first_block[1]


@pytest.mark.parametrize("name, command", COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name, command):
    assert f"hymnsheet {name}" in README
    assert command.help and "Example" in command.help


@pytest.mark.parametrize("command, flag", OPTIONS, ids=[f"{c} {f}" for c, f in OPTIONS])
def test_every_option_is_in_the_readme(command, flag):
    assert f"`{flag}" in README


@pytest.mark.parametrize("column", COLUMNS)
def test_every_output_column_is_in_the_readme(column):
    assert column in CODE_NAMES
