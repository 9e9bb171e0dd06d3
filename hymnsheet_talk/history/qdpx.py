"""Every meeting in an output folder's history as a REFI-QDA project (``.qdpx``), to open in NVivo,
ATLAS.ti, MAXQDA or QualCoder (``hymnsheet export-qdpx``).

Each meeting is a text source of its turns, ``Speaker: text`` paragraphs of the text the tool
analysed (pseudonymised when the history is), with the meeting's metadata as source variables.
The codebook is ``evaluation.codebook``'s; every sentence with a label is a selection of exactly
that sentence (code points from 0, end exclusive, as QualCoder reads them), coded with its framing
and markers. GUIDs are derived from the meeting and sentence, so exporting again gives the same ones.
"""

from __future__ import annotations

import datetime
import itertools
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..atomic import replacing
from ..errors import StoreError
from ..evaluation.codebook import CODEBOOK, Code, walk
from ..evaluation.qdpx import INTERNAL, NAMESPACE, PROJECT_FILE, Q, SOURCES
from ..language import FRAMINGS, MARKERS, NONE, sentence_spans
from .store import open_history

# Every GUID in an export is a name-based UUID in this space (a random UUID, fixed for the tool).
GUID_SPACE = uuid.UUID("6b1f0d3e-2a57-4c1e-9a8e-3f2d7c5b9e41")
USER = "hymnsheet_talk"
TURN_BREAK = "\n\n"
DATE_VARIABLES = {"date"}
# QDA tools expect the project namespace as the default one (no prefix). ElementTree's
# ``default_namespace`` option refuses unprefixed attributes, so the prefix is registered instead.
ET.register_namespace("", NAMESPACE)


@dataclass
class Exported:
    """What ``export_qdpx`` wrote: the file, and how many meetings and coded sentences it holds."""

    path: Path
    meetings: int
    selections: int


def export_qdpx(out: str | Path, target: str | Path, *, when: datetime.datetime | None = None) -> Exported:
    """Write every meeting in ``out``'s history to the REFI-QDA project ``target`` (a zip of
    ``project.qde`` and ``sources/``), stamped with ``when`` (default now). Raises ``StoreError``
    when ``out`` holds no history."""
    out, target = Path(out), Path(target)
    with open_history(out) as store:
        meetings, turns, sentences = (store.table(name) for name in ("meetings", "turns", "sentences"))
        variables = [column for column in store.metadata_columns() if column in meetings.columns]
    when = when or datetime.datetime.now(datetime.timezone.utc)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    user = _guid("user")
    root = ET.Element(f"{Q}Project", name=target.stem, origin=f"hymnsheet_talk {__version__}",
                      creatingUserGUID=user, creationDateTime=stamp)
    ET.SubElement(ET.SubElement(root, f"{Q}Users"), f"{Q}User", guid=user, name=USER)
    _codebook(ET.SubElement(ET.SubElement(root, f"{Q}CodeBook"), f"{Q}Codes"), CODEBOOK)
    if variables:
        listed = ET.SubElement(root, f"{Q}Variables")
        for column in variables:
            ET.SubElement(listed, f"{Q}Variable", guid=_guid("variable", column), name=column,
                          typeOfVariable="Date" if column in DATE_VARIABLES else "Text")
    sources = ET.SubElement(root, f"{Q}Sources")
    texts, coded = {}, 0
    by_turn = _grouped(sentences, ["meeting_id", "turn", "sentence"])
    by_meeting = _grouped(turns, ["meeting_id", "turn"])
    for meeting in meetings.to_dict("records"):
        meeting_id = meeting["meeting_id"]
        text, placed = _text(meeting_id, by_meeting.get((meeting_id,), []), by_turn)
        guid = _guid("source", meeting_id)
        texts[f"{guid}.txt"] = text
        source = ET.SubElement(sources, f"{Q}TextSource", guid=guid, name=meeting_id,
                               plainTextPath=f"{INTERNAL}{guid}.txt", creatingUser=user, creationDateTime=stamp)
        if _value(meeting, "title"):
            ET.SubElement(source, f"{Q}Description").text = _value(meeting, "title")
        coded += sum(_selection(source, row, start, end, user, stamp) for row, start, end in placed)
        _values(source, meeting, variables)
    _write(target, root, texts, when)
    return Exported(target, len(meetings), coded)


def _grouped(table: pd.DataFrame, order: list[str]) -> dict[tuple, list[dict]]:
    """``table``'s rows as dicts in ``order``, grouped by all but the last column of it."""
    rows = table.sort_values(order).to_dict("records") if not table.empty else []
    return {key: list(group) for key, group in itertools.groupby(rows, key=lambda row: tuple(row[c] for c in order[:-1]))}


