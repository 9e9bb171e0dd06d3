"""A researcher's coding in REFI-QDA projects, scored sentence by sentence against the tool's labels
(``hymnsheet evaluate CODING.qdpx``).

Each text source is read as the export writes it: turns as ``Speaker: text`` paragraphs, or lines
that open with a speaker label. The tool labels every sentence of every turn, in context, as an
analysis would. A code stands for labels by its name (``codebook.NAMES``, or a ``--code`` mapping);
a code the tool does not know takes the labels of the code above it. A sentence has a label when
that label's selections cover at least half of its characters; a sentence coded both behaviour
and ecological (or both problem and response) is not scored for that label, as a sentence-label
file's ``mixed`` is not. The scores are ``scores.score``'s, as for a labelled CSV.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import pandas as pd
from spacy.language import Language

from ..errors import InputError
from ..language import BEHAVIOUR, ECOLOGICAL, MARKERS, NAMES_KEY, build_pipeline, sentence_rows, sentence_spans
from ..readers.plain import match_label
from .codebook import KINDS, NAMES, label_for, normal
from .qdpx import Project, TextSource, read_project
from .scores import Evaluation, score

# A paragraph that opens "Agency N: " names its speaker: the export writes pseudonymised speakers
# so, and no reader takes "Police 1" for a name.
PARAGRAPH_LABEL = re.compile(r"([^:\n.?!]{1,60} \d+):[ \t]+")
ROW_COLUMNS = ["source", "turn", "sentence", "speaker", "start", "end", "text"]


def score_projects(paths: Iterable[str | Path], *, codes: dict[str, str] | None = None, model: str | None = None,
                   lexicons: Iterable[str | Path] = ()) -> Evaluation:
    """The tool's labels scored against the coding in the REFI-QDA projects at ``paths``. ``codes``
    maps further code names to labels (``{"Blaming": "behaviour", "Themes": "ignore"}``). Raises
    ``InputError`` for an unreadable project, or a code used in it that stands for no label."""
    paths = [Path(path) for path in paths]
    mapping = {normal(name): label_for(label) for name, label in (codes or {}).items()}
    unknown = [label for name, label in (codes or {}).items() if mapping[normal(name)] is None]
    if unknown:
        raise ValueError(f"not labels the tool knows: {', '.join(unknown)}")
    nlp = build_pipeline(model, tuple(lexicons))
    human, tool = [], []
    for path in paths:
        project = read_project(path)
        labels = code_labels(project, mapping)
        columns = label_columns(labels.values())
        for source in project.sources:
            rows, predicted = _sentences(source, nlp)
            human.append(_human(rows, source, labels, columns))
            tool.append(predicted)
    human = pd.concat(human, ignore_index=True) if human else pd.DataFrame()
    if human.empty:
        raise InputError("no sentences to score: the project holds no text sources with text", paths[0] if paths else None)
    return score(human, pd.concat(tool, ignore_index=True))


def code_labels(project: Project, mapping: dict[str, dict]) -> dict[str, dict]:
    """The labels each code of ``project`` stands for, by GUID: its name's (``mapping`` first, then
    the tool's names), else its parent's; ``{}`` for a code mapped to ``ignore``. Raises
    ``InputError`` naming every code used in a selection that stands for nothing the tool knows."""
    labels, known = {}, {}
    for code in project.codes.values():
        name = normal(code.name)
        own = mapping[name] if name in mapping else NAMES.get(name)
        labels[code.guid] = {} if own == {} else {**labels.get(code.parent, {}), **(own or {})}
        known[code.guid] = own is not None or known.get(code.parent, False)
    used = {selection.code for source in project.sources for selection in source.selections}
    unknown = sorted({project.codes[code].name for code in used if not known[code]})
    if unknown:
        raise InputError(f"code(s) {', '.join(map(repr, unknown))} stand for none of the tool's labels: map each "
                         f"with --code 'NAME=LABEL' (LABEL one of {', '.join(sorted(NAMES))}, or ignore)", project.path)
    return labels


def label_columns(labels: Iterable[dict]) -> list[str]:
    """The label columns some code stands for, in the order the scores list them."""
    found = {column for labelled in labels for column in labelled}
    return [column for column in ("framing", "framing_kind", *MARKERS) if column in found]


def units(text: str) -> list[tuple[int, int, str]]:
    """The turns of a source text as ``(start, end, speaker)``: a turn opens at a line with a speaker
    label (or, at a paragraph's start, an agency label such as ``Police 1``) or at a paragraph's
    first line, and takes in the lines below it up to a blank line. A label is not part of the
    turn's text."""
    found: list[list] = []
    offset, paragraph_start = 0, True
    for line in text.splitlines(keepends=True):
        content = line.rstrip()
        if content.strip():
            speech = _speech(content, paragraph_start)
            if speech is not None or paragraph_start or not found:
                speaker, start = speech or ("", len(content) - len(content.lstrip()))
                found.append([offset + start, offset + len(content), speaker])
            else:
                found[-1][1] = offset + len(content)
        paragraph_start = not content.strip()
        offset += len(line)
    return [(start, end, speaker) for start, end, speaker in found if text[start:end].strip()]


def _speech(content: str, paragraph_start: bool) -> tuple[str, int] | None:
    """The speaker a line's label names and where the speech after it starts, if it has a label."""
    labelled = match_label(content)
    if labelled is not None:
        return labelled[0], len(content) - len(labelled[3])
    found = PARAGRAPH_LABEL.match(content) if paragraph_start else None
    return (found.group(1).strip(), found.end()) if found else None


def _sentences(source: TextSource, nlp: Language) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every sentence of ``source`` with where it lies, and the tool's labels for it in its turn."""
    turns = units(source.text)
    present = frozenset(part.lower() for *_span, speaker in turns for part in speaker.split() if part.isalpha())
    docs = []
    for start, end, _speaker in turns:
        doc = nlp.make_doc(source.text[start:end])
        doc.user_data[NAMES_KEY] = present
        docs.append(doc)
    rows, predicted = [], []
    for number, ((offset, end, speaker), doc) in enumerate(zip(turns, nlp.pipe(docs)), start=1):
        tagged = list(sentence_rows(doc))
        spans = sentence_spans(source.text[offset:end], [row["text"] for row in tagged])
        rows += [[source.name, number, sentence, speaker, offset + start, offset + stop, row["text"]]
                 for sentence, (row, (start, stop)) in enumerate(zip(tagged, spans), start=1)]
        predicted += tagged
    return pd.DataFrame(rows, columns=ROW_COLUMNS), pd.DataFrame(predicted)


def _human(rows: pd.DataFrame, source: TextSource, labels: dict[str, dict], columns: list[str]) -> pd.DataFrame:
    """``rows`` with the researcher's label per column: those whose selections cover at least half
    of the sentence's characters."""
    covered = {}
    for selection in source.selections:
        for column, value in labels[selection.code].items():
            mask = covered.setdefault((column, value), bytearray(len(source.text)))
            mask[selection.start:selection.end] = b"\x01" * (selection.end - selection.start)
    spans = list(zip(rows["start"], rows["end"]))

    def having(column: str, value) -> list[bool]:
        mask = covered.get((column, value))
        return [mask is not None and 2 * mask.count(1, start, end) >= end - start for start, end in spans]

    human = rows.copy()
    for column in columns:
        if column in MARKERS:
            human[column] = [float(hit) for hit in having(column, 1)]
            continue
        values, empty = ((BEHAVIOUR, ECOLOGICAL), "none") if column == "framing" else (tuple(KINDS), "")
        hits = list(zip(*(having(column, value) for value in values)))
        human[column] = [None if all(both) else next((v for v, hit in zip(values, both) if hit), empty)
                         for both in hits]
    return human
