from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "transcripts"


@pytest.fixture
def data() -> Path:
    return DATA
