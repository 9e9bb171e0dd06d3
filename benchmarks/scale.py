"""Scale: many meetings into one history, first run and unchanged re-run.

Generates meetings (with a manifest: dates, departments, partnerships), runs `hymnsheet analyse`
into a fresh output folder, then runs it again with nothing changed, and prints each run's time,
the peak memory of its largest process and the size of the history.

    python benchmarks/scale.py                          # 1,000 meetings of about 8,000 words, CSV
    python benchmarks/scale.py --meetings 100 --format csv,html
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from corpus import make_corpus
from timing import timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--words", type=int, default=8000, help="words per meeting (about)")
    parser.add_argument("--format", default="csv", help="formats to write (as for analyse --format)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run_scale(Path(scratch), meetings=args.meetings, words=args.words, formats=args.format, jobs=args.jobs)


def run_scale(scratch: Path, *, meetings: int, words: int, formats: str, jobs: int) -> None:
    """Time a first run and an unchanged re-run of ``meetings`` generated meetings in ``scratch``."""
    corpus, out = scratch / "corpus", scratch / "out"
    spoken = make_corpus(corpus, meetings, words)
    print(f"scale corpus: {meetings:,} meetings, {spoken:,} words; --format {formats} --jobs {jobs}")
    command = [sys.executable, "-m", "hymnsheet_talk", "analyse", str(corpus), "--out", str(out),
               "--format", formats, "--jobs", str(jobs)]
    for run in ("first run", "unchanged re-run"):
        seconds, megabytes, _ = timed(command)
        print(f"{run}: {seconds:,.1f} s ({spoken / seconds:,.0f} words/s), largest process {megabytes:,.0f} MB")
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    print(f"output folder: {size / 1e6:,.0f} MB, of which history {(out / 'hymnsheet.sqlite').stat().st_size / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
