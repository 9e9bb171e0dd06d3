"""The ``hymnsheet`` command group, and what its commands share: options and the one place the
library's errors become the command's."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator

import click

from .._version import __version__
from ..errors import FileError, StoreError, UnknownModel

DEFAULT_OUT = Path("reports")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="hymnsheet")
def main() -> None:
    """Measure how a multi-agency safeguarding meeting talks, from its transcript.

    Everything runs on this computer; no transcript text is sent anywhere.

    \b
    Examples:
      hymnsheet analyse            # transcripts/ -> reports/ (open reports/index.html)
      hymnsheet compare --by department
      hymnsheet trend --by partnership --every month
    """


def pipeline_options(command):
    """--model and --lexicon, shared by every command that runs the language rules."""
    command = click.option(
        "--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra lexicon (JSON Lines) merged over the shipped one: new ids add cues, shipped ids "
             "replace them. Repeatable.")(command)
    return click.option(
        "--model", metavar="NAME",
        help="An installed trained spaCy pipeline (e.g. en_core_web_sm) to use instead of the blank "
             "English one; its parse adds grammar-based rules.")(command)


OUT_OPTION = click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
                          show_default=True, help="The output folder whose history to read and write into.")


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """The one place the library's errors become the command's: ``Error: FILE:LINE: reason`` (exit 1)
    for an input that cannot be used or an output that cannot be written, or a usage error (exit 2)
    for a ``--model`` that is not installed."""
    try:
        yield
    except FileError as error:
        raise click.ClickException(str(error)) from None
    except UnknownModel as error:
        raise click.BadParameter(str(error), param_hint="--model") from None
    except StoreError as error:
        raise click.UsageError(str(error)) from None
