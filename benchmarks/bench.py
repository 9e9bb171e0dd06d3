"""Every speed figure in one run, each timed as a whole fresh process (imports included).

1. One 10,000-word meeting with its full HTML report and charts: with the compiled-cue cache cold
   (an empty cache folder), then warm.
2. Throughput: spaCy's bare blank("en") tokenizer over a corpus of plain-text meetings, and
   `hymnsheet analyse --format csv` on the same meetings (one process, then --jobs N): words per
   second, their ratio and each process's peak memory.
3. Scale (scale.py): 1,000 meetings of about 8,000 words with HTML reports into a fresh folder,
   then the unchanged re-run.

The cache lives in a scratch folder for the run, so the user's own cache is neither used nor changed.

    python benchmarks/bench.py                       # everything (scale takes a quarter of an hour)
    python benchmarks/bench.py --scale 0             # without the scale runs
    python benchmarks/bench.py --meetings 20 --words 5000 --scale 100
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

from corpus import make_corpus
from scale import run_scale
from timing import timed

TOKENIZER = """
import sys, pathlib, spacy
nlp = spacy.blank("en")
tokens = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    tokens += len(nlp.tokenizer(path.read_text(encoding="utf-8")))
print(tokens)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--words", type=int, default=7200, help="words per meeting (about)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="also time analyse --jobs N (default: the number of cores)")
    parser.add_argument("--model", help="also time analyse --model NAME (an installed trained pipeline)")
    parser.add_argument("--scale", type=int, default=1000, metavar="N",
                        help="meetings for the scale runs, with HTML reports (0 leaves them out)")
    args = parser.parse_args()
    hymnsheet = [sys.executable, "-m", "hymnsheet_talk", "analyse"]
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["HYMNSHEET_CACHE"] = f"{scratch}/cache"
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        single = Path(scratch) / "single"
        make_corpus(single, 1, 10_000, seed=2)
        for cache in ("cold", "warm"):
            one_s, one_mb, _ = timed(hymnsheet + [str(single), "--out", f"{scratch}/single-{cache}"])
            print(f"one 10,000-word meeting, full HTML report and charts, cache {cache}: {one_s:.2f} s "
                  f"(peak {one_mb:.0f} MB)")

        corpus = Path(scratch) / "corpus"
        words = make_corpus(corpus, args.meetings, args.words)
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

        if args.scale:
            run_scale(Path(scratch) / "scale", meetings=args.scale, words=8000, formats="csv,html",
                      jobs=os.cpu_count() or 1)


if __name__ == "__main__":
    main()
