"""Every output for the sample meetings, compared with a snapshot taken from an earlier version.

A change to what the tool writes must be deliberate: when it is, refresh the snapshot with
``HYMNSHEET_UPDATE_SNAPSHOT=1 python -m pytest tests/test_snapshot.py`` and read the diff.

Text outputs (CSV, Markdown, HTML) are compared byte for byte, except the version string in the
reports and the chart images inside the HTML, which are compared as the SHA-256 of each PNG. PNG bytes depend on
matplotlib's version and its fonts, so the PNG hashes are compared only under the matplotlib
version the snapshot was taken with. The SQLite history holds timestamps and is not compared.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import matplotlib
import pytest

from hymnsheet_talk import __version__
from hymnsheet_talk.history import compare, trend, update

from conftest import DATA, ROOT, SAMPLES

SNAPSHOT = DATA / "snapshot"
HASHES = "png-sha256.json"
TEXT_SUFFIXES = {".csv", ".md", ".html"}
DATA_URI = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


def _outputs(out: Path) -> dict[str, bytes]:
    # As a user runs it, from the project folder: sources are written as given (transcripts/…).
    update([SAMPLES.relative_to(ROOT)], out)
    compare(out, "department")
    trend(out)
    # Hidden files are the workings (the sets of tables the links in OUT point into), not outputs.
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*"))
            if path.is_file() and not path.name.startswith("hymnsheet.sqlite")
            and not any(part.startswith(".") for part in path.relative_to(out).parts)}


def _normalised(name: str, data: bytes) -> bytes:
    if not name.endswith((".html", ".md")):
        return data
    text = data.decode("utf-8").replace(f"hymnsheet_talk {__version__}", "hymnsheet_talk VERSION")
    return DATA_URI.sub(lambda m: "png-sha256:" + hashlib.sha256(base64.b64decode(m.group(1))).hexdigest(),
                        text).encode("utf-8")


def _split(files: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, str]]:
    texts = {name: _normalised(name, data) for name, data in files.items() if Path(name).suffix in TEXT_SUFFIXES}
    pngs = {name: hashlib.sha256(data).hexdigest() for name, data in files.items() if name.endswith(".png")}
    assert set(texts) | set(pngs) == set(files), "an output of a kind the snapshot does not know"
    return texts, pngs


def test_sample_outputs_match_the_snapshot(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    texts, pngs = _split(_outputs(tmp_path / "out"))
    if os.environ.get("HYMNSHEET_UPDATE_SNAPSHOT"):
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        for name, data in texts.items():
            (SNAPSHOT / name).parent.mkdir(parents=True, exist_ok=True)
            (SNAPSHOT / name).write_bytes(data)
        (SNAPSHOT / HASHES).write_text(json.dumps({"matplotlib": matplotlib.__version__, "png": pngs}, indent=1) + "\n")
        pytest.skip("snapshot refreshed")
    recorded = json.loads((SNAPSHOT / HASHES).read_text())
    expected = {str(p.relative_to(SNAPSHOT)): p.read_bytes() for p in sorted(SNAPSHOT.rglob("*"))
                if p.is_file() and p.name != HASHES}
    assert sorted(texts) == sorted(expected)
    for name in expected:
        assert texts[name] == expected[name], f"{name} differs from the snapshot"
    assert sorted(pngs) == sorted(recorded["png"])
    if recorded["matplotlib"] == matplotlib.__version__:
        assert pngs == recorded["png"]