def _guid(*key: str) -> str:
    return str(uuid.uuid5(GUID_SPACE, "/".join(map(str, key))))


def _codebook(parent: ET.Element, codes: tuple[Code, ...]) -> None:
    for code in codes:
        attributes = {"guid": _code_guid(code), "name": code.name, "isCodable": str(code.codable).lower()}
        if code.colour:
            attributes["color"] = code.colour
        element = ET.SubElement(parent, f"{Q}Code", attributes)
        ET.SubElement(element, f"{Q}Description").text = code.description
        _codebook(element, code.children)


def _code_guid(code: Code) -> str:
    return _guid("code", code.name)


# The code a sentence's label is coded with: framing and kind together, or one marker.
CODE_OF = {tuple(sorted(code.labels.items())): _code_guid(code) for code, _path in walk() if code.labels}


def _text(meeting_id: str, turns: list[dict], by_turn: dict) -> tuple[str, list[tuple[dict, int, int]]]:
    """A meeting's source text, and each of its sentences with where it lies in that text."""
    parts, placed, offset = [], [], 0
    for turn in turns:
        head, body = f"{turn['speaker']}: ", turn["text"] or ""
        rows = by_turn.get((meeting_id, turn["turn"]))
        if rows:
            try:
                spans = sentence_spans(body, [row["text"] for row in rows])
            except ValueError as error:
                raise StoreError(f"meeting {meeting_id}, turn {turn['turn']}: {error}; analyse it again "
                                 "with --rebuild") from None
            start = offset + len(head)
            placed += [(row, start + begin, start + end) for row, (begin, end) in zip(rows, spans)]
        parts.append(head + body)
        offset += len(head) + len(body) + len(TURN_BREAK)
    return TURN_BREAK.join(parts), placed


def _selection(source: ET.Element, row: dict, start: int, end: int, user: str, stamp: str) -> bool:
    """Code the sentence ``row`` (at ``start``-``end``) with its labels; False when it has none."""
    labels = []
    if row["framing"] in FRAMINGS and row["framing"] != NONE:
        kind = {"framing_kind": row["framing_kind"]} if row.get("framing_kind") else {}
        labels.append({"framing": row["framing"], **kind})
    labels += [{marker: 1} for marker in MARKERS if row.get(marker) == 1]
    if not labels:
        return False
    key = (row["meeting_id"], row["turn"], row["sentence"])
    selection = ET.SubElement(source, f"{Q}PlainTextSelection", guid=_guid("selection", *key),
                              name=f"turn {row['turn']}, sentence {row['sentence']}", startPosition=str(start),
                              endPosition=str(end), creatingUser=user, creationDateTime=stamp)
    cues = "; ".join(cue for cue in (row.get("framing_cues"), row.get("reflection_cues")) if cue)
    if cues:
        ET.SubElement(selection, f"{Q}Description").text = f"The tool's cues: {cues}"
    for label in labels:
        code = CODE_OF[tuple(sorted(label.items()))]
        coding = ET.SubElement(selection, f"{Q}Coding", guid=_guid("coding", *key, code), creatingUser=user,
                               creationDateTime=stamp)
        ET.SubElement(coding, f"{Q}CodeRef", targetGUID=code)
    return True


def _value(meeting: dict, column: str) -> str:
    """A metadata cell as text, empty when the meeting has none."""
    value = meeting.get(column)
    return "" if value is None or pd.isna(value) else str(value)


def _values(source: ET.Element, meeting: dict, variables: list[str]) -> None:
    for column in variables:
        if not _value(meeting, column):
            continue
        holder = ET.SubElement(source, f"{Q}VariableValue")
        ET.SubElement(holder, f"{Q}VariableRef", targetGUID=_guid("variable", column))
        kind = "DateValue" if column in DATE_VARIABLES else "TextValue"
        ET.SubElement(holder, f"{Q}{kind}").text = _value(meeting, column)


def _write(target: Path, root: ET.Element, texts: dict[str, str], when: datetime.datetime) -> None:
    """The project file and its sources, zipped and dated ``when``, replacing ``target`` in one step."""
    ET.indent(root)
    members = {PROJECT_FILE: ET.tostring(root, encoding="utf-8", xml_declaration=True)}
    members |= {f"{SOURCES}/{name}": text.encode("utf-8") for name, text in texts.items()}
    with replacing(target) as file, zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, when.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)
