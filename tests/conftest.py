from pathlib import Path

import docx
import pandas as pd
import pytest

from hymnsheet_talk.tables.groups import meeting_measures

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "transcripts"


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory):
    """The compiled-cue cache in a folder of the test run's own, not the user's cache folder; the
    environment carries it to the runs tests start as child processes too."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cache")
        patch.setenv("HYMNSHEET_CACHE", str(folder))
        yield folder


@pytest.fixture
def data() -> Path:
    return DATA


def per_speaker(meeting):
    """{speaker: (turns, words, seconds)} with unknown seconds as None."""
    totals = {}
    for turn in meeting.turns:
        turns, words, seconds = totals.get(turn.speaker, (0, 0, None))
        if turn.seconds is not None:
            seconds = (seconds or 0) + turn.seconds
        totals[turn.speaker] = (turns + 1, words + turn.words, seconds)
    return {name: (t, w, None if s is None else round(s, 3)) for name, (t, w, s) in totals.items()}


def write_word(path: Path, paragraphs: list[str]) -> Path:
    """A Word (.docx) file built with python-docx: one paragraph per item, a line break within a
    paragraph wherever the item has a newline (as Teams puts ``Name   0:03`` and its speech)."""
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        for number, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            if number < text.count("\n"):
                run.add_break()
    document.save(path)
    return path


def write_meeting(folder: Path, name: str, lines: list[tuple[str, str]]) -> Path:
    """A plain transcript of ``(speaker, text)`` lines."""
    path = folder / name
    path.write_text("\n".join(f"{speaker}: {text}" for speaker, text in lines) + "\n", encoding="utf-8")
    return path


# Five meetings with their measures worked out by hand: compare, trend and their charts use them.
MEETINGS = pd.DataFrame({
    "meeting_id": ["m1", "m2", "m3", "m4", "m5"],
    "date": ["2025-01-10", "2025-02-20", "2025-04-02", "2025-01-15", ""],
    "department": ["North", "North", "North", "South", None],
    "words": [1000, 2000, 3000, 500, 700],
    "gini": [0.2, 0.4, 0.6, 0.5, 0.1],
    "ecological_share": [0.5, float("nan"), 1.0, 0.25, 0.0],
    "open_question_per_1k": [2.0, 4.0, 6.0, 1.0, 3.0],
})
AGENCIES = pd.DataFrame({
    "meeting_id": ["m1", "m1", "m2", "m3", "m4", "m5"],
    "agency": ["Police", "Children's social care", "Police", "Children's social care", "Police", "Police"],
    "word_share": [0.6, 0.4, 1.0, 1.0, 1.0, 1.0],
})


@pytest.fixture
def measures():
    """One row per built meeting: its measures and each agency's share of its words."""
    return meeting_measures(MEETINGS, AGENCIES)


def outside_or_small(figure) -> list[str]:
    """What is wrong with a chart's text: drawn past the picture's edges, or smaller than the report's
    chart text (``report.style.TEXT_PX``, the page's body text). Empty when nothing is."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from hymnsheet_talk.report.style import STYLE

    FigureCanvasAgg(figure).draw()
    box = figure.get_tightbbox(figure.canvas.get_renderer())
    width, height = figure.get_size_inches()
    problems = [f"{text.get_text()!r} at {text.get_fontsize()} pt" for text in figure.findobj(Text)
                if text.get_visible() and text.get_text().strip() and text.get_fontsize() < STYLE["font.size"]]
    if box.x0 < -0.01 or box.y0 < -0.01 or box.x1 > width + 0.01 or box.y1 > height + 0.01:
        problems.append(f"drawn past the edges: {box.bounds} in a {width}x{height} inch figure")
    return problems
