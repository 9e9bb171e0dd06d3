"""Throughput benchmark: `hymnsheet analyse --format csv` against spaCy's bare blank("en") tokenizer.

Generates a corpus of plain-text meetings, then runs, each as a whole fresh process (imports
included), (1) spaCy's tokenizer over every transcript's text and (2) the hymnsheet analysis, and
prints words per second for each, their ratio and each process's peak memory; then times one
10,000-word meeting with the full HTML report and charts.

    python benchmarks/bench.py                # 100 meetings of about 7,200 words
    python benchmarks/bench.py --meetings 20 --words 5000
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import make_corpus

TOKENIZER = """
import sys, pathlib, spacy
nlp = spacy.blank("en")
tokens = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    tokens += len(nlp.tokenizer(path.read_text(encoding="utf-8")))
print(tokens)
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak resident memory in MB and stdout of one whole child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--words", type=int, default=7200, help="words per meeting (about)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="also time analyse --jobs N (default: the number of cores)")
    parser.add_argument("--model", help="also time analyse --model NAME (an installed trained pipeline)")
    args = parser.parse_args()
    hymnsheet = [sys.executable, "-m", "hymnsheet_talk", "analyse"]
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        words = make_corpus(corpus, args.meetings, args.words)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"corpus: {args.meetings} meetings, {words:,} spoken words")
        spacy_s, spacy_mb, _ = timed([sys.executable, "-c", TOKENIZER, str(corpus)])
        ours_s, ours_mb, _ = timed(hymnsheet + [str(corpus), "--format", "csv", "--out", f"{scratch}/out"])
        print(f"spaCy blank('en') tokenizer: {words / spacy_s:>10,.0f} words/s  ({spacy_s:.2f} s, peak {spacy_mb:.0f} MB)")
        print(f"hymnsheet analyse --format csv: {words / ours_s:>7,.0f} words/s  ({ours_s:.2f} s, peak {ours_mb:.0f} MB)")
        print(f"ratio (hymnsheet / tokenizer): {spacy_s / ours_s:.2f}")
        if args.jobs > 1:
            jobs_s, jobs_mb, _ = timed(hymnsheet + [str(corpus), "--format", "csv", "--out", f"{scratch}/out-jobs",
                                                    "--jobs", str(args.jobs)])
            print(f"  with --jobs {args.jobs}: {words / jobs_s:>14,.0f} words/s  ({jobs_s:.2f} s, largest process "
                  f"{jobs_mb:.0f} MB; {ours_s / jobs_s:.2f}x one process; ratio {spacy_s / jobs_s:.2f})")
        if args.model:
            model_s, model_mb, _ = timed(hymnsheet + [str(corpus), "--format", "csv", "--out", f"{scratch}/out-model",
                                                      "--model", args.model])
            print(f"  with --model {args.model}: {words / model_s:,.0f} words/s  ({model_s:.2f} s, peak {model_mb:.0f} MB)")

        single = Path(scratch) / "single"
        make_corpus(single, 1, 10_000, seed=2)
        one_s, one_mb, _ = timed(hymnsheet + [str(single), "--out", f"{scratch}/single-out"])
        print(f"one 10,000-word meeting, full HTML report and charts: {one_s:.2f} s (peak {one_mb:.0f} MB)")


if __name__ == "__main__":
    main()
