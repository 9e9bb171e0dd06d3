"""Generated meetings for benchmarks and demonstrations: plain-text transcripts, a roster and a
manifest (dates every fortnight, five departments in two partnerships).

The talk is drawn from a few dozen sentences. Departments lean differently between
behaviour-based and ecological framing, and the second partnership drifts towards ecological
framing over time, so compare and trend pages have something to show. The figures mean nothing
about real departments.

    python benchmarks/corpus.py OUT_FOLDER --meetings 24 --words 1500
"""

from __future__ import annotations

import argparse
import datetime
import random
from pathlib import Path

PEOPLE = [
    ("Helen Marsh", "Children's social care", "Chair"), ("Tom Okafor", "Police", ""),
    ("Priya Shah", "Education", ""), ("Marcus Bell", "Youth work", ""), ("Janine Walsh", "Community safety", ""),
    ("Aisha Rahman", "Health", ""), ("Gary Lewis", "Housing", ""), ("Sam Reid", "Children's social care", ""),
]
BEHAVIOUR = [
    "I think he is choosing to be there, he knows the risks.",
    "She needs to make better choices about who she spends time with.",
    "We should put an acceptable behaviour contract in place for him.",
    "He has been offered the course twice and refused to engage.",
    "Mum needs to set firmer boundaries at home.",
]
ECOLOGICAL = [
    "The underpass has had no lighting since the summer and nobody has fixed it.",
    "The youth club closed in September when the funding was cut.",
    "The older men wait by the takeaway most nights.",
    "What would it look like if we worked on the park rather than on the boys?",
    "Action for community safety: temporary lighting by the end of the month.",
]
OTHER = [
    "I'm not sure we have the full picture yet.",
    "We could move the detached session to Thursday evenings.",
    "Can I push back on that a little, is it really his choice?",
    "Two of them are on part-time timetables, which means they are out from lunchtime.",
    "Okay, thanks, let's move on to the next item.",
    "Priya, what are you seeing at the school?",
    "Building on what Marcus said, the boys only go there because there is nowhere else.",
    "There is no doubt about it, this is the right plan.",
]
DEPARTMENTS = [  # (department, partnership, share of framed sentences that are ecological)
    ("Ashby", "North partnership", 0.3), ("Brookfield", "North partnership", 0.5), ("Carlton", "North partnership", 0.7),
    ("Denholme", "South partnership", 0.4), ("Eastwick", "South partnership", 0.6),
]
START = datetime.date(2021, 1, 5)


def make_meeting(rng: random.Random, words: int, ecological: float) -> tuple[str, int]:
    lines, spoken = [], 0
    while spoken < words:
        name, _agency, _role = rng.choice(PEOPLE)
        sentences = []
        for _ in range(rng.randint(1, 6)):
            pool = OTHER if rng.random() < 0.4 else ECOLOGICAL if rng.random() < ecological else BEHAVIOUR
            sentences.append(rng.choice(pool))
        turn = " ".join(sentences)
        lines.append(f"{name}: {turn}")
        spoken += len(turn.split())
    return "\n".join(lines) + "\n", spoken


def make_corpus(folder: Path, meetings: int, words: int, seed: int = 1) -> int:
    """Write ``meetings`` transcripts of about ``words`` words, roster.csv and meetings.csv into
    ``folder``; return the number of spoken words."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total, manifest = 0, ["file,title,date,department,partnership"]
    for number in range(meetings):
        department, partnership, ecological = DEPARTMENTS[number % len(DEPARTMENTS)]
        date = START + datetime.timedelta(days=14 * (number // len(DEPARTMENTS)))
        if partnership == "South partnership":  # drifts towards ecological framing over the years
            ecological = min(0.9, ecological + 0.25 * (date - START).days / 365)
        text, spoken = make_meeting(rng, words, ecological)
        name = f"meeting-{number:04d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        manifest.append(f"{name},{department} panel {date},{date},{department},{partnership}")
        total += spoken
    roster = "name,agency,role\n" + "".join(f"{n},{a},{r}\n" for n, a, r in PEOPLE)
    (folder / "roster.csv").write_text(roster, encoding="utf-8")
    (folder / "meetings.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--meetings", type=int, default=24)
    parser.add_argument("--words", type=int, default=1500, help="words per meeting (about)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    words = make_corpus(args.folder, args.meetings, args.words, args.seed)
    print(f"{args.meetings} meetings, {words:,} words in {args.folder}")


if __name__ == "__main__":
    main()
