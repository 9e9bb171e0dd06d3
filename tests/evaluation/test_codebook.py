"""The codebook says what docs/methods.md says, and code names are read back forgivingly."""

import re

import pytest

from hymnsheet_talk.evaluation.codebook import CODEBOOK, label_for, walk
from hymnsheet_talk.language import MARKERS

from conftest import ROOT

METHODS = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
FLAT = " ".join(METHODS.split())


def _cells(marker):
    row = next(line for line in METHODS.splitlines() if line.startswith(f"| `{marker}` |"))
    return [cell.strip() for cell in row.strip("|").split("|")][1:]


def _code(name):
    return next(code for code, _path in walk() if code.name == name)


@pytest.mark.parametrize("marker", MARKERS)
def test_each_marker_is_described_by_the_methods_table(marker):
    what, what_not = _cells(marker)
    description = _code(marker.replace("_", " ")).description
    assert description.startswith(what)
    assert (f"; not {what_not} " if what_not else f"{what} ") in description
    assert description.endswith("(docs/methods.md §3)")


@pytest.mark.parametrize("side", ["behaviour", "ecological"])
def test_each_framing_is_described_as_the_methods_define_it(side):
    description = _code(side).description.removesuffix(" (docs/methods.md §2)")
    assert f"**{side}**: {description}" in FLAT
    for kind in ("problem", "response"):
        meaning = re.search(rf"\*\*{kind}\*\* \(([^)]*)\)", FLAT).group(1)
        assert _code(f"{side} {kind}").description == f"{side} framing, {kind}: {meaning} (docs/methods.md §2)"


def test_the_codebook_is_two_trees_of_unique_names():
    assert [(code.name, path) for code, path in walk()][:4] == [
        ("framing", ()), ("behaviour", ("framing",)), ("behaviour problem", ("framing", "behaviour")),
        ("behaviour response", ("framing", "behaviour"))]
    names = [code.name for code, _path in walk()]
    assert len(names) == len(set(names)) == 2 + 2 + 4 + 7  # QualCoder keeps one code per name
    assert [code.codable for code in CODEBOOK] == [False, False]


def test_code_names_are_read_back_forgivingly():
    assert label_for("Open_Question") == label_for("open question") == {"open_question": 1}
    assert label_for("BUILDING-ON") == {"building_on": 1}
    assert label_for("Ecological  Response") == {"framing": "ecological", "framing_kind": "response"}
    assert label_for("response") == {"framing_kind": "response"}
    assert label_for("Ignore") == {}
    assert label_for("blaming") is None
