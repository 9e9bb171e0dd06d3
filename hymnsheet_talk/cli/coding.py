"""``hymnsheet lexicon`` and ``hymnsheet evaluate``: the coding rules, and how they score against yours."""

from __future__ import annotations

from pathlib import Path

import click

from ..atomic import write_csv
from ..evaluation import family_scores, format_scores, score_projects
from ..evaluation.codebook import NAMES, label_for
from ..evaluation.qdpx import SUFFIX as QDPX_SUFFIX
from ..evaluation.sets import false_flag_rate, read_set, score_set
from ..language import LABELS, PATTERN_HELP, load_lexicon
from ..report.prose import plural
from .group import library_errors, main, pipeline_options


LEXICON_HELP = """Print the active lexicon: every cue's label, id, pattern and where it was read.

A lexicon is a JSON Lines file, one cue per line, e.g.

\b
  {"id": "behaviour.choice.chooses_to", "label": "behaviour", "pattern": "choose|chose|choosing to"}

\b
""" + PATTERN_HELP + """

\b
Examples:
  hymnsheet lexicon --label behaviour
  hymnsheet lexicon --jsonl > my_cues.jsonl     # edit, then: analyse --lexicon my_cues.jsonl
"""


@main.command(help=LEXICON_HELP, short_help="Print the active lexicon, cue by cue.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra lexicon merged over the shipped one, as analyse would use it. Repeatable.")
@click.option("--label", "labels", multiple=True, metavar="LABEL", type=click.Choice(sorted(LABELS)),
              help="Only cues with this label (behaviour, ecological, setting, uncertainty…). Repeatable.")
@click.option("--jsonl", is_flag=True, help="Print JSON Lines (a lexicon file you can edit) instead of a table.")
def lexicon(lexicons: tuple[Path, ...], labels: tuple[str, ...], jsonl: bool) -> None:
    with library_errors():
        active = load_lexicon(lexicons)
    cues = [cue for cue in active.active() if not labels or cue.label in labels]
    for cue in cues:
        if jsonl:
            click.echo(cue.to_json())
        else:
            kind = f" ({cue.kind})" if cue.kind else ""
            click.echo(f"{cue.label}{kind}\t{cue.id}\t{cue.pattern_text}\t{cue.source}:{cue.line}")
    click.echo(f"{plural(len(cues), 'cue')} from {', '.join(active.sources)}", err=True)


def _code_mappings(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    mappings = {}
    for value in values:
        name, _equals, label = value.rpartition("=")
        if not name.strip() or label_for(label) is None:
            raise click.BadParameter(f"{value!r} is not NAME=LABEL with LABEL one of {', '.join(sorted(NAMES))}, "
                                     "or ignore")
        mappings[name.strip()] = label
    return mappings


@main.command(short_help="Score the language rules against your own coding.")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--transcripts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The folder of transcripts that sentence-label files (file, turn, sent) point into.")
@click.option("--rows", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every row with the tool's labels and cues beside yours, to read the disagreements.")
@click.option("--families", is_flag=True,
              help="Also print how often the tool was right within each family of sentences (a family column).")
@click.option("--leave-one-out", is_flag=True,
              help="Label each sitting with a framing classifier retrained without it (needs sentence-label files).")
@click.option("--train-with", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With --leave-one-out: text CSVs added to every sitting's training (e.g. tests/data/gold.csv). Repeatable.")
@click.option("--code", "codes", multiple=True, metavar="NAME=LABEL", callback=_code_mappings,
              help="For .qdpx projects: read the code NAME as LABEL (behaviour, ecological, problem, response, a "
                   "marker, or ignore). Repeatable.")
@pipeline_options
def evaluate(gold: tuple[Path, ...], transcripts: Path | None, rows: Path | None, families: bool, leave_one_out: bool,
             train_with: tuple[Path, ...], codes: dict[str, str], model: str | None, lexicons: tuple[Path, ...]) -> None:
    """Score the language rules against your own coding of sentences or turns.

    GOLD is one or more CSVs. Either a text column and the labels, one sentence or turn per row; or
    file, turn and sent columns pointing into transcripts kept elsewhere (--transcripts; see
    docs/labelling.md), so no transcript text is copied. Labels: framing (behaviour, ecological,
    none), framing_kind (problem, response, empty) and 0/1 marker columns (uncertainty,
    open_question, invitation, reasoning, challenge, building_on, certainty); ? leaves a row
    unscored. Prints precision, recall, F1 and Cohen's kappa, and how often the tool flags
    behaviour where you did not.

    GOLD may instead be REFI-QDA projects (.qdpx) coded in NVivo, ATLAS.ti, MAXQDA or QualCoder
    (start from hymnsheet export-qdpx): codes named like the labels count (case and parent codes
    ignored; --code for others), and a sentence has a label when that code's selections cover at
    least half of it.

    \b
    Examples:
      hymnsheet evaluate tests/data/gold.csv
      hymnsheet evaluate my_coding.csv --rows disagreements.csv --lexicon my_cues.jsonl
      hymnsheet evaluate tests/data/real/*.csv --transcripts ../shared/real-transcripts --families
      hymnsheet evaluate tests/data/real/*.csv --transcripts ../shared/real-transcripts \\
          --leave-one-out --train-with tests/data/gold.csv
      hymnsheet evaluate coded.qdpx --code "Blaming the child=behaviour" --rows disagreements.csv
    """
    if leave_one_out and model:
        raise click.UsageError("--leave-one-out retrains the classifier on the blank pipeline: leave out --model")
    projects = [path for path in gold if path.suffix.lower() == QDPX_SUFFIX]
    if projects and (len(projects) < len(gold) or transcripts or leave_one_out or train_with):
        raise click.UsageError("score .qdpx projects on their own, without CSVs, --transcripts or --leave-one-out")
    if codes and not projects:
        raise click.UsageError("--code maps the codes of .qdpx projects: give one")
    with library_errors():
        if projects:
            result = score_projects(projects, codes=codes, model=model, lexicons=lexicons)
        else:
            result = score_set(read_set(gold, transcripts), model=model, lexicons=lexicons,
                               leave_one_out=leave_one_out, train_with=train_with)
    click.echo(format_scores(result.scores))
    if "framing" in result.rows.columns:
        click.echo(f"\nFalse behaviour flags: {false_flag_rate(result.rows):.1%} of the sentences not coded behaviour")
    if families and "family" in result.rows.columns:
        click.echo("\n" + format_scores(family_scores(result.rows)))
    if rows:
        write_csv(rows, result.rows)
        click.echo(f"Rows with the tool's labels written to {rows}", err=True)
